// THE rule of what a session the record holds open is, for every screen and every export alike (the
// Transactions list, a session's page, a charger's connector card, the transactions CSV): running, not
// running (a newer session open on its connector, or its connector reporting no session since it started),
// not confirmed (its charger rebooted since and its connector says Available, or a stray StopTransaction came:
// most likely lost or ended), or the last known (its charger is not heard from now). Pure: the UI reads it against the chargers as it knows them, the
// bench against its record and its connections.
import { unknownStopNote, type SeenStop } from './stray-stop';

/** A connector as the rule reads it (ConnectorView on screen, ConnectorRecord in the bench). */
export interface SessionConnector {
  connectorId: number;
  status: string;
  updatedAt: string;
}

/** A session as the rule reads it (TransactionView on screen, TransactionRecord in the bench). */
export interface OpenSession {
  transactionId: number;
  chargerId: string;
  connectorId: number;
  startTime: string;
  active: boolean;
  /** When the bench recorded its StartTransaction (the bench's clock). */
  receivedAt?: string;
}

/** A newer session open on the same connector; `receivedAt`: when the bench received its start, null when the record does not say. */
export type SupersededBy = { transactionId: number; receivedAt: string | null };

/**
 * Connector statuses that say no session is going on there (OCPP 1.6 ChargePointStatus). Not Faulted nor
 * Unavailable: a fault (an RCD trip) can leave the transaction open until the cable is out, and a charger may
 * report either during a session; such a session is still treated as running (the warnings stay).
 */
const NO_SESSION: ReadonlySet<string> = new Set(['Available', 'Reserved']);

/**
 * What the transaction's connector reports when it says no session is there, as `connectorSays`: only a
 * status the bench received after it recorded the StartTransaction (an older one was before the session);
 * null when the record does not say when the start came.
 */
export function connectorSaysNoSession(t: Pick<OpenSession, 'connectorId' | 'receivedAt'>, connectors: readonly SessionConnector[] | undefined): string | null {
  const c = connectors?.find((x) => x.connectorId === t.connectorId);
  if (!c || !t.receivedAt || !NO_SESSION.has(c.status)) return null;
  return Date.parse(c.updatedAt) > Date.parse(t.receivedAt) ? c.status : null;
}

/**
 * The newest session of each charger's connector among `list` (the one that can be running there), by
 * "chargerId\nconnectorId": the highest transactionId. The bench hands out ids strictly increasing in the
 * order it receives StartTransaction, so the higher id is the later start; its wall clock (receivedAt) may
 * step back (NTP), so it only says when, never which.
 */
export function newestByConnector<T extends Pick<OpenSession, 'transactionId' | 'chargerId' | 'connectorId'>>(list: readonly T[]): Map<string, T> {
  const newest = new Map<string, T>();
  for (const t of list) {
    const key = `${t.chargerId}\n${t.connectorId}`;
    const held = newest.get(key);
    if (!held || t.transactionId > held.transactionId) newest.set(key, t);
  }
  return newest;
}

/** The newer session open on `t`'s connector (`newest` there), as supersededBy; null when `t` is the newest. */
export function supersededBy(t: Pick<OpenSession, 'transactionId'>, newest: Pick<OpenSession, 'transactionId' | 'receivedAt'> | undefined): SupersededBy | null {
  return newest && newest.transactionId !== t.transactionId ? { transactionId: newest.transactionId, receivedAt: newest.receivedAt ?? null } : null;
}

/**
 * The sessions among `open` (those the record holds open) that a newer one open on the same connector
 * supersedes, by transactionId, each with that newer one (as `supersededBy`).
 */
export function supersededSessions(open: Iterable<OpenSession>): Map<number, SupersededBy> {
  const list = [...open].filter((t) => t.active);
  const newest = newestByConnector(list);
  const found = new Map<number, SupersededBy>();
  for (const t of list) {
    const by = supersededBy(t, newest.get(`${t.chargerId}\n${t.connectorId}`));
    if (by) found.set(t.transactionId, by);
  }
  return found;
}

/** What the rule's words need of a session held open. */
export type NotRunningFacts = { connectorId: number; connectorSays: string | null; supersededBy: SupersededBy | null };

/** A time in the rule's words: the screens say it local, the exports in UTC (ISO 8601, as their other times). */
export type WhenWords = (iso: string) => string;

/**
 * Why a transaction the record holds open is not running, after "The record holds transaction N open, but":
 * "a newer session (transaction 19) started on connector 1 at 10:02:03", "connector 1 reports Available since it started".
 */
export function notRunningCause(t: NotRunningFacts, when: WhenWords = (iso) => iso): string | null {
  if (t.supersededBy) {
    const at = t.supersededBy.receivedAt ? ` at ${when(t.supersededBy.receivedAt)}` : '';
    return `a newer session (transaction ${t.supersededBy.transactionId}) started on connector ${t.connectorId}${at}`;
  }
  return t.connectorSays === null ? null : `connector ${t.connectorId} reports ${t.connectorSays} since it started`;
}

/**
 * Why a transaction the record holds open is not running: "record says open; connector 1 reports Available",
 * "record says open; a newer session (transaction 19) started on connector 1 at 10:02:03".
 */
export function notRunningText(t: NotRunningFacts, when?: WhenWords): string | null {
  if (t.supersededBy) return `record says open; ${notRunningCause(t, when)}`;
  return t.connectorSays === null ? null : `record says open; connector ${t.connectorId} reports ${t.connectorSays}`;
}

/** What the bench knows now of a session's charger: its connector, and when it last booted (the bench's clock). */
export interface SessionCharger {
  connector: Pick<SessionConnector, 'status' | 'updatedAt'> | undefined;
  lastBoot: string | null | undefined;
}

/** A StopTransaction for a transaction the bench never started that its charger sent after the session started (shared/api/stray-stop's unknownStopDuring): when the bench received it. */
export type StrayStopSeen = { at: string } | null | undefined;

/**
 * Since when (ms, the bench's clock) a running session its charger booted (an accepted boot) after it started
 * is no longer confirmed, or null: since its connector has said Available after that boot, or else, whatever
 * the connector says, since a stray StopTransaction (`unknownStop`, one the charger sent after the session
 * started) and that boot both came. (A charger back from a spell offline says Available before its queued
 * StopTransaction; without a reboot that is no sign of a lost session.)
 */
export function unconfirmedSince(tx: Pick<OpenSession, 'active' | 'startTime' | 'receivedAt'> & { unknownStop?: StrayStopSeen }, { connector, lastBoot }: SessionCharger): number | null {
  if (!tx.active || !lastBoot) return null;
  const started = Date.parse(tx.receivedAt ?? tx.startTime);
  const booted = Date.parse(lastBoot);
  if (!(booted > started)) return null;
  const since = connector ? Date.parse(connector.updatedAt) : NaN;
  if (connector?.status === 'Available' && Number.isFinite(since) && since >= booted) return since;
  const stray = tx.unknownStop ? Date.parse(tx.unknownStop.at) : NaN;
  return stray > started ? Math.max(stray, booted) : null;
}

/**
 * A session its charger lost at a reboot, i.e. the charger booted after it started and its connector has said
 * Available since that boot (unconfirmedSince by its connector alone: a stray StopTransaction alone leaves a
 * session the charger may still run). A newer session open on its connector (superseded) changes nothing: the
 * charger lost both at the reboot and would refuse to stop either. One of the runs' leftByRunsOf.
 */
export function lostAtReboot(tx: Pick<OpenSession, 'active' | 'startTime' | 'receivedAt'>, charger: SessionCharger): boolean {
  return unconfirmedSince({ ...tx, unknownStop: null }, charger) !== null;
}

/** Why a run leaves a session the record holds open as it is: its charger lost it at a reboot, or it is not running by the rule. */
export type LeftByRuns = 'lost' | 'notRunning';

/**
 * THE rule of which sessions a run (a test run, a commissioning's checks) leaves as it is, sending no
 * RemoteStopTransaction the charger would refuse before its first case or step (main/conformance/running-before),
 * and the screens say so (the renderer's leftByRuns): `lost` when its charger lost it at a reboot (lostAtReboot,
 * superseded or not: it is said as lost, as before), else `notRunning` when it is not running by the rule: a
 * newer session open on its connector supersedes it (`superseded`), or its connector has reported no session
 * since it started (connectorSaysNoSession). Null: the run takes it as running and stops it.
 */
export function leftByRunsOf(
  tx: Pick<OpenSession, 'active' | 'startTime' | 'receivedAt' | 'connectorId'>,
  charger: SessionCharger,
  connectors: readonly SessionConnector[] | undefined,
  superseded: SupersededBy | null,
): LeftByRuns | null {
  if (!tx.active) return null;
  if (lostAtReboot(tx, charger)) return 'lost';
  return superseded || connectorSaysNoSession(tx, connectors) !== null ? 'notRunning' : null;
}

/**
 * Whether its connector says no session is there (Available, Reserved) since the charger's last boot: a session
 * not confirmed (unconfirmedSince) is then not running there; else (Charging, Preparing, …, or nothing said
 * since the boot) it may still run, and a warning counts it.
 */
export function noSessionSinceBoot({ connector, lastBoot }: SessionCharger): boolean {
  if (!connector || !lastBoot || !NO_SESSION.has(connector.status)) return false;
  return Date.parse(connector.updatedAt) >= Date.parse(lastBoot);
}

/** Whether a session not confirmed (unconfirmedSince) is so by its stray stop, not by its connector saying Available since the boot. */
export function unconfirmedByStrayStop(tx: Parameters<typeof unconfirmedSince>[0], charger: SessionCharger): boolean {
  return unconfirmedSince(tx, charger) !== null && unconfirmedSince({ ...tx, unknownStop: null }, charger) === null;
}

/** What the rule's words need of a session not confirmed (unconfirmedSince). */
export interface UnconfirmedFacts {
  transactionId: number;
  chargerId: string;
  connectorId: number;
  /** unconfirmedSince: null while it is confirmed. */
  unconfirmedSince: number | null;
  /** The stray stop when it is by that one that the session is not confirmed (unconfirmedByStrayStop); null or absent: by its connector saying Available since the boot. */
  unconfirmedByStop?: SeenStop | null;
  /** A stray stop that came while it was open (unknownStopDuring), named too when it is not confirmed by its connector saying Available since the boot. */
  strayStop?: SeenStop | null;
}

/** A stray stop's note within a sentence, after "but": "a StopTransaction for unknown transaction 1003 came at …". */
const noteAfterBut = (stop: SeenStop, t: Pick<UnconfirmedFacts, 'transactionId'>, when?: WhenWords) => {
  const note = unknownStopNote(stop, t, when);
  return `${note[0]!.toLowerCase()}${note.slice(1)}`;
};

/**
 * Why a session held open is not confirmed, in THE words every screen says it in (after "Not confirmed: ", no
 * full stop): "CP001 has booted since this session started and connector 1 has reported Available since
 * 10:02:03, yet no StopTransaction came: the charger has most likely lost this session"; by a stray stop, that
 * no StopTransaction with its transactionId came, but which one did (unknownStopNote; named too beside Available
 * when one came, `strayStop`). `since` says the time
 * (ms) it is not confirmed since, `when` the stray stop's. Null while it is confirmed.
 */
export function unconfirmedText(t: UnconfirmedFacts, since: (ms: number) => string, when?: WhenWords): string | null {
  if (t.unconfirmedSince === null) return null;
  const booted = `${t.chargerId} has booted since this session started and`;
  if (t.unconfirmedByStop) return `${booted} no StopTransaction with its transactionId came, but ${noteAfterBut(t.unconfirmedByStop, t, when)} The charger may no longer run this session`;
  const available = `${booted} connector ${t.connectorId} has reported Available since ${since(t.unconfirmedSince)}`;
  // A stray stop came as well: named, as the card, the session's page and the CSV name it.
  if (t.strayStop) return `${available}; no StopTransaction with its transactionId came, but ${noteAfterBut(t.strayStop, t, when)} The charger has most likely lost or ended this session`;
  return `${available}, yet no StopTransaction came: the charger has most likely lost this session`;
}

/** Why a session held open is not running: the rule's parts, and when its connector reported what it says (the bench's clock; null when it says nothing). */
export interface NotRunning {
  connectorSays: string | null;
  supersededBy: SupersededBy | null;
  connectorSaysAt: string | null;
}

/** The chargers as the bench knows them now, by id. */
export type ChargersNow = Readonly<Record<string, { connectors: readonly SessionConnector[]; lastBoot: string | null | undefined } | undefined>>;

/**
 * The sessions among `open` (those the record holds open) that are not running, by transactionId, each with
 * why: a newer session open on its connector, or its connector saying no session since it started. A session
 * its charger lost at a reboot keeps its own "Not confirmed" (unconfirmedSince) unless a newer one supersedes it.
 */
export function notRunningSessions(open: Iterable<OpenSession>, chargers: ChargersNow): Map<number, NotRunning> {
  const list = [...open].filter((t) => t.active);
  const superseded = supersededSessions(list);
  const found = new Map<number, NotRunning>();
  for (const t of list) {
    const by = superseded.get(t.transactionId) ?? null;
    const charger = chargers[t.chargerId];
    const connector = charger?.connectors.find((c) => c.connectorId === t.connectorId);
    const lost = unconfirmedSince(t, { connector, lastBoot: charger?.lastBoot }) !== null;
    const connectorSays = lost ? null : connectorSaysNoSession(t, charger?.connectors);
    if (by || connectorSays !== null) found.set(t.transactionId, { connectorSays, supersededBy: by, connectorSaysAt: connectorSays !== null ? (connector?.updatedAt ?? null) : null });
  }
  return found;
}

/** A session's state as the Transactions list's chip and the transactions CSV say it. */
export type SessionState = 'Active' | 'Finished' | 'Not running' | 'Not confirmed' | 'Last known';

/**
 * THE order the rule is read in: a finished session is Finished; one held open is Not running when the rule
 * says so, else Not confirmed when its charger lost it at a reboot (while the charger is heard from), else the
 * Last known while its charger is not heard from (`stale`: offline, or the screen's link to the bench down),
 * else Active.
 */
export function sessionState(t: { active: boolean; notRunning: boolean; unconfirmed: boolean; stale: boolean }): SessionState {
  if (!t.active) return 'Finished';
  if (t.notRunning) return 'Not running';
  if (t.unconfirmed && !t.stale) return 'Not confirmed';
  return t.stale ? 'Last known' : 'Active';
}
