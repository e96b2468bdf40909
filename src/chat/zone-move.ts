/**
 * When a person changes their zone, their reminders keep the zone they were set in: the
 * 09:00 standup set in UTC would now read 04:00 in New York. They are listed and the person
 * chooses: keep the clock times (the usual wish; the schedules move to the new zone) or keep
 * the moments (nothing changes). Until they choose, nothing changes.
 */
import { rezoneKeepingWallTime } from '../core/schedule-rezone.js';
import { nextFireWithin } from '../core/schedule.js';
import { UserError } from '../core/errors.js';
import type { Job } from '../core/job.js';
import { offsetMinutes } from '../core/time/zone-offset.js';
import type { ResolvedChatDeps } from './command.js';
import { jobSubject } from './describe.js';
import { formatLocalTime, truncate } from './format.js';
import type { ChatContext, Reply } from './message.js';
import { movedNotes } from './schedule-notes.js';
import { zoneButton } from './zone-action-ids.js';
import { instantArg } from './action-ids.js';

const DAY_MS = 86_400_000;
/** Lines listed in the offer; the rest are counted. */
const LISTED = 8;
/** Probes a year ahead, a month apart: zones whose summer times differ move some of the year only. */
const PROBES = 13;

/** Jobs of the person's set in `from`, active or paused. */
async function jobsIn(deps: ResolvedChatDeps, who: Pick<ChatContext, 'platform' | 'userId'>, from: string): Promise<Job[]> {
  const own = await deps.scheduler.listJobs({ ownerPlatform: who.platform, ownerUserId: who.userId, status: ['active', 'paused'] });
  return own.filter((j) => j.timeZone === from);
}

/**
 * Whether a job's clock times read differently in `to` than in `from`. Intervals shorter than
 * a day count real time and have no clock time anyone chose; manual jobs have no time.
 */
export function wallTimeMoves(job: Job, from: string, to: string, now: Date): boolean {
  const s = job.schedule;
  if (s.kind === 'manual' || (s.kind === 'interval' && s.everyMs < DAY_MS)) return false;
  const probes =
    s.kind === 'once'
      ? [s.at]
      : [job.nextRunAt ?? now, ...Array.from({ length: PROBES }, (_, i) => new Date(now.getTime() + i * 30 * DAY_MS))];
  return probes.some((p) => offsetMinutes(p, from) !== offsetMinutes(p, to));
}

/** The jobs a zone change from `from` to `to` would show at other clock times. */
export async function jobsThatMove(
  deps: ResolvedChatDeps,
  who: Pick<ChatContext, 'platform' | 'userId'>,
  from: string,
  to: string,
  now: Date,
): Promise<Job[]> {
  if (from === to) return [];
  return (await jobsIn(deps, who, from)).filter((j) => wallTimeMoves(j, from, to, now));
}

function line(job: Job, from: string, to: string, now: Date): string {
  const at = job.nextRunAt ?? (job.schedule.kind === 'once' ? job.schedule.at : undefined);
  const when = at ? `: ${formatLocalTime(at, from, now)} in ${from} is ${formatLocalTime(at, to, now)} in ${to}` : '';
  return `• [${job.id}] ${truncate(jobSubject(job), 40)}${when}`;
}

/** The offer after a zone change, or undefined when no reminder's clock time moves. */
export async function zoneMoveOffer(
  deps: ResolvedChatDeps,
  who: ChatContext,
  from: string,
  to: string,
  now: Date,
): Promise<Reply | undefined> {
  const moving = await jobsThatMove(deps, who, from, to, now);
  if (moving.length === 0) return undefined;
  const lines = [
    `🕘 ${moving.length === 1 ? 'This reminder was' : `These ${moving.length} reminders were`} set in ${from}:`,
    ...moving.slice(0, LISTED).map((j) => line(j, from, to, now)),
    ...(moving.length > LISTED ? [`… and ${moving.length - LISTED} more.`] : []),
    `Keep their clock times in ${to}, or keep the same moments? Until you choose, they stay at the same moments.`,
  ];
  const buttons = [
    zoneButton({ verb: 'zwall', userId: who.userId, fromZone: from, offeredAt: instantArg(now) }, 'Keep clock times'),
    zoneButton({ verb: 'zkeep', userId: who.userId, fromZone: from }, 'Keep the moments'),
  ];
  if (buttons.some((b) => b === undefined)) {
    lines.push(`(To move one, send /edit <id> with its time again.)`);
    return { text: lines.join('\n') };
  }
  return { text: lines.join('\n'), actions: [buttons as Array<{ id: string; label: string }>] };
}

/** The next run the schedule itself gives (a snooze makes the job's differ). */
function naturalNextRun(job: Job, now: Date): Date | null {
  if (job.schedule.kind === 'once') return job.schedule.at;
  return nextFireWithin(job.schedule, job.timeZone, new Date(now.getTime() - 1), job.bounds, job.runCount);
}

/** What moving the jobs did, one line each. */
export interface MoveResult {
  moved: Job[];
  /** One-offs whose clock time has already passed in the new zone: left at their moment. */
  passed: Job[];
  /** Moved jobs' clock times that do not exist in the new zone, or happen twice there (a repeat's next DST days). */
  notes: string[];
  /** Jobs running right now (a prompt or command job): their schedule is not changed under a run, so they stay. */
  busy: Job[];
}

/**
 * Moves the person's jobs set in `from` to `to`, keeping their clock times; with `offeredAt`,
 * only those that existed when the choice was offered: a reminder set afterwards in `from`
 * (its zone named on purpose) was not in the list the person answered.
 */
export async function keepClockTimes(
  deps: ResolvedChatDeps,
  who: Pick<ChatContext, 'platform' | 'userId'>,
  from: string,
  to: string,
  now: Date,
  offeredAt?: Date,
): Promise<MoveResult> {
  const result: MoveResult = { moved: [], passed: [], notes: [], busy: [] };
  const offered = (job: Job): boolean => offeredAt === undefined || job.createdAt.getTime() <= offeredAt.getTime();
  for (const job of (await jobsThatMove(deps, who, from, to, now)).filter(offered)) {
    const { schedule, bounds } = rezoneKeepingWallTime(job.schedule, job.bounds, from, to);
    if (schedule.kind === 'once' && schedule.at.getTime() <= now.getTime()) {
      result.passed.push(job);
      continue;
    }
    // A snoozed job's next run is a moment the person picked ("in 30 minutes"): it stays.
    const held = job.nextRunAt !== null && job.nextRunAt.getTime() !== naturalNextRun(job, now)?.getTime();
    let updated: Job;
    try {
      updated = await deps.scheduler.updateJob(job.id, {
        schedule,
        bounds,
        timeZone: to,
        ...(held ? { nextRunAt: job.nextRunAt } : {}),
      });
    } catch (err) {
      // One running job must not stop the others from moving; it is named, to be moved after.
      if (err instanceof UserError && err.code === 'job.busy') {
        result.busy.push(job);
        continue;
      }
      throw err;
    }
    result.moved.push(updated);
    // A held (snoozed) run fires at its moment, not at the moved clock time: no note about that.
    result.notes.push(...movedNotes(job, updated, now, held ? (job.nextRunAt ?? undefined) : undefined));
  }
  return result;
}
