#!/usr/bin/env node
// Entry point for `npx chime` and `npm start`: the CLI from the compiled build in dist/ (made by
// `npm install`), or from the TypeScript sources when they changed since that build.
import { loadChime } from './load-chime.js';

const { module: cli } = await loadChime('src/cli/main');
process.exitCode = await cli.main(process.argv.slice(2));
