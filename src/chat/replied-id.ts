import type { IncomingMessage } from './message.js';

/**
 * The one reminder id the replied-to message names ("✅ Reminder set [k7m2qd]: …"), so a
 * command sent as a reply to it ("/cancel", "/snooze 30m") means that reminder. A message
 * naming no id, or two, names none: the command then asks which.
 */
export function idNamedInReply(msg: IncomingMessage): string | undefined {
  const named = [...(msg.replyTo?.text ?? '').matchAll(/\[([A-Za-z0-9_-]{1,64})\]/g)].map((m) => m[1]!);
  const distinct = [...new Set(named)];
  return distinct.length === 1 ? distinct[0] : undefined;
}
