// The virtual charge point's contract: how one is defined, the faults it can be told to have, the
// physical actions a user performs on it, and what the bench shows of it.
import { z } from 'zod';
import { ChargePointErrorCode, ChargePointStatus, RegistrationStatus } from '../ocpp16/enums';
import { errorCodes } from '../ocpp16/frames';
import { centralSystemActions, featureProfiles } from '../ocpp16/actions';
import { AuthorizationKey, ChargePointIdentity } from './commands';

export { featureProfiles };
export const FeatureProfileSchema = z.enum(featureProfiles);

/** A virtual charger's identity: a charge point identity that also reads plainly in URLs and on the CLI. */
export const VirtualChargerId = ChargePointIdentity.regex(/^[^\s/?#%]+$/, 'must not contain spaces, /, ?, # or %: it goes in URLs');

export const VirtualChargerDefinition = z.strictObject({
  id: VirtualChargerId,
  connectors: z.int().min(1).max(10).default(1),
  vendor: z.string().min(1).max(20).default('ChargeBench'),
  model: z.string().min(1).max(20).default('Virtual AC'),
  serialNumber: z.string().max(25).optional(),
  firmwareVersion: z.string().min(1).max(50).default('1.0.0'),
  /** Feature profiles the charger has; switched-off ones answer NotSupported. */
  profiles: z.array(FeatureProfileSchema).min(1).refine((p) => p.includes('Core'), 'Core cannot be switched off').default([...featureProfiles]),
  /** Security profile 1: Basic auth with this password (the charger's AuthorizationKey). */
  password: AuthorizationKey.optional(),
  /** The most the charger can deliver per connector, in W. */
  maxPowerW: z.number().min(1000).max(350_000).default(22_000),
  phases: z.union([z.literal(1), z.literal(3)]).default(3),
  /** Connect when the bench starts. */
  autoStart: z.boolean().default(true),
});
export type VirtualChargerDefinition = z.infer<typeof VirtualChargerDefinition>;
export type VirtualChargerDefinitionInput = z.input<typeof VirtualChargerDefinition>;

export const ActionFault = z.strictObject({
  /** reject: answer Rejected (or the action's refusal); ignore: never answer; delay: answer late;
   * callError: answer with a CALLERROR; malformed: answer with a broken frame. */
  mode: z.enum(['reject', 'ignore', 'delay', 'callError', 'malformed']),
  delaySeconds: z.number().min(0).max(3600).default(10),
  errorCode: z.enum(errorCodes).default('InternalError'),
});
export type ActionFault = z.infer<typeof ActionFault>;

export const UnlockOutcomes = z
  .strictObject({ Unlocked: z.number().min(0), UnlockFailed: z.number().min(0), NotSupported: z.number().min(0) })
  .refine((w) => w.Unlocked + w.UnlockFailed + w.NotSupported > 0, 'at least one outcome needs a weight above 0');

export const Faults = z.strictObject({
  /** Authorization succeeds but the session never starts: the connector stays Available, no power. */
  sessionStartFailure: z.boolean().default(false),
  /** UnlockConnector fails with ConnectorLockFailure until the fault is cleared. */
  stuckConnector: z.boolean().default(false),
  /** The charger stops heartbeats and drops its connection; back after offlineSeconds (0: when cleared). */
  offline: z.boolean().default(false),
  offlineSeconds: z.number().min(0).max(86_400).default(60),
  /** Authorize comes back Invalid for every card that is not in the charger's local list. */
  authFailure: z.boolean().default(false),
  /** Charging at a trickle: slowChargingW at most. */
  slowCharging: z.boolean().default(false),
  slowChargingW: z.number().min(0).max(3680).default(230),
  /** Weights of the UnlockConnector answers; null: the charger unlocks normally. */
  unlockOutcomes: UnlockOutcomes.nullable().default(null),
  /** UpdateFirmware downloads, then fails to install (InstallationFailed); the old firmware stays. */
  firmwareInstallFailure: z.boolean().default(false),
  /** Drops the connection once a transaction is running (after its first meter values). */
  dropMidTransaction: z.boolean().default(false),
  /** Misbehaviour per central-system action. */
  actions: z
    .record(z.string(), ActionFault)
    .refine((m) => Object.keys(m).every((a) => (centralSystemActions as readonly string[]).includes(a)), 'keys must be central-system actions, e.g. "Reset"')
    .default({}),
});
export type Faults = z.infer<typeof Faults>;
type FaultShape = typeof Faults.shape;
/** Some fault fields, the rest untouched: Faults.partial() would fill in every default, resetting the others. */
export const FaultsPatch = z.strictObject(
  Object.fromEntries(Object.entries(Faults.shape).map(([k, s]) => [k, s.unwrap().optional()])) as { [K in keyof FaultShape]: z.ZodOptional<ReturnType<FaultShape[K]['unwrap']>> },
);

/** The named fault switches of the API (`POST /api/virtual-chargers/{id}/faults/{name}`). */
export const faultSwitches = {
  'session-start-failure': 'sessionStartFailure',
  'stuck-connector': 'stuckConnector',
  offline: 'offline',
  'auth-failure': 'authFailure',
  'slow-charging': 'slowCharging',
  'unlock-outcomes': 'unlockOutcomes',
  'drop-mid-transaction': 'dropMidTransaction',
  'firmware-install-failure': 'firmwareInstallFailure',
  action: 'actions',
} as const;
export type FaultSwitch = keyof typeof faultSwitches;

const connectorBody = z.strictObject({ connectorId: z.int().min(1).max(10) });
/** The physical actions, with their bodies. */
export const physicalActions = {
  plug: connectorBody,
  unplug: connectorBody,
  'present-id-tag': z.strictObject({ connectorId: z.int().min(1).max(10), idTag: z.string().min(1).max(20) }),
  suspend: connectorBody,
  resume: connectorBody,
  fault: z.strictObject({ connectorId: z.int().min(0).max(10), errorCode: ChargePointErrorCode.exclude(['NoError']).default('OtherError'), info: z.string().max(50).optional() }),
  'clear-fault': z.strictObject({ connectorId: z.int().min(0).max(10) }),
  'power-cycle': z.strictObject({}),
  'drop-connection': z.strictObject({}),
  'send-malformed': z.strictObject({}),
} as const;
export type PhysicalAction = keyof typeof physicalActions;

export interface VirtualConnectorView {
  connectorId: number;
  status: ChargePointStatus;
  errorCode: ChargePointErrorCode;
  plugged: boolean;
  evSuspended: boolean;
  /** The card presented (or remote start) waiting for the cable. */
  authorizedIdTag: string | null;
  transaction: { transactionId: number | null; idTag: string; startedAt: string; energyWh: number } | null;
  reservation: { reservationId: number; idTag: string; expiryDate: string } | null;
  /** Meter register, Wh. */
  meterWh: number;
  powerW: number;
  availability: 'Operative' | 'Inoperative';
}

export interface VirtualChargerView {
  id: string;
  definition: Omit<VirtualChargerDefinition, 'password'> & { hasPassword: boolean };
  running: boolean;
  connection: 'stopped' | 'connecting' | 'connected' | 'disconnected' | 'rebooting';
  registration: RegistrationStatus | null;
  firmwareVersion: string;
  firmwareStatus: string;
  diagnosticsStatus: string;
  lastError: string | null;
  /** Transaction messages waiting to be delivered. */
  queuedMessages: number;
  localListVersion: number;
  connectors: VirtualConnectorView[];
  /** The whole charger's fault (connector 0), set by the physical action; null when none. */
  chargerFault?: { errorCode: ChargePointErrorCode; info?: string } | null;
  faults: Faults;
}
