// How the bench misbehaves toward one charger on purpose: the server-side faults a test case (or a person,
// from the charger page's "bench behaviour" panel) applies to a real charger, to see how it copes.
import { z } from 'zod';
import { AuthorizationStatus, RegistrationStatus } from '../ocpp16/enums';
import { errorCodes } from '../ocpp16/frames';
import { chargePointActions, type ChargePointAction } from '../ocpp16/actions';

const actionNames = chargePointActions as [ChargePointAction, ...ChargePointAction[]];

/** What the bench does with one charge-point action's CALLs instead of answering at once. */
export const ActionMisbehaviour = z.strictObject({
  mode: z.enum(['callError', 'delay', 'withhold']),
  /** For delay: seconds before the answer goes. */
  delaySeconds: z.int().min(1).max(3600).default(10),
  /** For callError: the code answered. */
  errorCode: z.enum(errorCodes).default('InternalError'),
});
export type ActionMisbehaviour = z.infer<typeof ActionMisbehaviour>;

export const BenchBehaviour = z.strictObject({
  /** The answer to BootNotification, over the charger's boot policy, and the interval it gives (s). */
  boot: z.strictObject({ status: RegistrationStatus, interval: z.int().min(0).max(86_400).optional() }).optional(),
  /** Every idTag this charger presents is answered with this status (Authorize, StartTransaction, StopTransaction). */
  idTagStatus: AuthorizationStatus.optional(),
  /** Per charge-point action: a CALLERROR, a late answer, or none at all. */
  actions: z.partialRecord(z.enum(actionNames), ActionMisbehaviour).optional(),
  /** Seconds added to every time the bench tells the charger (BootNotification, Heartbeat): a wrong clock. */
  timeOffsetSeconds: z.int().min(-31_536_000).max(31_536_000).optional(),
});
export type BenchBehaviour = z.infer<typeof BenchBehaviour>;

/** What the behaviour panel shows of a charger: the standing behaviour and how long it is still refused. */
export interface BenchBehaviourView {
  chargerId: string;
  behaviour: BenchBehaviour;
  /** The bench refuses this charger's connections until then (ISO time), or null. */
  refusedUntil: string | null;
}

/** What one action's misbehaviour does, in words: "answered with a CALLERROR GenericError". */
export function actionMisbehaviourWords(m: ActionMisbehaviour): string {
  return m.mode === 'callError' ? `answered with a CALLERROR ${m.errorCode}` : m.mode === 'delay' ? `answered ${m.delaySeconds} s late` : 'never answered';
}

/** What the bench does on purpose under a behaviour, one line each; empty when it answers as a good central system. */
export function behaviourWords(b: BenchBehaviour): string[] {
  const words: string[] = [];
  if (b.boot) words.push(`BootNotification answered ${b.boot.status}${b.boot.interval !== undefined ? ` with interval ${b.boot.interval} s` : ''}`);
  if (b.idTagStatus) words.push(`Every idTag answered ${b.idTagStatus}`);
  for (const [action, m] of Object.entries(b.actions ?? {})) if (m) words.push(`${action} ${actionMisbehaviourWords(m)}`);
  if (b.timeOffsetSeconds) words.push(`The time told is ${Math.abs(b.timeOffsetSeconds)} s ${b.timeOffsetSeconds > 0 ? 'ahead' : 'behind'}`);
  return words;
}
