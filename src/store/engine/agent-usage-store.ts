import { type Kind, type Out, type Runner, requests } from './work.js';

/** The queries of the agent usage store (see JobStoreQueries for the form). */
export interface AgentUsageQueries {
  /** Adds to the month's row (creating it); the new total. */
  addAgentTokens(jobId: string, month: string, tokens: number, now: number): number;
  agentTokensUsed(jobId: string, month: string): number;
}

const q = requests<AgentUsageQueries>();

/** The AgentUsageStore over a dialect's runner. */
export class EngineAgentUsageStore<F extends Kind> {
  constructor(private readonly run: Runner<F>) {}

  addTokens(jobId: string, month: string, tokens: number, now: Date): Out<F, number> {
    const at = now.getTime();
    return this.run.write(
      (function* () {
        return yield* q.addAgentTokens(jobId, month, Math.max(0, Math.round(tokens)), at);
      })(),
    );
  }

  tokensUsed(jobId: string, month: string): Out<F, number> {
    return this.run.single(
      (function* () {
        return yield* q.agentTokensUsed(jobId, month);
      })(),
    );
  }
}
