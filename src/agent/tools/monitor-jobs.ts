import { NotFoundError, UserError } from '../../core/errors.js';
import type { Job, NewJob } from '../../core/job.js';
import { checkTextLength } from '../../core/text-limit.js';
import type { AgentTool } from '../../core/ports/agent.js';
import { canChange, jobsVisibleHere } from '../../chat/access.js';
import { cancel } from '../../chat/commands/cancel.js';
import { checkWatchInterval, checkWatchUrl } from '../../chat/commands/watch.js';
import { checkCreateQuota } from '../../chat/quotas.js';
import { ownerOf, originOf } from '../../chat/who.js';
import { echoJob, echoLine } from './job-echo.js';
import { type ToolEnv, asCommand, withExample } from './tool-env.js';

/** The monitoring kinds (seed 002's background jobs). */
const MONITOR_KINDS = ['poll_url', 'poll_command', 'delay'];
const DEFAULT_INTERVAL_S = 30;
const DEFAULT_MAX_ATTEMPTS = 120;
/** Longest delay a delay job may wait: about a year. */
const MAX_DELAY_S = 366 * 86_400;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

/** What the job checks, by type: the executor's payload, through the same checks as /watch and scheduled commands. */
function payloadOf(env: ToolEnv, type: string, args: Record<string, unknown>, interval: number): { payload: unknown; startsInS: number } {
  if (type === 'poll_url') {
    const url = checkWatchUrl(env.chat, str(args.url));
    checkWatchInterval(env.chat, interval);
    const method = str(args.method).toUpperCase() || 'GET';
    return {
      payload: { url: url.href, method, expected_status: int(args.expected_status) ?? 200, interval_seconds: interval },
      startsInS: 0,
    };
  }
  if (type === 'poll_command') {
    const command = str(args.command);
    env.chat.checkScheduledCommand(command);
    checkWatchInterval(env.chat, interval);
    const values = str(args.success_values)
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    return {
      payload: { command, success_field: str(args.success_field), success_values: values, interval_seconds: interval },
      startsInS: 0,
    };
  }
  const seconds = int(args.delay_seconds);
  if (seconds === undefined || seconds < 1 || seconds > MAX_DELAY_S) {
    throw new UserError(
      'agent.delay',
      'delay_seconds must be a whole number of seconds from 1 to a year.',
      '{"job_type":"delay","delay_seconds":600}',
    );
  }
  return { payload: { delay_seconds: seconds }, startsInS: seconds };
}

/** `add_job`: a background monitoring job (poll_url, poll_command, delay), seed 002's add_job with check_config flattened. */
export function addJob(env: ToolEnv): AgentTool {
  return {
    name: 'add_job',
    description:
      'Start a background job that tells this chat when something happens: poll_url (checks url until it answers expected_status), ' +
      'poll_command (runs a chat command until success_field of its JSON reply has one of success_values), or delay (waits delay_seconds). ' +
      'on_success_message is sent when it succeeds ({result} is replaced by what the check saw); on_failure_message when it gives up after max_attempts checks. ' +
      'on_complete "resume_conversation" brings the outcome back to you in this conversation instead of a plain message, so you can decide the next step.',
    parameters: {
      type: 'object',
      properties: {
        job_type: { type: 'string', description: 'What to wait for.', enum: ['poll_url', 'poll_command', 'delay'] },
        url: { type: 'string', description: 'poll_url: the http(s) URL to check.' },
        method: { type: 'string', description: 'poll_url: GET (default), HEAD or POST.', enum: ['GET', 'HEAD', 'POST'] },
        expected_status: { type: 'integer', description: 'poll_url: the HTTP status that means done (default 200).' },
        command: { type: 'string', description: 'poll_command: the chat command to run, e.g. "/list".' },
        success_field: { type: 'string', description: 'poll_command: dotted path into its JSON reply, e.g. "deploy.state".' },
        success_values: { type: 'string', description: 'poll_command: the values meaning done, separated by commas.' },
        delay_seconds: { type: 'integer', description: 'delay: how long to wait.' },
        on_success_message: { type: 'string', description: 'Sent when it succeeds; {result} is replaced.' },
        on_failure_message: { type: 'string', description: 'Sent when it gives up; {result} is replaced by the reason.' },
        on_complete: { type: 'string', description: 'notify (default) or resume_conversation.', enum: ['notify', 'resume_conversation'] },
        workflow_id: { type: 'string', description: 'Groups related jobs, for cancel_workflow.' },
        interval_seconds: { type: 'integer', description: 'Seconds between checks (default 30).' },
        max_attempts: { type: 'integer', description: 'Checks before giving up (default 120).' },
      },
      required: ['job_type', 'on_success_message'],
    },
    run: (args) =>
      withExample(async () => {
        const type = str(args.job_type);
        if (!MONITOR_KINDS.includes(type)) throw new UserError('agent.job_type', 'job_type must be poll_url, poll_command or delay.');
        const interval = int(args.interval_seconds) ?? DEFAULT_INTERVAL_S;
        const maxAttempts = int(args.max_attempts) ?? DEFAULT_MAX_ATTEMPTS;
        if (maxAttempts < 1 || maxAttempts > 10_000) throw new UserError('agent.max_attempts', 'max_attempts must be from 1 to 10000.');
        const { payload, startsInS } = payloadOf(env, type, args, interval);
        const failure = str(args.on_failure_message);
        // The messages are delivered as a reminder's text is: the same limit (before, any length was stored).
        for (const [field, text] of [
          ['on_success_message', str(args.on_success_message)],
          ['on_failure_message', failure],
        ] as const) {
          checkTextLength(
            text,
            env.chat.deps.quotas.maxTextLength,
            field,
            '{"job_type":"delay","delay_seconds":600,"on_success_message":"the tea is ready"}',
          );
        }
        await checkCreateQuota(env.chat);
        const { msg, now } = env.chat;
        const workflow = str(args.workflow_id);
        const input: NewJob = {
          kind: type,
          name: str(args.on_success_message).slice(0, 80) || type,
          payload,
          owner: ownerOf(msg),
          origin: originOf(msg),
          schedule: { kind: 'once', at: new Date(now.getTime() + startsInS * 1000) },
          timeZone: (await env.chat.prefs()).timeZone,
          maxAttempts,
          successMessage: str(args.on_success_message),
          ...(failure ? { failureMessage: failure } : {}),
          ...(workflow ? { workflowId: workflow.slice(0, 64) } : {}),
          completionMode: args.on_complete === 'resume_conversation' ? 'resume_conversation' : 'notify',
        };
        const job = await env.chat.deps.scheduler.createJob(input);
        const echo = await echoJob(job, env);
        env.changes.push({ tool: 'add_job', line: echoLine('✅ Started', echo), created: true });
        return { stored: true, ...echo };
      }),
  };
}

const STATUS = ['active', 'completed', 'failed', 'cancelled'] as const;

/** `list_jobs`: the monitoring jobs the caller may see here. */
export function listJobs(env: ToolEnv): AgentTool {
  return {
    name: 'list_jobs',
    description: 'List the background jobs (poll_url, poll_command, delay) the person may see here, optionally by status.',
    parameters: {
      type: 'object',
      properties: { status_filter: { type: 'string', description: 'Only jobs in this state.', enum: STATUS } },
    },
    run: async (args) => {
      const status: Job['status'][] = STATUS.includes(args.status_filter as never)
        ? [args.status_filter as Job['status']]
        : ['active', 'paused'];
      const jobs = (await jobsVisibleHere(env.chat, status)).filter((j) => MONITOR_KINDS.includes(j.kind)).slice(0, 20);
      return { jobs: await Promise.all(jobs.map((j) => echoJob(j, env))) };
    },
  };
}

/** `cancel_job`: /cancel for a background job. */
export function cancelJob(env: ToolEnv): AgentTool {
  return {
    name: 'cancel_job',
    description: 'Cancel a background job by its job_id.',
    parameters: { type: 'object', properties: { job_id: { type: 'string', description: 'The job id.' } }, required: ['job_id'] },
    run: (args) =>
      withExample(async () => {
        const id = str(args.job_id);
        const replies = await cancel.run(asCommand(env, 'cancel', id));
        env.changes.push({ tool: 'cancel_job', line: replies.map((r) => r.text).join('\n'), created: false });
        return { done: replies.map((r) => r.text).join('\n') };
      }),
  };
}

/**
 * `cancel_workflow`: cancels the live jobs of a workflow that the caller may change here. Jobs
 * of the workflow elsewhere, or not the caller's to change, are left alone (and not named).
 */
export function cancelWorkflow(env: ToolEnv): AgentTool {
  return {
    name: 'cancel_workflow',
    description: 'Cancel every live job with this workflow_id that the person may change here.',
    parameters: {
      type: 'object',
      properties: { workflow_id: { type: 'string', description: 'The workflow id.' } },
      required: ['workflow_id'],
    },
    run: async (args) => {
      const workflow = str(args.workflow_id);
      const jobs = (await jobsVisibleHere(env.chat, ['active', 'paused'])).filter(
        (j) => j.workflowId === workflow && canChange(j, env.chat.msg),
      );
      if (jobs.length === 0) throw new NotFoundError('live workflow you may change here', workflow);
      for (const j of jobs) await env.chat.deps.scheduler.cancelJob(j.id);
      const ids = jobs.map((j) => j.id);
      env.changes.push({ tool: 'cancel_workflow', line: `🗑 Cancelled workflow ${workflow}: ${ids.join(', ')}`, created: false });
      return { cancelled: ids };
    },
  };
}
