// The id_tags table: the bench's own idTag list (status, expiry, parent tag).
import type { Store, Writes } from '../repository';
import type { IdTagRecord, Row } from '../../../shared/records';

export const idTagWrites = {
  idTagPut: `INSERT INTO id_tags (id_tag, status, expiry_date, parent_id_tag) VALUES (?, ?, ?, ?)
    ON CONFLICT(id_tag) DO UPDATE SET status = excluded.status, expiry_date = excluded.expiry_date, parent_id_tag = excluded.parent_id_tag`,
  idTagsClear: 'DELETE FROM id_tags',
  idTagDelete: 'DELETE FROM id_tags WHERE id_tag = ?',
} satisfies Writes;

export class IdTagsRepository {
  constructor(private readonly store: Store) {}

  list(): IdTagRecord[] {
    return (this.store.db.prepare('SELECT * FROM id_tags ORDER BY id_tag').all() as Row[]).map(toIdTag);
  }

  get(idTag: string): IdTagRecord | null {
    const r = this.store.db.prepare('SELECT * FROM id_tags WHERE id_tag = ?').get(idTag) as Row | undefined;
    return r ? toIdTag(r) : null;
  }

  /** Adds or updates tags; with `replace`, the list becomes exactly `entries` (in one transaction). */
  async put(entries: IdTagRecord[], replace: boolean): Promise<void> {
    this.store.mustBeWritable();
    if (replace) this.store.write('idTagsClear', []);
    for (const e of entries) this.store.write('idTagPut', [e.idTag, e.status, e.expiryDate ?? null, e.parentIdTag ?? null]);
    await this.store.settled();
  }

  async delete(idTag: string): Promise<boolean> {
    this.store.mustBeWritable();
    const existed = this.get(idTag) !== null;
    this.store.write('idTagDelete', [idTag]);
    await this.store.settled();
    return existed;
  }
}

function toIdTag(r: Row): IdTagRecord {
  return { idTag: r.id_tag, status: r.status, expiryDate: r.expiry_date, parentIdTag: r.parent_id_tag };
}
