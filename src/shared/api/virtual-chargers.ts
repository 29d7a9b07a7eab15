// The virtual charge point's contract: how one is defined, the faults it can be told to have, the
// physical actions a user performs on it, and what the bench shows of it.
import { z } from 'zod';
import { ChargePointErrorCode, ChargePointStatus, RegistrationStatus } from '../ocpp16/enums';
import { errorCodes } from '../ocpp16/frames';
import { centralSystemActions, featureProfiles } from '../ocpp16/actions';
import { AuthorizationKey, ChargePointIdentity } from './commands';
import { IdToken } from './input-rules';

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
  /** Feature profiles the charger has; switched-off ones answer NotSupported (ReserveNow: Rejected). */
  profiles: z
    .array(FeatureProfileSchema)
    .min(1)
    .refine((p) => p.includes('Core'), 'Core cannot be switched off')
    .default([...featureProfiles]),
  /** Security profile 1: Basic auth with this password (the charger's AuthorizationKey). */
  password: AuthorizationKey.optional(),
  /** The most the charger can deliver per connector, in W. */
  maxPowerW: z.number().min(1000).max(350_000).default(22_000),
  phases: z.union([z.literal(1), z.literal(3)]).default(3),
  /** A cable fixed to the charger instead of a socket: plugging in is the EV being connected, and there is no lock to open (UnlockConnector: NotSupported). */
  fixedCable: z.boolean().default(false),
  /** Back-up power: on a power cut the charger ends its sessions (PowerLoss) and reports them before it goes down. */
  backupPower: z.boolean().default(false),
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

/** How the charger misbehaves on an action in each mode: the menu's words, and what it does in a summary. */
export const actionFaultModes: Record<ActionFault['mode'], { label: string; does: (f: ActionFault) => string }> = {
  reject: { label: 'Reject: answers Rejected (or the action\u2019s refusal)', does: () => 'answers Rejected' },
  ignore: { label: 'Ignore: never answers', does: () => 'never answers' },
  delay: { label: 'Delay: answers late', does: (f) => `answers after ${f.delaySeconds} s` },
  callError: { label: 'CALLERROR: answers with an error frame', does: (f) => `answers CALLERROR ${f.errorCode}` },
  malformed: { label: 'Malformed: answers with a broken frame', does: () => 'answers with a broken frame' },
};

export const UnlockOutcomes = z
  .strictObject({ Unlocked: z.number().min(0), UnlockFailed: z.number().min(0), NotSupported: z.number().min(0) })
  .refine((w) => w.Unlocked + w.UnlockFailed + w.NotSupported > 0, 'at least one outcome needs a weight above 0');
export type UnlockOutcomes = z.infer<typeof UnlockOutcomes>;

type Shape = Record<string, z.ZodDefault>;
type State<F extends Shape> = z.output<z.ZodObject<F>>;
type Key<F extends Shape> = keyof F & string;

/** A number the UI offers beside a switch: the field it sets, its name and unit (the bounds are the field's). */
export interface FaultSetting<F extends Shape = Shape> {
  field: Key<F>;
  label: string;
  unit: string;
}

/** One fault switch of the table below. */
export interface FaultSwitchRow<F extends Shape = Shape, B extends z.ZodType = z.ZodType> {
  /** Its name where a person reads it: the UI's switch, the CLI's list, the summary chip. */
  label: string;
  /** What the charger does while it is on, in one line: the UI, the CLI and the README say this. */
  explanation: string;
  /** The fields of Faults it owns (what is saved and shown), with their defaults. */
  fields: F;
  /** The body of `POST /api/virtual-chargers/{id}/faults/{name}` and of the CLI's `switch` command. */
  body: B;
  /** A body as the README shows it. */
  example: string;
  /** The body as a change of its own fields. */
  patch: (body: z.output<B>, current: State<F>) => Partial<State<F>>;
  /** How the UI shows it: an on/off switch (with numbers beside it), weights, or faults per action. */
  control: { kind: 'switch'; on: Key<F>; settings?: Array<FaultSetting<F>> } | { kind: 'weights'; field: Key<F> } | { kind: 'per-action'; field: Key<F> };
  /** How it reads in a summary while on (a switch that is off says nothing); by default its label. */
  summary?: (state: State<F>) => string[];
}

const faultSwitch = <F extends Shape, B extends z.ZodType>(row: FaultSwitchRow<F, B>) => row;
const onOff = z.strictObject({ on: z.boolean() });
const off = z.boolean().default(false);
const offlineSeconds = z.number().min(0).max(86_400).default(60);
const slowChargingW = z.number().min(0).max(3680).default(230);

/** A switch that is just on or off: one boolean field, the body `{"on": true}`. */
const onOffSwitch = <K extends string>(field: K, label: string, explanation: string) =>
  faultSwitch<{ [F in K]: typeof off }, typeof onOff>({
    label,
    explanation,
    fields: { [field]: off } as { [F in K]: typeof off },
    body: onOff,
    example: '{"on": true}',
    patch: (b) => ({ [field]: b.on }) as never,
    control: { kind: 'switch', on: field },
  });

/**
 * The fault switches: each misbehaviour a virtual charger can be told to have, by its name in the API
 * (`POST /api/virtual-chargers/{id}/faults/{name}`) and on the CLI, in the order the UI shows them. Its
 * behaviour is one `apply` in src/main/virtual-cp/faults.ts: a row here and that function add a fault.
 */
export const faultSwitches = {
  'session-start-failure': onOffSwitch('sessionStartFailure', 'Session start fails', 'Authorizes the card, then stays Available with no power: no StartTransaction.'),
  'auth-failure': onOffSwitch('authFailure', 'Card authorization fails', 'Authorize comes back Invalid for every card that is not in the charger\u2019s local list.'),
  'slow-charging': faultSwitch({
    label: 'Slow charging',
    explanation: 'Charges at a trickle: at most the trickle power (powerW).',
    fields: { slowCharging: off, slowChargingW },
    body: z.strictObject({ on: z.boolean(), powerW: slowChargingW.unwrap().optional() }),
    example: '{"on": true, "powerW": 230}',
    patch: (b) => ({ slowCharging: b.on, ...(b.powerW !== undefined ? { slowChargingW: b.powerW } : {}) }),
    control: { kind: 'switch', on: 'slowCharging', settings: [{ field: 'slowChargingW', label: 'Trickle power', unit: 'W' }] },
    summary: (f) => [`Slow charging (${f.slowChargingW} W)`],
  }),
  'drop-mid-transaction': onOffSwitch('dropMidTransaction', 'Drop mid-transaction', 'Drops the connection after a session\u2019s first MeterValues, then reconnects.'),
  offline: faultSwitch({
    label: 'Offline',
    explanation: 'Stops heartbeats and drops the connection; comes back after the seconds given (0 or none given: when switched off).',
    fields: { offline: off, offlineSeconds },
    body: z.strictObject({ on: z.boolean(), seconds: offlineSeconds.unwrap().optional() }),
    example: '{"on": true, "seconds": 60}',
    patch: (b) => ({ offline: b.on, ...(b.seconds !== undefined ? { offlineSeconds: b.seconds } : {}) }),
    control: { kind: 'switch', on: 'offline', settings: [{ field: 'offlineSeconds', label: 'Back after', unit: 's' }] },
    summary: (f) => [f.offlineSeconds > 0 ? `Offline (${f.offlineSeconds} s)` : 'Offline'],
  }),
  'stuck-connector': onOffSwitch('stuckConnector', 'Stuck connector', 'UnlockConnector answers UnlockFailed and the status reports ConnectorLockFailure, until cleared.'),
  'firmware-install-failure': onOffSwitch('firmwareInstallFailure', 'Firmware install fails', 'UpdateFirmware downloads, then reports InstallationFailed; the old firmware keeps running.'),
  'unlock-outcomes': faultSwitch({
    label: 'Random unlock outcomes',
    explanation: 'UnlockConnector answers at random, with the weights given as relative chances.',
    /** null: the charger unlocks normally. */
    fields: { unlockOutcomes: UnlockOutcomes.nullable().default(null) },
    body: z.union([z.strictObject({ on: z.literal(false) }), z.strictObject({ on: z.literal(true), weights: UnlockOutcomes })]),
    example: '{"on": true, "weights": {"Unlocked": 1, "UnlockFailed": 2, "NotSupported": 0}}',
    patch: (b) => ({ unlockOutcomes: b.on ? b.weights : null }),
    control: { kind: 'weights', field: 'unlockOutcomes' },
    summary: (f) => (f.unlockOutcomes ? ['Random unlock outcomes'] : []),
  }),
  'wrong-stop-transaction-id': onOffSwitch(
    'wrongStopTransactionId',
    'StopTransaction with a wrong transactionId',
    'Sends each StopTransaction with the transactionId the central system gave plus 1000 (plus 1000 again while that is the id of another of the charger\u2019s transactions); its own session ends as usual.',
  ),
  action: faultSwitch({
    label: 'Protocol faults per action',
    explanation: 'Misbehaves on one central-system action: refuses it, never answers, answers late, answers with a CALLERROR or with a broken frame.',
    fields: {
      actions: z
        .record(z.string(), ActionFault)
        .refine((m) => Object.keys(m).every((a) => (centralSystemActions as readonly string[]).includes(a)), 'keys must be central-system actions, e.g. "Reset"')
        .default({}),
    },
    // Off without an action: every action's fault of the charger is switched off.
    body: ActionFault.partial()
      .extend({ on: z.boolean(), action: z.enum(centralSystemActions as [string, ...string[]], { error: 'must be a central-system action such as "Reset"' }).optional() })
      .refine((b) => !b.on || b.action !== undefined, { path: ['action'], error: 'is required to switch a fault on: a central-system action such as "Reset"' })
      .refine((b) => !b.on || b.mode !== undefined, { path: ['mode'], error: 'is required to switch a fault on: reject, ignore, delay, callError or malformed' }),
    example: '{"on": true, "action": "Reset", "mode": "reject" | "ignore" | "delay" | "callError" | "malformed", "delaySeconds": 10, "errorCode": "InternalError"}',
    patch: ({ on, action, ...fault }, current) => {
      const actions = { ...current.actions };
      if (on) actions[action!] = ActionFault.parse(fault);
      else if (action) delete actions[action];
      else return { actions: {} };
      return { actions };
    },
    control: { kind: 'per-action', field: 'actions' },
    summary: (f) => Object.entries(f.actions).map(([action, fault]) => `${action}: ${fault.mode}`),
  }),
};
export type FaultSwitch = keyof typeof faultSwitches;
export const faultSwitchNames = Object.keys(faultSwitches) as FaultSwitch[];

type FieldsOf<R> = R extends FaultSwitchRow<infer F, z.ZodType> ? F : never;
type Union<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type FaultShape = Union<FieldsOf<(typeof faultSwitches)[FaultSwitch]>>;

/** Every fault switch's state, as the charger keeps and shows it: the table's fields together. */
export const Faults = z.strictObject(Object.assign({}, ...Object.values(faultSwitches).map((row) => row.fields)) as FaultShape);
export type Faults = z.infer<typeof Faults>;
/** Some fault fields, the rest untouched: Faults.partial() would fill in every default, resetting the others. */
export const FaultsPatch = z.strictObject(
  Object.fromEntries(Object.entries(Faults.shape).map(([k, s]) => [k, s.unwrap().optional()])) as { [K in keyof FaultShape]: z.ZodOptional<ReturnType<FaultShape[K]['unwrap']>> },
);

/** The rows as the code reading them generically sees them. */
export const faultRows = Object.entries(faultSwitches) as unknown as Array<[FaultSwitch, FaultSwitchRow<Shape, z.ZodType>]>;

/** How one switch reads in a summary while it is on; nothing while it is off. */
export function faultSummary(row: FaultSwitchRow<Shape, z.ZodType>, f: Faults): string[] {
  if (row.control.kind === 'switch' && (f as Record<string, unknown>)[row.control.on] !== true) return [];
  return row.summary ? row.summary(f as never) : [row.label];
}

/** The fault switches that are on, in words, for summaries (the UI's chips, the CLI's status). */
export function activeFaults(f: Faults): string[] {
  return faultRows.flatMap(([, row]) => faultSummary(row, f));
}

// ---- physical actions -----------------------------------------------------------------------------

const connectorBody = z.strictObject({ connectorId: z.int().min(1).max(10) });

/** One thing a person does at the charger, as every face names it. */
export interface PhysicalActionRow<S extends z.ZodObject = z.ZodObject> {
  /** The button's words in the UI. */
  label: string;
  /** What happens, in one line (the UI's hint, the CLI's help). */
  explanation: string;
  /** Its arguments: the body of `POST .../actions/{name}` and of the contract's `virtualChargers:act`. */
  schema: S;
  /** The word typed on the CLI's stdin, and its arguments in the order typed (`tag 1 TAG1`). */
  command: string;
  args: Array<keyof z.output<S> & string>;
}

const physicalAction = <S extends z.ZodObject>(row: PhysicalActionRow<S>) => row;

/** The physical actions, by their name in the API. */
export const physicalActions = {
  plug: physicalAction({ label: 'Plug', explanation: 'Plugs the cable in; a card accepted before starts the session.', schema: connectorBody, command: 'plug', args: ['connectorId'] }),
  unplug: physicalAction({
    label: 'Unplug',
    explanation: 'Unplugs the cable at the EV; the session stops (StopTransactionOnEVSideDisconnect).',
    schema: connectorBody,
    command: 'unplug',
    args: ['connectorId'],
  }),
  'present-id-tag': physicalAction({
    label: 'Present card',
    explanation: 'Holds a card to the reader: starts a session, or stops the one it started.',
    schema: z.strictObject({ connectorId: z.int().min(1).max(10), idTag: IdToken }),
    command: 'tag',
    args: ['connectorId', 'idTag'],
  }),
  suspend: physicalAction({ label: 'Suspend EV', explanation: 'The EV pauses charging (SuspendedEV).', schema: connectorBody, command: 'suspend', args: ['connectorId'] }),
  resume: physicalAction({ label: 'Resume EV', explanation: 'The EV charges again.', schema: connectorBody, command: 'resume', args: ['connectorId'] }),
  fault: physicalAction({
    label: 'Fault',
    explanation: 'A hardware fault with this error code, until cleared (connector 0: the whole charger).',
    schema: z.strictObject({ connectorId: z.int().min(0).max(10), errorCode: ChargePointErrorCode.exclude(['NoError']).default('OtherError'), info: z.string().max(50).optional() }),
    command: 'fault',
    args: ['connectorId', 'errorCode'],
  }),
  'clear-fault': physicalAction({
    label: 'Clear fault',
    explanation: 'The hardware fault is gone (connector 0: the whole charger).',
    schema: z.strictObject({ connectorId: z.int().min(0).max(10) }),
    command: 'clear',
    args: ['connectorId'],
  }),
  'power-cycle': physicalAction({
    label: 'Power cycle',
    explanation: 'Power lost and back: sessions end with PowerLoss, then it boots again.',
    schema: z.strictObject({}),
    command: 'power-cycle',
    args: [],
  }),
  'drop-connection': physicalAction({
    label: 'Drop connection',
    explanation: 'Closes the WebSocket as a network failure would; it reconnects with back-off.',
    schema: z.strictObject({}),
    command: 'drop',
    args: [],
  }),
  'send-malformed': physicalAction({ label: 'Send malformed frame', explanation: 'Sends one frame that is not valid OCPP-J.', schema: z.strictObject({}), command: 'malformed', args: [] }),
};
export type PhysicalAction = keyof typeof physicalActions;
export type PhysicalActionArgs<A extends PhysicalAction> = z.output<(typeof physicalActions)[A]['schema']>;

/**
 * What the last card presented on a connector that started a session came to, kept current: an outcome that
 * said unconfirmed (its StartTransaction offline, queued or unanswered) follows the central system's later
 * answer (accepted with its transaction id, or refused with the idTagInfo status), or its later drop.
 */
export interface VirtualCardOutcomeView {
  idTag: string;
  accepted: boolean;
  status: string;
  /** false while the central system has not answered its StartTransaction. */
  confirmed: boolean;
  transactionId: number | null;
  message: string;
  /** When the card was presented (its first outcome): which presentation this is. */
  presentedAt: string;
  /** When this outcome was known: the card's first outcome, or the later word on its StartTransaction. */
  at: string;
  /** The first outcome said unconfirmed and this is a later word on it (the answer, a retry, the drop). */
  revised: boolean;
}

export interface VirtualConnectorView {
  connectorId: number;
  status: ChargePointStatus;
  errorCode: ChargePointErrorCode;
  plugged: boolean;
  evSuspended: boolean;
  /** The card presented (or remote start) waiting for the cable. */
  authorizedIdTag: string | null;
  transaction: { transactionId: number | null; idTag: string; startedAt: string; energyWh: number } | null;
  /** The last card that started a session here, its outcome kept current (null: none since the charger was made or the bench started). */
  cardOutcome: VirtualCardOutcomeView | null;
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
  /** MeterValues not kept because the queue was full (it keeps at most 10,000 MeterValues), ever. */
  meterValuesNotKept?: number;
  localListVersion: number;
  connectors: VirtualConnectorView[];
  /** The whole charger's fault (connector 0), set by the physical action; null when none. */
  chargerFault?: { errorCode: ChargePointErrorCode; info?: string } | null;
  faults: Faults;
  /**
   * When its timed Offline fault switch ends by itself (ISO); null when none is counting down (off, on until
   * switched off, or restored on a charger not powered on yet: it counts from the next power-on).
   */
  offlineUntil?: string | null;
  /**
   * In the answer to switching the `action` fault off (`{"on": false}`, with or without an action): the actions
   * whose fault it switched off (empty: none was on). Absent anywhere else.
   */
  switchedOff?: string[];
}

/** How long a virtual charger being deleted waits for the answers to the StopTransactions of its sessions. */
export const REMOVAL_STOP_WAIT_S = 5;
/** The OCPP Reason a virtual charger taken out of service (deleted) ends its sessions with. */
export const REMOVAL_STOP_REASON = 'Other';
/** How a session a deleted virtual charger leaves open in the record is closed, as the confirmation and the outcome say it. */
export const CLOSE_HINT = 'close it with Close… on the Transactions screen';

/** A session of a deleted virtual charger, and whether the central system heard it end. */
export interface RemovedSession {
  /** null: a session the charger had already ended (its StopTransaction still queued). */
  connectorId: number | null;
  /** null: the central system never gave one (its StartTransaction was not answered). */
  transactionId: number | null;
  idTag: string | null;
  startedAt: string | null;
  /** true: the central system did not hear it end, so it stays open in the record (close it there). */
  leftOpen: boolean;
  detail: string;
}

/** The answer to deleting a virtual charger: what became of its sessions, in words too. */
export interface VirtualChargerDeleted {
  id: string;
  sessions: RemovedSession[];
  message: string;
}
