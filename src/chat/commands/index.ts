import type { CommandModule } from '../command.js';
import { ask } from './ask.js';
import { cancel } from './cancel.js';
import { dateorder } from './dateorder.js';
import { edit } from './edit.js';
import { history } from './history.js';
import { list } from './list.js';
import { next } from './next.js';
import { forget, recall, remember } from './notes.js';
import { pause, resume } from './pause.js';
import { remind } from './remind.js';
import { run } from './run.js';
import { snooze } from './snooze.js';
import { makeHelp } from './start.js';
import { tz } from './tz.js';
import { watch } from './watch.js';

/** Every chat command, in the order /help shows them. A fresh array per call (no module state). */
export function commandModules(): CommandModule[] {
  const all: CommandModule[] = [
    remind,
    list,
    next,
    cancel,
    pause,
    resume,
    snooze,
    edit,
    run,
    history,
    tz,
    dateorder,
    remember,
    recall,
    forget,
    watch,
    ask,
  ];
  return [...makeHelp(() => all), ...all];
}
