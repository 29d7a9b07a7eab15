// The virtual_chargers table: each built-in virtual charger's definition and non-volatile state.
import type { Store, Writes } from '../repository';
import type { Row } from '../../../shared/records';

export const virtualChargerWrites = {
  virtualChargerPut: `INSERT INTO virtual_chargers (id, created_at, definition, state) VALUES (?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET definition = excluded.definition, state = excluded.state`,
  virtualChargerState: 'UPDATE virtual_chargers SET state = ? WHERE id = ?',
  virtualChargerDelete: 'DELETE FROM virtual_chargers WHERE id = ?',
} satisfies Writes;

/** The bench's virtual chargers: each definition and its non-volatile state (a charger's memory). */
export class VirtualChargersRepository {
  constructor(private readonly store: Store) {}

  list(): Array<{ id: string; createdAt: string; definition: unknown; state: any }> {
    const rows = this.store.db.prepare('SELECT id, created_at, definition, state FROM virtual_chargers ORDER BY created_at, id').all() as Row[];
    return rows.map((r) => ({ id: r.id, createdAt: r.created_at, definition: JSON.parse(r.definition), state: r.state ? JSON.parse(r.state) : null }));
  }

  async save(id: string, createdAt: string, definition: unknown, state: unknown): Promise<void> {
    this.store.mustBeWritable();
    this.store.write('virtualChargerPut', [id, createdAt, JSON.stringify(definition), state === undefined ? null : JSON.stringify(state)]);
    await this.store.settled();
  }

  saveState(id: string, state: unknown): void {
    this.store.write('virtualChargerState', [JSON.stringify(state), id]);
  }

  async delete(id: string): Promise<void> {
    this.store.mustBeWritable();
    this.store.write('virtualChargerDelete', [id]);
    await this.store.settled();
  }
}
