// The document's reusable states and memory states, as functions every case shares: bring the charger to
// "Charging", "Authorized", "Reserved", a faulted or unavailable connector, an idTag in the cache or the
// local list, an installed charging profile.
import { allChecks, get, type CaseContext, type Checks } from './context';
import { Inconclusive, StepFailure } from './types';
import type { ChargerCall, SeenFrame } from './frames';
import type { ChargingProfile } from '../../shared/ocpp16';
import { watchOwnStop } from './own-stop';

/** Reusable state GetConfiguration: one key's value (null when the charger does not report it). */
export async function readKey(t: CaseContext, key: string): Promise<string | null> {
  const answer = await t.send('GetConfiguration', { key: [key] }, { title: `Bench reads ${key}` });
  const found = (answer.configurationKey as Array<{ key: string; value?: string }> | undefined)?.find((k) => k.key === key);
  return found?.value ?? null;
}

/** Reusable state Authorized: the valid idTag presented before the cable; Authorize then Preparing (either order). */
export async function authorized(t: CaseContext, idTag = t.data.validIdTag, connectorId = t.connectorId): Promise<void> {
  await t.operator({ kind: 'presentIdTag', connectorId, idTag });
  await t.expectAll([
    { action: 'Authorize', checks: { idTag } },
    { action: 'StatusNotification', where: { connectorId, status: 'Preparing' } },
  ]);
}

export interface ChargingOptions {
  idTag?: string;
  connectorId?: number;
  /** The connector is Reserved: Preparing comes after the RemoteStartTransaction. */
  reserved?: boolean;
  chargingProfile?: ChargingProfile;
  /** More checks on the StartTransaction (e.g. its reservationId). */
  startChecks?: Checks;
}

/** Reusable state Charging: plug in, RemoteStartTransaction, (Authorize,) StartTransaction and Charging. Returns the transaction id. */
export async function charging(t: CaseContext, o: ChargingOptions = {}): Promise<number> {
  const idTag = o.idTag ?? t.data.validIdTag;
  const connectorId = o.connectorId ?? t.connectorId;
  const authorizeRemote = (await readKey(t, 'AuthorizeRemoteTxRequests')) === 'true';
  await t.operator({ kind: 'plug', connectorId });
  if (!o.reserved) await t.expect('StatusNotification', { where: { connectorId, status: 'Preparing' } });
  await t.send('RemoteStartTransaction', { connectorId, idTag, ...(o.chargingProfile ? { chargingProfile: o.chargingProfile } : {}) }, { checks: { status: 'Accepted' } });
  // On a reserved connector the charger may know the idTag from the reservation: its Authorize is optional.
  const preparing = { where: { connectorId, status: 'Preparing' } };
  if (o.reserved && authorizeRemote)
    await t.expectAll([
      { action: 'StatusNotification', ...preparing },
      { action: 'Authorize', checks: { idTag }, optional: true },
    ]);
  else if (o.reserved) await t.expect('StatusNotification', preparing);
  else if (authorizeRemote) await t.expect('Authorize', { checks: { idTag } });
  const [start] = await startedCharging(t, connectorId, idTag, o.startChecks);
  return start;
}

/**
 * StartTransaction and StatusNotification Charging, in either order (the standing exception), then the
 * bench's answer checked (sessionAsAnswered). Returns the transaction id.
 */
export async function startedCharging(t: CaseContext, connectorId: number, idTag: string, startChecks?: Checks): Promise<[number, ChargerCall]> {
  let start: ChargerCall | undefined;
  try {
    [start] = await t.expectAll([
      { action: 'StartTransaction', checks: allChecks({ connectorId, idTag }, startChecks) },
      { action: 'StatusNotification', where: { connectorId, status: 'Charging' } },
    ]);
  } catch (e) {
    // A charger that rightly ends a session the bench refused (before its Charging) is not failed for it.
    const refused = e instanceof StepFailure ? wrongAnswer(t, lastStart(t, connectorId)) : null;
    throw refused ? new Inconclusive(`${refused} (What followed: ${e instanceof Error ? e.message : String(e)})`) : e;
  }
  // The transaction the bench gave this StartTransaction (another connector's session may have started since).
  const id = transactionGivenTo(t, start!) ?? t.transactionOn(connectorId);
  t.check(id !== null, 'the bench to have given the session a transaction id', 'it has none');
  await sessionAsAnswered(t, start!, id!, idTag);
  return [id!, start!];
}

/**
 * The bench's answer to the session's StartTransaction was the test data's for the idTag (the document's
 * tool answers Accepted for the valid idTag): otherwise the case is Inconclusive, never passed, as the
 * charger was not given the session the case drives (and stopping one answered ConcurrentTx is right).
 * Where the answer was Accepted, the charger must not end the session on its own: a StopTransaction the case
 * did not ask for, among the messages that follow at once, is out of the scenario's order (a Fail); one that
 * comes later, before the case acts on the charger, is watched for (own-stop.ts) and named by the step that
 * fails on it, or fails the case that would pass (with no wait added here).
 */
async function sessionAsAnswered(t: CaseContext, start: ChargerCall, transactionId: number, idTag: string): Promise<void> {
  const { host } = t;
  const meant = meantFor(t, idTag);
  const acceptedAt = t.clock.now();
  // What the charger sends at once on the answer (a stop on a refused session) comes before the check.
  await host.frames.settle();
  await t.step('bench', `Bench answered the StartTransaction with idTagInfo.status ${meant}, as the test data says${meant === 'Accepted' ? ', and the session runs' : ''}`, async () => {
    const refused = wrongAnswer(t, frameOf(t, start));
    if (refused) throw new Inconclusive(refused);
    if (meant !== 'Accepted') return;
    const stop = host.frames.pending.find((c) => c.action === 'StopTransaction' && c.payload.transactionId === transactionId);
    if (stop)
      throw new StepFailure(
        `the session (transaction ${transactionId}) to keep running once the bench accepted it`,
        `the charger stopped it at once on its own (StopTransaction with reason ${String(stop.payload.reason ?? 'Local')}), which the scenario does not have`,
      );
    watchOwnStop(t, transactionId, acceptedAt);
  });
}

/** The idTag status the run's test data gives (Accepted where no run set its answers). */
const meantFor = (t: CaseContext, idTag: string): string => t.host.behaviours.idTagInfo(t.host.chargerId, idTag)?.status ?? 'Accepted';

/** The frame of a charger's CALL (its raw text), or null. */
const frameOf = (t: CaseContext, call: ChargerCall): SeenFrame | null => t.host.frames.frames.find((f) => f.seq === call.seq) ?? null;

/** The charger's last StartTransaction on the connector during the case, or null. */
function lastStart(t: CaseContext, connectorId: number): SeenFrame | null {
  const on = (f: SeenFrame) => {
    try {
      return get((JSON.parse(f.raw) as unknown[])[3], 'connectorId') === connectorId;
    } catch {
      return false;
    }
  };
  return t.host.frames.since(t.firstSeq).findLast((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'StartTransaction' && on(f)) ?? null;
}

/**
 * Why the bench's answer to a StartTransaction was not the test data's for the idTag the charger sent in it
 * (the words of an Inconclusive), or null (it was, or no answer was seen).
 */
function wrongAnswer(t: CaseContext, start: Pick<SeenFrame, 'seq' | 'messageId' | 'raw'> | null): string | null {
  const answer = start && t.host.frames.frames.find((f) => f.seq > start.seq && f.direction === 'out' && f.kind !== 'CALL' && f.messageId === start.messageId);
  if (!answer) return null;
  let idTag: string, meant: string, given: string;
  try {
    idTag = String(get((JSON.parse(start.raw) as unknown[])[3], 'idTag'));
    meant = meantFor(t, idTag);
    const body = JSON.parse(answer.raw) as unknown[];
    if (answer.kind !== 'CALLERROR' && get(body[2], 'idTagInfo.status') === meant) return null;
    given = answer.kind === 'CALLERROR' ? `a CALLERROR ${String(body[2])}` : `idTagInfo.status ${String(get(body[2], 'idTagInfo.status') ?? '(none)')}`;
  } catch {
    return null;
  }
  const forced = t.host.behaviours.standing(t.host.chargerId).idTagStatus;
  return (
    `The bench answered the charger's StartTransaction for ${idTag} with ${given}, not idTagInfo.status ${meant} as the test data says (the document's tool answer)` +
    `${forced ? `: the bench behaviour set on the charger answers every idTag ${forced}` : ''}. The charger was not given the session the case drives, so the case cannot judge it; run it again once the bench answers as the test data says.`
  );
}

/** The transaction id the bench's answer to a StartTransaction of the charger gave, or null (no answer seen yet). */
export function transactionGivenTo(t: CaseContext, start: ChargerCall): number | null {
  const answer = t.host.frames.frames.find((f) => f.seq > start.seq && f.direction === 'out' && f.kind === 'CALLRESULT' && f.messageId === start.messageId);
  if (!answer) return null;
  try {
    const id = (JSON.parse(answer.raw) as [number, string, { transactionId?: unknown }])[2].transactionId;
    return typeof id === 'number' ? id : null;
  } catch {
    return null;
  }
}

/** StopTransaction and StatusNotification Finishing, in either order. */
export async function stoppedCharging(t: CaseContext, transactionId: number, checks: Record<string, unknown> = {}, connectorId = t.connectorId): Promise<void> {
  await t.expectAll([
    { action: 'StopTransaction', checks: { transactionId, ...checks } },
    { action: 'StatusNotification', where: { connectorId, status: 'Finishing' } },
  ]);
}

/** The driver stops with the card, unplugs: StopTransaction, Finishing, then Available. */
export async function stopLocally(t: CaseContext, transactionId: number, idTag = t.data.validIdTag, connectorId = t.connectorId): Promise<void> {
  await t.operator({ kind: 'presentIdTag', connectorId, idTag });
  await stoppedCharging(t, transactionId, { reason: ['Local', undefined] }, connectorId);
  await t.operator({ kind: 'unplug', connectorId });
  await t.expect('StatusNotification', { where: { connectorId, status: 'Available' } });
}

/** Memory state IdTagCached: AuthorizationCacheEnabled, a session with the idTag (the valid one unless said), stopped and unplugged. */
export async function idTagCached(t: CaseContext, idTag = t.data.validIdTag): Promise<void> {
  await t.configureIfPresent('AuthorizationCacheEnabled', 'true');
  t.touched.cache = true;
  const tx = await charging(t, { idTag });
  await stopLocally(t, tx, idTag);
}

/** Memory state IdTagLocalAuthList: the idTag (the valid one unless said) in the local list as Accepted (a full update). */
export async function idTagInLocalList(t: CaseContext, version = 1, idTag = t.data.validIdTag): Promise<void> {
  await t.configureIfPresent('LocalAuthListEnabled', 'true');
  t.touched.localList = true;
  await t.send('SendLocalList', { listVersion: version, updateType: 'Full', localAuthorizationList: [{ idTag, idTagInfo: { status: 'Accepted' } }] }, { checks: { status: 'Accepted' } });
}

/** Reusable state Reserved: ReserveNow on a connector, Accepted, then Reserved. Returns the expiry date (epoch ms). */
export async function reserved(t: CaseContext, reservationId = 1, connectorId = t.connectorId, idTag = t.data.validIdTag, parentIdTag?: string): Promise<number> {
  t.touched.reservations.add(reservationId);
  const expiry = t.clock.now() + t.data.reservationExpiryOffsetS * 1000;
  await t.send('ReserveNow', { connectorId, expiryDate: new Date(expiry).toISOString(), idTag, reservationId, ...(parentIdTag ? { parentIdTag } : {}) }, { checks: { status: 'Accepted' } });
  if (connectorId > 0) await t.expect('StatusNotification', { where: { connectorId, status: 'Reserved' } });
  return expiry;
}

/** Reusable state SetConnectorUnavailable: ChangeAvailability Inoperative, then Unavailable. */
export async function connectorUnavailable(t: CaseContext, connectorId = t.connectorId): Promise<void> {
  t.touched.availability = true;
  await t.send('ChangeAvailability', { connectorId, type: 'Inoperative' }, { checks: { status: 'Accepted' } });
  await t.expect('StatusNotification', { where: { connectorId, status: 'Unavailable' } });
}

/** Reusable state SetConnectorUnavailable "for all unused connectors": every connector but the configured one Inoperative. */
export async function unusedConnectorsUnavailable(t: CaseContext): Promise<void> {
  for (let c = 1; c <= t.pics.connectors; c++) if (c !== t.connectorId) await connectorUnavailable(t, c);
}

/** Reusable state SetChargePointUnavailable: ChangeAvailability Inoperative for connector 0, then Unavailable for it and every connector. */
export async function chargePointUnavailable(t: CaseContext): Promise<void> {
  t.touched.availability = true;
  await t.send('ChangeAvailability', { connectorId: 0, type: 'Inoperative' }, { checks: { status: 'Accepted' } });
  await everyConnector(t, 'Unavailable');
}

/** Reusable state SetChargePointFaulted: a fault of the whole charger, then Faulted for connector 0 and every connector. */
export async function chargePointFaulted(t: CaseContext): Promise<void> {
  await t.operator({ kind: 'fault', connectorId: 0, errorCode: 'GroundFailure' });
  await everyConnector(t, 'Faulted');
}

/** A StatusNotification with this status for connector 0 and each connector, in any order. */
export async function everyConnector(t: CaseContext, status: string): Promise<void> {
  await t.expectAll(
    Array.from({ length: t.pics.connectors + 1 }, (_, connectorId) => ({ action: 'StatusNotification' as const, where: { connectorId }, checks: { status } })),
    `Charger sends StatusNotification ${status} for connector 0 and each of its ${t.pics.connectors} connectors, in any order`,
  );
}

/** Reusable state SetConnectorFaulted: a fault caused at the connector, then Faulted. */
export async function connectorFaulted(t: CaseContext, connectorId = t.connectorId): Promise<void> {
  await t.operator({ kind: 'fault', connectorId, errorCode: 'GroundFailure' });
  await t.expect('StatusNotification', { where: { connectorId, status: 'Faulted' } });
}

/** Reusable state SetConnectorOccupied: a cable plugged in without a session (Preparing). */
export async function connectorOccupied(t: CaseContext, connectorId = t.connectorId): Promise<void> {
  await t.operator({ kind: 'plug', connectorId });
  await t.expect('StatusNotification', { where: { connectorId, status: 'Preparing' } });
}

/** A TxDefaultProfile or TxProfile from the test data's limit. */
export function profile(
  t: CaseContext,
  o: { id?: number; stackLevel?: number; purpose?: 'TxDefaultProfile' | 'TxProfile' | 'ChargePointMaxProfile'; limit?: number; transactionId?: number },
): ChargingProfile {
  return {
    chargingProfileId: o.id ?? 1,
    stackLevel: o.stackLevel ?? 0,
    chargingProfilePurpose: o.purpose ?? 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    ...(o.transactionId !== undefined ? { transactionId: o.transactionId } : {}),
    chargingSchedule: {
      chargingRateUnit: t.data.chargingRateUnit,
      startSchedule: new Date(t.clock.now()).toISOString(),
      duration: 3600,
      chargingSchedulePeriod: [{ startPeriod: 0, limit: o.limit ?? t.data.chargingLimit }],
    },
  } as ChargingProfile;
}
