import { MAX_SINGLE_WAIT_MS, type Clock } from '../core/ports/clock.js';
import type {
  AgentLimits,
  AgentMessage,
  AgentOutcome,
  AgentTool,
  AgentTurnResult,
  TokenUsage,
  TranscriptEntry,
} from '../core/ports/agent.js';
import { callTool, checkArguments, toolSpec } from './agent-tool.js';
import type { ModelClient, ModelMessage, ModelReply } from './model-client.js';

/** The answer that means "nothing to say": the run succeeds and nobody is messaged. */
export const NO_REPLY = 'NO_REPLY';

export interface AgentTurnInput {
  model: ModelClient;
  clock: Clock;
  messages: AgentMessage[];
  tools: AgentTool[];
  limits: AgentLimits;
  /** false: one model call, no tools offered (a prompt job's use_react_loop=false). Default true. */
  react?: boolean;
  /** Stops the turn from outside (the run's timeout or shutdown): then the abort error is thrown. */
  signal: AbortSignal;
}

/** Set as the abort reason when the turn's own time limit is reached. */
const TIMED_OUT = Symbol('agent turn timed out');

/**
 * One agent turn: the model answers, or calls tools and sees their results, until it answers
 * or a limit stops it. A tool's refusal is a result the model reads, never a crash.
 */
export async function runAgentTurn(input: AgentTurnInput): Promise<AgentTurnResult> {
  const { model, clock, limits, signal } = input;
  const react = input.react ?? true;
  const tools = react ? input.tools : [];
  const maxIterations = react ? limits.maxIterations : 1;
  const started = clock.now().getTime();
  const transcript: TranscriptEntry[] = input.messages.map((m) =>
    m.role === 'assistant'
      ? { type: 'message', role: 'assistant', content: m.content, usage: ZERO_USAGE, ms: 0 }
      : { type: 'message', role: m.role, content: m.content },
  );
  const conversation: ModelMessage[] = input.messages.map((m) => ({ ...m }));
  let usage = ZERO_USAGE;
  let modelMs = 0;
  const finish = (outcome: AgentOutcome, text: string): AgentTurnResult => {
    if (outcome !== 'answered' && outcome !== 'no_reply') transcript.push({ type: 'stop', reason: text });
    return { outcome, text, transcript, usage, durationMs: clock.now().getTime() - started, modelMs };
  };

  const turn = new AbortController();
  const onOuterAbort = (): void => turn.abort(signal.reason);
  signal.addEventListener('abort', onOuterAbort, { once: true });
  if (signal.aborted) onOuterAbort();
  void abortAtDeadline(clock, started + limits.timeoutMs, turn);
  const timedOut = (): boolean => turn.signal.reason === TIMED_OUT;
  const timeoutText = (): string => `Stopped after ${formatSeconds(limits.timeoutMs)} without a final answer (the run's time limit).`;
  try {
    for (let iteration = 1; iteration <= maxIterations; iteration++) {
      const callStarted = clock.now().getTime();
      let reply: ModelReply;
      try {
        reply = await untilAborted(model.complete({ messages: conversation, tools: tools.map(toolSpec) }, turn.signal), turn.signal);
      } catch (err) {
        if (signal.aborted) throw err;
        if (timedOut()) return finish('timeout', timeoutText());
        return finish('model_error', err instanceof Error ? err.message : String(err));
      }
      const ms = clock.now().getTime() - callStarted;
      modelMs += ms;
      usage = addUsage(usage, reply.usage);
      transcript.push({ type: 'message', role: 'assistant', content: reply.content ?? '', usage: reply.usage, ms });
      conversation.push({ role: 'assistant', content: reply.content, toolCalls: reply.toolCalls });

      if (reply.toolCalls.length === 0) {
        const text = (reply.content ?? '').trim();
        if (text === NO_REPLY) return finish('no_reply', '');
        if (text === '') return finish('model_error', 'The model answered with no text and no tool call.');
        return finish('answered', text);
      }
      for (const call of reply.toolCalls) transcript.push({ type: 'tool_call', id: call.id, name: call.name, arguments: call.arguments });
      // The calls it asked for at its last allowed step would never be followed by an answer: not run.
      if (iteration === maxIterations) {
        return finish(
          'iteration_cap',
          `Stopped after ${maxIterations} model call${maxIterations === 1 ? '' : 's'} without a final answer (max_iterations ${maxIterations}).`,
        );
      }
      if (usage.total > limits.maxTokens) {
        return finish(
          'token_cap',
          `Stopped after using ${usage.total} tokens without a final answer (the limit per run is ${limits.maxTokens}).`,
        );
      }
      for (const call of reply.toolCalls) {
        const toolStarted = clock.now().getTime();
        const tool = tools.find((t) => t.name === call.name);
        const args = tool
          ? checkArguments(tool, call.arguments)
          : `Unknown tool "${call.name}". Available: ${tools.map((t) => t.name).join(', ') || 'none'}.`;
        let result: Awaited<ReturnType<typeof callTool>>;
        try {
          result =
            tool && typeof args !== 'string'
              ? await untilAborted(callTool(tool, args, { signal: turn.signal }), turn.signal)
              : { content: args as string, outcome: 'invalid' };
        } catch (err) {
          if (signal.aborted) throw err;
          if (timedOut()) return finish('timeout', timeoutText());
          throw err;
        }
        transcript.push({ type: 'tool_result', id: call.id, name: call.name, ...result, ms: clock.now().getTime() - toolStarted });
        conversation.push({ role: 'tool', toolCallId: call.id, content: result.content });
      }
    }
    // Unreachable: the last iteration returns (answer or iteration_cap).
    return finish('iteration_cap', `Stopped after ${maxIterations} model calls without a final answer.`);
  } finally {
    signal.removeEventListener('abort', onOuterAbort);
    // Also ends abortAtDeadline's wait (its reason is not TIMED_OUT, so nothing reads it as a timeout).
    if (!turn.signal.aborted) turn.abort();
  }
}

/** Aborts `turn` with TIMED_OUT at `deadline` on the injected clock, waking at least every MAX_SINGLE_WAIT_MS. */
async function abortAtDeadline(clock: Clock, deadline: number, turn: AbortController): Promise<void> {
  while (!turn.signal.aborted) {
    const now = clock.now().getTime();
    if (now >= deadline) {
      turn.abort(TIMED_OUT);
      return;
    }
    try {
      await clock.sleepUntil(new Date(Math.min(deadline, now + MAX_SINGLE_WAIT_MS)), turn.signal);
    } catch {
      return;
    }
  }
}

/** `work`, or the abort: a model client or tool that ignores its signal still cannot hold the turn past its limit. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : Object.assign(new Error('The agent turn was stopped'), { name: 'AbortError' });
}

const ZERO_USAGE: TokenUsage = { prompt: 0, completion: 0, total: 0 };

function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { prompt: a.prompt + b.prompt, completion: a.completion + b.completion, total: a.total + b.total };
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
