import {
  ComponentType,
  MessageFlags,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { IncomingMessage, Reply } from '../../src/chat/message.js';
import { GENERIC_FAILURE } from '../../src/core/errors.js';
import { invokerOf, placeOf, replyBody, type InteractionDeps } from './interactions.js';
import { contextOf, refuseRolePings, type InteractionPlace } from './to-incoming.js';

/** Modal custom ids start with this, followed by the menu interaction's id. */
export const MODAL_PREFIX = 'chime-about:';

/** How long a picked message waits for its modal to be submitted (ms). Discord's interaction tokens last 15 minutes. */
const PENDING_TTL_MS = 15 * 60_000;
/** Picked messages kept at most (people who open the modal and walk away). */
const MAX_PENDING = 1000;
/** Longest quoted message text kept with the reminder (characters). */
const MAX_QUOTED = 1000;

/** The message a person picked from the menu, waiting for "when". */
export interface PickedMessage {
  messageId: string;
  text?: string;
  link: string;
  at: number;
}

/** `https://discord.com/channels/<guild or @me>/<channel>/<message>`: opens the message in Discord. */
export function messageLink(place: InteractionPlace, messageId: string): string {
  return `https://discord.com/channels/${place.guildId ?? '@me'}/${place.channelId}/${messageId}`;
}

/** Picked messages by modal id, with lazy expiry (no timers to clean up at stop). */
export class PendingPicks {
  private readonly picks = new Map<string, PickedMessage>();

  put(id: string, pick: PickedMessage): void {
    this.evict(pick.at);
    this.picks.set(id, pick);
  }

  take(id: string, now: number): PickedMessage | undefined {
    this.evict(now);
    const pick = this.picks.get(id);
    this.picks.delete(id);
    return pick;
  }

  private evict(now: number): void {
    for (const [id, p] of this.picks) {
      if (now - p.at > PENDING_TTL_MS || this.picks.size >= MAX_PENDING) this.picks.delete(id);
      else break; // insertion order is age order
    }
  }
}

/** The modal asking when (and optionally a note) for a reminder about a message. */
export function aboutModal(modalId: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: `${MODAL_PREFIX}${modalId}`,
    title: 'Remind me about this message',
    components: [
      {
        type: ComponentType.Label,
        label: 'When',
        component: {
          type: ComponentType.TextInput,
          custom_id: 'when',
          style: TextInputStyle.Short,
          required: true,
          max_length: 200,
          placeholder: 'in 2 hours, tomorrow at 9, every monday at 10',
        },
      },
      {
        type: ComponentType.Label,
        label: 'Note (optional)',
        component: { type: ComponentType.TextInput, custom_id: 'what', style: TextInputStyle.Short, required: false, max_length: 500 },
      },
    ],
  };
}

/**
 * The words of a message: its content, or for a forward (whose own content is empty) the
 * forwarded message's, from its snapshot.
 */
function wordsOf(message: MessageContextMenuCommandInteraction['targetMessage']): string | undefined {
  return message.content || message.messageSnapshots?.first()?.content || undefined;
}

/** "Remind me about this" on a message: remember the message, ask when in a modal (the modal is the acknowledgement). */
export async function handleMessageMenu(picks: PendingPicks, i: MessageContextMenuCommandInteraction): Promise<void> {
  const target = i.targetMessage;
  const pick: PickedMessage = { messageId: target.id, link: messageLink(placeOf(i), target.id), at: Date.now() };
  const words = wordsOf(target);
  if (words) pick.text = words.slice(0, MAX_QUOTED);
  picks.put(i.id, pick);
  await i.showModal(aboutModal(i.id));
}

/** The modal's answer: `/remind <when> [note]` as a reply to the picked message, confirmed ephemerally. */
export async function handleAboutModal(deps: InteractionDeps, picks: PendingPicks, i: ModalSubmitInteraction): Promise<void> {
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const pick = picks.take(i.customId.slice(MODAL_PREFIX.length), Date.now());
  const when = i.fields.getTextInputValue('when').trim();
  const what = fieldOrEmpty(i, 'what');
  let replies: Reply[];
  // The picked message itself may ping a role: it is only quoted, and quotes never ping.
  const rolePing = refuseRolePings(invokerOf(i), when, what);
  if (!pick) {
    replies = [{ text: 'That request expired. Pick "Remind me about this" on the message again.' }];
  } else if (rolePing) {
    replies = [{ text: rolePing.refused }];
  } else {
    const incoming: IncomingMessage = {
      ...contextOf(placeOf(i), invokerOf(i)),
      text: ['/remind', when, what].filter(Boolean).join(' '),
      parts: { when, ...(what ? { what } : {}) },
      replyTo: { messageId: pick.messageId, link: pick.link, ...(pick.text ? { text: pick.text } : {}) },
    };
    try {
      replies = await deps.chat.handleMessage(incoming);
    } catch (err) {
      deps.logger.error({ err, channelId: i.channelId }, 'discord: chat layer failed on a message reminder');
      replies = [{ text: GENERIC_FAILURE }];
    }
  }
  const [first = { text: '✓' }, ...rest] = replies;
  await i.editReply(replyBody(first));
  for (const msg of rest) await i.followUp({ ...replyBody(msg), flags: MessageFlags.Ephemeral });
}

function fieldOrEmpty(i: ModalSubmitInteraction, id: string): string {
  try {
    return i.fields.getTextInputValue(id).trim();
  } catch {
    return '';
  }
}
