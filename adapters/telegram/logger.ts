/** The adapter's logger: the shared slice from src/log.ts under the names this adapter uses. */
export { type LogSlice as AdapterLogger, noLogs as silentLogger } from '../../src/log.js';
