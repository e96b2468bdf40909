/**
 * The one retry-delay rule, for job retries and outbox deliveries alike: `baseMs` after the
 * first failure, doubled for each further one, never more than `maxMs`. Deterministic (no
 * jitter): one scheduler and one dispatcher per database have no herd to spread out, and tests
 * can predict it.
 */
export function doublingDelay(baseMs: number, attempt: number, maxMs: number): number {
  // Past 2^40 the cap has long won; the bound keeps the product finite.
  const exp = Math.min(Math.max(attempt - 1, 0), 40);
  return Math.min(maxMs, baseMs * 2 ** exp);
}
