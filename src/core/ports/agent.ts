/**
 * The agent as the rest of Chime sees it: a turn of a language model that may call tools.
 * src/agent implements it (the `openai` client and the loop); the composition root hands it
 * to whoever needs it, so nothing below src/agent knows which model or client answers.
 */

/** The one line every agent feature answers while the agent is off. */
export const AGENT_OFF = 'The agent is off: set CHIME_LLM_BASE_URL and CHIME_LLM_MODEL to enable it.';

/** One argument of a tool: a primitive, so a small model can fill it in reliably. */
export interface ToolParameter {
  type: 'string' | 'integer' | 'number' | 'boolean';
  description: string;
  enum?: readonly string[];
}

/** A tool's arguments: a flat JSON-schema object (one level, no nesting). */
export interface ToolParameters {
  type: 'object';
  properties: Record<string, ToolParameter>;
  required?: readonly string[];
}

/** What a tool gets besides its arguments. Who is acting travels in the runtime context (core/runtime-context.ts). */
export interface AgentToolContext {
  /** Aborted when the turn's time is up or the turn is stopped; pass it to any I/O. */
  signal: AbortSignal;
}

/**
 * A function the model may call. `run` throws a UserError (or the notes store's
 * MemoryAccessDenied) to refuse: the refusal text is what the model sees as the result.
 * Anything else thrown is a bug: the model is told only that the tool failed.
 */
export interface AgentTool {
  name: string;
  description: string;
  parameters: ToolParameters;
  run(args: Record<string, unknown>, ctx: AgentToolContext): Promise<unknown>;
}

export interface TokenUsage {
  prompt: number;
  completion: number;
  total: number;
}

/** How a tool call ended: ran, refused (UserError / notes refusal), bad arguments, or failed. */
export type ToolOutcome = 'ok' | 'refused' | 'invalid' | 'error';

/**
 * What happened in one agent turn, in order: stored with the run and shown by `/history <id>`
 * and `chime jobs history --verbose`. Plain JSON, so every store keeps it as text.
 */
export type TranscriptEntry =
  | { type: 'message'; role: 'system' | 'user'; content: string }
  /** One model call: its text (empty when it only called tools), tokens and time. */
  | { type: 'message'; role: 'assistant'; content: string; usage: TokenUsage; ms: number }
  | { type: 'tool_call'; id: string; name: string; arguments: string }
  | { type: 'tool_result'; id: string; name: string; content: string; outcome: ToolOutcome; ms: number; error?: string }
  /** Why the turn stopped without an answer (caps, timeout, model errors). */
  | { type: 'stop'; reason: string };

export interface AgentLimits {
  /** Model calls in this turn (ReAct iterations). */
  maxIterations: number;
  /** Wall-clock limit of the whole turn (ms), model and tools together. */
  timeoutMs: number;
  /** Tokens (prompt + completion) the turn may use; checked after each model call. */
  maxTokens: number;
}

/** How the turn ended. Only `answered` and `no_reply` are successes; the caps and the timeout never are. */
export type AgentOutcome = 'answered' | 'no_reply' | 'iteration_cap' | 'timeout' | 'token_cap' | 'model_error';

export interface AgentTurnResult {
  outcome: AgentOutcome;
  /** The answer (answered), '' (no_reply), or why the turn stopped. */
  text: string;
  transcript: TranscriptEntry[];
  usage: TokenUsage;
  durationMs: number;
  /** Of durationMs, the time spent waiting for the model. */
  modelMs: number;
}

/** A conversation message handed to a turn: system prompt, earlier exchanges, the new question. */
export interface AgentMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface AgentTurnRequest {
  messages: AgentMessage[];
  tools: AgentTool[];
  /** Default the operator's: CHIME_AGENT_MAX_ITERATIONS' default, CHIME_AGENT_TIMEOUT_MS, CHIME_AGENT_MAX_TOKENS. */
  limits?: Partial<AgentLimits>;
  /** false: one model call, no tools offered. Default true. */
  react?: boolean;
  /** Stops the turn from outside (shutdown, the run's timeout): the abort error is thrown. */
  signal: AbortSignal;
}

/** The operator's limits (CHIME_AGENT_*), for callers that check a request against them. */
export interface AgentOperatorLimits {
  /** Highest max_iterations a job may ask for. */
  maxIterationsCeiling: number;
  /** max_iterations when a job names none. */
  defaultIterations: number;
  runTimeoutMs: number;
  maxTokensPerRun: number;
  /** Tokens one prompt job may use per calendar month (UTC). */
  monthlyTokenBudget: number;
  /** Agent turns in progress at once. */
  concurrency: number;
}

export interface AgentRuntime {
  /** False while no model is configured: then runTurn throws a UserError saying AGENT_OFF. */
  readonly enabled: boolean;
  readonly limits: AgentOperatorLimits;
  /**
   * One turn, waiting for a free slot first (at most `limits.concurrency` turns at once).
   * Iterations are capped at the operator's ceiling whatever the request asks.
   */
  runTurn(request: AgentTurnRequest): Promise<AgentTurnResult>;
}
