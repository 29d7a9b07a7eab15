// The virtual charge point's configuration: the standard keys with realistic defaults and validation, the
// store behind Get/ChangeConfiguration (no I/O: the charger persists), and typed access for key owners.
import type { GetConfigurationResponse } from '../../shared/ocpp16';
import { featureProfiles, type ActionProfile, type FeatureProfile } from '../../shared/ocpp16/actions';
import { configurationKeys, type ConfigurationKeyName, type KeyType, type KeyTypeOf } from '../../shared/ocpp16/configuration-keys';

export type { FeatureProfile };

export const allFeatureProfiles: FeatureProfile[] = [...featureProfiles];

/** Measurands the simulator can produce; the only ones the *Data keys may list. */
export const supportedMeasurands: string[] = ['Energy.Active.Import.Register', 'Power.Active.Import', 'Current.Import', 'Current.Offered', 'Power.Offered', 'Voltage', 'SoC', 'Temperature'];

export interface KeyContext {
  connectors: number;
  profiles: FeatureProfile[];
}

export interface KeyDefinition {
  key: string;
  profile: ActionProfile;
  readonly: boolean;
  kind: KeyType;
  /** Default value as text; may depend on the charger (e.g. NumberOfConnectors). */
  defaultValue: (ctx: KeyContext) => string;
  /** ChangeConfiguration answers RebootRequired (value stored, takes effect at reboot: the charger handles that). */
  rebootRequired?: boolean;
  /** AuthorizationKey: never shown in GetConfiguration. */
  writeOnly?: boolean;
  /**
   * Extra validation of a new value (already normalised: integers canonical, booleans lowercase, CSL members
   * trimmed and joined by ","); returns why it is invalid, or null. Applies to every way in: ChangeConfiguration,
   * setInternal and restored values.
   */
  validate?: (value: string, store: ConfigurationStore) => string | null;
  /**
   * Rules that bind only the central system's ChangeConfiguration, never the charger itself (setInternal) nor
   * values it saved: e.g. SecurityProfile may only be raised remotely, but the bench may put it back.
   */
  guard?: (value: string, store: ConfigurationStore) => string | null;
}

const DAY = 86_400;
const INT32_MAX = 2_147_483_647;
/** A GetConfiguration value is CiString500 on the wire. */
const MAX_VALUE_LENGTH = 500;
/** Derived from the constructor's options, so never saved nor restored: the hardware description wins. */
const derivedKeys = new Set(['NumberOfConnectors', 'SupportedFeatureProfiles']);
const phaseRotations = ['NotApplicable', 'Unknown', 'RST', 'RTS', 'SRT', 'STR', 'TRS', 'TSR'];
// The Security whitepaper describes AuthorizationKey as 16 to 20 bytes in hex (32 to 40 hex digits; OCTT
// TC_085 expects the decoded bytes as the Basic auth password), but central systems in the field send plain
// passwords; a bench must work with both, so any 16 to 40 printable characters are taken, and used as the
// Basic auth password exactly as given (the central system compares the same text).
const AUTHORIZATION_KEY = /^[\x20-\x7e]{16,40}$/;

type Default = string | number | boolean | ((ctx: KeyContext) => string | number);

/** How the simulator holds one standard key: its default, its checks, and whether a change needs a reboot. */
interface Simulated {
  default: Default;
  validate?: KeyDefinition['validate'];
  guard?: KeyDefinition['guard'];
  rebootRequired?: boolean;
}

function between(min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    return n < min || n > max ? `must be between ${min} and ${max}` : null;
  };
}

const count = (min = 0) => between(min, INT32_MAX);

function members(value: string): string[] {
  return value
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
}

function oneOf(allowed: string[], what: string) {
  return (value: string) => {
    const seen = new Set<string>();
    for (const m of members(value)) {
      if (!allowed.includes(m)) return `${m} is not a ${what} (allowed: ${allowed.join(', ')})`;
      if (seen.has(m)) return `${m} is listed twice`;
      seen.add(m);
    }
    return null;
  };
}

const measurands = oneOf(supportedMeasurands, 'supported measurand');

/** "<connectorId>.<rotation>" per connector, e.g. "0.RST,1.RTS"; the rotation's case is not held against the sender. */
function validatePhaseRotation(value: string, store: ConfigurationStore): string | null {
  const connectors = store.int('NumberOfConnectors');
  const seen = new Set<number>();
  for (const m of members(value)) {
    const match = /^(\d+)\.([A-Za-z]+)$/.exec(m);
    if (!match) return `${m} is not <connectorId>.<rotation>`;
    const id = Number(match[1]);
    if (id > connectors) return `connector ${id} does not exist`;
    if (!phaseRotations.some((r) => r.toLowerCase() === match[2].toLowerCase())) return `${match[2]} is not a phase rotation (${phaseRotations.join(', ')})`;
    if (seen.has(id)) return `connector ${id} is listed twice`;
    seen.add(id);
  }
  return null;
}

/**
 * Every standard key as the simulator holds it. Two answer RebootRequired, as on common real chargers:
 * ConnectorPhaseRotation (the meter's wiring set-up is read at start) and WebSocketPingInterval (the
 * connection is set up at boot). The value is stored and shown at once, and used from the next boot.
 * SecurityProfile and AuthorizationKey take effect at the next connection, which the charger opens itself
 * without a reboot. Vendor-specific keys can be added through the store's `definitions` option.
 */
const simulated: { [N in ConfigurationKeyName]: Simulated } = {
  AllowOfflineTxForUnknownId: { default: false },
  AuthorizationCacheEnabled: { default: true },
  AuthorizeRemoteTxRequests: { default: false },
  BlinkRepeat: { default: 3, validate: between(0, 100) },
  // 0 = no clock-aligned data (spec).
  ClockAlignedDataInterval: { default: 0, validate: between(0, DAY) },
  // 0 would cancel every session before the cable is in.
  ConnectionTimeOut: { default: 60, validate: between(1, DAY) },
  ConnectorPhaseRotation: { default: ({ connectors }) => Array.from({ length: connectors + 1 }, (_, id) => `${id}.RST`).join(','), validate: validatePhaseRotation, rebootRequired: true },
  ConnectorPhaseRotationMaxLength: { default: ({ connectors }) => connectors + 1, validate: count() },
  GetConfigurationMaxKeys: { default: 50, validate: count(1) },
  // 0 = no heartbeats: OCPP-J does not require them (section 4.6), like the other "0 = off" intervals.
  HeartbeatInterval: { default: 300, validate: between(0, DAY) },
  LightIntensity: { default: 100, validate: between(0, 100) },
  LocalAuthorizeOffline: { default: true },
  LocalPreAuthorize: { default: false },
  MaxEnergyOnInvalidId: { default: 0, validate: between(0, INT32_MAX) },
  MeterValuesAlignedData: { default: 'Energy.Active.Import.Register', validate: measurands },
  MeterValuesAlignedDataMaxLength: { default: supportedMeasurands.length, validate: count() },
  MeterValuesSampledData: { default: 'Energy.Active.Import.Register,Power.Active.Import', validate: measurands },
  MeterValuesSampledDataMaxLength: { default: supportedMeasurands.length, validate: count() },
  // 0 = no sampled data (spec).
  MeterValueSampleInterval: { default: 60, validate: between(0, DAY) },
  MinimumStatusDuration: { default: 0, validate: between(0, DAY) },
  NumberOfConnectors: { default: ({ connectors }) => connectors, validate: count(1) },
  ResetRetries: { default: 1, validate: between(0, 10) },
  StopTransactionOnEVSideDisconnect: { default: true },
  StopTransactionOnInvalidId: { default: true },
  StopTxnAlignedData: { default: '', validate: measurands },
  StopTxnAlignedDataMaxLength: { default: supportedMeasurands.length, validate: count() },
  StopTxnSampledData: { default: '', validate: measurands },
  StopTxnSampledDataMaxLength: { default: supportedMeasurands.length, validate: count() },
  SupportedFeatureProfiles: { default: ({ profiles }) => profiles.join(','), validate: oneOf(allFeatureProfiles, 'feature profile') },
  SupportedFeatureProfilesMaxLength: { default: allFeatureProfiles.length, validate: count() },
  TransactionMessageAttempts: { default: 3, validate: between(0, 100) },
  TransactionMessageRetryInterval: { default: 60, validate: between(0, DAY) },
  UnlockConnectorOnEVSideDisconnect: { default: true },
  // 0 = no WebSocket pings (spec).
  WebSocketPingInterval: { default: 0, validate: between(0, DAY), rebootRequired: true },
  LocalAuthListEnabled: { default: true },
  LocalAuthListMaxLength: { default: 100, validate: count() },
  SendLocalListMaxLength: { default: 50, validate: count() },
  ReserveConnectorZeroSupported: { default: true },
  ChargeProfileMaxStackLevel: { default: 10, validate: count() },
  ChargingScheduleAllowedChargingRateUnit: { default: 'Current,Power', validate: oneOf(['Current', 'Power'], 'charging rate unit') },
  ChargingScheduleMaxPeriods: { default: 24, validate: count() },
  ConnectorSwitch3to1PhaseSupported: { default: false },
  MaxChargingProfilesInstalled: { default: 20, validate: count() },
  AdditionalRootCertificateCheck: { default: false },
  // Empty = no password set yet, so security profiles 1 and 2 cannot be entered.
  AuthorizationKey: { default: '', guard: (value) => (AUTHORIZATION_KEY.test(value) ? null : 'must be 16 to 40 printable ASCII characters (Security Whitepaper)') },
  // The whitepaper caps CertificateSigned.req's chain at 10000 characters.
  CertificateSignedMaxChainSize: { default: 10_000, validate: count() },
  CertificateStoreMaxLength: { default: 10, validate: count() },
  // It becomes the organizationName of the CSR, which X.509 caps at 64 characters (ub-organization-name).
  CpoName: { default: '', validate: (value) => (value.length > 64 ? 'must be at most 64 characters (X.509 organizationName)' : null) },
  SecurityProfile: {
    default: 0,
    validate: between(0, 3),
    // Whitepaper: the level may only be raised remotely, and Basic auth (profiles 1 and 2) needs a password.
    // Certificates for profiles 2 and 3 are the charger's to check before it calls change().
    guard: (value, store) => {
      const next = Number(value);
      const current = store.int('SecurityProfile');
      if (next < current) return `may only be raised (now ${current})`;
      if (next > current && (next === 1 || next === 2) && !store.string('AuthorizationKey')) return `profile ${next} needs an AuthorizationKey first`;
      return null;
    },
  },
};

/** Every standard key of OCPP 1.6 (section 9) and of the Security Whitepaper, in the specification's order. */
export const keyDefinitions: KeyDefinition[] = configurationKeys.map((spec) => {
  const sim: Simulated = simulated[spec.name];
  const value = sim.default;
  return {
    key: spec.name,
    profile: spec.profile,
    readonly: spec.access === 'R',
    ...(spec.access === 'W' ? { writeOnly: true } : {}),
    kind: spec.type,
    defaultValue: (ctx: KeyContext) => String(typeof value === 'function' ? value(ctx) : value),
    ...(sim.validate ? { validate: sim.validate } : {}),
    ...(sim.guard ? { guard: sim.guard } : {}),
    ...(sim.rebootRequired ? { rebootRequired: true } : {}),
  };
});

/** The HTTP Basic Authorization header value for security profiles 1 and 2: user = charge point id, password = the key. */
export function basicAuthorization(chargePointId: string, authorizationKey: string): string {
  return `Basic ${Buffer.from(`${chargePointId}:${authorizationKey}`, 'utf8').toString('base64')}`;
}

type Checked = { ok: true; value: string } | { ok: false; reason: string };

export type ChangeResult = { status: 'Accepted' | 'Rejected' | 'RebootRequired' | 'NotSupported'; reason?: string };

export interface ConfigurationStoreOptions {
  connectors: number;
  profiles: FeatureProfile[];
  /** Values saved earlier (changedValues()); unknown or invalid ones are ignored. */
  values?: Record<string, string>;
  /** The keys this charger has; defaults to keyDefinitions (pass more to simulate vendor-specific keys). */
  definitions?: KeyDefinition[];
}

export class ConfigurationStore {
  /** Keys of enabled profiles only, by lower-case name: OCPP keys are CiString (case-insensitive). */
  private readonly defs = new Map<string, KeyDefinition>();
  private readonly values = new Map<string, string>();
  private readonly defaults = new Map<string, string>();
  private listeners: Array<(key: string, value: string) => void> = [];

  constructor(opts: ConfigurationStoreOptions) {
    if (!Number.isInteger(opts.connectors) || opts.connectors < 1) throw new Error(`A charger needs at least one connector, got ${opts.connectors}`);
    if (!opts.profiles.includes('Core')) throw new Error('The Core profile is mandatory');
    const ctx: KeyContext = { connectors: opts.connectors, profiles: allFeatureProfiles.filter((p) => opts.profiles.includes(p)) };
    for (const def of opts.definitions ?? keyDefinitions) {
      if (def.profile !== 'Security' && !ctx.profiles.includes(def.profile)) continue;
      const lower = def.key.toLowerCase();
      if (this.defs.has(lower)) throw new Error(`Configuration key ${def.key} is defined twice`);
      this.defs.set(lower, def);
      const value = def.defaultValue(ctx);
      this.defaults.set(def.key, value);
      this.values.set(def.key, value);
    }
    this.restore(opts.values ?? {});
  }

  /**
   * Read-only keys first, since the *MaxLength keys bound the lists restored after them. Saved values pass the
   * same checks as setInternal (not the central system's guards: the charger had accepted them once).
   */
  private restore(saved: Record<string, string>): void {
    const byLower = new Map(Object.entries(saved).map(([k, v]) => [k.toLowerCase(), v] as const));
    const defs = [...this.defs.values()];
    for (const def of [...defs.filter((d) => d.readonly), ...defs.filter((d) => !d.readonly)]) {
      const value = byLower.get(def.key.toLowerCase());
      if (typeof value !== 'string' || derivedKeys.has(def.key)) continue;
      const checked = this.check(def, value);
      if (checked.ok) this.values.set(def.key, checked.value);
    }
  }

  private definition(key: string): KeyDefinition | undefined {
    return this.defs.get(key.toLowerCase());
  }

  /** Normalises a value to its stored form or says why it is invalid. */
  private check(def: KeyDefinition, raw: string): Checked {
    let value = raw;
    switch (def.kind) {
      case 'integer': {
        const text = raw.trim();
        const n = Number(text);
        if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(n)) return { ok: false, reason: `${JSON.stringify(raw)} is not an integer` };
        value = String(n);
        break;
      }
      case 'boolean': {
        const text = raw.trim().toLowerCase();
        if (text !== 'true' && text !== 'false') return { ok: false, reason: `${JSON.stringify(raw)} is not true or false` };
        value = text;
        break;
      }
      case 'csl': {
        const list = members(raw);
        const maxKey = this.definition(`${def.key}MaxLength`);
        if (maxKey) {
          const max = Number(this.values.get(maxKey.key));
          if (list.length > max) return { ok: false, reason: `${list.length} items, at most ${max} (${maxKey.key})` };
        }
        value = list.join(',');
        break;
      }
      case 'string':
        break;
    }
    if (value.length > MAX_VALUE_LENGTH) return { ok: false, reason: `longer than ${MAX_VALUE_LENGTH} characters` };
    const invalid = def.validate?.(value, this);
    return invalid ? { ok: false, reason: invalid } : { ok: true, value };
  }

  private store(key: string, value: string): void {
    this.values.set(key, value);
    for (const listener of [...this.listeners]) listener(key, value);
  }

  /**
   * GetConfiguration answer: all visible keys when `keys` is empty/absent, else those asked for with unknown ones
   * (and write-only ones) in unknownKey, as asked. Answered in full however many are asked: enforcing
   * GetConfigurationMaxKeys is the charger's call.
   */
  get(keys?: string[]): GetConfigurationResponse {
    const entry = (def: KeyDefinition) => ({ key: def.key, readonly: def.readonly, value: this.values.get(def.key) ?? '' });
    if (!keys || keys.length === 0) return { configurationKey: [...this.defs.values()].filter((d) => !d.writeOnly).map(entry) };
    const configurationKey: ReturnType<typeof entry>[] = [];
    const unknownKey: string[] = [];
    const seen = new Set<string>();
    for (const asked of keys) {
      const lower = asked.toLowerCase();
      if (seen.has(lower)) continue;
      seen.add(lower);
      const def = this.defs.get(lower);
      if (def && !def.writeOnly) configurationKey.push(entry(def));
      else unknownKey.push(asked);
    }
    return unknownKey.length > 0 ? { configurationKey, unknownKey } : { configurationKey };
  }

  /** ChangeConfiguration from the central system. Stores the value unless the answer is Rejected or NotSupported. */
  change(key: string, value: string): ChangeResult {
    const def = this.definition(key);
    if (!def) return { status: 'NotSupported', reason: `${key} is not a configuration key of this charger` };
    if (def.readonly) return { status: 'Rejected', reason: `${def.key} is read-only` };
    const checked = this.check(def, value);
    if (!checked.ok) return { status: 'Rejected', reason: `${def.key}: ${checked.reason}` };
    const refused = def.guard?.(checked.value, this);
    if (refused) return { status: 'Rejected', reason: `${def.key}: ${refused}` };
    this.store(def.key, checked.value);
    return { status: def.rebootRequired ? 'RebootRequired' : 'Accepted' };
  }

  /** Whether the charger has this key (write-only ones included, switched-off profiles' not). */
  has(key: string): boolean {
    return this.definition(key) !== undefined;
  }

  string(key: string): string | undefined {
    const def = this.definition(key);
    return def ? this.values.get(def.key) : undefined;
  }

  int(key: string): number {
    const value = this.required(key);
    if (!/^-?\d+$/.test(value)) throw new Error(`Configuration key ${key} is not an integer: ${value}`);
    return Number(value);
  }

  bool(key: string): boolean {
    const value = this.required(key);
    if (value !== 'true' && value !== 'false') throw new Error(`Configuration key ${key} is not a boolean: ${value}`);
    return value === 'true';
  }

  /** CSL split, trimmed, empties dropped. */
  list(key: string): string[] {
    return members(this.required(key));
  }

  private required(key: string): string {
    const value = this.string(key);
    if (value === undefined) throw new Error(`No configuration key ${key}`);
    return value;
  }

  /** Only values that differ from the defaults, for saving (the keys derived from the charger's hardware never). */
  changedValues(): Record<string, string> {
    const changed: Record<string, string> = {};
    for (const [key, value] of this.values) {
      if (!derivedKeys.has(key) && value !== this.defaults.get(key)) changed[key] = value;
    }
    return changed;
  }

  /**
   * Called after every stored change (ChangeConfiguration accepted, RebootRequired included, and setInternal),
   * with the key's canonical name and the stored value; returns the unsubscribe function.
   */
  onChange(listener: (key: string, value: string) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /**
   * Sets a value bypassing read-only and the central system's guards (the charger itself updating e.g.
   * NumberOfConnectors, or the bench lowering SecurityProfile). An unknown key or an invalid value is a
   * programming error and throws.
   */
  setInternal(key: string, value: string): void {
    const def = this.definition(key);
    if (!def) throw new Error(`No configuration key ${key}`);
    if (def.key === 'SupportedFeatureProfiles') throw new Error('SupportedFeatureProfiles follows the profiles the store was built with');
    const checked = this.check(def, value);
    if (!checked.ok) throw new Error(`${def.key}: ${checked.reason}`);
    this.store(def.key, checked.value);
  }
}

/** What a standard key reads as: integer -> number, boolean -> boolean, csl -> its members, string -> text. */
export type KeyValue<N extends ConfigurationKeyName> = { integer: number; boolean: boolean; csl: string[]; string: string }[KeyTypeOf<N>];

/** The keys a service owns, read by name with their types: `keys.HeartbeatInterval` is a number. */
export type OwnedKeys<K extends ConfigurationKeyName> = { readonly [N in K]: KeyValue<N> } & {
  /** Whether the charger has the key (a switched-off profile's keys are unknown). */
  has(name: K): boolean;
  /** Runs `fn` after every stored change of the key. */
  onChange(name: K, fn: () => void): void;
  /** The charger itself sets the key (the store's setInternal). */
  setInternal(name: K, value: string): void;
};

const typeOf = new Map<string, KeyType>(configurationKeys.map((k) => [k.name, k.type]));

/** Typed access to the keys a service declares it owns; reading a key the charger lacks throws, as on the store. */
export function ownKeys<K extends ConfigurationKeyName>(store: ConfigurationStore, names: readonly K[]): OwnedKeys<K> {
  const keys = {
    has: (name: K) => store.has(name),
    onChange: (name: K, fn: () => void) => void store.onChange((key) => key === name && fn()),
    setInternal: (name: K, value: string) => store.setInternal(name, value),
  };
  for (const name of names) {
    const read = { integer: () => store.int(name), boolean: () => store.bool(name), csl: () => store.list(name), string: () => store.string(name) ?? '' }[typeOf.get(name)!];
    Object.defineProperty(keys, name, { get: read, enumerable: true });
  }
  return keys as OwnedKeys<K>;
}
