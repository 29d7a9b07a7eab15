// The virtual_chargers table: each built-in virtual charger's definition and non-volatile state.
import type { Store, Writes } from '../repository';
import type { Row } from '../../../shared/records';
import type { SecretCodec } from '../secrets';

export const virtualChargerWrites = {
  virtualChargerPut: `INSERT INTO virtual_chargers (id, created_at, definition, state) VALUES (?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET definition = excluded.definition, state = excluded.state`,
  virtualChargerState: 'UPDATE virtual_chargers SET state = ? WHERE id = ?',
  virtualChargerDelete: 'DELETE FROM virtual_chargers WHERE id = ?',
  virtualChargerQueued: 'INSERT OR REPLACE INTO virtual_charger_queue (charger_id, seq, message) VALUES (?, ?, ?)',
  /** The messages before the queue's first (delivered or dropped since the last save). */
  virtualChargerDequeued: 'DELETE FROM virtual_charger_queue WHERE charger_id = ? AND seq < ?',
  virtualChargerQueueDelete: 'DELETE FROM virtual_charger_queue WHERE charger_id = ?',
} satisfies Writes;

/** A message of a virtual charger's transaction queue, as the charger keeps it (see QueuedMessage). */
interface QueuedRow {
  seq: number;
  attempts: number;
}

/**
 * What the record holds of a charger's queue: its first and last message (last < first: none), the
 * first's attempts (every other row was written with none: only the first is retried). 'unknown': rows
 * may be missing or left over (a state that still held its queue, writes dropped), so the next save
 * writes the queue whole.
 */
type WrittenQueue = { first: number; last: number; firstAttempts: number } | 'unknown';

/**
 * The bench's virtual chargers: each definition and its non-volatile state (a charger's memory). Their
 * secrets (the definition's password, the AuthorizationKey in the charger's configuration) are stored
 * through the secrets codec, as the central system's charger passwords are.
 */
export class VirtualChargersRepository {
  /**
   * Per charger, what the record holds of its queue (what the next save need not write again). A charger
   * not here was deleted: a save still on its way writes no queue rows for it.
   */
  private readonly written = new Map<string, WrittenQueue>();

  constructor(
    private readonly store: Store,
    private readonly secrets: SecretCodec,
  ) {}

  list(): Array<{ id: string; createdAt: string; definition: unknown; state: any }> {
    const rows = this.store.db.prepare('SELECT id, created_at, definition, state FROM virtual_chargers ORDER BY created_at, id').all() as Row[];
    const queueOf = this.store.db.prepare('SELECT seq, message FROM virtual_charger_queue WHERE charger_id = ? ORDER BY seq');
    return rows.map((r) => {
      const definition = JSON.parse(r.definition) as Secrets;
      const state = r.state ? (JSON.parse(r.state) as Secrets) : null;
      const plain = this.hasPlain(definition, state);
      const read = { id: r.id as string, createdAt: r.created_at as string, definition: this.unseal(definition), state: state && this.unseal(state) };
      const queued = (queueOf.all(read.id) as Array<{ seq: number; message: string }>).map((q) => ({ ...(JSON.parse(q.message) as object), seq: q.seq }) as QueuedRow);
      this.written.set(read.id, queued.length ? { first: queued[0].seq, last: queued.at(-1)!.seq, firstAttempts: queued[0].attempts } : { first: 1, last: 0, firstAttempts: 0 });
      // A state saved before the queue had rows holds the queue itself (unnumbered), and is what counts
      // until a save moves it to rows (any rows are what a save killed part-way left): numbered here.
      if (read.state && Array.isArray(read.state.queue)) {
        read.state = { ...read.state, queue: (read.state.queue as Array<Omit<QueuedRow, 'seq'>>).map((m, i) => ({ ...m, seq: i + 1 })) };
        this.written.set(read.id, 'unknown');
      } else if (read.state) read.state = { ...read.state, queue: queued };
      // Stored before this machine's keyring was used: encrypted now.
      if (plain)
        this.store.writeTogether(() =>
          this.store.write('virtualChargerPut', [read.id, read.createdAt, this.sealed(read.definition), read.state === null ? null : this.sealedState(read.id, read.state)]),
        );
      return read;
    });
  }

  async save(id: string, createdAt: string, definition: unknown, state: unknown): Promise<void> {
    this.store.mustBeWritable();
    // A charger made anew: whatever rows its id has are not its queue.
    this.written.set(id, 'unknown');
    this.store.writeTogether(() => this.store.write('virtualChargerPut', [id, createdAt, this.sealed(definition), state === undefined ? null : this.sealedState(id, state)]));
    await this.store.settled();
  }

  saveState(id: string, state: unknown): void {
    this.store.writeTogether(() => this.store.write('virtualChargerState', [this.sealedState(id, state), id]));
  }

  /** The writer dropped writes: every charger's next save writes its queue whole. */
  forgetWritten(): void {
    for (const id of this.written.keys()) this.written.set(id, 'unknown');
  }

  async delete(id: string): Promise<void> {
    this.store.mustBeWritable();
    this.store.write('virtualChargerDelete', [id]);
    this.store.write('virtualChargerQueueDelete', [id]);
    this.written.delete(id);
    await this.store.settled();
  }

  /** The JSON stored for a definition or a state: its secrets encrypted. */
  private sealed(value: unknown): string {
    return JSON.stringify(this.mapSecrets(value as Secrets, (s) => this.secrets.encrypt(s)));
  }

  /**
   * The JSON stored for a state, without its queue: what changed in the queue since the last save is
   * written to its rows, before the state and in the same journal entry (writeTogether), so the two never
   * disagree in the record.
   */
  private sealedState(id: string, state: unknown): string {
    const { queue, ...rest } = state as Secrets & { queue?: QueuedRow[] };
    if (Array.isArray(queue)) this.writeQueue(id, queue);
    return this.sealed(rest);
  }

  /** Writes what came into the queue and deletes what left it (from its front) since the last save. */
  private writeQueue(id: string, queue: QueuedRow[]): void {
    let was = this.written.get(id);
    // Deleted (a save on its way when it was): no rows.
    if (was === undefined) return;
    if (was === 'unknown') {
      this.store.write('virtualChargerQueueDelete', [id]);
      was = { first: 1, last: 0, firstAttempts: 0 };
    }
    const first = queue.length ? queue[0].seq : was.last + 1;
    if (was.last >= was.first && first > was.first) this.store.write('virtualChargerDequeued', [id, first]);
    let fresh = queue.length;
    while (fresh > 0 && queue[fresh - 1].seq > was.last) fresh--;
    // The first message's attempts go up while the central system refuses it; a message that has just
    // become the first was written with none.
    const firstWritten = first === was.first ? was.firstAttempts : 0;
    if (fresh > 0 && queue[0].attempts !== firstWritten) this.writeMessage(id, queue[0]);
    for (let i = fresh; i < queue.length; i++) this.writeMessage(id, queue[i]);
    this.written.set(id, { first, last: queue.length ? queue.at(-1)!.seq : was.last, firstAttempts: queue[0]?.attempts ?? 0 });
  }

  private writeMessage(id: string, { seq, ...message }: QueuedRow): void {
    this.store.write('virtualChargerQueued', [id, seq, JSON.stringify(message)]);
  }

  private unseal(value: Secrets): Secrets {
    return this.mapSecrets(value, (s) => {
      try {
        return this.secrets.decrypt(s);
      } catch {
        // Encrypted by another user's keyring: the charger starts without it, as a charger that lost it.
        return undefined;
      }
    });
  }

  private hasPlain(definition: Secrets, state: Secrets | null): boolean {
    const stored = [definition.password, state?.config?.AuthorizationKey].filter((s): s is string => typeof s === 'string' && s !== '');
    return stored.some((s) => !this.secrets.sealed(s));
  }

  /** The value with its secrets (a definition's password, a state's AuthorizationKey) mapped. */
  private mapSecrets(value: Secrets, f: (secret: string) => string | undefined): Secrets {
    if (typeof value !== 'object' || value === null) return value;
    let out = value;
    if (typeof value.password === 'string' && value.password !== '') out = { ...out, password: f(value.password) };
    const key = value.config?.AuthorizationKey;
    if (typeof key === 'string' && key !== '') out = { ...out, config: { ...value.config, AuthorizationKey: f(key) ?? '' } };
    return out;
  }
}

/** The parts of a stored definition or state that hold secrets. */
type Secrets = { password?: string; config?: Record<string, string | undefined> } & Record<string, unknown>;
