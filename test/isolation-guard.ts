// Test files share worker processes (vitest.config.ts: isolate false), so what one file leaves
// behind in the process is what the next file starts with. process.env is the state that carries
// furthest: tests spread it into the children they spawn. A file must put back what it changed;
// this fails the file that did not, naming the variables, instead of a later file that inherits them.
import { afterAll, beforeAll, expect } from 'vitest';

let before: Record<string, string | undefined> = {};

beforeAll(() => {
  before = { ...process.env };
});

afterAll(() => {
  const changed = [...new Set([...Object.keys(before), ...Object.keys(process.env)])].filter((k) => before[k] !== process.env[k]);
  expect(changed, 'process.env variables this file changed and did not restore').toEqual([]);
});
