// The settings table: each saved setting as JSON, read over the defaults of a bench that has saved none.
import { defaultSettings, type BenchSettings } from '../../../shared/api/settings';
import type { Store, Writes } from '../repository';
import type { Row } from '../../../shared/records';

export const settingWrites = {
  setting: 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
} satisfies Writes;

/** The settings saved, over the defaults of a bench that has saved none. */
export class SettingsRepository {
  constructor(private readonly store: Store) {}

  get(): BenchSettings {
    const rows = this.store.db.prepare('SELECT key, value FROM settings').all() as Row[];
    const s: Row = { ...defaultSettings };
    for (const r of rows) s[r.key] = JSON.parse(r.value);
    return s as BenchSettings;
  }

  async save(patch: Partial<BenchSettings>): Promise<BenchSettings> {
    this.store.mustBeWritable();
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) this.store.write('setting', [k, JSON.stringify(v)]);
    await this.store.settled();
    return this.get();
  }
}
