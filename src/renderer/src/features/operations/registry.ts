// Every operation the UI offers, by action: the spec's central-system actions of the six feature
// profiles (kit/actions.ts), each with the panel that sends it and what its answers mean. A missing or
// extra action is a compile error; the rows' order is the order of the operations menu.
import type { OperationResult } from '../../../../shared/api/contract';
import { operationActions, type OperationAction } from './kit/actions';
import { explain, type Explained, type Meaning } from './kit/meanings';
import type { OperationEntry, OperationPage } from './kit/page';
import { CancelReservation } from './panels/CancelReservation.meanings';
import { ChangeAvailability } from './panels/ChangeAvailability';
import { ChangeConfiguration } from './panels/ChangeConfiguration.meanings';
import { ClearCache } from './panels/ClearCache';
import { ClearChargingProfile } from './panels/ClearChargingProfile';
import { DataTransfer } from './panels/DataTransfer';
import { GetCompositeSchedule } from './panels/GetCompositeSchedule';
import { GetConfiguration } from './panels/GetConfiguration';
import { GetDiagnostics } from './panels/GetDiagnostics';
import { GetLocalListVersion } from './panels/GetLocalListVersion.meanings';
import { RemoteStartTransaction } from './panels/RemoteStartTransaction';
import { RemoteStopTransaction } from './panels/RemoteStopTransaction';
import { ReserveNow } from './panels/ReserveNow';
import { Reset } from './panels/Reset';
import { SendLocalList } from './panels/SendLocalList';
import { SetChargingProfile } from './panels/SetChargingProfile';
import { TriggerMessage } from './panels/TriggerMessage';
import { UnlockConnector } from './panels/UnlockConnector';
import { UpdateFirmware } from './panels/UpdateFirmware';

export { operationActions, type OperationAction };

export const operationPanels = {
  RemoteStartTransaction,
  RemoteStopTransaction,
  Reset,
  ChangeAvailability,
  UnlockConnector,
  TriggerMessage,
  DataTransfer,
  GetConfiguration,
  ChangeConfiguration,
  SendLocalList,
  GetLocalListVersion,
  ClearCache,
  ReserveNow,
  CancelReservation,
  SetChargingProfile,
  ClearChargingProfile,
  GetCompositeSchedule,
  UpdateFirmware,
  GetDiagnostics,
} satisfies { [A in OperationAction]: OperationEntry<A> };

type Entry = OperationEntry<OperationAction>;
const entryOf = (action: OperationAction): Entry => operationPanels[action] as Entry;

/** The operations menu: each action with a panel of its own, in the registry's order. */
export const operationPages = (Object.keys(operationPanels) as OperationAction[]).flatMap((action) => {
  const entry = entryOf(action);
  return 'Panel' in entry ? [{ action, ...(entry as OperationPage<OperationAction>) }] : [];
});

/** The action whose panel sends `action`: itself, or the one it is sent from. */
export function pageOf(action: OperationAction): OperationAction {
  const entry = entryOf(action);
  return 'sentFrom' in entry ? entry.sentFrom : action;
}

/** What each status of each action's answer means. */
export const meanings = Object.fromEntries(operationActions.map((a) => [a, entryOf(a).meanings])) as { [A in OperationAction]: Record<string, Meaning> };

/** Puts one operation's result in plain words; `neverConnected` as reach.ts neverConnected tells it of the charger. */
export const explainResult = (action: OperationAction, result: OperationResult, chargerId?: string, neverConnected?: boolean): Explained =>
  explain(action, result, entryOf(action), chargerId, neverConnected);
