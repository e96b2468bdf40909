import type OpenAI from 'openai';
import type { TokenUsage } from '../core/ports/agent.js';
import type { LlmConfig } from './llm-config.js';

/** A message of the conversation the model is shown (OpenAI chat-completions roles). */
export type ModelMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; toolCalls?: ModelToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

/** A function the model asked to call; `arguments` is the JSON text it wrote. */
export interface ModelToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A tool as offered to the model: name, description and a JSON schema of its arguments. */
export interface ModelToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** One answer of the model: text and/or tool calls, and what it cost. */
export interface ModelReply {
  content: string | null;
  toolCalls: ModelToolCall[];
  usage: TokenUsage;
  /** `stop`, `tool_calls`, `length`, … as the server said; null when it said nothing. */
  finishReason: string | null;
}

/** The model, as the agent loop sees it: tests and benchmarks may pass their own. */
export interface ModelClient {
  complete(req: { messages: ModelMessage[]; tools: ModelToolSpec[] }, signal: AbortSignal): Promise<ModelReply>;
}

/** The model could not answer (after the client's retries): the message says why, for the run's history. */
export class ModelError extends Error {
  override name = 'ModelError';
}

/**
 * The model behind the official `openai` client. Retries of 429, 5xx and timed-out calls (with
 * exponential backoff, honouring Retry-After) are the client's own: `maxRetries`. Settings come
 * only from `config`: the client would otherwise read OPENAI_* from the environment.
 */
export function openAiModelClient(config: LlmConfig): ModelClient {
  // The client library (150 modules) loads at the first call, not when Chime starts: most
  // starts never talk to a model, and none should wait for it.
  let sdk: Promise<typeof OpenAI> | undefined;
  let client: OpenAI | undefined;
  return {
    async complete({ messages, tools }, signal) {
      sdk ??= import('openai').then((m) => m.default);
      const Sdk = await sdk;
      client ??= new Sdk({
        baseURL: config.baseUrl,
        // Servers such as Ollama take none, but the client insists on a value.
        apiKey: config.apiKey ?? 'none',
        organization: null,
        project: null,
        timeout: config.timeoutMs,
        maxRetries: config.maxRetries,
      });
      let completion: OpenAI.Chat.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          {
            model: config.model,
            messages: messages.map(toOpenAi),
            ...(tools.length > 0 ? { tools: tools.map((t) => ({ type: 'function' as const, function: t })) } : {}),
          },
          { signal },
        );
      } catch (err) {
        throw signal.aborted ? err : modelError(Sdk, err, config);
      }
      return fromOpenAi(completion);
    },
  };
}

function toOpenAi(m: ModelMessage): OpenAI.Chat.ChatCompletionMessageParam {
  switch (m.role) {
    case 'tool':
      return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: m.content,
        ...(m.toolCalls?.length
          ? {
              tool_calls: m.toolCalls.map((c) => ({
                id: c.id,
                type: 'function' as const,
                function: { name: c.name, arguments: c.arguments },
              })),
            }
          : {}),
      };
    default:
      return { role: m.role, content: m.content };
  }
}

function fromOpenAi(completion: OpenAI.Chat.ChatCompletion): ModelReply {
  const choice = completion.choices[0];
  if (!choice) throw new ModelError('The model answered with no choices.');
  const toolCalls: ModelToolCall[] = [];
  for (const call of choice.message.tool_calls ?? []) {
    // Custom (free-text) tools are never offered, so only function calls can come back.
    if (call.type === 'function') toolCalls.push({ id: call.id, name: call.function.name, arguments: call.function.arguments });
  }
  const u = completion.usage;
  return {
    content: choice.message.content ?? null,
    toolCalls,
    usage: { prompt: u?.prompt_tokens ?? 0, completion: u?.completion_tokens ?? 0, total: u?.total_tokens ?? 0 },
    finishReason: choice.finish_reason ?? null,
  };
}

/** One line a person can act on, for the run's history; never the request or the key. */
function modelError(Sdk: typeof OpenAI, err: unknown, config: LlmConfig): ModelError {
  if (err instanceof Sdk.APIConnectionTimeoutError) {
    return new ModelError(
      `The model did not answer within ${config.timeoutMs} ms (CHIME_LLM_TIMEOUT_MS), tried ${config.maxRetries + 1} time${config.maxRetries === 0 ? '' : 's'}.`,
    );
  }
  if (err instanceof Sdk.APIConnectionError) return new ModelError(`Could not reach the model at ${config.baseUrl}: ${err.message}`);
  if (err instanceof Sdk.APIError) {
    const hint =
      err.status === 401 || err.status === 403
        ? ' (check CHIME_LLM_API_KEY)'
        : err.status === 404
          ? ' (check CHIME_LLM_MODEL and CHIME_LLM_BASE_URL)'
          : '';
    return new ModelError(`The model server answered ${err.status ?? 'an error'}${hint}: ${err.message}`);
  }
  return new ModelError(`The model call failed: ${err instanceof Error ? err.message : String(err)}`);
}
