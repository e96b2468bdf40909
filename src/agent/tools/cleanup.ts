import { ForbiddenError, UserError } from '../../core/errors.js';
import type { AgentTool } from '../../core/ports/agent.js';
import type { ToolEnv } from './tool-env.js';

const DAY_MS = 86_400_000;

/** Cleanup touches the server's files: Chime's own admins only (CHIME_ADMINS, or the console), never chat admins. */
function adminOnly(env: ToolEnv): NonNullable<ToolEnv['cleanup']> {
  if (!env.isChimeAdmin) throw new ForbiddenError("Only Chime's admins (CHIME_ADMINS) can register or run cleanup; nothing was changed.");
  if (!env.cleanup) throw new UserError('agent.no_cleanup', 'Cleanup is not available here.');
  return env.cleanup;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** `register_cleanup`: a directory for the housekeeper, as CHIME_CLEANUP_DIRS would (for this process's life). */
export function registerCleanup(env: ToolEnv): AgentTool {
  return {
    name: 'register_cleanup',
    description:
      "Admins only: register a directory on Chime's server for periodic cleanup of files matching pattern (glob), older than retention_days or beyond max_count. Lasts until Chime restarts (CHIME_CLEANUP_DIRS keeps it for good).",
    parameters: {
      type: 'object',
      properties: {
        directory: { type: 'string', description: 'Directory on the server.' },
        pattern: { type: 'string', description: 'Glob relative to it, e.g. "*.log" (default *).' },
        retention_days: { type: 'number', description: 'Files older than this many days are removed.' },
        max_count: { type: 'integer', description: 'Keep at most this many matching files (newest).' },
        priority: { type: 'integer', description: 'Lower runs first (default 100).' },
        description: { type: 'string', description: 'What the files are.' },
      },
      required: ['directory'],
    },
    run: async (args) => {
      const cleanup = adminOnly(env);
      const days = num(args.retention_days);
      const maxCount = num(args.max_count);
      if (days === undefined && maxCount === undefined) {
        throw new UserError('agent.cleanup_policy', 'Give retention_days or max_count: without one nothing would ever be removed.');
      }
      const id = cleanup.register({
        directory: String(args.directory ?? ''),
        ...(typeof args.pattern === 'string' ? { pattern: args.pattern } : {}),
        ...(days !== undefined ? { maxAgeMs: days * DAY_MS } : {}),
        ...(maxCount !== undefined ? { maxCount } : {}),
        ...(num(args.priority) !== undefined ? { priority: num(args.priority) as number } : {}),
        ...(typeof args.description === 'string' ? { description: args.description } : {}),
        moduleId: 'agent',
      });
      env.changes.push({ tool: 'register_cleanup', line: `🧹 Registered cleanup ${id} for ${String(args.directory)}.`, created: true });
      return { registered: id, directory: args.directory, until: 'Chime restarts' };
    },
  };
}

/** `run_cleanup`: the housekeeper's pass now (history, outbox, conversations, directories), as `chime cleanup`. */
export function runCleanup(env: ToolEnv): AgentTool {
  return {
    name: 'run_cleanup',
    description:
      'Admins only: run cleanup now (old history, delivered messages, old conversations, registered directories); dry_run only reports.',
    parameters: { type: 'object', properties: { dry_run: { type: 'boolean', description: 'Only report what would be removed.' } } },
    run: async (args) => {
      const report = await adminOnly(env).run({ dryRun: args.dry_run === true });
      const h = report.history;
      const summary = {
        dry_run: report.dryRun,
        runs_deleted: h.runsDeleted,
        messages_deleted: h.outboxDeleted,
        conversation_messages_deleted: h.conversationMessagesDeleted,
        files_removed: report.totalFiles,
        bytes_removed: report.totalBytes,
      };
      if (!report.dryRun) env.changes.push({ tool: 'run_cleanup', line: `🧹 Cleanup ran: ${JSON.stringify(summary)}`, created: false });
      return summary;
    },
  };
}
