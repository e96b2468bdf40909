import type { OutgoingMessage } from '../../src/core/ports/sender.js';

/** A numbered button: what pressing it sends, and the printed message it belongs to. */
export interface NumberedButton {
  actionId: string;
  messageId: string;
}

/** How many of the latest buttons stay pressable by number (older ones get a clear refusal). */
const KEPT = 1000;

/**
 * Numbers the buttons a terminal shows, `[1] Snooze 10 min   [2] Done`, so a person presses one
 * by typing its number. Numbers keep counting across messages and are never reused while the
 * process runs: a number typed just as a new reminder prints still presses the button it was
 * read from, never one of the new message.
 */
export class ButtonNumbers {
  private next = 1;
  private readonly byNumber = new Map<number, NumberedButton>();

  /** Numbers the buttons of `msg` (printed as `messageId`), row by row. */
  assign(msg: OutgoingMessage, messageId: string): number[][] {
    return (msg.actions ?? []).map((row) =>
      row.map((a) => {
        const n = this.next++;
        this.byNumber.set(n, { actionId: a.id, messageId });
        this.byNumber.delete(n - KEPT);
        return n;
      }),
    );
  }

  /** The button printed with number `n`, if it is still pressable. */
  find(n: number): NumberedButton | undefined {
    return this.byNumber.get(n);
  }

  /** Why `n` presses nothing, for the person who typed it. */
  refusal(n: number): string {
    if (this.next === 1) return `There is no button [${n}]: no buttons have been shown yet.`;
    if (n >= this.next) return `There is no button [${n}]: the last one shown is [${this.next - 1}].`;
    return `Button [${n}] is too old to press; use the command instead (/help lists them).`;
  }
}
