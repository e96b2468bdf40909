import type { Address } from '../../src/core/job.js';
import { plainText } from '../../src/core/outgoing-message.js';
import type { OutgoingMessage, Sender, SentRef } from '../../src/core/ports/sender.js';

export interface SendCall {
  to: Address;
  msg: OutgoingMessage;
  /** The message as plain text (what a terminal would show). */
  text: string;
}

/**
 * A sender that records what it was asked to send and tracks concurrency. `behave` decides
 * each call's fate (throw a delivery error, or resolve); by default every send succeeds.
 */
export class FakeSender implements Sender {
  calls: SendCall[] = [];
  /** Successful sends only. */
  delivered: SendCall[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private perChat = new Map<string, number>();
  maxInFlightPerChat = 0;
  behave: (call: SendCall, n: number) => Promise<void> | void = () => {};

  constructor(readonly platform: string) {}

  async send(to: Address, msg: OutgoingMessage): Promise<SentRef> {
    const call = { to, msg, text: plainText(msg) };
    const n = this.calls.push(call);
    const chat = `${to.chatId}`;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.perChat.set(chat, (this.perChat.get(chat) ?? 0) + 1);
    this.maxInFlightPerChat = Math.max(this.maxInFlightPerChat, this.perChat.get(chat) ?? 0);
    try {
      await this.behave(call, n);
      this.delivered.push(call);
      return { messageId: `m${n}` };
    } finally {
      this.inFlight--;
      this.perChat.set(chat, (this.perChat.get(chat) ?? 1) - 1);
    }
  }
}
