import type { Api, Session } from './api.js';
import type { LiveStream } from './live.js';
import type { PressGuard } from './press.js';
import type { LiveEvent } from './types.js';

/** What every view gets: the API, who is logged in, the live stream and the page's shared parts. */
export interface Ctx {
  api: Api;
  session: Session;
  /** False for a read-only token: views then draw no action buttons at all. */
  canWrite: boolean;
  live: LiveStream;
  /** Redraws of what may hold a pressed button go through it, so they never swallow the click. */
  press: PressGuard;
  /** Opens `href`; `notice` lines show above that view until the next navigation. */
  navigate(href: string, opts?: { replace?: boolean; notice?: string[] }): void;
  /** A short message in the page's status area (screen readers hear it too). */
  say(message: string, kind?: 'info' | 'error'): void;
  /** The jobs list address last shown (with its filters), for "back to the list" links. */
  listHref: string;
}

/** A view draws itself into `root` and returns how to tear down (timers, subscriptions) and react to live events. */
export interface View {
  onEvent?(event: LiveEvent): void;
  stop?(): void;
}
