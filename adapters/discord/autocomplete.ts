import { clip } from '../../src/core/text-limit.js';
import type { ChatContext, ChatService } from '../../src/chat/message.js';
import { knownTimeZones } from '../../src/core/time/zone-id.js';

/** Discord shows at most 25 choices; names and values at most 100 characters. */
export const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

export interface Choice {
  name: string;
  value: string;
}

/**
 * Zones matching what was typed: case-insensitive, spaces as underscores ("new york" finds
 * America/New_York); zones whose city starts with the text come first, then any containing it.
 */
export function zoneChoices(partial: string, zones: readonly string[] = knownTimeZones()): Choice[] {
  const q = partial.trim().toLowerCase().replace(/\s+/g, '_');
  if (!q) return zones.slice(0, MAX_CHOICES).map((z) => ({ name: z, value: z }));
  const starts: string[] = [];
  const contains: string[] = [];
  for (const zone of zones) {
    const lower = zone.toLowerCase();
    const city = lower.slice(lower.lastIndexOf('/') + 1);
    if (lower.startsWith(q) || city.startsWith(q)) starts.push(zone);
    else if (lower.includes(q)) contains.push(zone);
  }
  return [...starts, ...contains].slice(0, MAX_CHOICES).map((z) => ({ name: z, value: z }));
}

/** `k7m2qd · Mon 23 Nov 09:00 (in 23 hours) · stretch 🔁`, the chat layer's /list line. */
const LIST_LINE = /^([A-Za-z0-9_-]{1,64}) · (.+)$/;

/**
 * The caller's reminders whose id or label contains `partial`. Uses the chat layer's
 * `suggestJobs` when it has one; otherwise reads the ids off its `/list` answer (the same
 * reminders the caller may see there), so ids autocomplete with any ChatService.
 */
export async function jobChoices(chat: ChatService, ctx: ChatContext, partial: string): Promise<Choice[]> {
  let jobs: Array<{ id: string; label: string }>;
  if (chat.suggestJobs) {
    jobs = await chat.suggestJobs(ctx, partial);
  } else {
    const replies = await chat.handleMessage({ ...ctx, text: '/list' });
    jobs = replies
      .flatMap((r) => r.text.split('\n'))
      .map((line) => LIST_LINE.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ id: m[1] as string, label: m[2] as string }));
  }
  const q = partial.trim().replace(/^#/, '').toLowerCase();
  return jobs
    .filter((j) => !q || j.id.toLowerCase().includes(q) || j.label.toLowerCase().includes(q))
    .slice(0, MAX_CHOICES)
    .map((j) => ({ name: clip(`${j.id} · ${j.label}`, MAX_CHOICE_LENGTH), value: j.id.slice(0, MAX_CHOICE_LENGTH) }));
}
