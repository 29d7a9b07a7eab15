// What is going on at a charger right now, for the warnings before a disruptive operation: its
// connectors and the transactions running on them with the energy delivered so far, and when the
// reading it comes from arrived (an old one said as old). Its age is judged on the bench's clock, by when
// the bench received it: a charger's clock may never have been set (1970) or run ahead, so its own
// timestamp is shown only beside, when the two clocks differ much, or alone, said as the charger's, when
// the bench's record does not say when the reading came. And a firmware update under way there (downloading,
// downloaded and waiting, installing), which a session's end or a reset may set off or lose; a status from
// before the charger's last reboot is said as such, since a charger that dropped an update never says so.
import { useEffect, useMemo, useState } from 'react';
import { meterKey, useBench } from '../stores/bench';
import { useClient } from '../api/context';
import { timedEnergyReading, useEnergySoFar } from './useMeterSeries';
import type { ChargerView, ConnectorView, OperationView, TransactionView } from '../../../shared/api/views';
import type { ReceivedSample } from '../stores/bench';
import { formatAgo, formatClock, formatEnergy, formatTime, formatWhen } from './format';
import {
  connectorSaysNoSession,
  newestByConnector,
  notRunningCause as sharedCause,
  notRunningText as sharedText,
  supersededBy,
  leftByRunsOf,
  noSessionSinceBoot,
  unconfirmedByStrayStop,
  unconfirmedSince,
  type NotRunningFacts,
  type SupersededBy,
} from '../../../shared/api/session-state';
import type { StopDuring } from '../../../shared/api/stray-stop';
import { benchNow } from './benchClock';
import { useUnknownStopRule, useUnknownStopRuleOf, type StopDuringOf } from './unknownStops';

export interface RunningTransaction {
  transactionId: number;
  chargerId: string;
  connectorId: number;
  idTag: string;
  startTime: string;
  meterStart: number;
  /** Latest meter reading minus meterStart; null until the charger has sent a reading, and for an impossible one. */
  energyWh: number | null;
  /** Why a reading gives no energy (the meter went backwards), in words; null otherwise. */
  energyWarning: string | null;
  /** When the charger's clock says the reading energyWh comes from was taken (ms); null until there is one. */
  energyTakenAt: number | null;
  /** When the bench received that reading (ms, the bench's clock); null until there is one, and when the record does not say. */
  energyReceivedAt: number | null;
  /** The usual time between the session's energy readings (ms); 0 while not known (fewer than two). */
  readingEvery: number;
  /** No live reading: the bench's record is still being asked for one (useRunning), so "no reading yet" is not known. */
  energyPending?: boolean;
  /** No live reading: why the bench's record could not give one (useRunning); absent when it answered. */
  energyUnread?: string;
  /**
   * The status its connector reports now when that says no session is there (Available, Reserved), reported
   * after the bench recorded the transaction's start: the record holds it open (its StopTransaction never
   * closed it, e.g. one sent with another transactionId) but it is not running.
   * Null: nothing the connector says contradicts the record.
   */
  connectorSays: string | null;
  /**
   * A newer session the record holds open on the same connector (the newest there: the highest
   * transactionId, as the bench gives ids in the order starts arrive): a connector holds one session at a time, so this
   * older one is not running (its StopTransaction never came, e.g. the charger restarted and started anew).
   * `receivedAt`: when the bench received the newer one's start, null when the record does not say.
   * Null: it is the newest open on its connector.
   */
  supersededBy: SupersededBy | null;
  /**
   * Since when (ms, the bench's clock) its charger no longer confirms it (session-state's unconfirmedSince: a
   * reboot since it started, then Available or a stray stop): "Not confirmed", so not running. Null: confirmed,
   * or not running by supersededBy (said first, as the rule reads).
   */
  unconfirmedSince: number | null;
  /** The stray StopTransaction (another transactionId) by which it is not confirmed; null: by its connector saying Available since the boot, or it is confirmed. */
  unconfirmedByStop: StopDuring | null;
  /** Not confirmed, the stray stop that came while it was open (named beside Available too); absent or null otherwise. */
  strayStop?: StopDuring | null;
  /**
   * Not confirmed, yet its connector does not say no session since the boot (session-state's noSessionSinceBoot:
   * it reports Charging, Preparing…, or nothing since): it may still run, so a warning counts it (isRunning);
   * `reports`: what its connector reports now (null: not known). Absent or null otherwise.
   */
  mayStillRun?: { reports: string | null } | null;
  /** Runs leave it as it is, and why (session-state's leftByRunsOf: lost at a reboot, or not running); null: they stop it (leftByRuns). */
  leftByRunsAs?: ReturnType<typeof leftByRunsOf>;
}

/** THE rule of what runs, shared with the bench's exports (shared/api/session-state). */
export { connectorSaysNoSession, supersededSessions } from '../../../shared/api/session-state';

/**
 * The session the record holds open on a charger's connector that can be running there: with several open
 * (an older one's StopTransaction never came), the newest; undefined when none is open.
 */
export function sessionOnConnector(active: Record<number, TransactionView>, chargerId: string, connectorId: number): TransactionView | undefined {
  return newestByConnector(Object.values(active).filter((t) => t.active && t.chargerId === chargerId && t.connectorId === connectorId)).get(`${chargerId}\n${connectorId}`);
}

/**
 * A transaction the record holds open is running (what an operation may interrupt: warned about, counted)
 * unless its connector says no session is there, a newer one is open on it, or its charger no longer confirms
 * it while its connector says no session since the boot. One not confirmed that may still run (mayStillRun:
 * its connector reports Charging…) counts: a confirmation never hides what may be running.
 */
export const isRunning = (t: Pick<RunningTransaction, 'connectorSays' | 'supersededBy'> & Partial<Pick<RunningTransaction, 'unconfirmedSince' | 'mayStillRun'>>): boolean =>
  t.connectorSays === null && !t.supersededBy && ((t.unconfirmedSince ?? null) === null || !!t.mayStillRun);

/**
 * Why a transaction the record holds open is not running, after "The record holds transaction N open, but":
 * "a newer session (transaction 19) started on connector 1 at 10:02:03", "connector 1 reports Available since it started".
 */
export const notRunningCause = (t: NotRunningFacts): string | null => sharedCause(t, formatWhen);

/**
 * Why a transaction the record holds open is not running: "record says open; connector 1 reports Available",
 * "record says open; a newer session (transaction 19) started on connector 1 at 10:02:03".
 */
export const notRunningText = (t: NotRunningFacts): string | null => sharedText(t, formatWhen);

/** A charger as the running transactions are checked against it: its connectors, and when it last booted. */
export type ChargerNow = { connectors?: readonly ConnectorView[]; lastBoot?: string | null };
type ChargerOf = (chargerId: string) => ChargerNow | undefined;
const noCharger: ChargerOf = () => undefined;
const noStop: StopDuringOf = () => null;

/** With no usual step known yet, a reading older than this is old. */
const OLD_READING_MS = 5 * 60_000;

/**
 * When a session's newest reading stops being "so far" and is old: twice the usual time between its
 * readings (the MeterValueSampleInterval the charger keeps), at least a minute; 5 minutes while that is not known.
 */
export function oldReadingAfterMs(readingEvery: number): number {
  return readingEvery > 0 ? Math.max(2 * readingEvery, 60_000) : OLD_READING_MS;
}

/** A reading's times, as the checks below read them. */
type ReadingTimes = Pick<RunningTransaction, 'energyTakenAt' | 'energyReceivedAt' | 'readingEvery'>;

/** The charger's clock and the bench's differ by more than this on a reading: the charger's time is given beside the bench's. */
export const CLOCKS_APART_MS = 2 * 60_000;

/**
 * The reading of a running transaction's energy is old by `now`: no newer one came when one was due, by
 * when the bench received it. Never by the charger's clock alone (it may be years off): a reading whose
 * arrival is not known is not said old.
 */
export function readingIsOld(t: Pick<ReadingTimes, 'energyReceivedAt' | 'readingEvery'>, now: number): boolean {
  return t.energyReceivedAt !== null && now - t.energyReceivedAt > oldReadingAfterMs(t.readingEvery);
}

const agoOf = (at: number, now: number) => formatAgo(new Date(at).toISOString(), now);

/**
 * When the energy so far was read, in words, by when the bench received it: "at 12:03:04 (3 min ago)",
 * "old reading, at 10:03:04 (2 h ago)", with the charger's own time beside when its clock is far off
 * ("at 12:03:04 (3 min ago; the charger's clock says Jan 1, 1970, 01:00:00)"); said as the charger's when
 * the arrival is not known ("at 09:03:04 (3 h ago) by the charger's clock"). Null before any reading.
 */
export function readingTimeText(t: ReadingTimes, now: number): string | null {
  const taken = t.energyTakenAt;
  const received = t.energyReceivedAt;
  if (received === null) {
    if (taken === null) return null;
    const ago = taken > now + CLOCKS_APART_MS ? "ahead of this computer's clock" : agoOf(taken, now);
    return `at ${formatWhen(taken, now)} (${ago}) by the charger's clock`;
  }
  const charger = taken !== null && Math.abs(taken - received) > CLOCKS_APART_MS ? `; the charger's clock says ${formatWhen(taken, now)}` : '';
  return `${readingIsOld(t, now) ? 'old reading, at' : 'at'} ${formatClock(received)} (${agoOf(received, now)}${charger})`;
}

/** The energy so far as a confirmation names it: the amount, or why there is none (still being read, or not known, is not "none"). */
export function energySoFarText(t: Pick<RunningTransaction, 'energyWh' | 'energyWarning' | 'energyPending' | 'energyUnread'>): string {
  if (t.energyWh !== null) return formatEnergy(t.energyWh);
  if (t.energyWarning) return 'unknown: the meter went backwards';
  if (t.energyPending) return 'loading…';
  if (t.energyUnread !== undefined) return `not known (the readings could not be read: ${t.energyUnread})`;
  return 'no reading yet';
}

/** The energy so far with when it was read, in one line: "4.21 kWh, at 12:03:04 (3 min ago)", "…, old reading, at …". */
export function energyWithTimeText(t: Pick<RunningTransaction, 'energyWh' | 'energyWarning' | 'energyPending' | 'energyUnread'> & ReadingTimes, now: number): string {
  const at = readingTimeText(t, now);
  return at ? `${energySoFarText(t)}, ${at}` : energySoFarText(t);
}

/**
 * Running transactions of a charger (on one connector, or all when `connectorId` is absent or 0), as the
 * record holds them open; with the `charger` (its connectors and last boot), each one a connector says is not
 * running is marked (connectorSays), each older one open on a connector with a newer one (supersededBy), and
 * each one the charger no longer confirms (unconfirmedSince; by a stray stop, as `strayStopOf` gives them).
 */
export function runningTransactions(
  active: Record<number, TransactionView>,
  meter: Record<string, ReceivedSample[]>,
  chargerId: string,
  connectorId?: number,
  charger?: ChargerNow,
  strayStopOf: StopDuringOf = noStop,
): RunningTransaction[] {
  return runningOf(
    Object.values(active).filter((t) => t.active && t.chargerId === chargerId && (!connectorId || t.connectorId === connectorId)),
    meter,
    () => charger,
    strayStopOf,
  );
}

/**
 * The running transactions of each of `chargerIds`, by charger (an empty list for one with none), in one
 * pass over the transactions: with every charger of a large fleet selected, a pass per charger was a
 * million steps at each batch of meter values.
 */
export function runningTransactionsOf(
  active: Record<number, TransactionView>,
  meter: Record<string, ReceivedSample[]>,
  chargerIds: string[],
  chargers?: Record<string, ChargerNow | undefined>,
  strayStopOf: StopDuringOf = noStop,
): Record<string, RunningTransaction[]> {
  const byCharger = new Map<string, TransactionView[]>(chargerIds.map((id) => [id, []]));
  for (const t of Object.values(active)) if (t.active) byCharger.get(t.chargerId)?.push(t);
  return Object.fromEntries([...byCharger].map(([id, list]) => [id, runningOf(list, meter, (c) => chargers?.[c], strayStopOf)]));
}

/** The rule's marks of one held open (session-state's order: superseded, else not confirmed, else its connector saying no session). */
function standingOf(t: TransactionView, newest: TransactionView | undefined, charger: ChargerNow | undefined, strayStopOf: StopDuringOf) {
  const by = supersededBy(t, newest);
  const connector = charger?.connectors?.find((c) => c.connectorId === t.connectorId);
  const seen = { connector, lastBoot: charger?.lastBoot };
  const rule = { ...t, unknownStop: strayStopOf(t) };
  const since = by ? null : unconfirmedSince(rule, seen);
  return {
    connectorSays: since === null ? connectorSaysNoSession(t, charger?.connectors) : null,
    supersededBy: by,
    unconfirmedSince: since,
    unconfirmedByStop: since !== null && rule.unknownStop && unconfirmedByStrayStop(rule, seen) ? rule.unknownStop : null,
    strayStop: since !== null ? rule.unknownStop : null,
    mayStillRun: since !== null && !noSessionSinceBoot(seen) ? { reports: connector?.status ?? null } : null,
    leftByRunsAs: leftByRunsOf(t, seen, charger?.connectors, by),
  };
}

function runningOf(list: TransactionView[], meter: Record<string, ReceivedSample[]>, chargerOf: ChargerOf = noCharger, strayStopOf: StopDuringOf = noStop): RunningTransaction[] {
  const newest = newestByConnector(list);
  return list
    .sort((a, b) => a.connectorId - b.connectorId || a.transactionId - b.transactionId)
    .map((t) => {
      const reading = timedEnergyReading(t, meter[meterKey(t.chargerId, t.connectorId)]);
      return {
        transactionId: t.transactionId,
        chargerId: t.chargerId,
        connectorId: t.connectorId,
        idTag: t.idTag,
        startTime: t.startTime,
        meterStart: t.meterStart,
        energyWh: reading?.energy.wh ?? null,
        energyWarning: reading?.energy.warning ?? null,
        energyTakenAt: reading?.takenAt ?? null,
        energyReceivedAt: reading?.receivedAt ?? null,
        readingEvery: reading?.every ?? 0,
        ...standingOf(t, newest.get(`${t.chargerId}\n${t.connectorId}`), chargerOf(t.chargerId), strayStopOf),
      };
    });
}

/** The running transactions with their energy so far (asked of the bench's record when no live reading came yet): for what a confirmation lists. */
export function useRunning(chargerId: string, connectorId?: number): RunningTransaction[] {
  return useEnergySoFar(useRunningLive(chargerId, connectorId));
}

/**
 * The running transactions from the live picture alone (energy only from live readings): for buttons and
 * labels. Each is checked against what its connector reports now (connectorSays, isRunning).
 */
export function useRunningLive(chargerId: string, connectorId?: number): RunningTransaction[] {
  const active = useBench((s) => s.activeTransactions);
  const meter = useBench((s) => s.meter);
  const connectors = useBench((s) => s.chargers[chargerId]?.connectors);
  const lastBoot = useBench((s) => s.chargers[chargerId]?.lastBoot);
  // A stray stop matters only to a session its charger booted after: read only while one is held open.
  const strayStopOf = useUnknownStopRule(chargerId, true);
  return useMemo(() => runningTransactions(active, meter, chargerId, connectorId, { connectors, lastBoot }, strayStopOf), [active, meter, chargerId, connectorId, connectors, lastBoot, strayStopOf]);
}

/** The running transactions of several chargers, by charger. */
export function useRunningOf(chargerIds: string[]): Record<string, RunningTransaction[]> {
  const active = useBench((s) => s.activeTransactions);
  const meter = useBench((s) => s.meter);
  const chargers = useBench((s) => s.chargers);
  // Read only for these chargers (none while a dialog using it is closed).
  const strayStopOf = useUnknownStopRuleOf(chargerIds);
  const key = chargerIds.join('\n');
  const live = useMemo(() => Object.values(runningTransactionsOf(active, meter, chargerIds, chargers, strayStopOf)).flat(), [active, meter, chargers, strayStopOf, key]); // eslint-disable-line react-hooks/exhaustive-deps
  const all = useEnergySoFar(live);
  return useMemo(() => {
    const by: Record<string, RunningTransaction[]> = Object.fromEntries(chargerIds.map((id) => [id, []]));
    for (const t of all) by[t.chargerId]?.push(t);
    return by;
  }, [all, key]); // eslint-disable-line react-hooks/exhaustive-deps
}

/**
 * The charger's connector ids, in order: the ones it reported through StatusNotification (those the
 * record holds), never a range up to the largest (a charger reporting connector 30000000, or 1e20, has
 * two connectors listed, not thirty million); a charger that has not reported any yet is assumed to have one.
 */
export function connectorIdsOf(charger: ChargerView | undefined): number[] {
  const ids = new Set((charger?.connectors ?? []).map((c) => c.connectorId).filter((id) => Number.isInteger(id) && id > 0));
  if (!ids.size) return [1];
  return [...ids].sort((a, b) => a - b);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A time as a status line says it: the clock alone today, with the date otherwise. */
export function statusTime(iso: string): string {
  return new Date(iso).toDateString() === new Date(benchNow()).toDateString() ? formatClock(iso) : formatTime(iso);
}

/** A firmware or diagnostics status the charger reported, with when the bench received it. */
export interface StatusReport {
  status: string;
  /** When it arrived (the bench's clock, as the operations' times); null when the record does not say. */
  at: string | null;
}

/** A status against the charger's last reboot. */
export interface ProgressStanding extends StatusReport {
  /**
   * The charger restarted (BootNotification) after the status, and has not reported since: when (the
   * bench's clock) and the firmware it booted with. `certain` is false when the status's time is not known
   * (it may be from after the boot). Null: no reboot since it, as far as the record tells.
   */
  reboot: { at: string; firmware: string | null; certain: boolean } | null;
}

/** Where `report` stands against the charger's last boot (`lastBoot`, with the firmware it booted with). */
export function progressStanding(report: StatusReport | null, lastBoot: string | null | undefined, firmware?: string | null): ProgressStanding | null {
  if (!report) return null;
  if (!lastBoot || (report.at !== null && !(Date.parse(lastBoot) > Date.parse(report.at)))) return { ...report, reboot: null };
  return { ...report, reboot: { at: lastBoot, firmware: firmware ?? null, certain: report.at !== null } };
}

/** What a reboot since a status means for it, in words: "before the charger restarted at 15:07:46 with firmware 1.0.0; it did not say since". */
export function rebootNote(reboot: NonNullable<ProgressStanding['reboot']>): string {
  const restarted = `the charger restarted at ${statusTime(reboot.at)}${reboot.firmware ? ` with firmware ${reboot.firmware}` : ''}`;
  return reboot.certain ? `before ${restarted}; it did not say since` : `its time is not recorded and ${restarted}: it may be from before`;
}

/** A status with its reboot note: "Downloaded (before the charger restarted at 15:07:46 with firmware 1.0.0; it did not say since)". */
export function standingText(s: ProgressStanding): string {
  return s.reboot ? `${s.status} (${rebootNote(s.reboot)})` : s.status;
}

/** How many of the charger's events are read back for its newest status. */
const EVENTS_LOOK_BACK = 1000;

const progressActions = {
  firmware: ['FirmwareStatusNotification', 'SignedFirmwareStatusNotification'],
  diagnostics: ['DiagnosticsStatusNotification'],
} as const;

/**
 * The charger's newest firmware or diagnostics status with the time it arrived: from its recorded events
 * when mounted, then from the pushed ones. Without a recorded one, the status the charger list holds, with
 * the time its view gives (null when it gives none).
 */
export function useProgressReport(chargerId: string, of: 'firmware' | 'diagnostics'): StatusReport | null {
  const client = useClient();
  const snapshots = useBench((s) => s.snapshots);
  const held = useBench((s) => (of === 'firmware' ? s.chargers[chargerId]?.firmwareStatus : s.chargers[chargerId]?.diagnosticsStatus));
  const heldAt = useBench((s) => (of === 'firmware' ? s.chargers[chargerId]?.firmwareStatusAt : s.chargers[chargerId]?.diagnosticsStatusAt));
  const [report, setReport] = useState<StatusReport | null>(null);
  useEffect(() => {
    let live = true;
    const newer = (next: StatusReport) => setReport((r) => (r?.at && next.at && Date.parse(r.at) > Date.parse(next.at) ? r : next));
    const off = client.subscribe((events) => {
      for (const e of events) if (e.type === (of === 'firmware' ? 'firmwareStatus' : 'diagnosticsStatus') && e.chargerId === chargerId) newer({ status: e.status, at: e.ts });
    });
    client.call('chargerEvents:list', { chargerId, limit: EVENTS_LOOK_BACK }).then(
      (events) => {
        if (!live) return;
        const actions: readonly string[] = progressActions[of];
        // Newest first: the first of the kind is the latest.
        const last = events.find((e) => actions.includes(e.action) && typeof (e.data as { status?: unknown } | null)?.status === 'string');
        if (last) newer({ status: (last.data as { status: string }).status, at: last.ts });
      },
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [client, chargerId, of, snapshots]);
  if (report) return report;
  return held ? { status: held, at: heldAt ?? null } : null;
}

/** The charger's newest firmware or diagnostics status against its last reboot. */
export function useProgressStanding(chargerId: string, of: 'firmware' | 'diagnostics'): ProgressStanding | null {
  const report = useProgressReport(chargerId, of);
  const lastBoot = useBench((s) => s.chargers[chargerId]?.lastBoot ?? null);
  const firmware = useBench((s) => s.chargers[chargerId]?.boot?.firmwareVersion);
  return useMemo(() => progressStanding(report, lastBoot, firmware), [report, lastBoot, firmware]);
}

/** Where a firmware update under way stands, by the charger's last status (1.6 or the signed one). */
const updateUnderWay: Record<string, string> = {
  DownloadScheduled: 'is scheduled to download',
  Downloading: 'is downloading',
  DownloadPaused: 'is part downloaded (paused)',
  Downloaded: 'is downloaded and waiting to install',
  SignatureVerified: 'is downloaded (signature verified) and waiting to install',
  InstallScheduled: 'is downloaded and scheduled to install',
  Installing: 'is installing',
  InstallRebooting: 'is installing (the charger reboots for it)',
};

/** A firmware update under way at a charger: its file, the charger's last status and when, and whether a reboot came since. */
export interface FirmwareUpdateUnderWay extends ProgressStanding {
  /** The file's name (from the location of the UpdateFirmware it follows); null when the record holds no request. */
  file: string | null;
  /** "is downloaded and waiting to install" */
  stage: string;
}

/** The file name of an UpdateFirmware location: its last path part ("fw-2.1.0.bin"), or the location itself. */
export function firmwareFileOf(location: unknown): string | null {
  if (typeof location !== 'string' || !location) return null;
  try {
    const name = new URL(location).pathname.split('/').filter(Boolean).pop();
    return name ? decodeURIComponent(name) : location;
  } catch {
    return location;
  }
}

/**
 * The update under way by the charger's last firmware status (null when that says none is), named by the
 * newest UpdateFirmware in `requests` (newest first) that may have reached the charger before the status came.
 */
export function firmwareUpdateUnderWay(standing: ProgressStanding | null, requests: readonly Pick<OperationView, 'request' | 'sentAt' | 'outcome'>[]): FirmwareUpdateUnderWay | null {
  if (!standing) return null;
  const stage = updateUnderWay[standing.status];
  if (!stage) return null;
  const sent = requests.filter((r) => r.outcome !== 'callError');
  const at = standing.at;
  const request = (at ? sent.find((r) => !(Date.parse(r.sentAt) > Date.parse(at))) : undefined) ?? sent[0];
  return { ...standing, stage, file: firmwareFileOf((request?.request as { location?: unknown } | undefined)?.location) };
}

/** What is confirmed, as the warning about an update under way says what it may do to it. */
export type ActOnUpdate = 'stop' | 'reset' | 'unlock' | 'availability' | 'update';

const mayDo: Record<ActOnUpdate, string> = {
  stop: 'ending this session may let it install at once and restart the whole charger',
  reset: 'a reset now may lose it or install it',
  unlock: 'if unlocking ends a session, the charger may install it at once and restart the whole charger',
  availability: 'the charger may install it (and restart the whole charger) as soon as nothing charges, whatever the availability',
  update: 'a new update replaces the update in progress',
};

/**
 * The warning a confirmation gives about an update under way: "A firmware update (fw-2.1.0.bin) is
 * downloaded and waiting to install (the charger said Downloaded at 15:06:51): ending this session may …".
 * One from before the charger's last reboot is said as uncertain: the charger may have dropped it.
 */
export function firmwareUpdateWarning(u: FirmwareUpdateUnderWay, act: ActOnUpdate): string {
  const update = `firmware update${u.file ? ` (${u.file})` : ''}`;
  const said = `the charger said ${u.status}${u.at ? ` at ${statusTime(u.at)}` : ''}`;
  if (!u.reboot) return `A ${update} ${u.stage} (${said}): ${mayDo[act]}.`;
  const restarted = `restarted at ${statusTime(u.reboot.at)}${u.reboot.firmware ? ` with firmware ${u.reboot.firmware}` : ''}`;
  const order = u.reboot.certain ? `then it ${restarted} and has not said since` : `when is not in the record, and it ${restarted}`;
  return `A ${update} may still be pending: ${said} (it ${u.stage}), ${order}; it may have dropped the update. If it still holds it, ${mayDo[act]}.`;
}

/** The charger's UpdateFirmware requests, newest first (read when mounted, again when an operation finishes). */
function useUpdateRequests(chargerId: string): OperationView[] {
  const client = useClient();
  const version = useBench((s) => s.operationsVersion);
  const [list, setList] = useState<OperationView[]>([]);
  useEffect(() => {
    let live = true;
    client.call('operations:list', { chargerId, actions: ['UpdateFirmware'], limit: 20 }).then(
      (ops) => live && setList(ops),
      () => undefined,
    );
    return () => void (live = false);
  }, [client, chargerId, version]);
  return list;
}

/** A firmware update under way at the charger (null: none, as far as its last status says), for the confirmations. */
export function useFirmwareUpdateUnderWay(chargerId: string): FirmwareUpdateUnderWay | null {
  const standing = useProgressStanding(chargerId, 'firmware');
  const requests = useUpdateRequests(chargerId);
  return useMemo(() => firmwareUpdateUnderWay(standing, requests), [standing, requests]);
}
