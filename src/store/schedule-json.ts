import type { Schedule, ScheduleBounds } from '../core/schedule.js';

type Trigger = Extract<Schedule, { kind: 'multi' }>['triggers'][number];

function reviveTrigger(raw: Record<string, unknown>): Schedule {
  switch (raw.kind) {
    case 'once':
      return { kind: 'once', at: new Date(raw.at as string) };
    case 'interval':
      return { kind: 'interval', everyMs: raw.everyMs as number, anchor: new Date(raw.anchor as string) };
    case 'multi':
      return { kind: 'multi', triggers: (raw.triggers as Array<Record<string, unknown>>).map((t) => reviveTrigger(t) as Trigger) };
    default:
      return raw as unknown as Schedule;
  }
}

/**
 * Stored JSON text -> Schedule / ScheduleBounds. JSON.stringify turns Dates into ISO strings;
 * these functions turn exactly the instant fields back into Dates (a calendar `anchor` is a
 * wall time and stays a string).
 */
export function scheduleFromJson(text: string): Schedule {
  return reviveTrigger(JSON.parse(text) as Record<string, unknown>);
}

export function boundsFromJson(text: string): ScheduleBounds {
  const raw = JSON.parse(text) as { startAt?: string; endAt?: string; maxRuns?: number };
  const out: ScheduleBounds = {};
  if (raw.startAt !== undefined) out.startAt = new Date(raw.startAt);
  if (raw.endAt !== undefined) out.endAt = new Date(raw.endAt);
  if (raw.maxRuns !== undefined) out.maxRuns = raw.maxRuns;
  return out;
}
