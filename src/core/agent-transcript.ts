import type { TranscriptEntry } from './ports/agent.js';
import type { RunAgentRecord } from './run.js';

/**
 * An agent run told for people (`/history <id>`, `chime jobs history --verbose`): one line
 * for its cost, then what the model was asked, which tools it called with what, what they
 * answered (refusals included) and how it ended. The same words in the chat and the CLI.
 */
export function agentRunLines(agent: RunAgentRecord, opts: { withSystem?: boolean; clipAt?: number } = {}): string[] {
  const clipAt = opts.clipAt ?? 300;
  const { usage } = agent;
  const lines = [
    `${agent.outcome} · ${usage.total} tokens (${usage.prompt} in, ${usage.completion} out) · model ${seconds(agent.modelMs)}`,
  ];
  for (const e of agent.transcript) {
    const line = entryLine(e, clipAt, opts.withSystem ?? false);
    if (line !== null) lines.push(line);
  }
  return lines;
}

function entryLine(e: TranscriptEntry, clipAt: number, withSystem: boolean): string | null {
  switch (e.type) {
    case 'message':
      if (e.role === 'system') return withSystem ? `  system: ${clip(e.content, clipAt)}` : null;
      if (e.role === 'user') return `  asked: ${clip(e.content, clipAt)}`;
      return e.content.trim() === '' ? null : `  model: ${clip(e.content, clipAt)}`;
    case 'tool_call':
      return `  → ${e.name} ${clip(e.arguments, clipAt)}`;
    case 'tool_result':
      return `  ← ${e.name} (${e.outcome}): ${clip(e.content, clipAt)}${e.error ? ` [${clip(e.error, clipAt)}]` : ''}`;
    case 'stop':
      return `  stopped: ${e.reason}`;
  }
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
