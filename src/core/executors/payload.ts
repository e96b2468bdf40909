import type { z } from 'zod';
import { UserError } from '../errors.js';

/** Validates a job payload, turning zod's issues into one friendly UserError. */
export function parsePayloadWith<T>(schema: z.ZodType<T>, raw: unknown, kind: string, example: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new UserError('payload.invalid', `Invalid ${kind} payload${where}: ${issue?.message ?? 'not an object'}.`, example);
}
