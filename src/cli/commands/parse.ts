/**
 * `chime parse "<text>" [--tz Europe/Berlin] [--now 2026-11-22T10:00:00+01:00] [--json]
 * [--date-order dmy|mdy]` prints how a reminder request is understood; `chime parse --jsonl`
 * reads one `{"text","tz","now","dateOrder"?}` object per stdin line and writes one result per
 * line, in order (for evaluating hundreds of phrases in one process).
 */
import { createInterface } from 'node:readline';
import { SystemClock } from '../../core/system-clock.js';
import { systemTimeZone } from '../../core/time/zone-id.js';
import { formatInZone } from '../../core/time/zoned.js';
import { parse } from '../../nl/parse.js';
import type { DateOrder } from '../../core/date-order.js';
import type { ParseResult } from '../../nl/types.js';
import { wallNoteText } from '../../nl/wall-note-text.js';
import { parseOptionsAndWords } from '../args.js';

type Sink = NodeJS.WritableStream | ((text: string) => void);

/** Streams for the command; accepts the CLI's CliIo (write functions) as well as streams. */
export interface ParseCommandIo {
  /** Input for --jsonl; default the process's stdin. */
  stdin?: NodeJS.ReadableStream;
  stdout: Sink;
  stderr: Sink;
  env?: Record<string, string | undefined>;
}

const USAGE =
  'Usage: chime parse "<text>" [--tz Europe/Berlin] [--now 2026-11-22T10:00:00+01:00] [--json] [--date-order dmy|mdy]\n       chime parse --jsonl < phrases.jsonl\n';

function writer(sink: Sink): (text: string) => void {
  return typeof sink === 'function' ? sink : (text) => void sink.write(text);
}

/** The JSON shape of a result (what the corpus tests compare): `next` as ISO instants with the zone's offset. */
export function resultJson(r: ParseResult): Record<string, unknown> {
  // Exactly the issue's shape: the example joins the message.
  if (!r.ok) return { ok: false, error: r.example ? `${r.error} Try: "${r.example}".` : r.error };
  return {
    ok: true,
    kind: r.kind,
    text: r.text,
    next: r.next.map((d) => formatInZone(d, r.timeZone)),
    schedule: r.spec,
    ...(r.wallNotes?.length ? { wallNotes: r.wallNotes.map((n) => ({ ...n, at: formatInZone(n.at, r.timeZone) })) } : {}),
    ...(r.caveats?.length ? { caveats: r.caveats } : {}),
  };
}

function human(r: ParseResult): string {
  if (!r.ok) return `Sorry: ${r.error}${r.example ? `\nTry: ${r.example}` : ''}\n`;
  const notes = [...(r.wallNotes ?? []).map((n) => wallNoteText(n, r.timeZone)), ...(r.caveats ?? [])];
  const lines = [
    `Reminder: ${r.text || '(no text)'}`,
    `Kind:     ${r.kind}`,
    `Zone:     ${r.timeZone}`,
    `Schedule: ${r.spec}`,
    `Next:     ${r.next.map((d) => formatInZone(d, r.timeZone)).join('\n          ')}`,
    ...notes.map((n, i) => `${i === 0 ? 'Note:    ' : '         '} ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}

function dateOrderOf(value: unknown): DateOrder | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined;
  return value === 'dmy' || value === 'mdy' ? value : 'invalid';
}

function parseNow(value: unknown): Date | undefined {
  if (value === undefined || value === null) return new SystemClock().now();
  if (typeof value !== 'string') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function defaultZone(env: Record<string, string | undefined> | undefined): string {
  return env?.CHIME_TZ ?? env?.TZ ?? systemTimeZone();
}

/** One JSONL line -> one result object. */
function parseLine(line: string, fallbackZone: string): Record<string, unknown> {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { ok: false, error: 'This line is not JSON.' };
  }
  if (!input || typeof input !== 'object' || typeof (input as { text?: unknown }).text !== 'string') {
    return { ok: false, error: 'Each line needs a "text" string.' };
  }
  const o = input as { text: string; tz?: unknown; now?: unknown; dateOrder?: unknown };
  const now = parseNow(o.now);
  if (!now) return { ok: false, error: `"now" is not a date: ${JSON.stringify(o.now)}` };
  const order = dateOrderOf(o.dateOrder);
  if (order === 'invalid') return { ok: false, error: 'dateOrder must be dmy or mdy.' };
  const timeZone = typeof o.tz === 'string' ? o.tz : fallbackZone;
  return resultJson(parse(o.text, { now, timeZone, ...(order ? { dateOrder: order } : {}) }));
}

/** Runs `chime parse`; resolves to the exit code: 1 when the request is rejected or the command is misused (the CLI's one rule for errors, README). */
export async function parseCommand(argv: string[], io: ParseCommandIo): Promise<number> {
  const out = writer(io.stdout);
  const err = writer(io.stderr);
  let values: {
    tz?: string | undefined;
    now?: string | undefined;
    json?: boolean | undefined;
    jsonl?: boolean | undefined;
    'date-order'?: string | undefined;
    help?: boolean | undefined;
  };
  let positionals: string[];
  try {
    // The CLI's own option reading: an unknown option lists the valid ones, a repeated one is
    // refused (parseArgs alone would keep the last --tz without a word).
    ({ values, positionals } = parseOptionsAndWords(
      argv,
      {
        tz: { type: 'string' },
        now: { type: 'string' },
        json: { type: 'boolean' },
        jsonl: { type: 'boolean' },
        'date-order': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      USAGE,
    ));
  } catch (e) {
    err(`${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const zone = values.tz ?? defaultZone(io.env);
  if (values.jsonl) {
    const stdin = io.stdin ?? process.stdin;
    const rl = createInterface({ input: stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      if (line.trim() === '') continue;
      out(`${JSON.stringify(parseLine(line, zone))}\n`);
    }
    return 0;
  }
  const text = positionals.join(' ');
  if (text.trim() === '') {
    err(`Nothing to parse.\n${USAGE}`);
    return 1;
  }
  const now = parseNow(values.now);
  if (!now) {
    err(`--now is not a date: ${values.now}\n`);
    return 1;
  }
  const order = dateOrderOf(values['date-order']);
  if (order === 'invalid') {
    err('--date-order must be dmy or mdy.\n');
    return 1;
  }
  const result = parse(text, { now, timeZone: zone, ...(order ? { dateOrder: order } : {}) });
  if (values.json) out(`${JSON.stringify(resultJson(result))}\n`);
  else if (result.ok) out(human(result));
  else err(human(result));
  return result.ok ? 0 : 1;
}
