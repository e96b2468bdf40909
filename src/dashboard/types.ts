import type { ScheduleNotes } from './schedule-notes.js';

// The API's JSON as the page reads it (src/api/job-view.ts and the routes define it).

export interface Job {
  id: string;
  name: string;
  kind: string;
  status: string;
  payload: unknown;
  owner: { platform: string; userId: string; name?: string };
  origin: { platform: string; chatId: string; chatType?: string; threadId?: string };
  timeZone: string;
  scheduleSpec: string;
  /** The schedule in the chat's words ("every weekday at 09:00, Europe/Berlin"). */
  scheduleText: string;
  recurring: boolean;
  nextRunAt: string | null;
  nextRunLocal: string | null;
  workflowId: string | null;
  attempts: number;
  runCount: number;
  lastRunAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  ghostSessionId: string;
  /** Its version (the ETag): a change sent with it as If-Match applies to this version only. */
  etag: string;
  /** Only on one job's detail. */
  nextRuns?: Array<{ at: string; local: string }>;
}

export interface Run {
  runId: string;
  jobId: string;
  status: string;
  trigger: string;
  attempt: number;
  scheduledFor: string;
  startedAt: string;
  finishedAt: string | null;
  lateMs: number | null;
  durationMs: number | null;
  error: string | null;
  ghostSessionId: string;
}

export interface Stats {
  jobsByStatus: Record<string, number>;
  /** Jobs by status and kind (absent from older servers). */
  jobsByKind?: Array<{ status: string; kind: string; n: number }>;
  runsByStatus: Record<string, number>;
  outboxPending: number;
  outboxDead: number;
  running: number;
}

/** One event of the log (GET /api/v1/events, and each message of the live stream). */
export interface LiveEvent {
  id: number;
  at: string;
  type: string;
  jobId: string | null;
  actor: { type: string; name: string | null; sessionId: string | null } | null;
  body: Record<string, unknown>;
}

/** POST /api/v1/parse. */
export type Reading =
  | ({ ok: true; kind: string; text: string; timeZone: string; spec: string; next: Array<{ at: string; local: string }> } & ScheduleNotes)
  | { ok: false; error: string; example?: string; code?: string };
