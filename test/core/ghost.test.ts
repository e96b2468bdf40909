import { describe, expect, it } from 'vitest';
import { ghostSessionId } from '../../src/core/ghost.js';

describe('ghost sessions: scheduled runs act as SCHEDULER, apart from people', () => {
  it('names the session ghost_scheduler_{job_id}', () => {
    expect(ghostSessionId('k7m2qd')).toBe('ghost_scheduler_k7m2qd');
  });
});
