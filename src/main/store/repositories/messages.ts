// The message log (the messages table): every frame both ways, appended by the thousand a second, with
// no per-row index but the sparse one (`chunks`, by charger and by action) and a partial index of the
// frames in violation. Reads by filter go through the planner in message-log.ts.
import type { MessageFilter } from '../../../shared/api/message-filter';
import { byChunks, type Chunkers, type Store, type Writes } from '../repository';
import type { FrameToLog, MessageRecord, Row } from '../../../shared/records';
import { MessageLog, toMessage } from './message-log';

export const messageWrites = {
  message: 'INSERT INTO messages (ts, charger_id, direction, kind, message_id, action, raw, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  // Retention: the time test guards against a clock that went backwards within the id range.
  pruneMessages: 'DELETE FROM messages WHERE id BETWEEN ? AND ? AND ts < ?',
} satisfies Writes;

export const messageChunkers: Chunkers = {
  message: [
    ['message/charger', [1]],
    ['message/action', [5]],
  ],
};

export class MessagesRepository {
  private log: MessageLog | null = null;

  constructor(private readonly store: Store) {}

  add(chargerId: string, rec: FrameToLog, ts: string): void {
    this.store.write('message', [ts, chargerId, rec.direction, rec.kind, rec.messageId, rec.action, rec.raw, rec.error]);
  }

  /** The message log, newest first, paged by id (optionally one charger's, one action's). */
  list(q: { chargerId?: string; action?: string; limit?: number; beforeId?: number } = {}): MessageRecord[] {
    const db = this.store.db;
    const limit = q.limit ?? 100;
    const before = q.beforeId ?? Number.MAX_SAFE_INTEGER;
    const actionFilter = q.action ? 'AND action = ?' : '';
    const extra = q.action ? [q.action] : [];
    if (!q.chargerId) return (db.prepare(`SELECT * FROM messages WHERE id < ? ${actionFilter} ORDER BY id DESC LIMIT ?`).all(before, ...extra, limit) as Row[]).map(toMessage);
    const inRange = db.prepare(`SELECT * FROM messages WHERE id BETWEEN ? AND ? AND charger_id = ? ${actionFilter} ORDER BY id DESC LIMIT ?`);
    return byChunks(db, 'message/charger', q.chargerId, before, limit, (first, last, n) => inRange.all(first, last, q.chargerId, ...extra, n) as Row[]).map(toMessage);
  }

  private planner(): MessageLog {
    return (this.log ??= new MessageLog(this.store.db));
  }

  /** One page of the message log under a filter, newest first (the log screen's rows). */
  page(q: MessageFilter & { upToId?: number; offset?: number; limit?: number }): Promise<MessageRecord[]> {
    const { upToId, offset, limit, ...filter } = q;
    return this.planner().page(filter, upToId, offset ?? 0, limit ?? 200);
  }

  /** How many frames match a filter (see MessageLog.count on `cap`); maxId pins the view the count belongs to. */
  count(filter: MessageFilter, opts: { upToId?: number; cap?: number } = {}): Promise<{ count: number; capped: boolean; maxId: number }> {
    return this.planner().count(filter, opts.upToId, opts.cap ?? 1_000_000);
  }

  /** The frames of a filter up to `upToId` (the newest when absent), oldest first, in batches. */
  batches(filter: MessageFilter, upToId?: number): AsyncGenerator<MessageRecord[]> {
    const log = this.planner();
    return log.batches(filter, upToId ?? log.maxId());
  }
}
