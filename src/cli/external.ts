import { UserError } from '../core/errors.js';
import type { CliIo } from './io.js';

/**
 * A CLI command owned by another part of Chime (NL's `chime parse`, Discord's
 * `chime discord register`), loaded when used so the CLI works while it is absent.
 */
export function externalCommand(spec: { module: string; exportName: string; usage: string; summary: string }) {
  return {
    usage: spec.usage,
    summary: spec.summary,
    async run(argv: string[], io: CliIo): Promise<number> {
      let mod: Record<string, unknown>;
      try {
        mod = (await import(spec.module)) as Record<string, unknown>;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
          throw new UserError('cli.unavailable', `This Chime build has no "${spec.usage.split(' [')[0]}" command yet.`);
        }
        throw err;
      }
      const fn = mod[spec.exportName] ?? mod.run ?? mod.default;
      if (typeof fn !== 'function') throw new UserError('cli.unavailable', `${spec.module} does not export ${spec.exportName}.`);
      const code: unknown = await (fn as (argv: string[], io: CliIo) => unknown)(argv, io);
      return typeof code === 'number' ? code : 0;
    },
  };
}
