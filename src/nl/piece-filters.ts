/**
 * Clean-up passes over the recognised pieces, before grouping: bounds ("starting …",
 * "until …"), prepositions that belong to a date, dates used as words of the text ("the 7pm
 * show", "tomorrow's meeting", "xmas gifts"), and leftovers that look like times or dates we
 * could not read.
 */
import { maskClaimed, type Piece } from './pieces.js';
import type { ParseRejection } from './types.js';
import { foreignClockPreposition, foreignTimeWords } from './foreign.js';
import { suspiciousDateWord } from './suspicious.js';
import { reject } from './rejection.js';
import { PREFIX } from './text.js';

const START_WORDS =
  /(?:^|\s)(?:starting(?:\s+from)?|start(?:ing)?\s+on|beginning|from|as\s+of|effective|commencing)\s+(?:on\s+|at\s+|the\s+)?$/;
const END_WORDS =
  /(?:^|\s)(?:until|till|til|through|thru|ending(?:\s+on)?|up\s+to|up\s+until|no\s+later\s+than|by\s+the\s+end\s+of)\s+(?:on\s+|at\s+|the\s+)?$/;

/** Marks date/time pieces introduced by "starting …" or "until …" and widens their span. */
export function markRoles(text: string, pieces: Piece[], recurring: boolean): void {
  if (!recurring) return;
  for (const p of pieces) {
    if (p.repeat || p.role || p.count !== undefined || p.window || p.minuteOfHour !== undefined) continue;
    const before = text.slice(Math.max(0, p.start - 40), p.start);
    const s = START_WORDS.exec(before);
    const e = END_WORDS.exec(before);
    const m = s ?? e;
    if (!m) continue;
    p.role = s ? 'start' : 'end';
    p.start -= before.length - m.index - (m[0].startsWith(' ') ? 1 : 0);
  }
  // "from dec 1 to dec 5": what follows a start after "to" is the end
  for (let i = 1; i < pieces.length; i++) {
    const prev = pieces[i - 1]!;
    const p = pieces[i]!;
    if (prev.role !== 'start' || p.role || p.repeat || !(p.date || p.time)) continue;
    const gap = /^\s*(?:to|through|thru|till|until|-)\s*$/.exec(text.slice(prev.end, p.start));
    if (!gap) continue;
    p.role = 'end';
    p.start = prev.end;
  }
  // "every day in january": the month bounds the repeat
  for (const p of pieces) if (!p.role && !p.repeat && p.date?.kind === 'month') p.role = 'during';
}

/**
 * Dates and times used as words of the text: "tomorrow's meeting", "the 7pm show". When the
 * request has another time they are text only; when not, they still give the time but stay
 * in the text. Returns the pieces to leave in the text.
 */
/** A word of the text follows the piece ("the 7pm show", "weekly sync"), not more of the time phrase. */
function nounAfter(text: string, p: Piece): boolean {
  // "weekly 1:1", "biweekly 1-on-1": a meeting, not a clock time
  if (/^\s+(?:1:1|1-on-1|1on1)(?![\w:])/.test(text.slice(p.end))) return true;
  return (
    /^\s+[a-z]/.test(text.slice(p.end, p.end + 3)) &&
    !/^\s+(?:at|on|in|by|and|or|to|every|each|until|till|for|from|next|after|before|starting|except|between|tomorrow|today|tonight|morning|afternoon|evening|night|noon|midnight|about|with|without|please|if|so|because|when|while|as|but|then|again|too|also|instead|\d)\b/.test(
      text.slice(p.end),
    )
  );
}

/**
 * "every monday at 10 weekly sync", "tomorrow at 9 daily standup notes": a repeat adverb
 * right before a noun names the thing ("weekly sync") when the rest of the request already
 * says when; it stays in the text and does not change the schedule. Alone ("daily standup at
 * 9") it is the repeat.
 */
export function dropAttributiveRepeats(text: string, pieces: Piece[]): void {
  const adjectives = pieces.filter((p) => p.source === 'repeat-adverb' && nounAfter(text, p));
  if (adjectives.length === 0) return;
  const others = pieces.some((p) => !adjectives.includes(p) && (p.repeat || p.date || p.duration));
  if (!others) return;
  for (const p of adjectives) pieces.splice(pieces.indexOf(p), 1);
}

/** A word that makes the day after it the reminder's day ("on the 2nd", "at the weekend"). */
const DAY_PREPOSITION_BEFORE =
  /(?:^|\s)(?:on|at|by|for|until|till|from|starting|before|after|of|every|each|this|next|over|during|in|me|us)\s+(?:a\s+|the\s+)?$/;

export function dropAttributive(text: string, pieces: Piece[]): Set<Piece> {
  const nounAfterPiece = (p: Piece): boolean => nounAfter(text, p);
  const articleBefore = (p: Piece): boolean => /\b(?:the|a|an|my|your|our|their)\s+$/.test(text.slice(Math.max(0, p.start - 8), p.start));
  const attributive = (p: Piece): boolean =>
    (p.date !== undefined || p.time !== undefined) &&
    !p.repeat &&
    (/^'s\b/.test(text.slice(p.end, p.end + 3)) ||
      // "the 7pm show", "the 3rd floor"
      (articleBefore(p) && /^\d/.test(text.slice(p.start, p.end)) && nounAfterPiece(p)) ||
      // "the monday meeting"
      (p.date?.kind === 'weekday' && /^the\s/.test(text.slice(p.start, p.end)) && nounAfterPiece(p)) ||
      // "pay the 2nd installment", "buy a sunday roast", "look at the weekend plan" (not "on the 2nd", "at the weekend")
      // "plan the new year party", "buy the christmas tree"
      (!p.time &&
        (/^the\s+\d/.test(text.slice(p.start, p.end)) ||
          ((p.date?.kind === 'weekday' || p.date?.kind === 'weekend' || isHoliday(p)) &&
            (articleBefore(p) || /^the\s/.test(text.slice(p.start, p.end)))) ||
          // "look at the weekend plan", "shop at the weekend market": the "at" is the text's verb's
          (p.date?.kind === 'weekend' && /^(?:at|on|over)\s+the\s/.test(text.slice(p.start, p.end))) ||
          // "call mom about sunday lunch": what the call is about
          ((p.date?.kind === 'weekday' || p.date?.kind === 'weekend') &&
            /\babout\s+$/.test(text.slice(Math.max(0, p.start - 8), p.start)))) &&
        /\p{L}\s+$/u.test(text.slice(Math.max(0, p.start - 12), p.start)) &&
        !DAY_PREPOSITION_BEFORE.test(text.slice(Math.max(0, p.start - 12), p.start)) &&
        nounAfterPiece(p)));
  const marked = pieces.filter(attributive);
  const keep = new Set<Piece>();
  if (marked.length === 0) return keep;
  const others = pieces.some((p) => !marked.includes(p) && (p.date || p.time || p.duration || p.repeat));
  for (const p of marked) {
    if (others) pieces.splice(pieces.indexOf(p), 1);
    // "buy the christmas tree" names the tree, not the day: reminding on Christmas would be a guess
    else if (isHoliday(p) && !/^'s\b/.test(text.slice(p.end, p.end + 3))) p.refuse = holidayAsThing(text, p);
    else keep.add(p);
  }
  return keep;
}

const PREPOSITION_BEFORE = /\b(?:(?:on|at|by|around|@)\s+(?:the\s+)?|the\s+)$/;

/** "on 24-12-2026", "on the twenty-fourth of december": the preposition belongs to the date. */
export function absorbPrepositions(text: string, pieces: Piece[], claimed: boolean[]): void {
  for (const p of pieces) {
    if (!(p.date || p.time)) continue;
    const m = PREPOSITION_BEFORE.exec(text.slice(Math.max(0, p.start - 12), p.start));
    if (!m) continue;
    // "drop by on friday", "stop by at 5": a piece with its own preposition takes no second one
    if (!m[0].startsWith('the') && /^(?:on|at|by|around|@)\s/.test(text.slice(p.start, p.end))) continue;
    const start = p.start - m[0].length;
    if (claimed.slice(start, p.start).some(Boolean)) continue;
    for (let i = start; i < p.start; i++) claimed[i] = true;
    p.start = start;
  }
}

function isHoliday(p: Piece): boolean {
  return p.source === 'date-holiday' || p.source === 'date-holiday-moving';
}

function holidayAsThing(text: string, p: Piece): { error: string; example: string } {
  const thing = /^\s*([\p{L}'’-]+)/u.exec(text.slice(p.end))?.[1] ?? '';
  const phrase = `${text.slice(p.start, p.end).replace(/^the\s+/, '')} ${thing}`.trim();
  const prefix = PREFIX.exec(text)?.[0] ?? '';
  const about = /\b(that|about)\s*$/.exec(prefix)?.[1] ?? 'to';
  const task = text
    .slice(prefix.length)
    .replace(/^(?:to|that|about)\s+/, '')
    .trim();
  return {
    error: `When should I remind you? "${phrase}" names a thing, not the day to remind you. Say when before the task.`,
    example: `remind me tomorrow at 9 ${about} ${task}`,
  };
}

const HOLIDAY_PREFIX = /\b(?:on|at|by|for|until|till|before|after|this|next|from|starting|every|each)\s+(?:the\s+)?$/;

/**
 * "buy xmas gifts tomorrow": a holiday name is the date only when introduced as one ("on
 * christmas eve") or when nothing else in the request is a date.
 */
export function dropLooseHolidays(text: string, pieces: Piece[]): void {
  const others = pieces.some((p) => !isHoliday(p) && (p.date || p.duration || p.repeat));
  if (!others) return;
  for (let i = pieces.length - 1; i >= 0; i--) {
    const p = pieces[i]!;
    if (!isHoliday(p) || /^on\s/.test(text.slice(p.start, p.end))) continue;
    if (!HOLIDAY_PREFIX.test(text.slice(Math.max(0, p.start - 20), p.start))) pieces.splice(i, 1);
  }
}

/**
 * Time-like words nobody claimed ("25:00", "at 13pm") mean we misread the request: say so
 * instead of dropping them into the reminder text.
 */
export function unreadTime(text: string, claimed: boolean[]): ParseRejection | undefined {
  const masked = maskClaimed(text, claimed);
  const foreign = foreignTimeWords(masked) ?? foreignClockPreposition(text, claimed);
  if (foreign) return reject(foreign.error, foreign.example);
  const loose = looseNumber(text, masked, claimed);
  if (loose) return loose;
  // "3:5pm", "3.5pm", "3:555pm", "1:2:3pm": a clock with its minutes miswritten
  const malformed = /(?<![\w:.])(\d{1,2}(?:[:.]\d+)+\s*(?:am|pm))\b/.exec(masked);
  if (malformed) return reject(`"${malformed[1]}" is not a time I can read. Write minutes with two digits.`, 'at 3:05pm');
  // "at 7 pn": a misspelt am/pm next to the hour; reading "7" alone would guess the half of the day
  const meridiemTypo = /\b\d{1,2}\s*(pn|pmm|amm|apm|a\.n|p\.n)(?![\w])/.exec(text);
  if (meridiemTypo && !claimed[meridiemTypo.index + meridiemTypo[0].length - 1])
    return reject(`I don't know "${meridiemTypo[1]}" next to the time. Did you mean am or pm?`, 'tomorrow at 7pm');
  const bad = /\b(?:at\s+)?(\d{1,2}:\d{2}|\d{1,2}\s*(?:am|pm))\b/.exec(masked);
  if (bad) return reject(`"${bad[1]}" is not a time I can read.`, 'at 5:30pm');
  const suspicious = suspiciousDateWord(masked);
  if (suspicious) return reject(suspicious.error, suspicious.example);
  const unitless = /\bin\s+(\d+(?:\.\d+)?)(?!\s*[a-z\d:./])/.exec(masked);
  if (unitless) return reject(`In ${unitless[1]} what? Say minutes, hours or days.`, `in ${unitless[1]} minutes`);
  return undefined;
}

/** "0930", "9.30", "9,30", "930h": a clock time in a form the grammar does not know. */
const CLOCK_LIKE = /^(?:\d{1,2}[.,h]\d{2}|[01]?\d[0-5]\d|2[0-3][0-5]\d)h?$/;
/** Request prefixes before a time at the very start ("remind me 9.30 …"). */
const LEADING = /^\s*(?:remind\s+(?:me|us)\s+(?:to\s+)?)?$/;

/**
 * A number right after a time phrase ("dec 24 at 9 2027", "tomorrow 9 30") or a clock-like
 * number opening the request ("9.30 call") belongs to the time; dropping it into the text
 * while scheduling the rest would be a silent guess.
 */
function looseNumber(text: string, masked: string, claimed: boolean[]): ParseRejection | undefined {
  for (const m of masked.matchAll(/(?<![\w.,:/-])\d+(?:[.,h]\d+)?h?(?![\w.,:/-]*\w)/g)) {
    const token = m[0];
    let i = m.index - 1;
    while (i >= 0 && !claimed[i] && /[\s,]/.test(text[i]!)) i--;
    const afterTime = i >= 0 && claimed[i] === true;
    // "at 9 and 5 take meds": the 5 is another time or part of the text; either guess is silent
    const joined = /(?:^|[^\w])(and|or|&)$/.exec(text.slice(0, i + 1));
    if (!afterTime && joined) {
      let j = i - joined[1]!.length;
      while (j >= 0 && !claimed[j] && /\s/.test(text[j]!)) j--;
      if (j >= 0 && claimed[j] === true && /^\d{1,2}(?:[:.]\d{2})?$/.test(m[0])) {
        return reject(
          `Is "${m[0]}" after "${joined[1]}" a second time? Write it as one ("at ${m[0]}", "${m[0]}pm"); if it belongs to the text, put the text first.`,
          'at 9am and at 5pm take meds',
        );
      }
    }
    const atStart = LEADING.test(masked.slice(0, m.index));
    if (!afterTime && !(atStart && CLOCK_LIKE.test(token))) continue;
    const n = Number(token);
    if (/^\d{4}$/.test(token) && n >= 1900 && n < 2200) {
      return reject(`Is "${token}" a year? Write it right after the date.`, `on dec 24 ${token} at 9am`);
    }
    if (CLOCK_LIKE.test(token)) {
      return reject(`I can't read "${token}" as a time. Write it with a colon, like 09:30.`, 'tomorrow at 09:30');
    }
    return reject(
      `I could not tell what "${token}" means next to the time. Write times like 9:30 and dates like dec 24.`,
      'tomorrow at 9:30am',
    );
  }
  return undefined;
}
