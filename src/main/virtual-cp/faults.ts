// The fault switches at work: one `apply` per switch of the shared table (shared/api/virtual-chargers.ts),
// the per-action protocol faults, and a named switch's body turned into a change (API and CLI).
import { BenchError, parse } from '../errors';
import { actions, OcppError, type CentralSystemAction, type JsonObject } from '../../shared/ocpp16';
import { Faults, faultSwitches, faultSwitchNames, type ActionFault, type FaultSwitch } from '../../shared/api/virtual-chargers';
import { sleep } from '../clock';
import type { Model } from './model';

/**
 * What each switch does to the charger, given the faults now and before the change (the same at start-up:
 * a restored switch sets its misbehaviour without the effects of switching it).
 */
const apply: { [F in FaultSwitch]: (now: Faults, before: Faults, cp: Model) => void } = {
  'session-start-failure': (now, before, cp) => {
    cp.transactions.sessionStartFails = now.sessionStartFailure;
    // Switched off, the connectors it struck take the next card.
    if (!now.sessionStartFailure && before.sessionStartFailure) for (const c of cp.connectors.all) c.startFailed = false;
  },
  'auth-failure': (now, _before, cp) => {
    cp.authorization.refuseUnlisted = now.authFailure;
  },
  'slow-charging': (now, _before, cp) => {
    cp.metering.powerCapW = now.slowCharging ? now.slowChargingW : Infinity;
  },
  'drop-mid-transaction': (now, _before, cp) => {
    cp.transactions.dropMidTransaction = now.dropMidTransaction;
  },
  offline: (now, before, cp) => {
    cp.connection.offline = now.offline;
    // Switched on, or its time changed while on ("back after 30 s" from now): a timed switch ends by itself, and says so.
    if (now.offline && (!before.offline || now.offlineSeconds !== before.offlineSeconds)) cp.connection.goOffline(now.offlineSeconds, offlineBack(cp));
    if (!now.offline && before.offline) cp.connection.comeBack();
  },
  'stuck-connector': (now, before, cp) => {
    cp.connectors.lock.jammed = now.stuckConnector;
    if (!now.stuckConnector && before.stuckConnector) for (const c of cp.connectors.all) c.lockFailure = false;
  },
  'firmware-install-failure': (now, _before, cp) => {
    cp.firmware.installFails = now.firmwareInstallFailure;
  },
  'unlock-outcomes': (now, _before, cp) => {
    cp.connectors.lock.outcomes = now.unlockOutcomes;
  },
  'wrong-stop-transaction-id': (now, _before, cp) => {
    cp.transactions.wrongStopTransactionId = now.wrongStopTransactionId;
  },
  action: (now, _before, cp) => {
    cp.protocolFaults = now.actions;
  },
};

/** What a timed Offline does when its seconds are up: switches itself off, and says so. */
const offlineBack = (cp: Model) => () => {
  cp.setFaults({ offline: false });
  cp.switchedBack();
};

/** The faults a charger has now; each change applies every switch. */
export class FaultSwitches {
  private state: Faults;

  constructor(
    private readonly cp: Model,
    initial: Partial<Faults> | undefined,
  ) {
    this.state = Faults.parse(initial ?? {});
  }

  get now(): Faults {
    return this.state;
  }

  /** Sets the restored switches' misbehaviour; call once the charger's parts exist. */
  restore(): void {
    for (const name of faultSwitchNames) apply[name](this.state, this.state, this.cp);
    // A restored timed Offline ends by itself after the charger's next power-on.
    if (this.state.offline) this.cp.connection.offlineRestored(this.state.offlineSeconds, offlineBack(this.cp));
  }

  set(patch: Partial<Faults>): Faults {
    const next = Faults.parse({ ...this.state, ...patch });
    const before = this.state;
    // Energy so far flowed at the power before the change.
    this.cp.metering.settleAll();
    this.state = next;
    for (const name of faultSwitchNames) apply[name](next, before, this.cp);
    this.cp.refresh();
    return next;
  }
}

/**
 * The change a named switch's body makes to the faults now in force, e.g. `offline` with `{"on": true, "seconds": 30}`
 * (`{"on": true}` alone: offline until switched off).
 */
export function faultPatch(name: string, body: unknown, current: Faults): Partial<Faults> {
  if (!(faultSwitchNames as string[]).includes(name)) throw new BenchError(404, `No fault "${name}"; faults are ${faultSwitchNames.join(', ')}`, { field: 'fault' });
  const row = faultSwitches[name as FaultSwitch];
  const patch = row.patch(parse(row.body, body ?? {}, 'body') as never, current as never) as Partial<Faults>;
  // Offline switched on with no seconds stays offline until switched off, not for the seconds of an earlier switch.
  if (name === 'offline' && patch.offline === true && patch.offlineSeconds === undefined) patch.offlineSeconds = 0;
  return patch;
}

/**
 * What switching the `action` fault off turned off (its body `{"on": false}`, with or without an action): the
 * actions whose fault was on before and is not now, empty when none was; undefined for any other body.
 */
export function actionsSwitchedOff(name: string, body: unknown, before: Faults, after: Faults): string[] | undefined {
  if (name !== 'action' || (body as { on?: unknown } | null)?.on !== false) return undefined;
  return Object.keys(before.actions).filter((a) => !(a in after.actions));
}

/** The same in words, for the terminal: which were switched off, or that none was on (for the action given). */
export function actionsSwitchedOffWords(off: string[], body: unknown): string {
  const action = (body as { action?: unknown }).action;
  if (off.length) return `Switched off the protocol fault${off.length === 1 ? '' : 's'} on ${off.join(', ')}`;
  return typeof action === 'string' ? `No protocol fault was on for ${action}` : 'No protocol fault was on';
}

const never = () => new Promise<never>(() => {});

/**
 * How an action with a protocol fault is answered: never, late (then as usual: null), with a CALLERROR,
 * refused, or with a broken frame.
 */
export async function misbehave(action: CentralSystemAction, fault: ActionFault, messageId: string, cp: Model): Promise<JsonObject | null> {
  switch (fault.mode) {
    case 'ignore':
      return never();
    case 'delay':
      await sleep(cp.clock, fault.delaySeconds * 1000);
      return null;
    case 'callError':
      throw new OcppError(fault.errorCode, `${action} refused by fault injection`);
    case 'reject':
      return rejectionOf(action);
    case 'malformed':
      cp.connection.sendRaw(`[3,"${messageId}",{"status":`);
      return never();
  }
}

/** The refusal of an action when a fault says "reject": its own Rejected where it has one. */
function rejectionOf(action: CentralSystemAction): JsonObject {
  const specific: Partial<Record<CentralSystemAction, JsonObject>> = {
    UnlockConnector: { status: 'UnlockFailed' },
    SendLocalList: { status: 'Failed' },
    ClearChargingProfile: { status: 'Unknown' },
    GetLocalListVersion: { listVersion: -1 },
    GetConfiguration: { configurationKey: [], unknownKey: [] },
  };
  if (specific[action]) return specific[action]!;
  if (actions[action].response.safeParse({ status: 'Rejected' }).success) return { status: 'Rejected' };
  throw new OcppError('GenericError', `${action} refused by fault injection`);
}
