/**
 * A `pageJobs` cursor is the creation sequence number of the last job of the previous page,
 * as text. Anything else is a caller's bug, not a place to start.
 */
export function pageCursor(after: string | undefined): number {
  if (after === undefined) return 0;
  if (!/^\d{1,15}$/.test(after)) throw new Error(`store: bad page cursor ${JSON.stringify(after)}`);
  return Number(after);
}
