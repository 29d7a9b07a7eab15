// The central-system operations the virtual charger answers, one file each, in a map typed over every action
// it simulates; a switched-off profile's actions (by actions.ts) get no handler: the endpoint says NotSupported
// (but ReserveNow, which is answered Rejected without the Reservation profile).
import type { Handler, HandlerMap } from '../../rpc/endpoint';
import { actions, type ActionsOf, type CentralSystemAction, type RequestOf, type ResponseOf } from '../../../shared/ocpp16';
import { misbehave } from '../faults';
import type { Model } from '../model';
import { CancelReservation } from './CancelReservation';
import { ChangeAvailability } from './ChangeAvailability';
import { ChangeConfiguration } from './ChangeConfiguration';
import { ClearCache } from './ClearCache';
import { ClearChargingProfile } from './ClearChargingProfile';
import { DataTransfer } from './DataTransfer';
import { GetCompositeSchedule } from './GetCompositeSchedule';
import { GetConfiguration } from './GetConfiguration';
import { GetDiagnostics } from './GetDiagnostics';
import { GetLocalListVersion } from './GetLocalListVersion';
import { GetLog } from './GetLog';
import { RemoteStartTransaction } from './RemoteStartTransaction';
import { RemoteStopTransaction } from './RemoteStopTransaction';
import { ReserveNow } from './ReserveNow';
import { Reset } from './Reset';
import { SendLocalList } from './SendLocalList';
import { SetChargingProfile } from './SetChargingProfile';
import { TriggerMessage } from './TriggerMessage';
import { UnlockConnector } from './UnlockConnector';
import { UpdateFirmware } from './UpdateFirmware';

/** Every central-system action of OCPP 1.6 the charger answers; of the security extension's, GetLog only. */
export type SimulatedAction = Exclude<CentralSystemAction, ActionsOf<'Security'>> | 'GetLog';

/** How the charger answers one action; what follows the answer goes in `cp.afterAnswer(messageId, ...)`. */
export type Operation<A extends SimulatedAction> = (req: RequestOf<A>, messageId: string, cp: Model) => ResponseOf<A> | Promise<ResponseOf<A>>;

export const operations: { [A in SimulatedAction]: Operation<A> } = {
  CancelReservation,
  ChangeAvailability,
  ChangeConfiguration,
  ClearCache,
  ClearChargingProfile,
  DataTransfer,
  GetCompositeSchedule,
  GetConfiguration,
  GetDiagnostics,
  GetLocalListVersion,
  GetLog,
  RemoteStartTransaction,
  RemoteStopTransaction,
  ReserveNow,
  Reset,
  SendLocalList,
  SetChargingProfile,
  TriggerMessage,
  UnlockConnector,
  UpdateFirmware,
};

/** The handlers of one connection: the operations of the charger's profiles, each behind its faults. */
export function handlersFor(cp: Model): HandlerMap {
  const profiles = new Set<string>(cp.definition.profiles);
  const map: Partial<Record<SimulatedAction, Handler>> = {};
  for (const action of Object.keys(operations) as SimulatedAction[]) {
    if (profiles.has(actions[action].profile)) map[action] = answering(action, operations[action] as Operation<SimulatedAction>, cp) as Handler;
  }
  // ReserveNow has its own answer for a charger not configured to accept reservations (OCPP 1.6, 7.40
  // ReservationStatus Rejected; OCTT TC_048_4_CS and TC_050_4_CS), rather than NotSupported.
  // The security extension's GetLog: the charger keeps a security log whatever its feature profiles.
  map.GetLog = answering('GetLog', GetLog, cp) as Handler;
  if (!profiles.has('Reservation')) map.ReserveNow = answering('ReserveNow', () => ({ status: 'Rejected' }), cp) as Handler;
  return map as HandlerMap;
}

/** An operation behind the faults switched on for its action, and behind a Rejected registration's silence. */
function answering<A extends SimulatedAction>(action: A, operation: Operation<A>, cp: Model): Handler<A> {
  return async (payload, messageId) => {
    // A rejected charger does not answer the central system at all (OCPP 1.6, 4.2.1).
    if (cp.boot.registration === 'Rejected') return new Promise<never>(() => {});
    const fault = cp.protocolFaults[action];
    if (fault) {
      const answer = await misbehave(action, fault, messageId, cp);
      if (answer) return answer as ResponseOf<A>;
    }
    return operation(payload, messageId, cp);
  };
}
