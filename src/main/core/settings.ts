// The bench's settings: read by every part at every use (so kept in memory), changed by any face, saved in
// the record, and announced to whoever reacts to a change (retention, the console).
import type { BenchSettings } from '../../shared/api/views';
import type { BenchRecord } from '../store/record';

export class SettingsStore {
  private current: BenchSettings;
  private readonly listeners = new Set<(now: BenchSettings, before: BenchSettings) => void>();

  constructor(private readonly record: BenchRecord) {
    this.current = record.settings.get();
  }

  get(): BenchSettings {
    return this.current;
  }

  async update(patch: Partial<BenchSettings>): Promise<BenchSettings> {
    const before = this.current;
    this.current = await this.record.settings.save(patch);
    for (const l of this.listeners) l(this.current, before);
    return this.current;
  }

  /** Calls `listener` after every update, whichever face made it; returns what stops it. */
  onChanged(listener: (now: BenchSettings, before: BenchSettings) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
