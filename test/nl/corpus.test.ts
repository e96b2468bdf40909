/**
 * The natural-language corpus: every `test/nl/corpus/*.jsonl` line is one phrase with
 * its zone, reference time and the expectation worked out from the calendar (see
 * test/nl/corpus/make-corpus.py, which writes the files). One vitest test per case.
 *
 * Case format: {"text","tz","now","dateOrder"?,"note"?,"expect":{…}} where expect is
 * - {"ok":false,"errorIncludes"?} — the phrase must be rejected;
 * - {"ok"?:"either","kind"?,"text"?,"next":[ISO…]} — accepted with these first fires (compared as
 *   instants, as many as listed); with "ok":"either" a rejection is also fine, but an accepted
 *   result must match (a partial match on the wrong day is the bug being guarded against).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/nl/parse.js';
import type { DateOrder } from '../../src/core/date-order.js';
import type { ParseOptions, ParseResult } from '../../src/nl/types.js';

interface CorpusCase {
  file: string;
  text: string;
  tz: string;
  now: string;
  dateOrder?: DateOrder;
  note?: string;
  expect: { ok: false; errorIncludes?: string } | { ok?: 'either'; kind?: 'once' | 'recurring'; text?: string; next: string[] };
}

const dir = join(dirname(fileURLToPath(import.meta.url)), 'corpus');

function loadCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        cases.push({ file, ...(JSON.parse(line) as Omit<CorpusCase, 'file'>) });
      } catch (err) {
        throw new Error(`${file}:${i + 1}: bad JSON: ${String(err)}`);
      }
    });
  }
  return cases;
}

const corpus = loadCorpus();

/** Shows a result's fires in the case's zone-independent ISO form, for readable failures. */
function describeResult(r: ParseResult): string {
  if (!r.ok) return `rejected: ${r.error}`;
  return `${r.kind} "${r.text}" ${r.next.map((d) => d.toISOString()).join(', ')} (${r.spec})`;
}

describe('NL corpus: shape', () => {
  it('has at least 300 cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
  });

  it('covers Europe/Berlin, America/New_York and Asia/Tokyo with many cases each', () => {
    for (const tz of ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo']) {
      expect(corpus.filter((c) => c.tz === tz).length, tz).toBeGreaterThanOrEqual(50);
    }
  });

  it('has rejects, recurring cases and DST cases', () => {
    expect(corpus.filter((c) => c.expect.ok === false).length).toBeGreaterThanOrEqual(20);
    expect(corpus.filter((c) => c.expect.ok !== false && c.expect.kind === 'recurring').length).toBeGreaterThanOrEqual(50);
    expect(corpus.filter((c) => c.file === 'dst.jsonl').length).toBeGreaterThanOrEqual(20);
  });

  it('every case has a valid zone, a reference time and instants with offsets', () => {
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;
    for (const c of corpus) {
      expect(() => new Intl.DateTimeFormat('en', { timeZone: c.tz }), c.tz).not.toThrow();
      expect(c.now, c.text).toMatch(iso);
      if (c.expect.ok !== false) {
        expect(c.expect.next.length, c.text).toBeGreaterThan(0);
        for (const n of c.expect.next) expect(n, c.text).toMatch(iso);
        if (c.expect.kind === 'recurring') expect(c.expect.next.length, c.text).toBeGreaterThanOrEqual(3);
      }
    }
  });
});

describe('NL corpus: parse', () => {
  it.each(corpus.map((c) => [`${c.file} ${JSON.stringify(c.text)} ${c.tz}`, c] as const))('%s', (_name, c) => {
    const opts: ParseOptions = { now: new Date(c.now), timeZone: c.tz };
    if (c.dateOrder !== undefined) opts.dateOrder = c.dateOrder;
    const result = parse(c.text, opts);
    const shown = `${describeResult(result)}${c.note ? `\nnote: ${c.note}` : ''}`;
    const want = c.expect;

    if (want.ok === false) {
      expect(result.ok, shown).toBe(false);
      if (!result.ok && want.errorIncludes !== undefined) {
        expect(result.error.toLowerCase()).toContain(want.errorIncludes.toLowerCase());
      }
      return;
    }
    if (want.ok === 'either' && !result.ok) return;
    expect(result.ok, shown).toBe(true);
    if (!result.ok) return;
    if (want.kind !== undefined) expect(result.kind, shown).toBe(want.kind);
    if (want.text !== undefined) expect(result.text, shown).toBe(want.text);
    const got = result.next.slice(0, want.next.length).map((d) => d.toISOString());
    const expected = want.next.map((s) => new Date(s).toISOString());
    expect(got, shown).toEqual(expected);
  });
});
