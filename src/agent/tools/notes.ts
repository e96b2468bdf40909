import type { AgentTool } from '../../core/ports/agent.js';
import { remember } from '../../chat/commands/notes.js';
import { type ToolEnv, asCommand, withExample } from './tool-env.js';

/**
 * `remember` / `recall`: the person's notes through /remember and /recall. The notes store
 * refuses a SCHEDULER caller itself, so a resumed conversation (a job's ghost) is refused.
 */
export function rememberNote(env: ToolEnv): AgentTool {
  return {
    name: 'remember',
    description: "Keep a note in the person's private notes (the same as /remember).",
    parameters: { type: 'object', properties: { note: { type: 'string', description: 'The note.' } }, required: ['note'] },
    run: (args) =>
      withExample(async () => {
        const replies = await remember.run(asCommand(env, 'remember', String(args.note ?? '').trim()));
        env.changes.push({ tool: 'remember', line: replies.map((r) => r.text).join('\n'), created: false });
        return { done: replies.map((r) => r.text).join('\n') };
      }),
  };
}

export function recallNotes(env: ToolEnv): AgentTool {
  return {
    name: 'recall',
    description: "Read the person's private notes (the same as /recall).",
    parameters: { type: 'object', properties: {} },
    run: async () => {
      const notes = await env.chat.deps.notes.list(env.chat.msg.platform, env.chat.msg.userId);
      return { notes: notes.map((n, i) => `${i + 1}. ${n.text}`) };
    },
  };
}
