export { createTelegramAdapter } from './adapter.js';
export type { TelegramAdapter, TelegramAdapterOptions, TelegramWebhookOptions } from './adapter.js';
export type { TelegramRateLimits } from './api-transformers.js';
export type { MenuCommand } from './commands.js';
export { createTelegramSender, toSendPayload } from './sender.js';
export { toDeliveryError } from './delivery-errors.js';
