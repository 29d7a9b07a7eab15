// The chargers the central system knows: every charger in the record (seen or registered), which are
// registered, their security profile 1 passwords and their boot policies. Kept in memory because they are
// read at every connection and boot, which must not wait for the writer thread; the record is the truth
// they are loaded from and written through.
import type { RegistrationStatus } from '../../shared/ocpp16';
import { AuthorizationKey, ChargePointIdentity } from '../../shared/api/commands';
import type { BenchRecord } from '../store/record';
import { BenchError, parse } from '../errors';

export class ChargerRegistry {
  private readonly bootPolicies = new Map<string, RegistrationStatus>();
  /** Every charger in the record: those that ever connected and those registered ahead of time. */
  private readonly known = new Set<string>();
  /** Chargers registered through the API: the only ones let in when unknownChargers is 'reject'. */
  private readonly registered = new Set<string>();
  /** The bench's own virtual chargers. */
  private readonly virtual = new Set<string>();
  /** Security profile 1 passwords. Never leave this class but to be compared. */
  private readonly passwords = new Map<string, string>();
  /** Chargers whose stored password this machine cannot decrypt: refused until it is set again. */
  private readonly unreadable = new Set<string>();
  /** A second password let in besides a charger's own until it connects with one of them (see letInEither); kept in the record too. */
  private readonly either = new Map<string, EitherPassword & { own: string }>();

  constructor(private readonly record: BenchRecord) {
    for (const c of record.chargers.list()) {
      this.known.add(c.id);
      if (c.bootPolicy) this.bootPolicies.set(c.id, c.bootPolicy);
      if (c.registered) this.registered.add(c.id);
      if (c.virtual) this.virtual.add(c.id);
    }
    const { passwords, unreadable, either = new Map<string, EitherPassword>() } = record.chargers.passwords();
    for (const [id, password] of passwords) this.passwords.set(id, password);
    for (const [id, other] of either) if (passwords.has(id)) this.either.set(id, { ...other, own: passwords.get(id)! });
    for (const id of unreadable) this.unreadable.add(id);
    if (unreadable.length) console.error(`chargebench: the passwords of ${unreadable.join(', ')} cannot be read on this machine (encrypted for another user or computer); set them again`);
  }

  isKnown(chargerId: string): boolean {
    return this.known.has(chargerId);
  }

  /** A charger the bench knows that is not one of its own virtual chargers. */
  isReal(chargerId: string): boolean {
    return this.known.has(chargerId) && !this.virtual.has(chargerId);
  }

  isRegistered(chargerId: string): boolean {
    return this.registered.has(chargerId);
  }

  hasPassword(chargerId: string): boolean {
    return this.passwords.has(chargerId) || this.unreadable.has(chargerId);
  }

  /** The password to compare with, 'unreadable' when it cannot be decrypted here, or undefined when there is none. */
  passwordOf(chargerId: string): string | 'unreadable' | undefined {
    return this.unreadable.has(chargerId) ? 'unreadable' : this.passwords.get(chargerId);
  }

  /** The second password a charger is let in with besides its own (see letInEither), if any. Never leaves but to be compared. */
  otherPasswordOf(chargerId: string): string | undefined {
    return this.either.get(chargerId)?.password;
  }

  /**
   * Sets the charger's password, and until it next connects lets it in with `other.password` as well (whether
   * it took a new AuthorizationKey is not known). The one it connects with is kept from then on (connectedWith).
   * Kept in the record with the password (the second one encrypted like it), so a bench restarted meanwhile
   * still lets it in with either. Setting a password ends it.
   */
  async letInEither(chargerId: string, password: string, other: EitherPassword): Promise<void> {
    this.mustKnow(chargerId);
    parse(AuthorizationKey, password, 'password');
    parse(AuthorizationKey, other.password, 'password');
    const second = { password: other.password, name: other.name, ownName: other.ownName, why: other.why };
    await this.record.chargers.setPassword(chargerId, password, second);
    this.rememberPassword(chargerId, password);
    this.either.set(chargerId, { ...second, own: password });
  }

  /**
   * The charger let in with its own password or (`'other'`) the second one letInEither gave: only that one
   * gets it in from now on, and it is the charger's password. Says which one it used (for the connection's
   * record), or null when it was not let in with either.
   */
  connectedWith(chargerId: string, used: 'own' | 'other'): string | null {
    const e = this.either.get(chargerId);
    if (!e) return null;
    this.either.delete(chargerId);
    if (used === 'other') {
      this.rememberPassword(chargerId, e.password);
      // Setting the password ends the second one in the record too.
      this.record.chargers
        .setPassword(chargerId, e.password)
        .catch((err: unknown) => console.error(`chargebench: the password ${chargerId} connected with could not be stored: ${(err as Error).message}`));
    } else this.record.chargers.endSecondPassword(chargerId);
    return `${chargerId} connected with ${used === 'own' ? e.ownName : e.name} (the bench let it in with either, as ${e.why}); it keeps that password from now on`;
  }

  bootPolicyOf(chargerId: string): RegistrationStatus | undefined {
    return this.bootPolicies.get(chargerId);
  }

  /** A charger connected: known from now on. */
  seen(chargerId: string): void {
    this.known.add(chargerId);
  }

  mustKnow(chargerId: string): void {
    if (!this.known.has(chargerId)) throw new BenchError(404, unknownChargerMessage(chargerId));
  }

  /**
   * Registers a charger ahead of its first connection (or marks a charger already seen as registered),
   * with its password and boot answer: undefined leaves them as they are, null clears them. Throws
   * BenchError 400 with the field for a bad password, or for a bad identity of a new charger: a charger
   * already known keeps the id it is stored under, even one the identity rule now refuses (an older bench's).
   */
  async register(chargerId: string, opts: { password?: string | null; bootPolicy?: RegistrationStatus | null; virtual?: boolean } = {}): Promise<{ created: boolean }> {
    const created = !this.known.has(chargerId);
    if (created) parse(ChargePointIdentity, chargerId, 'id');
    if (opts.password != null) parse(AuthorizationKey, opts.password, 'password');
    await this.record.chargers.register(chargerId, opts);
    this.known.add(chargerId);
    this.registered.add(chargerId);
    if (opts.virtual) this.virtual.add(chargerId);
    if (opts.password !== undefined) this.rememberPassword(chargerId, opts.password);
    if (opts.bootPolicy) this.bootPolicies.set(chargerId, opts.bootPolicy);
    else if (opts.bootPolicy === null) this.bootPolicies.delete(chargerId);
    return { created };
  }

  async setBootPolicy(chargerId: string, policy: RegistrationStatus | null): Promise<void> {
    this.mustKnow(chargerId);
    await this.record.chargers.setBootPolicy(chargerId, policy);
    if (policy) this.bootPolicies.set(chargerId, policy);
    else this.bootPolicies.delete(chargerId);
  }

  /**
   * Sets or (null) clears a charger's security profile 1 password. It applies from the charger's next
   * connection: one already open stays, as a charger reconnects by itself after its AuthorizationKey
   * changes.
   */
  async setPassword(chargerId: string, password: string | null): Promise<void> {
    this.mustKnow(chargerId);
    if (password !== null) parse(AuthorizationKey, password, 'password');
    await this.record.chargers.setPassword(chargerId, password);
    this.rememberPassword(chargerId, password);
  }

  /** Forgets a charger (its logs stay); the caller checked it is not connected. */
  async delete(chargerId: string): Promise<void> {
    this.mustKnow(chargerId);
    await this.record.chargers.delete(chargerId);
    this.forget(chargerId);
  }

  /** After pruning: chargers no longer in the record are no longer known, except those in `keep`. */
  forgetAllBut(kept: Set<string>, keep: (id: string) => boolean): void {
    for (const id of this.known) if (!kept.has(id) && !keep(id)) this.forget(id);
  }

  private forget(chargerId: string): void {
    this.known.delete(chargerId);
    this.registered.delete(chargerId);
    this.virtual.delete(chargerId);
    this.passwords.delete(chargerId);
    this.unreadable.delete(chargerId);
    this.either.delete(chargerId);
    this.bootPolicies.delete(chargerId);
  }

  /** Every change of a charger's password (set, registered, a virtual charger's card) ends letting it in with a second one. */
  private rememberPassword(chargerId: string, password: string | null): void {
    this.unreadable.delete(chargerId);
    this.either.delete(chargerId);
    if (password === null) this.passwords.delete(chargerId);
    else this.passwords.set(chargerId, password);
  }
}

/** A second password a charger is let in with (ChargerRegistry.letInEither), and the words naming each. */
export interface EitherPassword {
  password: string;
  /** The second password, as the record names it ("the password it had before TC_073_CS"). */
  name: string;
  /** The charger's own password, as the record names it ("the AuthorizationKey TC_073_CS set"). */
  ownName: string;
  /** Why either gets it in ("whether it took the AuthorizationKey TC_073_CS set is not known: its answer never came"). */
  why: string;
}

export function unknownChargerMessage(chargerId: string): string {
  return `No charger "${chargerId}" is known to this bench: it has never connected and is not registered (POST /api/chargers registers it)`;
}
