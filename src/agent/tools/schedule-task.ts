import { UserError } from '../../core/errors.js';
import type { AgentTool } from '../../core/ports/agent.js';
import { jobSubject } from '../../chat/describe.js';
import { findDuplicate } from '../../chat/pending-creation.js';
import { readReminderRequest } from '../../chat/reminder-request.js';
import { scheduleNotes } from '../../chat/schedule-notes.js';
import { echoJob, echoLine } from './job-echo.js';
import { type ToolEnv, withExample } from './tool-env.js';

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** Exactly one of text, command, prompt: what the job does when it fires. */
function whatOf(args: Record<string, unknown>): { kind: 'reminder' | 'command' | 'prompt'; what: string } {
  const given = (['text', 'command', 'prompt'] as const).filter((k) => str(args[k]) !== '');
  if (given.length !== 1) {
    throw new UserError(
      'agent.schedule_what',
      'Give exactly one of text (a reminder), command (a chat command such as /list) or prompt (an instruction for the assistant).',
      '{"when":"every weekday at 9","text":"stand up"}',
    );
  }
  const kind = given[0] === 'text' ? 'reminder' : (given[0] as 'command' | 'prompt');
  const what = str(args[given[0] as string]);
  if (kind === 'command' && !what.startsWith('/')) {
    throw new UserError(
      'agent.command_slash',
      `A command starts with "/": "${what.slice(0, 40)}" is not one.`,
      '{"when":"every friday at 17","command":"/list"}',
    );
  }
  if (kind === 'reminder' && what.startsWith('/')) {
    throw new UserError(
      'agent.text_slash',
      'Reminder text may not start with "/": pass a chat command as command.',
      '{"when":"in 1 hour","text":"call mom"}',
    );
  }
  return { kind, what };
}

/**
 * `schedule_task`: a reminder, a scheduled chat command or a scheduled prompt. `when` goes
 * through Chime's own parser in the caller's zone, with every check /remind makes (quotas,
 * group interval, schedulable commands, duplicates): the model never computes a time.
 */
export function scheduleTask(env: ToolEnv): AgentTool {
  return {
    name: 'schedule_task',
    description:
      'Schedule a reminder (text), a chat command (command, e.g. "/list") or an instruction for you to carry out later (prompt). ' +
      '`when` is the time in plain English exactly as the person said it ("tomorrow at 9", "every weekday at 9", "in 2 hours", "every monday at 10 until march"); it is read in their time zone, never convert it. ' +
      'The result says what was stored: id, schedule, zone, next times, where it goes, and in `notes` what the person must be told ' +
      '(a time that does not exist or happens twice on a daylight-saving day and when it runs instead, months a repeat skips): say those too.',
    parameters: {
      type: 'object',
      properties: {
        when: { type: 'string', description: 'When, in plain English as the person said it, e.g. "every weekday at 9".' },
        text: { type: 'string', description: 'For a reminder: what to remind about.' },
        command: { type: 'string', description: 'For a scheduled chat command: the command, starting with "/".' },
        prompt: { type: 'string', description: 'For a scheduled instruction to the assistant: what to do then.' },
      },
      required: ['when'],
    },
    run: (args) =>
      withExample(async () => {
        const when = str(args.when);
        if (!when) throw new UserError('agent.when', 'Say when.', '{"when":"tomorrow at 9","text":"call mom"}');
        const { kind, what } = whatOf(args);
        // The typed-options path of /remind: `when` alone is parsed, the text is kept verbatim;
        // a prompt is /remind's "ask:" form (a prompt job).
        const { msg } = env.chat;
        const { replyTo: _reply, ...plain } = msg;
        const typed = kind === 'prompt' ? `ask: ${what}` : what;
        const ctx = {
          ...env.chat,
          command: 'remind',
          args: `${when} ${typed}`,
          msg: { ...plain, text: when, parts: { when, what: typed } },
        };
        const { input, text, parsed } = await readReminderRequest(ctx);
        const duplicate = await findDuplicate(ctx, input, text, parsed.next[0]);
        if (duplicate) {
          throw new UserError(
            'agent.duplicate',
            `Nothing new was stored: this chat already has [${duplicate.id}] ${jobSubject(duplicate)} at that time.`,
          );
        }
        const job = await env.chat.deps.scheduler.createJob(input);
        const echo = await echoJob(job, env);
        // The lines /remind's confirmation adds: the model reads them, and the person sees them under
        // the answer whatever the model says.
        const notes = scheduleNotes(parsed);
        env.changes.push({ tool: 'schedule_task', line: [echoLine('✅ Stored', echo), ...notes].join('\n'), created: true });
        return { stored: true, ...echo, ...(notes.length ? { notes } : {}) };
      }),
  };
}
