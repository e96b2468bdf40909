export { createConsoleAdapter } from './console-adapter.js';
export type { ConsoleAdapter, ConsoleAdapterOptions } from './console-adapter.js';
export { renderMessage } from './render.js';
