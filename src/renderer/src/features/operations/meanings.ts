// What each answer to a central-system operation means for the person at the charger: one table per
// action and status, plus the outcomes where no status came back (timeout, offline, CALLERROR, invalid).
import type { OperationResult } from '../../../../shared/api/contract';

/** The 19 OCPP 1.6 actions the central system sends (the security extension's are not offered here). */
export const operationActions = [
  'RemoteStartTransaction',
  'RemoteStopTransaction',
  'Reset',
  'ChangeAvailability',
  'UnlockConnector',
  'ClearCache',
  'TriggerMessage',
  'DataTransfer',
  'GetConfiguration',
  'ChangeConfiguration',
  'SendLocalList',
  'GetLocalListVersion',
  'ReserveNow',
  'CancelReservation',
  'SetChargingProfile',
  'ClearChargingProfile',
  'GetCompositeSchedule',
  'UpdateFirmware',
  'GetDiagnostics',
] as const;
export type OperationAction = (typeof operationActions)[number];

export type Tone = 'success' | 'info' | 'warning' | 'error';
export interface Meaning {
  tone: Tone;
  meaning: string;
  /** For answers without a status field: what to call the answer. */
  headline?: string;
}

/**
 * Per action, per status in the answer. Actions whose answer has no status field are keyed by what the
 * answer says (see `statusOf`). `{field}` is filled from the answer.
 */
export const meanings: { [A in OperationAction]: Record<string, Meaning> } = {
  RemoteStartTransaction: {
    Accepted: { tone: 'success', meaning: 'The charger will try to start a transaction. Expect StartTransaction once the EV is plugged in (within ConnectionTimeOut) and, if AuthorizeRemoteTxRequests is true, after the idTag is authorized.' },
    Rejected: { tone: 'error', meaning: 'The charger refused to start: the connector may be occupied, unavailable, faulted or reserved for another idTag, or remote start is not allowed on this charger.' },
  },
  RemoteStopTransaction: {
    Accepted: { tone: 'success', meaning: 'The charger will stop the transaction. Expect StopTransaction with reason Remote.' },
    Rejected: { tone: 'error', meaning: 'The charger refused: it has no running transaction with this id (already ended, or started on another charger).' },
  },
  Reset: {
    Accepted: { tone: 'success', meaning: 'The charger will restart. Running transactions end first (StopTransaction with reason SoftReset or HardReset); expect it to disconnect and come back with a BootNotification.' },
    Rejected: { tone: 'error', meaning: 'The charger refused to restart now (for example during a firmware update).' },
  },
  ChangeAvailability: {
    Accepted: { tone: 'success', meaning: 'Done: the connector(s) now have the new availability. Expect StatusNotification (Available or Unavailable).' },
    Rejected: { tone: 'error', meaning: 'The charger refused the change: the connector may not exist, or the charger cannot change its availability now.' },
    Scheduled: { tone: 'info', meaning: 'A transaction is running: the charger will change availability as soon as it ends.' },
  },
  UnlockConnector: {
    Unlocked: { tone: 'success', meaning: 'The connector unlocked; the cable can be removed. A transaction running on it is ended (StopTransaction with reason UnlockCommand).' },
    UnlockFailed: { tone: 'error', meaning: 'The charger tried but could not unlock: a mechanical failure, an active transaction or a safety interlock. The cable may still be locked; check the connector.' },
    NotSupported: { tone: 'warning', meaning: 'No remote unlock on this model (no lock actuator, or a tethered cable).' },
  },
  ClearCache: {
    Accepted: { tone: 'success', meaning: 'The authorization cache is empty: idTags are checked with the central system (or the local list) again.' },
    Rejected: { tone: 'error', meaning: 'The charger did not clear its cache (the cache may be disabled or not supported).' },
  },
  TriggerMessage: {
    Accepted: { tone: 'success', meaning: 'The charger will send the requested message shortly; watch the message log.' },
    Rejected: { tone: 'error', meaning: 'The charger will not send it now (for example the connector does not exist).' },
    NotImplemented: { tone: 'warning', meaning: 'The charger does not support triggering this message.' },
  },
  DataTransfer: {
    Accepted: { tone: 'success', meaning: "The charger's vendor extension accepted the data." },
    Rejected: { tone: 'error', meaning: 'The vendor extension understood the message but refused it.' },
    UnknownMessageId: { tone: 'warning', meaning: 'The charger knows this vendorId but not this messageId.' },
    UnknownVendorId: { tone: 'warning', meaning: 'The charger has no extension for this vendorId.' },
  },
  GetConfiguration: {
    Reported: { tone: 'success', headline: 'Configuration received', meaning: 'The charger reported {keyCount} key(s){unknownNote}.' },
  },
  ChangeConfiguration: {
    Accepted: { tone: 'success', meaning: 'The new value is in effect.' },
    Rejected: { tone: 'error', meaning: 'The charger refused the value: the key is read-only, or the value is out of range or in the wrong format.' },
    RebootRequired: { tone: 'warning', meaning: 'Stored, but it takes effect only after the charger restarts (Reset).' },
    NotSupported: { tone: 'warning', meaning: 'The charger does not know this key.' },
  },
  SendLocalList: {
    Accepted: { tone: 'success', meaning: "The charger stored the list; its local list version is now the one sent." },
    Failed: { tone: 'error', meaning: 'The charger could not update its list (for example a storage error, or more entries than LocalAuthListMaxLength / SendLocalListMaxLength allow).' },
    NotSupported: { tone: 'warning', meaning: 'The charger has no local authorization list.' },
    VersionMismatch: { tone: 'error', meaning: "The version does not fit: a differential update needs a version above the charger's current one. Read the version first, or send a full list." },
  },
  GetLocalListVersion: {
    Version: { tone: 'success', headline: 'Version {listVersion}', meaning: 'The local list on the charger is version {listVersion}.' },
    Empty: { tone: 'info', headline: 'No local list', meaning: 'The charger has no local list yet (version 0).' },
    NotSupported: { tone: 'warning', headline: 'Local list not supported', meaning: 'The charger does not support a local list (version -1).' },
  },
  ReserveNow: {
    Accepted: { tone: 'success', meaning: 'The connector is reserved for this idTag until the expiry time. Expect StatusNotification Reserved.' },
    Faulted: { tone: 'error', meaning: 'The connector (or the charger) is faulted and cannot be reserved.' },
    Occupied: { tone: 'warning', meaning: 'The connector is in use or already reserved for another idTag.' },
    Rejected: { tone: 'error', meaning: 'The charger does not take reservations (or not on this connector, e.g. connector 0 when ReserveConnectorZeroSupported is false).' },
    Unavailable: { tone: 'warning', meaning: 'The connector is Unavailable (made Inoperative) and cannot be reserved.' },
  },
  CancelReservation: {
    Accepted: { tone: 'success', meaning: 'The reservation is cancelled; the connector is free again.' },
    Rejected: { tone: 'error', meaning: 'The charger has no reservation with this id (it may have expired or been used).' },
  },
  SetChargingProfile: {
    Accepted: { tone: 'success', meaning: 'The profile is installed; the charger now limits charging by it.' },
    Rejected: { tone: 'error', meaning: 'The charger refused the profile (for example a TxProfile without a running transaction, a stack level above ChargeProfileMaxStackLevel, too many periods, or a unit it does not allow).' },
    NotSupported: { tone: 'warning', meaning: 'The charger does not support smart charging.' },
  },
  ClearChargingProfile: {
    Accepted: { tone: 'success', meaning: 'The matching profiles were removed.' },
    Unknown: { tone: 'info', meaning: 'No profile matched; nothing was removed.' },
  },
  GetCompositeSchedule: {
    Accepted: { tone: 'success', meaning: 'This is the schedule the charger will follow, all its profiles combined.' },
    Rejected: { tone: 'error', meaning: 'The charger could not give a schedule (for example an unknown connector, or smart charging not supported).' },
  },
  UpdateFirmware: {
    Accepted: { tone: 'success', headline: 'Request taken', meaning: 'The charger took the request: it downloads the firmware at the retrieve date and reports each step with FirmwareStatusNotification (shown below).' },
  },
  GetDiagnostics: {
    FileName: { tone: 'success', headline: 'Upload coming', meaning: 'The charger will upload "{fileName}" to the location; progress is shown below.' },
    NoFile: { tone: 'info', headline: 'Nothing to upload', meaning: 'The charger has no diagnostics to upload.' },
  },
};

/** The key into `meanings` for a completed answer. */
export function statusOf(action: OperationAction, response: Record<string, unknown>): string {
  switch (action) {
    case 'GetConfiguration':
      return 'Reported';
    case 'UpdateFirmware':
      return 'Accepted';
    case 'GetDiagnostics':
      return typeof response.fileName === 'string' && response.fileName ? 'FileName' : 'NoFile';
    case 'GetLocalListVersion': {
      const v = response.listVersion;
      return v === 0 ? 'Empty' : v === -1 ? 'NotSupported' : 'Version';
    }
    default:
      return String(response.status ?? '');
  }
}

const errorCodeMeanings: Record<string, string> = {
  NotImplemented: 'The charger does not implement {action}.',
  NotSupported: 'The charger knows {action} but does not support it.',
  InternalError: 'The charger hit an internal error while handling {action}.',
  ProtocolError: 'The charger says the request was incomplete.',
  SecurityError: 'The charger refused for security reasons.',
  FormationViolation: 'The charger says the request was malformed.',
  PropertyConstraintViolation: 'The charger says a field of the request had a value it does not accept.',
  OccurenceConstraintViolation: 'The charger says a field of the request was missing or repeated.',
  TypeConstraintViolation: 'The charger says a field of the request had the wrong type.',
  GenericError: 'The charger reported an error.',
};

export interface Explained extends Meaning {
  /** What the answer was in one or two words: the status, or what went wrong. */
  headline: string;
  /** The OCPP status in the answer, when there is one. */
  status?: string;
}

const fill = (text: string, values: Record<string, unknown>) => text.replace(/\{(\w+)\}/g, (_, k: string) => (values[k] === undefined ? '' : String(values[k])));

/** Puts one operation's result in plain words. */
export function explainResult(action: OperationAction, result: OperationResult): Explained {
  switch (result.outcome) {
    case 'completed': {
      const response = result.response as Record<string, unknown>;
      const status = statusOf(action, response);
      const known = meanings[action][status];
      const values: Record<string, unknown> = { ...response, action };
      if (action === 'GetConfiguration') {
        const keys = Array.isArray(response.configurationKey) ? response.configurationKey.length : 0;
        const unknown = Array.isArray(response.unknownKey) ? response.unknownKey.length : 0;
        values.keyCount = keys;
        values.unknownNote = unknown ? `; ${unknown} key(s) it does not know` : '';
      }
      if (!known) return { tone: 'warning', headline: status || 'Answered', status, meaning: `The charger answered "${status}", which OCPP 1.6 does not define for ${action}.` };
      if (known.headline) return { tone: known.tone, headline: fill(known.headline, values), meaning: fill(known.meaning, values) };
      return { tone: known.tone, headline: status, status, meaning: fill(known.meaning, values) };
    }
    case 'callError': {
      const base = errorCodeMeanings[result.error.code] ?? `The charger answered with error code ${result.error.code}.`;
      const why = result.error.description ? ` It said: "${result.error.description}".` : '';
      return { tone: 'error', headline: `Error from the charger: ${result.error.code}`, meaning: `${fill(base, { action })}${why}` };
    }
    case 'invalidResponse':
      return {
        tone: 'error',
        headline: 'Invalid answer',
        meaning: `The charger answered, but its answer breaks the OCPP 1.6 schema for ${action} (${result.error.description}). Treat the outcome as unknown; this is a conformance fault of the charger.`,
      };
    case 'timeout':
      return {
        tone: 'error',
        headline: 'No answer',
        meaning: `The charger did not answer in time (${result.error.description}). It may be busy, its connection may have dropped, or it ignored the request; the message log shows whether an answer came later.`,
      };
    case 'offline':
      return { tone: 'warning', headline: 'Charger offline', meaning: 'The charger is not connected to the bench, so nothing was sent. Check its power and network, or wait until it reconnects.' };
  }
}
