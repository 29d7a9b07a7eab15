// The document's reusable states and memory states, as functions every case shares: bring the charger to
// "Charging", "Authorized", "Reserved", a faulted or unavailable connector, an idTag in the cache or the
// local list, an installed charging profile.
import { allChecks, type CaseContext, type Checks } from './context';
import type { ChargerCall } from './frames';
import type { ChargingProfile } from '../../shared/ocpp16';

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

/** StartTransaction and StatusNotification Charging, in either order (the standing exception). Returns the transaction id. */
export async function startedCharging(t: CaseContext, connectorId: number, idTag: string, startChecks?: Checks): Promise<[number, ChargerCall]> {
  const [start] = await t.expectAll([
    { action: 'StartTransaction', checks: allChecks({ connectorId, idTag }, startChecks) },
    { action: 'StatusNotification', where: { connectorId, status: 'Charging' } },
  ]);
  // The transaction the bench gave this StartTransaction (another connector's session may have started since).
  const id = transactionGivenTo(t, start!) ?? t.transactionOn(connectorId);
  t.check(id !== null, 'the bench to have given the session a transaction id', 'it has none');
  return [id!, start!];
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
