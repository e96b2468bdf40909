import { MemoryAccessDenied, UserError } from '../core/errors.js';
import type { AgentTool, AgentToolContext, ToolOutcome, ToolParameter } from '../core/ports/agent.js';
import type { ModelToolSpec } from './model-client.js';

/** The tool as the model is shown it. */
export function toolSpec(tool: AgentTool): ModelToolSpec {
  return { name: tool.name, description: tool.description, parameters: { ...tool.parameters, additionalProperties: false } };
}

/**
 * The model's JSON arguments checked against the tool's flat schema: the arguments, or a
 * sentence telling the model what to fix (it sees that as the tool's result and may retry).
 */
export function checkArguments(tool: AgentTool, json: string): Record<string, unknown> | string {
  let args: unknown;
  try {
    args = json.trim() === '' ? {} : JSON.parse(json);
  } catch {
    return `Invalid arguments: not JSON. Call ${tool.name} again with a JSON object.`;
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return `Invalid arguments: ${tool.name} takes a JSON object.`;
  const obj = args as Record<string, unknown>;
  for (const name of tool.parameters.required ?? []) {
    if (obj[name] === undefined || obj[name] === null) return `Invalid arguments: "${name}" is required.`;
  }
  for (const [name, value] of Object.entries(obj)) {
    const p = tool.parameters.properties[name];
    if (!p) return `Invalid arguments: ${tool.name} has no argument "${name}".`;
    if (value === null || value === undefined) continue;
    if (!fits(p, value)) return `Invalid arguments: "${name}" must be ${p.enum ? `one of ${p.enum.join(', ')}` : `a ${p.type}`}.`;
  }
  return obj;
}

function fits(p: ToolParameter, value: unknown): boolean {
  switch (p.type) {
    case 'string':
      return typeof value === 'string' && (!p.enum || p.enum.includes(value));
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

/** Longest tool result shown to the model: a result is context, and context costs tokens. */
const MAX_RESULT_CHARS = 4000;

/** Runs one tool: what the model is shown, and how it ended. A refusal is a result, not a crash. */
export async function callTool(
  tool: AgentTool,
  args: Record<string, unknown>,
  ctx: AgentToolContext,
): Promise<{ content: string; outcome: ToolOutcome; error?: string }> {
  try {
    const result = await tool.run(args, ctx);
    return { content: clip(typeof result === 'string' ? result : (JSON.stringify(result) ?? 'null')), outcome: 'ok' };
  } catch (err) {
    if (err instanceof UserError || err instanceof MemoryAccessDenied) return { content: `Refused: ${err.message}`, outcome: 'refused' };
    if (ctx.signal.aborted) throw err;
    // A bug or a broken dependency: the model learns only that the call failed; the transcript keeps why.
    return {
      content: 'Error: the tool failed. Do not retry it in this run.',
      outcome: 'error',
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

function clip(text: string): string {
  return text.length <= MAX_RESULT_CHARS ? text : `${text.slice(0, MAX_RESULT_CHARS)}… (truncated)`;
}
