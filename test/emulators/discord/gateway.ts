import type { Server as HttpServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { snowflake } from './snowflake.js';

/** Gateway opcodes we speak (a subset of Discord's). */
export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

interface Session {
  id: string;
  seq: number;
  /** Every dispatch sent in this session, for RESUME replays. */
  sent: Array<{ s: number; t: string; d: unknown }>;
  socket: WebSocket | null;
}

export interface GatewayHooks {
  /** READY payload (without session fields) for an IDENTIFY. */
  ready(): { user: unknown; guilds: Array<{ id: string; unavailable: true }>; application: { id: string; flags: number } };
  /** GUILD_CREATE payloads sent after READY. */
  guildCreates(): unknown[];
  readonly token: string;
}

/**
 * The gateway half of the emulator: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats,
 * RESUME with replay, and dispatch of arbitrary events to the connected bot.
 */
export class EmulatedGateway {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private current: Session | null = null;
  readonly received: Array<{ op: number; d: unknown }> = [];
  /** Count of IDENTIFYs and RESUMEs, so tests can see how the client reconnected. */
  identifies = 0;
  resumes = 0;
  private readyWaiters: Array<() => void> = [];

  constructor(
    server: HttpServer,
    private readonly hooks: GatewayHooks,
    private readonly publicUrl: () => string,
  ) {
    this.wss = new WebSocketServer({ server, path: '/gateway' });
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  /** True while a bot socket is connected and identified or resumed. */
  get connected(): boolean {
    return this.current?.socket?.readyState === 1;
  }

  /** Resolves once a session is (re)established. */
  waitForSession(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Sends a DISPATCH event to the connected bot (buffered for RESUME if none is connected). */
  dispatch(t: string, d: unknown): void {
    const session = this.current;
    if (!session) throw new Error('Discord emulator: no gateway session to dispatch to');
    session.seq += 1;
    const frame = { op: Op.Dispatch, s: session.seq, t, d };
    session.sent.push({ s: session.seq, t, d });
    if (session.socket?.readyState === 1) session.socket.send(JSON.stringify(frame));
  }

  /** Drops the connection the way a network failure would (the client should RESUME). */
  drop(code = 4000): void {
    const socket = this.current?.socket;
    if (socket) {
      this.current!.socket = null;
      socket.close(code, 'emulator drop');
    }
  }

  /** Forgets every session, so the next RESUME gets INVALID_SESSION (d: false) and the client must IDENTIFY again. */
  forgetSessions(): void {
    this.sessions.clear();
  }

  close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: Op.Hello, d: { heartbeat_interval: 41_250 } }));
    socket.on('message', (raw) => {
      let frame: { op: number; d: unknown };
      try {
        frame = JSON.parse(raw.toString()) as { op: number; d: unknown };
      } catch {
        return;
      }
      this.received.push(frame);
      switch (frame.op) {
        case Op.Heartbeat:
          socket.send(JSON.stringify({ op: Op.HeartbeatAck }));
          break;
        case Op.Identify:
          this.identify(socket);
          break;
        case Op.Resume:
          this.resume(socket, frame.d as { session_id: string; seq: number });
          break;
        default:
          break;
      }
    });
  }

  private identify(socket: WebSocket): void {
    this.identifies += 1;
    const session: Session = { id: snowflake(), seq: 0, sent: [], socket };
    this.sessions.set(session.id, session);
    this.current = session;
    this.dispatch('READY', {
      v: 10,
      ...this.hooks.ready(),
      session_id: session.id,
      resume_gateway_url: this.publicUrl(),
      shard: [0, 1],
    });
    for (const guild of this.hooks.guildCreates()) this.dispatch('GUILD_CREATE', guild);
    this.notifyReady();
  }

  private resume(socket: WebSocket, d: { session_id: string; seq: number }): void {
    const session = this.sessions.get(d.session_id);
    if (!session) {
      socket.send(JSON.stringify({ op: Op.InvalidSession, d: false }));
      return;
    }
    this.resumes += 1;
    session.socket = socket;
    this.current = session;
    for (const missed of session.sent.filter((e) => e.s > d.seq)) {
      socket.send(JSON.stringify({ op: Op.Dispatch, s: missed.s, t: missed.t, d: missed.d }));
    }
    this.dispatch('RESUMED', {});
    this.notifyReady();
  }

  private notifyReady(): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w();
  }
}
