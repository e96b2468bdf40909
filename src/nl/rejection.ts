import type { ParseRejection } from './types.js';

/**
 * A parse that cannot be kept: the reason, an example that works, and `request` when the text
 * asked for a reminder anyway (it holds a repeat), so a plain sentence gets the reason too.
 */
export function reject(error: string, example?: string, request = false): ParseRejection {
  const r: ParseRejection = example ? { ok: false, error, example } : { ok: false, error };
  return request ? { ...r, request: true } : r;
}
