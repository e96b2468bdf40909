import type { Clock } from '../../core/ports/clock.js';
import { type ApiMemoryAccess, type Note, checkMemoryAccess } from '../../core/ports/notes-store.js';
import { type PrefScope, type PrefValues, mergePrefs } from '../../core/ports/prefs-store.js';
import { type PrefRow, prefsFromRow } from '../pref-row.js';
import { type Kind, type Out, type Runner, answer, refused, requests } from './work.js';

/** The queries of the notes store, one per operation (see JobStoreQueries for the form). */
export interface NotesQueries {
  /** Serialises adds of one user where the database does not already (the count must be this note's). */
  lockUserNotes(platform: string, userId: string): void;
  insertNote(platform: string, userId: string, text: string, now: number): void;
  listNotes(platform: string, userId: string): Array<{ text: string; created_at: number }>;
  countNotes(platform: string, userId: string): number;
  /** Deletes the user's note number `n` (1-based, in id order); whether there was one. */
  deleteNthNote(platform: string, userId: string, n: number): boolean;
}

/** The queries of the prefs store. */
export interface PrefsQueries {
  getPrefs(platform: string, scope: PrefScope, id: string): PrefRow | undefined;
  /** A user's row and a chat's row of one platform, in one read. */
  getUserAndChatPrefs(platform: string, userId: string, chatId: string): Array<PrefRow & { scope: PrefScope }>;
  /** Upsert that keeps the stored fields given as null. */
  mergePrefs(platform: string, scope: PrefScope, id: string, timeZone: string | null, dateOrder: string | null, now: number): void;
  /** Sets the flagged fields (1) to null. */
  clearPrefs(platform: string, scope: PrefScope, id: string, timeZone: number, dateOrder: number, now: number): void;
}

const notes = requests<NotesQueries>();
const prefs = requests<PrefsQueries>();

export interface NotesOptions {
  /** What `API` callers may do. Default `none`. */
  apiAccess?: ApiMemoryAccess;
  /** Source of `createdAt`. */
  clock: Clock;
}

/**
 * The NotesStore over a dialect's runner. The access policy runs first in every method, before
 * any query (and so before any await): it reads the caller's runtime context synchronously. A
 * refusal is thrown by a synchronous store and rejected by an asynchronous one.
 */
export class EngineNotesStore<F extends Kind> {
  private readonly apiAccess: ApiMemoryAccess;

  constructor(
    private readonly run: Runner<F>,
    private readonly opts: NotesOptions,
  ) {
    this.apiAccess = opts.apiAccess ?? 'none';
  }

  /** `go()` if the caller may `op` notes, else the refusal. */
  private allowed<T>(op: 'read' | 'write', go: () => Out<F, T>): Out<F, T> {
    try {
      checkMemoryAccess(op, this.apiAccess);
    } catch (err) {
      return this.run.single(refused<T>(err));
    }
    return go();
  }

  /** Insert and count in one transaction, so the number is this note's even with other writers of the same user. */
  add(platform: string, userId: string, text: string): Out<F, number> {
    return this.allowed('write', () => {
      const now = this.opts.clock.now().getTime();
      return this.run.write(
        (function* () {
          yield* notes.lockUserNotes(platform, userId);
          yield* notes.insertNote(platform, userId, text, now);
          return yield* notes.countNotes(platform, userId);
        })(),
      );
    });
  }

  list(platform: string, userId: string): Out<F, Note[]> {
    return this.allowed('read', () =>
      this.run.single(
        (function* () {
          return (yield* notes.listNotes(platform, userId)).map((r) => ({ text: r.text, createdAt: new Date(r.created_at) }));
        })(),
      ),
    );
  }

  remove(platform: string, userId: string, n: number): Out<F, boolean> {
    return this.allowed('write', () =>
      this.run.single(!Number.isInteger(n) || n < 1 ? answer(false) : notes.deleteNthNote(platform, userId, n)),
    );
  }

  count(platform: string, userId: string): Out<F, number> {
    return this.allowed('read', () => this.run.single(notes.countNotes(platform, userId)));
  }
}

/** The PrefsStore over a dialect's runner: one row per (platform, scope, id). */
export class EnginePrefsStore<F extends Kind> {
  constructor(
    private readonly run: Runner<F>,
    private readonly clock: Clock,
  ) {}

  get(platform: string, scope: PrefScope, id: string): Out<F, PrefValues | undefined> {
    return this.run.single(
      (function* () {
        return prefsFromRow(yield* prefs.getPrefs(platform, scope, id));
      })(),
    );
  }

  set(platform: string, scope: PrefScope, id: string, values: PrefValues): Out<F, void> {
    const now = this.clock.now().getTime();
    return this.run.single(prefs.mergePrefs(platform, scope, id, values.timeZone ?? null, values.dateOrder ?? null, now));
  }

  clear(platform: string, scope: PrefScope, id: string, fields?: Array<keyof PrefValues>): Out<F, void> {
    const all = fields === undefined;
    const flag = (field: keyof PrefValues): number => (all || fields.includes(field) ? 1 : 0);
    return this.run.single(prefs.clearPrefs(platform, scope, id, flag('timeZone'), flag('dateOrder'), this.clock.now().getTime()));
  }

  effective(platform: string, userId: string, chatId: string): Out<F, PrefValues> {
    return this.run.single(
      (function* () {
        const rows = yield* prefs.getUserAndChatPrefs(platform, userId, chatId);
        return mergePrefs(prefsFromRow(rows.find((r) => r.scope === 'user')), prefsFromRow(rows.find((r) => r.scope === 'chat')));
      })(),
    );
  }
}
