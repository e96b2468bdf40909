/**
 * Order of ambiguous numeric dates such as 03/04: day-month-year or month-day-year. A person's
 * preference (stored by the prefs store) that the parser reads, so it lives below both.
 */
export type DateOrder = 'dmy' | 'mdy';
