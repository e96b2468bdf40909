/** A row that appeared or changed within this long fades in when drawn. */
export const FRESH_MS = 2000;

/**
 * Which runs of a redrawn table fade in: those first drawn after the table's first draw, for
 * FRESH_MS from then. Counted from when each was first drawn, not "new since the last draw": a
 * run that starts and succeeds at once is redrawn a few ms later, which would cut its fade short.
 * Returns, per draw, the test for a run id (undefined on the first draw: nothing there is new).
 */
export function freshRuns(): (runs: ReadonlyArray<{ runId: string }>) => ((runId: string) => boolean) | undefined {
  let first = true;
  const firstDrawn = new Map<string, number>();
  return (runs) => {
    const now = Date.now();
    for (const r of runs) if (!firstDrawn.has(r.runId)) firstDrawn.set(r.runId, first ? Number.NEGATIVE_INFINITY : now);
    if (first) {
      first = false;
      return undefined;
    }
    return (runId) => now - (firstDrawn.get(runId) ?? Number.NEGATIVE_INFINITY) < FRESH_MS;
  };
}
