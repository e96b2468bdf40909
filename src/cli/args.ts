import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../core/errors.js';
import { checkTextLength, hasVisibleText } from '../core/text-limit.js';
import { zoneIdFromUser } from '../core/time/zone-id.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs in strict mode, with its errors turned into UserErrors that show the
 * command's usage (`Unknown option '--colour'. Valid options: --status, … Usage: chime jobs list …`).
 */
export function parseOptions<O extends Options>(argv: string[], options: O, usage: string) {
  return parseOptionsAndWords(argv, options, usage, false).values;
}

/** {@link parseOptions} for a command that also takes words (`chime parse --tz X tomorrow 9am`). */
export function parseOptionsAndWords<O extends Options>(argv: string[], options: O, usage: string, allowPositionals = true) {
  const parsed = (() => {
    try {
      return parseArgs({ args: argv, options, strict: true, allowPositionals, tokens: true });
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).replace(/\. To specify a positional argument.*$/s, '.');
      // A mistyped option is refused with every one the command knows, so the fix is in sight.
      const valid = /^Unknown option/.test(message)
        ? ` Valid options: ${Object.keys(options)
            .map((o) => `--${o}`)
            .join(', ')}.`
        : '';
      throw new UserError('cli.arguments', `${message.replace(/\.?$/, '.')}${valid}`, usage);
    }
  })();
  refuseRepeats(parsed.tokens, options, usage);
  return parsed;
}

/**
 * An option given twice (`--text hi --text bye`) is refused: parseArgs keeps the last one, so
 * the other would be dropped without a word.
 */
function refuseRepeats(
  tokens: ReadonlyArray<{ kind: string; name?: string; value?: string | undefined }>,
  options: Options,
  usage: string,
): void {
  const seen = new Map<string, string | undefined>();
  for (const t of tokens) {
    if (t.kind !== 'option' || t.name === undefined || options[t.name]?.multiple) continue;
    if (seen.has(t.name)) {
      const values = options[t.name]?.type === 'string' ? ` ("${seen.get(t.name)}" and "${t.value}")` : '';
      throw new UserError('cli.arguments', `--${t.name} is given twice${values}; give it once.`, usage);
    }
    seen.set(t.name, t.value);
  }
}

/** A required string option; a UserError naming it when missing. */
export function required(value: string | undefined, name: string, usage: string): string {
  if (value === undefined || value === '') throw new UserError('cli.missing', `--${name} is required.`, usage);
  return value;
}

/** A positive integer option (`--limit 20`), or `fallback` when absent. */
export function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UserError('cli.number', `--${name} must be a positive whole number (got "${value}").`, `--${name} 10`);
  return Number(value);
}

/** A whole-number option within `range` (`--retries 0`), or `fallback` when absent. */
export function intInRange(value: string | undefined, name: string, range: { min: number; max: number }, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < range.min || n > range.max)
    throw new UserError(
      'cli.number',
      `--${name} must be a whole number from ${range.min} to ${range.max} (got "${value}").`,
      `--${name} ${Math.max(range.min, Math.min(range.max, 3))}`,
    );
  return n;
}

/** `--tz` in its canonical spelling (europe/london is Europe/London); refused when it is no zone or an abbreviation the runtime reads without summer time (EST, MST). */
export function zoneOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const read = zoneIdFromUser(value);
  if (!read.ok) throw new UserError(read.code, read.reason, `--tz ${read.example}`);
  return read.zone;
}

/** `--format table|json`. */
export function outputFormat(value: string | undefined): 'table' | 'json' {
  if (value === undefined || value === 'table') return 'table';
  if (value === 'json') return 'json';
  throw new UserError('cli.format', `--format must be table or json (got "${value}").`, '--format json');
}

/** Parses `--data` as a JSON object. */
export function jsonObject(value: string | undefined, name = 'data'): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (err) {
    throw new UserError('cli.json', `--${name} is not valid JSON: ${(err as Error).message}`, `--${name} '{"type": "incremental"}'`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UserError('cli.json', `--${name} must be a JSON object.`, `--${name} '{"type": "incremental"}'`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * `--text` not blank, and `--text` and `--command` within CHIME_MAX_TEXT_LENGTH, the limit the
 * chat applies too, so a job made here can be read, edited and delivered like one made in the chat.
 */
export function withinTextLimit(opts: { text?: string | undefined; command?: string | undefined }, max: number): void {
  // The chat asks "what for?" when a request has no text; a blank --text would arrive as a bare
  // alarm showing only the job's name.
  if (opts.text !== undefined && !hasVisibleText(opts.text)) {
    throw new UserError('cli.empty', '--text is empty: say what to remind of.', '--text "call the bank"');
  }
  if (opts.text !== undefined) checkTextLength(opts.text, max, '--text', '--text "call the bank"   (or raise CHIME_MAX_TEXT_LENGTH)');
  if (opts.command !== undefined) checkTextLength(opts.command, max, '--command', '--command "/recall"');
}
