export { createDiscordAdapter } from './adapter.js';
export type { DiscordAdapter, DiscordAdapterOptions } from './adapter.js';
export { slashCommands } from './commands.js';
export { fetchApplicationId, registerCommands, syncGlobalCommands, type RegisterTarget } from './register.js';
export { createDiscordSender, toMessagePayload } from './sender.js';
export { toDeliveryError } from './delivery-errors.js';
export { DISCORD } from './to-incoming.js';
