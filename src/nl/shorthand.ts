/**
 * Normalises chat shorthand and typos before the grammar runs ("tmrw", "2moro", "2nite", "nxt",
 * "@ 5", "a.m.", misspelt weekday and month names). The result is lower case and keeps, for
 * every character, the span of the original text it came from, so the reminder text can be
 * cut out of the original verbatim.
 */

/** Normalised text plus a map back to the original. */
export interface Normalized {
  text: string;
  /** For each character of `text`: start index in the original. */
  from: number[];
  /** For each character of `text`: end index (exclusive) in the original. */
  to: number[];
}

const WORD_FIXES: Record<string, string> = {
  tmrw: 'tomorrow',
  tmrow: 'tomorrow',
  tmr: 'tomorrow',
  tmw: 'tomorrow',
  tmro: 'tomorrow',
  tomoz: 'tomorrow',
  tomorow: 'tomorrow',
  tommorow: 'tomorrow',
  tommorrow: 'tomorrow',
  tomorrw: 'tomorrow',
  tomorro: 'tomorrow',
  tmorrow: 'tomorrow',
  tomrrow: 'tomorrow',
  tomrow: 'tomorrow',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  '2morow': 'tomorrow',
  '2mrw': 'tomorrow',
  '2mro': 'tomorrow',
  tomm: 'tomorrow',
  '2nite': 'tonight',
  '2night': 'tonight',
  tonite: 'tonight',
  tonigt: 'tonight',
  tonihgt: 'tonight',
  '2day': 'today',
  tdy: 'today',
  todya: 'today',
  nxt: 'next',
  nex: 'next',
  yday: 'yesterday',
  yest: 'yesterday',
  'a.m.': 'am',
  'p.m.': 'pm',
  'a.m': 'am',
  'p.m': 'pm',
  tues: 'tuesday',
  thurs: 'thursday',
  thur: 'thursday',
  weds: 'wednesday',
  'mid-day': 'midday',
  'bi-weekly': 'biweekly',
  'bi-monthly': 'bimonthly',
  'e.o.d': 'eod',
  'e.o.d.': 'eod',
  'every-day': 'every day',
  'week-days': 'weekdays',
  'week-ends': 'weekends',
  "o'clock": 'oclock',
  'mon-fri': 'monday-friday',
  'mon-thu': 'monday-thursday',
  'mon-sat': 'monday-saturday',
  'sat-sun': 'saturday-sunday',
  'lunch-time': 'lunchtime',
  noonish: 'noon',
  xmas: 'christmas',
  'x-mas': 'christmas',
  '1st thing': 'first thing',
};

/** Three-letter weekday abbreviations that are also English words: expanded only in a date context. */
const AMBIGUOUS_DAYS: Record<string, string> = {
  mon: 'monday',
  tue: 'tuesday',
  wed: 'wednesday',
  thu: 'thursday',
  fri: 'friday',
  sat: 'saturday',
  sun: 'sunday',
};
// "every 2nd tue", "the last fri of the month": an ordinal after every/each/the names a weekday
const DAY_CONTEXT_BEFORE =
  /(?:^|\b)(?:on|every|each|next|this|coming|until|till|til|from|by|and|or|starting|before|after)\s*$|,\s*$|\b(?:every|each|the)\s+(?:1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last)\s*$/;
// "mon to fri": a range to another day's name is a date context too (it was "mon to" left in the text);
// so is a list of days without commas: "every mon wed fri at 7" (the "wed" was read as text)
const DAY_CONTEXT_AFTER =
  /^\s*(?:at\b|@|\d|morning|afternoon|evening|night|noon|next\b|,|and\b|or\b|$|(?:(?:to|through|thru|till|until)\s+)?(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)/;

export const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const SPELL_TARGETS = [
  ...WEEKDAY_NAMES,
  ...MONTH_NAMES.filter((m) => m.length >= 6),
  'tomorrow',
  'tonight',
  'christmas',
  'weekdays',
  'weekends',
  'fortnight',
  'minutes',
  'seconds',
  'morning',
  'evening',
  'afternoon',
  'midnight',
];
const KNOWN_WORDS = new Set([
  ...SPELL_TARGETS,
  'monday',
  'mondays',
  'tuesdays',
  'wednesdays',
  'thursdays',
  'fridays',
  'saturdays',
  'sundays',
  'weekday',
  'weekend',
  'mornings',
  'evenings',
  'afternoons',
  'minute',
  'second',
  'monthly',
  'someday',
  'sunday',
  'today',
  'yesterday',
  'birthday',
  'holiday',
  'holidays',
  'midday',
  'evenings',
  'holiday',
  'everyday',
  'doomsday',
  // repeat adverbs, one or two letters from a target ("fortnightly" is not "fortnight")
  'fortnightly',
  'fortnights',
  'nightly',
  'weekly',
  'biweekly',
  'monthly',
  'bimonthly',
  'yearly',
]);

/** True when every letter of `word` occurs in `target` (as often): only deletions and swaps. */
export function lettersWithin(word: string, target: string): boolean {
  const pool = [...target];
  for (const ch of word) {
    const i = pool.indexOf(ch);
    if (i < 0) return false;
    pool.splice(i, 1);
  }
  return true;
}

/** Damerau-Levenshtein distance (optimal string alignment), small strings only. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Corrects a misspelt weekday, month or time word ("wendsday", "thrusday", "decmber").
 * Conservative: same first letter, distance 1 (2 for words of 8+ letters), and the plural "s"
 * is kept ("mondys" -> "mondays").
 */
export function correctSpelling(word: string): string | undefined {
  if (word.length < 5 || KNOWN_WORDS.has(word) || !/^[a-z]+$/.test(word)) return undefined;
  if (spellCache.has(word)) return spellCache.get(word);
  const result = closestTarget(word);
  if (spellCache.size > 5000) spellCache.clear();
  spellCache.set(word, result);
  return result;
}

/** Words seen before: chat text repeats itself, and the distance loop is the costly part. */
const spellCache = new Map<string, string | undefined>();

function closestTarget(word: string): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  for (const target of SPELL_TARGETS) {
    for (const form of [target, WEEKDAY_NAMES.includes(target) ? `${target}s` : '']) {
      if (!form || form[0] !== word[0]) continue;
      // weekday typos keep their "day" ending ("fridya", "wendsday") or only lose or swap a
      // letter of the name ("tuesay", "frdiay", "thurdsay"); "sundae" is a dessert, "sunray" a ray
      if (WEEKDAY_NAMES.includes(target) && !/(day|dya|dy|ady|dey)s?$/.test(word) && !(/ays?$/.test(word) && lettersWithin(word, form)))
        continue;
      if (Math.abs(form.length - word.length) > 2) continue;
      const dist = editDistance(word, form);
      const limit = form.length >= 8 ? 2 : 1;
      if (dist <= limit && dist < bestDist) {
        best = form;
        bestDist = dist;
      }
    }
  }
  return best;
}

const TOKEN_RE = /[a-z0-9][a-z0-9.'-]*[a-z0-9.]|[a-z0-9]|@\s*(?=\d)/g;

/** Lower-cases and rewrites shorthand, keeping a map to the original text. */
export function normalize(original: string): Normalized {
  const lower = original.toLowerCase();
  // toLowerCase keeps length for nearly everything; if not (e.g. "İ"), fall back to a 1:1 map.
  const source = (lower.length === original.length ? lower : original.replace(/[A-Z]/g, (c) => c.toLowerCase())).replace(/[’‘`´]/g, "'");
  const out = mappedText(source);
  for (const m of source.matchAll(TOKEN_RE)) {
    const r = rewriteToken(source, m[0], m.index);
    if (r) out.replace(m.index, m.index + r.length, r.text);
  }
  return out.finish();
}

/** The rewrite of one token: how many of its characters, and by what; undefined to keep it. */
function rewriteToken(source: string, token: string, start: number): { length: number; text: string } | undefined {
  if (token.startsWith('@')) return { length: token.length, text: 'at ' };
  // Trailing dots belong to the sentence, not the word ("tmrw.").
  const trimmed = token.replace(/\.+$/, '');
  const fix = WORD_FIXES[token] ?? WORD_FIXES[trimmed];
  if (fix) return { length: WORD_FIXES[token] ? token.length : trimmed.length, text: fix };
  const ambiguous = AMBIGUOUS_DAYS[trimmed];
  if (ambiguous) {
    const before = source.slice(Math.max(0, start - 12), start);
    const after = source.slice(start + trimmed.length, start + trimmed.length + 12);
    // "this fri at 10" is a day (it was "this fri" in the text and 22:00 today); "this sat on …" is not
    const article =
      /\b(?:the|a|an|my|your|our|his|her|their|that)\s*$/.test(before) || (/\bthis\s*$/.test(before) && !DAY_CONTEXT_AFTER.test(after));
    const dayContext = DAY_CONTEXT_BEFORE.test(before) || (DAY_CONTEXT_AFTER.test(after) && !/^\s*$/.test(after));
    return !article && dayContext ? { length: trimmed.length, text: ambiguous } : undefined;
  }
  const corrected = correctSpelling(trimmed);
  return corrected ? { length: trimmed.length, text: corrected } : undefined;
}

/** Text built from `source` with some spans replaced; each output character maps back to its source span. */
function mappedText(source: string): { replace(start: number, end: number, text: string): void; finish(): Normalized } {
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let pos = 0;
  const copy = (end: number): void => {
    for (; pos < end; pos++) {
      out.push(source[pos]!);
      from.push(pos);
      to.push(pos + 1);
    }
  };
  return {
    replace(start, end, text) {
      copy(start);
      for (const ch of text) {
        out.push(ch);
        from.push(start);
        to.push(end);
      }
      pos = end;
    },
    finish() {
      copy(source.length);
      return { text: out.join(''), from, to };
    },
  };
}

/** Maps a span of the normalised text back to the original. */
export function originalSpan(n: Normalized, start: number, end: number): [number, number] {
  if (start >= end) return [n.from[start] ?? n.to[n.to.length - 1] ?? 0, n.from[start] ?? n.to[n.to.length - 1] ?? 0];
  return [n.from[start]!, n.to[end - 1]!];
}
