// The virtual_chargers table: each built-in virtual charger's definition and non-volatile state.
import type { Store, Writes } from '../repository';
import type { Row } from '../../../shared/records';
import type { SecretCodec } from '../secrets';

export const virtualChargerWrites = {
  virtualChargerPut: `INSERT INTO virtual_chargers (id, created_at, definition, state) VALUES (?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET definition = excluded.definition, state = excluded.state`,
  virtualChargerState: 'UPDATE virtual_chargers SET state = ? WHERE id = ?',
  virtualChargerDelete: 'DELETE FROM virtual_chargers WHERE id = ?',
} satisfies Writes;

/**
 * The bench's virtual chargers: each definition and its non-volatile state (a charger's memory). Their
 * secrets (the definition's password, the AuthorizationKey in the charger's configuration) are stored
 * through the secrets codec, as the central system's charger passwords are.
 */
export class VirtualChargersRepository {
  constructor(
    private readonly store: Store,
    private readonly secrets: SecretCodec,
  ) {}

  list(): Array<{ id: string; createdAt: string; definition: unknown; state: any }> {
    const rows = this.store.db.prepare('SELECT id, created_at, definition, state FROM virtual_chargers ORDER BY created_at, id').all() as Row[];
    return rows.map((r) => {
      const definition = JSON.parse(r.definition) as Secrets;
      const state = r.state ? (JSON.parse(r.state) as Secrets) : null;
      const plain = this.hasPlain(definition, state);
      const read = { id: r.id as string, createdAt: r.created_at as string, definition: this.unseal(definition), state: state && this.unseal(state) };
      // Stored before this machine's keyring was used: encrypted now.
      if (plain) this.store.write('virtualChargerPut', [read.id, read.createdAt, this.sealed(read.definition), read.state === null ? null : this.sealed(read.state)]);
      return read;
    });
  }

  async save(id: string, createdAt: string, definition: unknown, state: unknown): Promise<void> {
    this.store.mustBeWritable();
    this.store.write('virtualChargerPut', [id, createdAt, this.sealed(definition), state === undefined ? null : this.sealed(state)]);
    await this.store.settled();
  }

  saveState(id: string, state: unknown): void {
    this.store.write('virtualChargerState', [this.sealed(state), id]);
  }

  async delete(id: string): Promise<void> {
    this.store.mustBeWritable();
    this.store.write('virtualChargerDelete', [id]);
    await this.store.settled();
  }

  /** The JSON stored for a definition or a state: its secrets encrypted. */
  private sealed(value: unknown): string {
    return JSON.stringify(this.mapSecrets(value as Secrets, (s) => this.secrets.encrypt(s)));
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
