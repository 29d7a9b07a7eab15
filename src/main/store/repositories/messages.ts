// The message log (the messages table): every frame both ways, appended by the thousand a second, with
// no per-row index but the sparse one (`chunks`, by charger and by action) and a partial index of the
// frames in violation. Reads by filter go through the planner in message-log.ts.
import type { MessageFilter } from '../../../shared/api/message-filter';
import { byChunks, type Chunkers, type Store, type Writes } from '../repository';
import type { Db } from '../database';
import type { ReaderQueries } from '../reader/protocol';
import type { ExportFormat } from '../../../shared/api/message-export';
import type { FrameToLog, MessageRecord } from '../../../shared/records';
import { MESSAGE_COLUMNS, readMessages } from './message-log';
import { JsonText } from '../../json-text';

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

export type MessageListQuery = { chargerId?: string; action?: string; limit?: number; beforeId?: number };
export type MessagePageQuery = MessageFilter & { upToId?: number; offset?: number; limit?: number };

/** The message log, newest first, paged by id (optionally one charger's, one action's). */
export function listMessages(db: Db, q: MessageListQuery): MessageRecord[] {
  const limit = q.limit ?? 100;
  const before = q.beforeId ?? Number.MAX_SAFE_INTEGER;
  const actionFilter = q.action ? 'AND action = ?' : '';
  const extra = q.action ? [q.action] : [];
  if (!q.chargerId) return readMessages(db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id < ? ${actionFilter} ORDER BY id DESC LIMIT ?`), before, ...extra, limit);
  const inRange = db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id BETWEEN ? AND ? AND charger_id = ? ${actionFilter} ORDER BY id DESC LIMIT ?`);
  return byChunks(db, 'message/charger', q.chargerId, before, limit, (first, last, n) => readMessages(inRange, first, last, q.chargerId, ...extra, n));
}

/**
 * The message log's reads. `list` is synchronous, on this thread's connection; the rest (pages, counts,
 * exports, and `read`, which is `list` off-thread) run on the reader thread, so however many rows they
 * read, the chargers' answers do not wait for them.
 */
export class MessagesRepository {
  constructor(private readonly store: Store) {}

  add(chargerId: string, rec: FrameToLog, ts: string): void {
    this.store.write('message', [ts, chargerId, rec.direction, rec.kind, rec.messageId, rec.action, rec.raw, rec.error]);
  }

  /** The message log, newest first, paged by id (optionally one charger's, one action's). */
  list(q: MessageListQuery = {}): MessageRecord[] {
    return listMessages(this.store.db, q);
  }

  /** `list` on the reader thread. */
  async read(q: MessageListQuery = {}): Promise<MessageRecord[]> {
    return (await this.readJson(q)).value();
  }

  /** `read` as the JSON text the reader thread made (faces send it on without parsing it). */
  async readJson(q: MessageListQuery = {}): Promise<JsonText<MessageRecord[]>> {
    return new JsonText((await this.store.reader.query('messagesList', q)) as Uint8Array);
  }

  /** One page of the message log under a filter, newest first (the log screen's rows). */
  async page(q: MessagePageQuery): Promise<MessageRecord[]> {
    return (await this.pageJson(q)).value();
  }

  /** `page` as the JSON text the reader thread made. */
  async pageJson(q: MessagePageQuery): Promise<JsonText<MessageRecord[]>> {
    return new JsonText((await this.store.reader.query('messagesPage', q)) as Uint8Array);
  }

  /** How many frames match a filter (see MessageLog.count on `cap`); maxId pins the view the count belongs to. */
  count(filter: MessageFilter, opts: { upToId?: number; cap?: number } = {}): Promise<{ count: number; capped: boolean; maxId: number }> {
    return this.store.reader.query('messagesCount', { filter, ...opts }) as Promise<{ count: number; capped: boolean; maxId: number }>;
  }

  /** The frames of a filter up to `upToId` (the newest when absent), oldest first, in batches. */
  batches(filter: MessageFilter, upToId?: number): AsyncGenerator<MessageRecord[]> {
    return this.cursor<MessageRecord[]>({ filter, upToId });
  }

  /** An export of a filter's frames (as the log stands now), formatted on the reader thread, batch by batch. */
  exportText(filter: MessageFilter, format: ExportFormat): AsyncGenerator<{ bytes: Uint8Array; frames: number }> {
    return this.cursor<{ bytes: Uint8Array; frames: number }>({ filter, format });
  }

  /** A cursor on the reader thread, read ahead by one batch; closed there when left part-way. */
  private async *cursor<T>(args: ReaderQueries['batchesOpen']): AsyncGenerator<T> {
    const reader = this.store.reader;
    const cursor = (await reader.query('batchesOpen', args)) as number;
    let done = false;
    try {
      let next = reader.query('batchesNext', { cursor }) as Promise<T | null>;
      for (;;) {
        const batch = await next;
        if (batch === null) break;
        // The next batch is read while this one is used.
        next = reader.query('batchesNext', { cursor }) as Promise<T | null>;
        next.catch(() => {});
        yield batch;
      }
      done = true;
    } finally {
      if (!done) await reader.query('batchesClose', { cursor }).catch(() => null);
    }
  }
}
