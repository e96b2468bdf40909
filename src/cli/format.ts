/** Output helpers shared by the CLI commands: aligned tables, instants in a zone, JSON. */
import { clip as clipText } from '../core/text-limit.js';
import { formatInZone } from '../core/time/zoned.js';

/**
 * Renders rows as a left-aligned text table with a header line. No rows print `empty`, which
 * should say where the command looked ("No jobs in /srv/chime/data/chime.db."): an empty answer
 * from the wrong database must not look like an empty database.
 */
export function table(columns: string[], rows: string[][], empty = '(none)'): string {
  if (rows.length === 0) return `${empty}\n`;
  const widths = widthsOf(columns, rows);
  return `${[tableLine(columns, widths), ...rows.map((r) => tableLine(r, widths))].join('\n')}\n`;
}

function widthsOf(columns: string[], rows: string[][]): number[] {
  return columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
}

function tableLine(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();
}

/**
 * A table written page by page, for listings too long to hold in memory. Column widths come
 * from the first page and then stay, so a listing of one page looks exactly like `table`.
 */
export function tableWriter(columns: string[], write: (text: string) => void): { page(rows: string[][]): void; readonly rows: number } {
  let widths: number[] | undefined;
  let count = 0;
  return {
    page(rows) {
      if (rows.length === 0) return;
      let text = '';
      if (!widths) {
        widths = widthsOf(columns, rows);
        text = `${tableLine(columns, widths)}\n`;
      }
      const fixed = widths;
      write(`${text + rows.map((r) => tableLine(r, fixed)).join('\n')}\n`);
      count += rows.length;
    },
    get rows() {
      return count;
    },
  };
}

/** A JSON array written item by item; the whole output equals `json(items)`. */
export function jsonArrayWriter(write: (text: string) => void): { items(values: unknown[]): void; end(): void } {
  let first = true;
  return {
    items(values) {
      if (values.length === 0) return;
      const text = values.map((v) => `  ${JSON.stringify(v, null, 2).split('\n').join('\n  ')}`).join(',\n');
      write((first ? '[\n' : ',\n') + text);
      first = false;
    },
    end() {
      write(first ? '[]\n' : '\n]\n');
    },
  };
}

/**
 * An instant as wall time in `timeZone` with its offset, e.g. `2026-11-22 11:00:00 +01:00`.
 * `-` for null, so tables stay aligned.
 */
export function instant(d: Date | null | undefined, timeZone = 'UTC'): string {
  if (!d) return '-';
  // The core's zone arithmetic (cached formatters): a listing of 100,000 jobs formats each
  // next run without building a new Intl formatter for it.
  const iso = formatInZone(d, timeZone);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} ${iso.slice(19)}`;
}

/** Pretty JSON with a trailing newline; Dates become ISO strings. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `text` on one line (whitespace runs become one space), clipped to `max` characters. */
export function clip(text: string, max = 40): string {
  return clipText(text.replace(/\s+/g, ' '), max);
}
