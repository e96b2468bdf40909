import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be misread for each other (no 0/o, 1/l/i). 31 symbols. */
export const JOB_ID_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** Length of generated job ids: 31^6 ≈ 887 million ids, short enough to type in chat. */
export const JOB_ID_LENGTH = 6;

/** A fresh random job id such as `k7m2qd` (crypto randomness; callers retry on collision). */
export function newJobId(): string {
  let id = '';
  for (let i = 0; i < JOB_ID_LENGTH; i++) id += JOB_ID_ALPHABET[randomInt(JOB_ID_ALPHABET.length)];
  return id;
}

/** How many fresh ids to try before giving up (a collision streak this long means a full space or a bug). */
export const JOB_ID_ATTEMPTS = 10;
