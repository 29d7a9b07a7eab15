// The bench's own virtual chargers: created, started, stopped and deleted through the faces, driven by
// physical actions and fault switches, connected to this bench's central system, and kept in the record
// (definition and non-volatile state) across restarts.
import { BenchError, parse } from '../errors';
import { ActionFault, FaultsPatch, VirtualChargerDefinition, physicalActions, type Faults, type VirtualChargerDeleted, type VirtualChargerView } from '../../shared/api/virtual-chargers';
import { centralSystemActions } from '../../shared/ocpp16';
import { VirtualChargePoint, type PersistedState } from './charge-point';
import { actionsSwitchedOff, faultPatch } from './faults';
import { isPhysicalAction, performPhysicalAction } from './physical-actions';
import { endSessionsForRemoval } from './removal';
import { systemClock, type Clock, type Timer } from '../clock';
import { AuthorizationKey } from '../../shared/api/commands';
import { z } from 'zod';

/**
 * Not a hand at the charger but its setup page: the charger's own password (AuthorizationKey), given to the
 * bench too; `{"password": null}` removes it from both.
 */
export const SET_PASSWORD_ACTION = 'set-password';
const PasswordBody = z.strictObject({ password: AuthorizationKey.nullable() });

/** Every action POST /api/virtual-chargers/{id}/actions/{action} takes: the physical ones and set-password. */
export function virtualChargerActions(): string[] {
  return [...Object.keys(physicalActions), SET_PASSWORD_ACTION];
}

export interface StoredVirtualCharger {
  id: string;
  createdAt: string;
  definition: unknown;
  state: (Partial<PersistedState> & { running?: boolean; faults?: Partial<Faults> }) | null;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A charger's saved fault switches, read field by field (the per-action faults action by action): one a newer
 * version added (or a value this version cannot read) is dropped and named in one log line, and the others
 * stay as they were saved.
 */
export function savedFaults(id: string, saved: unknown): Partial<Faults> {
  if (saved === undefined || saved === null) return {};
  if (!isPlainObject(saved)) {
    console.error(`chargebench: virtual charger ${id} has saved fault switches this version cannot read; all off`);
    return {};
  }
  const shape = FaultsPatch.shape as Record<string, z.ZodType>;
  const kept: Record<string, unknown> = {};
  const unknown: string[] = [];
  const unreadable: string[] = [];
  for (const [field, value] of Object.entries(saved)) {
    if (!Object.hasOwn(shape, field)) unknown.push(field);
    else if (field === 'actions' && isPlainObject(value)) {
      // Per-action faults one by one: an action, or a fault, this version cannot read is dropped alone.
      const actions: Record<string, unknown> = {};
      for (const [action, fault] of Object.entries(value)) {
        if (!(centralSystemActions as readonly string[]).includes(action)) unknown.push(`actions.${action}`);
        else {
          const read = ActionFault.safeParse(fault);
          if (read.success) actions[action] = read.data;
          else unreadable.push(`actions.${action}`);
        }
      }
      const read = shape.actions!.safeParse(actions);
      if (read.success) kept.actions = read.data;
      else unreadable.push('actions');
    } else {
      const read = shape[field]!.safeParse(value);
      if (read.success) kept[field] = read.data;
      else unreadable.push(field);
    }
  }
  if (unknown.length || unreadable.length) {
    const why = [unknown.length ? `unknown: ${unknown.join(', ')}` : '', unreadable.length ? `unreadable: ${unreadable.join(', ')}` : ''].filter(Boolean).join('; ');
    console.error(`chargebench: virtual charger ${id}: saved fault switches this version cannot read, dropped (${why}); the others kept`);
  }
  return kept as Partial<Faults>;
}

/**
 * Told of each fault switch of a virtual charger: its id, its faults after, `by` 'itself' for a timed one
 * ending by itself, and the fields a person's patch set (setFaults, setFault).
 */
export type FaultsSwitchedListener = (id: string, faults: Faults, by?: 'itself', fields?: Array<keyof Faults>) => void;

/** Where virtual chargers are kept; the bench record implements it. */
export interface VirtualChargerStore {
  virtualChargers(): StoredVirtualCharger[];
  saveVirtualCharger(id: string, createdAt: string, definition: unknown, state: unknown): Promise<void>;
  saveVirtualChargerState(id: string, state: unknown): void;
  deleteVirtualCharger(id: string): Promise<void>;
}

export type VirtualChargerEvent = { type: 'virtualChargerChanged'; charger: VirtualChargerView; ts: string } | { type: 'virtualChargerRemoved'; id: string; ts: string };

export interface ManagerOptions {
  /** The central system URL the chargers connect to, without the identity. */
  url: () => string;
  /** Registers the charger with the central system before it connects (so a strict bench lets it in),
   * with its password for security profile 1. */
  register?: (id: string, password: string | null | undefined) => Promise<void>;
  emit?: (e: VirtualChargerEvent) => void;
  /** The chargers' clock, which also stamps the manager's events and paces its saves (systemClock by default). */
  clock?: Clock;
  callTimeoutMs?: number;
  /** How long changes gather before a save (ms). */
  saveDelayMs?: number;
}

interface Entry {
  vcp: VirtualChargePoint;
  createdAt: string;
  definitionInput: unknown;
  saveTimer: Timer | null;
  eventTimer: Timer | null;
}

export class VirtualChargerManager {
  private readonly entries = new Map<string, Entry>();
  /** Deletes under way (each waits a few seconds for the charger's sessions to end), by id. */
  private readonly removing = new Map<string, Promise<VirtualChargerDeleted>>();
  private readonly clock: Clock;
  private readonly switchListeners = new Set<FaultsSwitchedListener>();

  constructor(
    private readonly store: VirtualChargerStore,
    private readonly options: ManagerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  private ts(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /** Loads the saved chargers and starts those that were running. */
  async load(): Promise<void> {
    for (const row of this.store.virtualChargers()) {
      const def = VirtualChargerDefinition.safeParse(row.definition);
      if (!def.success) {
        console.error(`chargebench: virtual charger ${row.id} has a definition this version cannot read; skipped (${def.error.issues[0]?.message})`);
        continue;
      }
      const entry = this.make(def.data, row.definition, row.createdAt, row.state ?? undefined, savedFaults(row.id, row.state?.faults));
      if (row.state?.running ?? def.data.autoStart) entry.vcp.start();
    }
  }

  list(): VirtualChargerView[] {
    return [...this.entries.values()].map((e) => e.vcp.view());
  }

  /** Whether the bench has a virtual charger of this id. */
  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Whether the bench's virtual charger of this id is running (connected, or between reconnects). */
  isRunning(id: string): boolean {
    return this.entries.get(id)?.vcp.isRunning ?? false;
  }

  get(id: string): VirtualChargerView {
    return this.entry(id).vcp.view();
  }

  /** The charger itself, for tests and the CLI. */
  charger(id: string): VirtualChargePoint {
    return this.entry(id).vcp;
  }

  async create(input: unknown): Promise<VirtualChargerView> {
    const def = parse(VirtualChargerDefinition, input ?? {}, 'body');
    if (this.entries.has(def.id)) throw new BenchError(409, `A virtual charger "${def.id}" already exists`, { field: 'id' });
    await this.options.register?.(def.id, def.password);
    const createdAt = this.ts();
    const entry = this.make(def, input, createdAt, undefined, {});
    await this.store.saveVirtualCharger(def.id, createdAt, input, this.stateOf(entry));
    if (def.autoStart) entry.vcp.start();
    return entry.vcp.view();
  }

  /**
   * Deletes a charger. Online, it first ends its sessions as a charger taken out of service would
   * (StopTransaction, reason Other, the answers awaited a few seconds); the answer says what became of each.
   */
  remove(id: string): Promise<VirtualChargerDeleted> {
    // A second delete while the first waits for the charger's sessions gets the first one's answer.
    const removing = this.removing.get(id);
    if (removing) return removing;
    const entry = this.entry(id);
    const done = this.removeEntry(id, entry).finally(() => this.removing.delete(id));
    this.removing.set(id, done);
    return done;
  }

  private async removeEntry(id: string, entry: Entry): Promise<VirtualChargerDeleted> {
    const { sessions, summary } = await endSessionsForRemoval(entry.vcp);
    // The bench closed meanwhile (close() disposed of every charger).
    if (this.entries.get(id) !== entry) throw new BenchError(404, `No virtual charger "${id}"`);
    await entry.vcp.dispose();
    this.clearTimers(entry);
    this.entries.delete(id);
    await this.store.deleteVirtualCharger(id);
    this.options.emit?.({ type: 'virtualChargerRemoved', id, ts: this.ts() });
    return { id, sessions, message: [`Virtual charger ${id} deleted.`, summary, ...sessions.map((s) => `${s.detail}.`)].filter(Boolean).join(' ') };
  }

  start(id: string): VirtualChargerView {
    const entry = this.entry(id);
    entry.vcp.start();
    this.save(entry, true);
    return entry.vcp.view();
  }

  async stop(id: string): Promise<VirtualChargerView> {
    const entry = this.entry(id);
    await entry.vcp.stop();
    this.save(entry, true);
    return entry.vcp.view();
  }

  /** Performs a physical action; the body is checked against the action's schema. */
  async act(id: string, action: string, body: unknown): Promise<{ result?: unknown; charger: VirtualChargerView }> {
    const entry = this.entry(id);
    if (!isPhysicalAction(action) && action !== SET_PASSWORD_ACTION) throw new BenchError(404, `No action "${action}"; actions are ${virtualChargerActions().join(', ')}`, { field: 'action' });
    if (action === SET_PASSWORD_ACTION) return { charger: await this.setPassword(id, parse(PasswordBody, body ?? {}, 'body').password) };
    const result = await performPhysicalAction(entry.vcp, action, body);
    // A hardware fault set or cleared is kept at once (it persists across a restart), as a fault switch is.
    this.save(entry, action === 'fault' || action === 'clear-fault');
    return { ...(result !== undefined ? { result } : {}), charger: entry.vcp.view() };
  }

  /**
   * Gives the charger a password of its own (its AuthorizationKey, kept with its state) and the bench the
   * same one (registering it), then reconnects it with it at once: a charger refused for want of a
   * password gets in. With null, removes it from both (removePassword).
   */
  async setPassword(id: string, password: string | null): Promise<VirtualChargerView> {
    const entry = this.entry(id);
    if (!entry.vcp.config.has('AuthorizationKey')) throw new BenchError(409, `Virtual charger ${id} has no AuthorizationKey configuration key`);
    if (password === null) {
      await this.removePassword(entry);
    } else {
      // The charger's own key first (it checks the value): a value it refuses leaves the bench's as it was.
      entry.vcp.config.setInternal('AuthorizationKey', password);
      await this.options.register?.(id, password);
    }
    const connection = entry.vcp.connection;
    if (entry.vcp.isRunning) {
      if (connection.hasSocket) connection.reconnect('Reconnecting with the new password');
      else connection.connect();
    }
    this.save(entry, true);
    return entry.vcp.view();
  }

  /**
   * The charger connects without a password from now on: the bench's is cleared first (should that fail,
   * both keep theirs), then the charger's AuthorizationKey, and the definition's password, which would
   * otherwise give it the key again at its next start. A charger on security profile 1 or 2 (Basic auth,
   * which needs the key) goes back to 0, as on its setup page.
   */
  private async removePassword(entry: Entry): Promise<void> {
    const { vcp } = entry;
    await this.options.register?.(vcp.id, null);
    vcp.config.setInternal('AuthorizationKey', '');
    if (vcp.config.has('SecurityProfile') && [1, 2].includes(vcp.config.int('SecurityProfile'))) vcp.config.setInternal('SecurityProfile', '0');
    delete vcp.definition.password;
    const input = entry.definitionInput;
    if (input && typeof input === 'object' && 'password' in input) {
      const { password: _removed, ...kept } = input as Record<string, unknown>;
      entry.definitionInput = kept;
      await this.store.saveVirtualCharger(vcp.id, entry.createdAt, kept, this.stateOf(entry));
    }
  }

  setFaults(id: string, patch: unknown): VirtualChargerView {
    const entry = this.entry(id);
    const read = parse(FaultsPatch, patch ?? {}, 'body');
    entry.vcp.setFaults(read);
    this.save(entry, true);
    this.faultsSwitched(entry, undefined, Object.keys(read) as Array<keyof Faults>);
    return entry.vcp.view();
  }

  /**
   * One named fault switch, e.g. `offline` with `{"on": true, "seconds": 30}`; `action` switched off says which
   * actions' faults that turned off (`switchedOff`).
   */
  setFault(id: string, name: string, body: unknown): VirtualChargerView {
    const entry = this.entry(id);
    const before = entry.vcp.faults;
    const patch = faultPatch(name, body, before);
    entry.vcp.setFaults(patch);
    this.save(entry, true);
    this.faultsSwitched(entry, undefined, Object.keys(patch) as Array<keyof Faults>);
    const off = actionsSwitchedOff(name, body, before, entry.vcp.faults);
    return off ? { ...entry.vcp.view(), switchedOff: off } : entry.vcp.view();
  }

  /**
   * Follows the fault switches set through the bench (the UI, the API, the CLI: setFaults and setFault), and
   * a timed one ending by itself (`by` 'itself': Offline "back after N s"), not what a test run's own steps
   * change; a test run records them. Returns the unsubscribe.
   */
  onFaultsSwitched(listener: FaultsSwitchedListener): () => void {
    this.switchListeners.add(listener);
    return () => void this.switchListeners.delete(listener);
  }

  private faultsSwitched(entry: Entry, by?: 'itself', fields?: Array<keyof Faults>): void {
    for (const listener of this.switchListeners) {
      try {
        listener(entry.vcp.id, entry.vcp.faults, by, fields);
      } catch (e) {
        console.error(`chargebench: a follower of ${entry.vcp.id}'s fault switches failed: ${(e as Error).message}`);
      }
    }
  }

  /** Stops every charger and saves its state (the bench is shutting down). */
  async close(): Promise<void> {
    for (const entry of this.entries.values()) {
      const wasRunning = entry.vcp.isRunning;
      await entry.vcp.dispose();
      this.clearTimers(entry);
      this.store.saveVirtualChargerState(entry.vcp.id, { ...this.stateOf(entry), running: wasRunning });
    }
    this.entries.clear();
  }

  private make(def: VirtualChargerDefinition, input: unknown, createdAt: string, state: StoredVirtualCharger['state'] | undefined, faults: Partial<Faults>): Entry {
    const entry: Entry = { vcp: null as unknown as VirtualChargePoint, createdAt, definitionInput: input, saveTimer: null, eventTimer: null };
    entry.vcp = new VirtualChargePoint({
      definition: def,
      url: this.options.url(),
      clock: this.clock,
      state: state ?? undefined,
      faults,
      callTimeoutMs: this.options.callTimeoutMs,
      onChange: () => this.changed(entry),
      // A timed switch ended by itself: kept now, and told as a switch is.
      onSwitchedBack: () => {
        this.save(entry, true);
        this.faultsSwitched(entry, 'itself');
      },
    });
    this.entries.set(def.id, entry);
    return entry;
  }

  private stateOf(entry: Entry): StoredVirtualCharger['state'] {
    return { ...entry.vcp.persistentState(), running: entry.vcp.isRunning, faults: entry.vcp.faults };
  }

  private changed(entry: Entry): void {
    this.save(entry, false);
    // Views go out at most every 100 ms per charger; a burst of changes shows its end state.
    if (!this.options.emit || entry.eventTimer) return;
    // Housekeeping: a fake-time run never moves time on just to show a view.
    entry.eventTimer = this.clock.after(
      100,
      () => {
        entry.eventTimer = null;
        if (this.entries.get(entry.vcp.id) === entry) this.options.emit?.({ type: 'virtualChargerChanged', charger: entry.vcp.view(), ts: this.ts() });
      },
      { background: true },
    );
  }

  private save(entry: Entry, now: boolean): void {
    if (now) {
      entry.saveTimer?.cancel();
      entry.saveTimer = null;
      this.store.saveVirtualChargerState(entry.vcp.id, this.stateOf(entry));
      return;
    }
    if (entry.saveTimer) return;
    entry.saveTimer = this.clock.after(
      this.options.saveDelayMs ?? 1000,
      () => {
        entry.saveTimer = null;
        if (this.entries.get(entry.vcp.id) === entry) this.store.saveVirtualChargerState(entry.vcp.id, this.stateOf(entry));
      },
      { background: true },
    );
  }

  private clearTimers(entry: Entry): void {
    entry.saveTimer?.cancel();
    entry.eventTimer?.cancel();
    entry.saveTimer = entry.eventTimer = null;
  }

  private entry(id: string): Entry {
    const e = this.entries.get(id);
    if (!e) throw new BenchError(404, `No virtual charger "${id}"`);
    return e;
  }
}
