// The commissioning tables: each commissioning whole as JSON (the columns lists and the site summary need
// beside it, what the summary shows of it as a small JSON column), its photos as BLOBs (the bytes go through
// the journal as hex and into SQLite with unhex), the user's saved templates, and the job last used per site.
import type { Store, Writes } from '../repository';
import type { Row } from '../../../shared/records';

export const commissioningWrites = {
  // A save with what the site summary shows of it (migration 17).
  commissioningSave: `INSERT INTO commissionings (id, charger_id, site, location, state, verdict, judged_by, created_at, updated_at, data, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET state = excluded.state, verdict = excluded.verdict, judged_by = excluded.judged_by, updated_at = excluded.updated_at, data = excluded.data, summary = excluded.summary`,
  // A save as a journal left by an earlier version holds it (no summary): the summary of the data before it is forgotten.
  commissioningPut: `INSERT INTO commissionings (id, charger_id, site, location, state, verdict, judged_by, created_at, updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET state = excluded.state, verdict = excluded.verdict, judged_by = excluded.judged_by, updated_at = excluded.updated_at, data = excluded.data, summary = NULL`,
  // A row saved before summaries were kept, summarised from its whole record once (not over a save made since).
  commissioningSummarised: 'UPDATE commissionings SET summary = ? WHERE id = ? AND updated_at = ?',
  // A verdict judged again by a newer rule, kept for the lists (not over a save made since, nor a signed one).
  commissioningJudged: `UPDATE commissionings SET verdict = ?, judged_by = ? WHERE id = ? AND updated_at = ? AND judged_by < ? AND state <> 'handedOver'`,
  commissioningPhotoPut: `INSERT INTO commissioning_photos (id, commissioning_id, name, content_type, bytes, sha256, caption, added_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, unhex(?))`,
  commissioningPhotoDelete: 'DELETE FROM commissioning_photos WHERE id = ? AND commissioning_id = ?',
  commissioningTemplatePut: `INSERT INTO commissioning_templates (name, template, saved_at) VALUES (?, ?, ?)
    ON CONFLICT(name) DO UPDATE SET template = excluded.template, saved_at = excluded.saved_at`,
  commissioningTemplateDelete: 'DELETE FROM commissioning_templates WHERE name = ?',
  commissioningSitePut: `INSERT INTO commissioning_sites (site, job, used_at) VALUES (?, ?, ?)
    ON CONFLICT(site) DO UPDATE SET job = excluded.job, used_at = excluded.used_at`,
} satisfies Writes;

/** A commissioning as stored: the columns of its list item, and the rest as JSON. */
export interface CommissioningRow {
  id: string;
  chargerId: string;
  site: string;
  location: string;
  state: string;
  verdict: string;
  /**
   * The rule of judging the verdict was worked out by (migration 15; the commissioning service numbers its
   * rules): 0 for a row saved before, whose verdict a list judges again from the whole record, once.
   */
  judgedBy?: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * What the site summary shows of a commissioning, kept beside it at each save (migration 17) so that a summary
 * reads no whole record; null for a row saved before, summarised from its record once.
 */
export interface CommissioningSummary {
  /** The rule of judging (as judgedBy) its failed steps were worked out by. */
  rule: number;
  /** The site's address as its job gave it. */
  address: string;
  /** The offline policy found, in words (null: the step has not run). */
  offlinePolicy: string | null;
  /** The steps and checks that failed, by title. */
  failed: string[];
}

/** A commissioning's row as the site summary reads it: its list columns and its summary. */
export type SiteRow = CommissioningRow & { summary: CommissioningSummary | null };

export interface PhotoRow {
  id: string;
  commissioningId: string;
  name: string;
  contentType: string;
  bytes: number;
  sha256: string;
  caption: string;
  addedAt: string;
}

const listColumns = 'id, charger_id, site, location, state, verdict, judged_by, created_at, updated_at';
const asRow = (r: Row): CommissioningRow => ({
  id: r.id,
  chargerId: r.charger_id,
  site: r.site,
  location: r.location,
  state: r.state,
  verdict: r.verdict,
  judgedBy: r.judged_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
/** A summary column as kept; null when there is none or it is not one (then summarised again). */
function summaryOf(text: string | null): CommissioningSummary | null {
  if (text === null) return null;
  try {
    const s = JSON.parse(text) as CommissioningSummary;
    const ok = typeof s.rule === 'number' && typeof s.address === 'string' && (s.offlinePolicy === null || typeof s.offlinePolicy === 'string');
    return ok && Array.isArray(s.failed) && s.failed.every((f) => typeof f === 'string') ? s : null;
  } catch {
    return null;
  }
}
const asPhoto = (r: Row): PhotoRow => ({
  id: r.id,
  commissioningId: r.commissioning_id,
  name: r.name,
  contentType: r.content_type,
  bytes: r.bytes,
  sha256: r.sha256,
  caption: r.caption,
  addedAt: r.added_at,
});

export class CommissioningsRepository {
  constructor(private readonly store: Store) {}

  /** Commissionings, newest first, of one site or charger, or all, each with what the summary shows of it (how its latest run ended: the list's state words). */
  list(q: { site?: string; chargerId?: string; limit?: number } = {}): SiteRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.site !== undefined) where.push('site = ?') && params.push(q.site);
    if (q.chargerId !== undefined) where.push('charger_id = ?') && params.push(q.chargerId);
    const rows = this.store.db
      .prepare(`SELECT ${listColumns}, summary FROM commissionings ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`)
      .all(...params, q.limit ?? 500) as Row[];
    return rows.map((r) => ({ ...asRow(r), summary: summaryOf(r.summary) }));
  }

  /**
   * A site's newest commissioning of each charger (every charger that has one there, however many newer ones
   * the site has of others), newest first, each with what the site summary shows of it (no whole record read).
   */
  ofSite(site: string): SiteRow[] {
    return this.newestOfSite(site, false);
  }

  /**
   * A site's newest handed-over (signed) commissioning of each charger that has one there, newest first, with
   * its summary: the site summary shows it beside a newer one of the same charger that is not signed.
   */
  signedOfSite(site: string): SiteRow[] {
    return this.newestOfSite(site, true);
  }

  private newestOfSite(site: string, signedOnly: boolean): SiteRow[] {
    const rows = this.store.db
      .prepare(
        `SELECT ${listColumns}, summary FROM commissionings WHERE id IN (
          SELECT id FROM (
            SELECT id, row_number() OVER (PARTITION BY charger_id ORDER BY created_at DESC, id DESC) AS n
            FROM commissionings INDEXED BY commissionings_by_site WHERE site = ?${signedOnly ? " AND state = 'handedOver'" : ''}
          ) WHERE n = 1
        ) ORDER BY created_at DESC, id DESC`,
      )
      .all(site) as Row[];
    return rows.map((r) => ({ ...asRow(r), summary: summaryOf(r.summary) }));
  }

  /** The whole commissioning as saved, or null. */
  get(id: string): unknown | null {
    const row = this.store.db.prepare('SELECT data FROM commissionings WHERE id = ?').get(id) as Row | undefined;
    return row ? JSON.parse(row.data) : null;
  }

  /** Saves a commissioning (again as it changes), with what the site summary shows of it; resolves once it is durable. */
  async save(c: CommissioningRow & { summary?: CommissioningSummary }, data: unknown): Promise<void> {
    const summary = c.summary ? JSON.stringify(c.summary) : null;
    await this.durably('commissioningSave', [c.id, c.chargerId, c.site, c.location, c.state, c.verdict, c.judgedBy ?? 0, c.createdAt, c.updatedAt, JSON.stringify(data), summary]);
  }

  /** Keeps the summary of a row saved without one, worked out from its record as saved at `updatedAt`; not awaited: a summary may not wait on the disk. */
  summarised(id: string, updatedAt: string, summary: CommissioningSummary): void {
    this.store.write('commissioningSummarised', [JSON.stringify(summary), id, updatedAt]);
  }

  /** Keeps a verdict judged again (by rule `judgedBy`) with the row as saved at `updatedAt`; not awaited: a list may not wait on the disk. */
  judged(id: string, updatedAt: string, verdict: string, judgedBy: number): void {
    this.store.write('commissioningJudged', [verdict, judgedBy, id, updatedAt, judgedBy]);
  }

  photos(commissioningId: string): PhotoRow[] {
    const rows = this.store.db
      .prepare('SELECT id, commissioning_id, name, content_type, bytes, sha256, caption, added_at FROM commissioning_photos WHERE commissioning_id = ? ORDER BY added_at, rowid')
      .all(commissioningId) as Row[];
    return rows.map(asPhoto);
  }

  /** A photo's bytes, or null. */
  photoData(commissioningId: string, photoId: string): { contentType: string; data: Buffer } | null {
    const row = this.store.db.prepare('SELECT content_type, data FROM commissioning_photos WHERE id = ? AND commissioning_id = ?').get(photoId, commissioningId) as Row | undefined;
    return row ? { contentType: row.content_type, data: row.data as Buffer } : null;
  }

  async addPhoto(p: PhotoRow, data: Uint8Array): Promise<void> {
    await this.durably('commissioningPhotoPut', [p.id, p.commissioningId, p.name, p.contentType, p.bytes, p.sha256, p.caption, p.addedAt, Buffer.from(data).toString('hex')]);
  }

  async removePhoto(commissioningId: string, photoId: string): Promise<void> {
    await this.durably('commissioningPhotoDelete', [photoId, commissioningId]);
  }

  /**
   * One write, resolved once it is in the record: refused (503, saying why) when nothing can be recorded,
   * and when this very write could not be made durable (the disk filled as it was written; it is kept and
   * written once space returns, but the person is told it is not saved yet).
   */
  private async durably(name: string, params: unknown[]): Promise<void> {
    this.store.mustBeWritable();
    this.store.write(name, params);
    await this.store.settled();
    this.store.mustBeWritable();
  }

  /** The user's saved templates as stored, by name: the name each is kept (and deleted) under and its JSON text, not parsed. */
  templateRows(): Array<{ name: string; template: string }> {
    return this.store.db.prepare('SELECT name, template FROM commissioning_templates ORDER BY name').all() as Array<{ name: string; template: string }>;
  }

  async saveTemplate(name: string, template: unknown): Promise<void> {
    await this.durably('commissioningTemplatePut', [name, JSON.stringify(template), new Date(this.store.clock.now()).toISOString()]);
  }

  /** Deletes a saved template; false when there was none of that name. */
  async deleteTemplate(name: string): Promise<boolean> {
    const had = this.store.db.prepare('SELECT 1 FROM commissioning_templates WHERE name = ?').get(name) !== undefined;
    if (!had) return false;
    await this.durably('commissioningTemplateDelete', [name]);
    return true;
  }

  /** The job last used at each site, newest first. */
  sites(): unknown[] {
    return (this.store.db.prepare('SELECT job FROM commissioning_sites ORDER BY used_at DESC, site').all() as Row[]).map((r) => JSON.parse(r.job));
  }

  async saveSite(site: string, job: unknown, at: string): Promise<void> {
    await this.durably('commissioningSitePut', [site, JSON.stringify(job), at]);
  }
}
