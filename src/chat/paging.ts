import { UserError } from '../core/errors.js';
import { DEFAULT_MAX_TEXT_LENGTH } from '../core/text-limit.js';

/**
 * Long answers (/recall, /list, /history) come in pages that each fit one message on every
 * platform (Discord's 2,000 characters being the smallest), with a footer saying how to get
 * the next one, so nothing is cut off or out of reach. The page is asked for in text
 * ("/recall page 2"), which every platform and the console can send.
 */
export const PAGE_CHARS = DEFAULT_MAX_TEXT_LENGTH;

/** Room kept for the footer ("Page 12 of 40 · next: /history page 13"). */
const FOOTER_ROOM = 80;

/**
 * Reads a page request in a command's arguments: "page 2" anywhere, or "2" alone when `bare`
 * numbers are allowed. Returns the page (1 when none is asked for) and the other arguments.
 */
export function readPageArg(args: string, opts: { bare?: boolean } = {}): { page: number; rest: string } {
  const text = args.trim();
  if (opts.bare && /^\d{1,6}$/.test(text)) return { page: Math.max(1, Number(text)), rest: '' };
  const m = /(?:^|\s)page\s*(\d{1,6})(?=\s|$)/i.exec(text);
  if (!m) return { page: 1, rest: text };
  return { page: Math.max(1, Number(m[1])), rest: (text.slice(0, m.index) + text.slice(m.index + m[0].length)).trim() };
}

/** Lines longer than a page are cut into pieces, continued on the next line. */
function fitLines(lines: string[], room: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.length <= room) {
      out.push(line);
      continue;
    }
    for (let i = 0; i < line.length; i += room - 2) out.push(i === 0 ? line.slice(0, room - 2) : `… ${line.slice(i, i + room - 2)}`);
  }
  return out;
}

/** Splits `lines` into pages of at most `room` characters each (lines joined by newlines). */
function splitPages(lines: string[], room: number): string[][] {
  const pages: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of fitLines(lines, room)) {
    if (current.length > 0 && size + 1 + line.length > room) {
      pages.push(current);
      current = [];
      size = 0;
    }
    size += (current.length > 0 ? 1 : 0) + line.length;
    current.push(line);
  }
  if (current.length > 0 || pages.length === 0) pages.push(current);
  return pages;
}

/**
 * Page `page` (from 1) of `head` followed by `lines`, at most PAGE_CHARS characters. When
 * there are several pages, a footer names the page and the command for the next one
 * (`pageCommand(n)`, e.g. "/recall page 2"). A page past the end is refused with the last one.
 */
export function pageOf(head: string, lines: string[], page: number, pageCommand: (n: number) => string): string {
  const pages = splitPages(lines, PAGE_CHARS - head.length - 1 - FOOTER_ROOM);
  if (page > pages.length) {
    throw new UserError(
      'page.range',
      `There ${pages.length === 1 ? 'is only 1 page' : `are only ${pages.length} pages`}.`,
      pageCommand(pages.length),
    );
  }
  const body = [head, ...(pages[page - 1] ?? [])].join('\n');
  if (pages.length === 1) return body;
  const next = page < pages.length ? ` · next: ${pageCommand(page + 1)}` : '';
  return `${body}\n— Page ${page} of ${pages.length}${next}`;
}
