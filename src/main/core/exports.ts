// Exports of the message log under a filter, as CSV or JSON, oldest frame first, and of the transactions
// under theirs, as CSV, newest first: written batch by batch to a file or an HTTP response, waiting when
// the reader is slow, so a million frames (or every transaction the bench keeps) never sit in memory at
// once. The log is pinned when the export starts: frames logged meanwhile are not in it; so are the
// transactions: one started meanwhile is not in it.
import type { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BenchRecord } from '../store/record';
import type { MessageExportQuery, TransactionExportQuery } from '../../shared/api/contract';
import { csvColumns, csvField } from '../../shared/api/message-export';
import { lastEnergyReading, toSamples } from '../../shared/api/meter';
import { notRunningSessions, notRunningText, sessionState, unconfirmedByStrayStop, unconfirmedSince, type ChargersNow, type NotRunning, type SessionState } from '../../shared/api/session-state';
import { idList, unknownStopClause, unknownStopDuring, unknownStopNote, type StopDuring } from '../../shared/api/stray-stop';
import { strayStopsSince } from './stray-stops';
import type { ChargerRecord, TransactionRecord } from '../../shared/records';
import { neverConnected } from '../../shared/chargers';

export { csvColumns, csvField, csvRow, jsonRow } from '../../shared/api/message-export';

export const exportContentTypes = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

/** `-CP-1`: a charger's id for a file name, only in letters the file system takes; '' for none. */
const fileCharger = (chargerId: string | undefined) => (chargerId ? `-${chargerId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60)}` : '');

/** `20260301-081500Z`: UTC, as the file's times, and said so (the screens show local time). */
function fileStamp(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}Z`;
}

/** `-DataTransfer`: the one action the log was filtered by, for a file name; '' for none or several. */
const fileAction = (actions: readonly string[] | undefined) => (actions?.length === 1 ? fileCharger(actions[0]) : '');

/** e.g. chargebench-log-CP-1-20260301-081500Z.csv; filtered by one action, chargebench-log-CP-1-DataTransfer-20260301-081500Z.csv */
export function exportFileName(q: MessageExportQuery, now = new Date()): string {
  return `chargebench-log${fileCharger(q.filter.chargerId)}${fileAction(q.filter.actions)}-${fileStamp(now)}.${q.format}`;
}

/** e.g. chargebench-transactions-CP-1-finished-20260301-081500Z.csv */
export function transactionsFileName(q: TransactionExportQuery, now = new Date()): string {
  const state = q.active === undefined ? 'all' : q.active ? 'active' : 'finished';
  return `chargebench-transactions${fileCharger(q.chargerId)}-${state}-${fileStamp(now)}.csv`;
}

/** Waits until `out` wants more; rejects if it closes or fails first (the reader went away). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (e?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', done);
      if (e) reject(e);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('The export was closed before it was complete'));
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', done);
  });
}

/**
 * Writes to `out`, waiting while it is full; fails once it is closed (the reader went away). `written`
 * runs once `out` is done with the chunk.
 */
const writerTo =
  (out: Writable) =>
  async (text: string | Uint8Array, written?: () => void): Promise<void> => {
    if (out.destroyed) throw new Error('The export was closed before it was complete');
    if (!out.write(text, written && ((e) => !e && written()))) await drained(out);
  };

/** Writes the frames matching `q.filter` to `out` (not ended here); resolves with how many were written. */
export async function writeMessages(record: BenchRecord, q: MessageExportQuery, out: Writable): Promise<{ frames: number }> {
  let frames = 0;
  const write = writerTo(out);
  if (q.format === 'csv') await write(`${csvColumns.join(',')}\r\n`);
  else await write('[');
  // Read and formatted on the record's reader thread; here only written out.
  for await (const chunk of record.messages.exportText(q.filter, q.format)) {
    frames += chunk.frames;
    // Once written out, its memory goes back to the reader thread for the next batch.
    await write(chunk.bytes, () => record.reader.giveBack(chunk.bytes));
  }
  if (q.format === 'json') await write(frames ? '\n]\n' : ']\n');
  return { frames };
}

/** The transactions CSV's columns, as the Transactions screen names them. */
export const transactionCsvColumns = [
  'ID',
  'Charger',
  'Connector',
  'idTag',
  'Started',
  'Stopped',
  'Energy (Wh)',
  'Meter start (Wh)',
  'Meter stop (Wh)',
  'Stop reason',
  'Stopped by idTag',
  'Authorization',
  'Reservation',
  'State',
  'Warning',
  // Added last: a consumer reading the columns by position finds the older ones where they were.
  'Energy read at',
] as const;

/**
 * What the Transactions screen says of a session (shared/api/session-state's rule): its state, the warning
 * in words (why it is not running, not confirmed or the last known, with the record's own warning), and,
 * for one held open, when the reading its energy is from was taken (UTC).
 */
export interface TransactionStanding {
  state: SessionState;
  warning: string | null;
  energyReadAt: string | null;
}

/** What the bench knows now of the chargers, as the export reads each session against them. */
export interface ChargersAsKnown {
  chargers: ChargersNow;
  /** Heard from now (connected). */
  connected: (chargerId: string) => boolean;
  /** When it was last heard from, if ever. */
  lastSeen: (chargerId: string) => string | null;
  notRunning: Map<number, NotRunning>;
  /**
   * The StopTransaction for a transaction the bench never started that the session's charger sent after it
   * started, while the record holds it open (shared/api/stray-stop's unknownStopDuring), as the screens find
   * it; null when none came. Without it, none is known.
   */
  unknownStop?: (t: TransactionRecord) => StopDuring | null;
}

/** A time of the charger's clock (ms) as the export writes times; null for none. */
const isoOf = (t: number | null) => (t !== null && Number.isFinite(t) ? new Date(t).toISOString() : null);

/** A time the bench recorded, in UTC as the export writes times (as given when it is no time). */
const utc = (iso: string) => isoOf(Date.parse(iso)) ?? iso;

/** A session's standing against the chargers as the bench knows them (the list's chip and tooltip, in the export's words). */
export function transactionStanding(t: TransactionRecord, known: ChargersAsKnown, energyReadAt: number | null): TransactionStanding {
  const own = t.warning ?? null;
  if (!t.active) return { state: 'Finished', warning: own, energyReadAt: null };
  const charger = known.chargers[t.chargerId];
  const connector = charger?.connectors.find((c) => c.connectorId === t.connectorId);
  const why = known.notRunning.get(t.transactionId);
  const stop = known.unknownStop?.(t) ?? null;
  const rule = { ...t, unknownStop: stop };
  const sessionCharger = { connector, lastBoot: charger?.lastBoot };
  const since = unconfirmedSince(rule, sessionCharger);
  const state = sessionState({ active: true, notRunning: !!why, unconfirmed: since !== null, stale: !known.connected(t.chargerId) });
  const readAt = isoOf(energyReadAt);
  const energyWords = readAt ? `energy at its last reading, taken at ${readAt}` : 'no energy reading recorded';
  let words: string | null = null;
  // The list's row names such a stop beside a running session and one not running too (its warning icon).
  const stopNote = stop && (state === 'Active' || state === 'Not running') ? unknownStopNote(stop, t, utc) : null;
  if (state === 'Not running' && why) words = `Not running: ${notRunningText({ connectorId: t.connectorId, ...why })}; ${energyWords}`;
  else if (state === 'Not confirmed' && since !== null) {
    if (stop && unconfirmedByStrayStop(rule, sessionCharger))
      words = `Not confirmed: ${t.chargerId} has booted (at ${utc(charger?.lastBoot ?? '')}) since this session started and no StopTransaction with its transactionId came, but ${strayStopCame(stop)}${connector ? `; connector ${t.connectorId} now reports ${connector.status}` : ''}: the charger may no longer run this session (most likely lost or ended); ${energyWords}`;
    else
      words = `Not confirmed: ${t.chargerId} has booted since this session started and connector ${t.connectorId} has reported Available since ${isoOf(since)}, ${stop ? `no StopTransaction with its transactionId came, but ${strayStopCame(stop)}: the charger has most likely lost or ended this session` : 'yet no StopTransaction came: the charger has most likely lost this session'}; ${energyWords}`;
  } else if (state === 'Last known') {
    const seen = known.lastSeen(t.chargerId);
    words = `Last known: running at the last contact, not live (${t.chargerId} is offline${seen ? `, last seen ${seen}` : ''}); ${energyWords}`;
  }
  return { state, warning: [words, stopNote, own].filter((w) => w !== null).join('; ') || null, energyReadAt: readAt };
}

/**
 * "a StopTransaction for unknown transaction 1003 came at <UTC> on this charger after it started (the bench did
 * not apply it; …)": the stray stop as a session's screens say it came (components/unknownStops' UnknownStopCame).
 */
function strayStopCame(stop: StopDuring): string {
  const open = stop.openThen;
  const why =
    open.length > 1
      ? `, while sessions ${idList(open)} were open there (the bench applied it to none of them; it may be the stop of one of them, sent with a wrong transactionId, but which one the charger meant is not known)`
      : " (the bench did not apply it; it may be this session's stop, sent with a wrong transactionId)";
  return `${unknownStopClause(stop, utc)} after it started${why}`;
}

/**
 * One transaction as a CSV row; `energyWh`: delivered once stopped, so far while running (null: no reading
 * yet); `standing`: what the screen says of it (transactionStanding), else Active or Finished as the record holds it.
 */
export function transactionCsvRow(
  t: TransactionRecord,
  energyWh: number | null,
  standing: TransactionStanding = { state: t.active ? 'Active' : 'Finished', warning: t.warning ?? null, energyReadAt: null },
): string {
  // A stop without a reason is Local (OCPP 1.6 StopTransaction.req).
  const stopReason = t.stopReason ?? (t.active ? null : 'Local');
  return [
    t.transactionId,
    t.chargerId,
    t.connectorId,
    t.idTag,
    t.startTime,
    t.stopTime,
    energyWh,
    t.meterStart,
    t.meterStop,
    stopReason,
    t.stopIdTag,
    t.authStatus,
    t.reservationId,
    standing.state,
    standing.warning,
    standing.energyReadAt,
  ]
    .map(csvField)
    .join(',');
}

/** The chargers and the sessions held open as the bench knows them as the export starts: every open one, as the screen's picture holds them (a newer one supersedes an older one whatever the filter). */
function chargersAsKnown(record: BenchRecord, connected: (chargerId: string) => boolean): ChargersAsKnown {
  const stored = new Map<string, ChargerRecord>(record.chargers.list().map((c) => [c.id, c]));
  const chargers: ChargersNow = Object.fromEntries([...stored].map(([id, c]) => [id, { connectors: c.connectors, lastBoot: c.lastBoot }]));
  const open = record.transactions.list({ active: true, limit: OPEN_SESSIONS_READ });
  // By charger: a stop is named only beside a session of its own charger.
  const stops = byCharger(strayStopsSince(record, open));
  const openThere = byCharger(open);
  return {
    chargers,
    connected,
    lastSeen: (id) => {
      const c = stored.get(id);
      return c && !neverConnected(c) ? c.lastSeen : null;
    },
    notRunning: notRunningSessions(open, chargers),
    unknownStop: (t) => unknownStopDuring(t, stops.get(t.chargerId) ?? [], openThere.get(t.chargerId) ?? []),
  };
}

/** `list` by charger, in its order. */
function byCharger<T extends { chargerId: string }>(list: readonly T[]): Map<string, T[]> {
  const by = new Map<string, T[]>();
  for (const x of list) {
    const held = by.get(x.chargerId);
    if (held) held.push(x);
    else by.set(x.chargerId, [x]);
  }
  return by;
}

/** The sessions held open read for the rule (the bench holds far fewer). */
const OPEN_SESSIONS_READ = 1_000_000;

/** Transactions read from the record per batch (a batch is one short query on the bench's thread). */
const TRANSACTIONS_PER_BATCH = 500;

/**
 * A running transaction's recent meter samples as the screens read them (energySoFar's belongsTo): those
 * naming it, and its connector's that name no transaction (many chargers leave transactionId out).
 */
async function runningSamples(record: BenchRecord, t: TransactionRecord): Promise<ReturnType<typeof toSamples>> {
  const [own, connector] = await Promise.all([
    record.meterValues.read({ chargerId: t.chargerId, transactionId: t.transactionId, limit: 200 }),
    record.meterValues.read({ chargerId: t.chargerId, connectorId: t.connectorId, limit: 200 }),
  ]);
  const byId = new Map([...own, ...connector].map((v) => [v.id, v]));
  return toSamples([...byId.values()]);
}

/**
 * Writes every transaction matching `q` to `out` as CSV (not ended here), newest first, with a byte order
 * mark so a spreadsheet reads idTags in any script; a running one's energy is what its meter values give
 * so far. Resolves with how many were written.
 */
export async function writeTransactions(
  record: BenchRecord,
  q: TransactionExportQuery,
  out: Writable,
  connected: (chargerId: string) => boolean = (id) => record.chargers.get(id)?.connected ?? false,
): Promise<{ transactions: number }> {
  let transactions = 0;
  const write = writerTo(out);
  await write(`\uFEFF${transactionCsvColumns.join(',')}\r\n`);
  const known = chargersAsKnown(record, connected);
  // Pinned: a transaction started after the export began is not in it.
  let beforeId = (record.transactions.list({ ...q, limit: 1 })[0]?.transactionId ?? 0) + 1;
  for (;;) {
    const batch = record.transactions.list({ ...q, beforeId, limit: TRANSACTIONS_PER_BATCH });
    if (!batch.length) break;
    const rows: string[] = [];
    for (const t of batch) {
      const reading = t.active ? lastEnergyReading(t, await runningSamples(record, t)) : null;
      const energy = t.active ? (reading?.energy.wh ?? null) : t.energyWh;
      rows.push(`${transactionCsvRow(t, energy, transactionStanding(t, known, reading?.t ?? null))}\r\n`);
    }
    await write(rows.join(''));
    transactions += batch.length;
    beforeId = batch[batch.length - 1]!.transactionId;
    // Chargers are answered between batches.
    await nextTurn();
  }
  return { transactions };
}
