// A StopTransaction for a transaction the bench never started (a charger that sends the wrong
// transactionId): answered, applied to nothing, and recorded as a warning (a charger event, and a note on
// its frame). The screens name it beside the session the bench held open on that charger when it came, so
// a session that "never got its StopTransaction" shows that the charger did send one, with another id.
import { belongsTo, deliveredWh, type MeteredTransaction, type MeterSample } from './meter';

/** Such a stop: the id it named, its connector when the frame names one (OCPP 1.6's StopTransaction does not), and when the bench received it. */
export interface UnknownStop {
  chargerId: string;
  transactionId: number;
  connectorId: number | null;
  /** When the bench received it (the bench's clock). */
  at: string;
  /** Its frame's id in the message log, when known (the charger event records it: handlers/StopTransaction). */
  frameId?: number;
  /** The reason it gave (its frame's payload); absent when it gave none (OCPP 1.6: Local then). */
  reason?: string;
  /** The meter register it gave at its stop (Wh; its frame's payload), when it gave a number. */
  meterStop?: number;
  /**
   * The sessions the record held open on its charger (on its connector, when the frame names one) when it came,
   * ids ascending, as the bench recorded them with its warning (handlers/StopTransaction). Absent for one
   * recorded by an earlier version and for a frame pushed live: then the sessions the record holds open now
   * stand for them (unknownStopDuring).
   */
  openThen?: readonly number[];
}

/** The warning the bench records (and notes on the frame) for a stop of a transaction it never started. */
const UNKNOWN = /^(?:Warning: )?StopTransaction for transaction (-?\d+), which the bench never started/;

const connectorOf = (request: unknown): number | null => {
  const c = (request as { connectorId?: unknown } | null)?.connectorId;
  return typeof c === 'number' && Number.isInteger(c) ? c : null;
};

/** What its payload says of the stop itself: its reason and its meterStop, each when it gave one that can be read. */
const stopOf = (request: unknown): Pick<UnknownStop, 'reason' | 'meterStop'> => {
  const r = request as { reason?: unknown; meterStop?: unknown } | null;
  return {
    ...(typeof r?.reason === 'string' && r.reason !== '' && { reason: r.reason }),
    ...(typeof r?.meterStop === 'number' && Number.isFinite(r.meterStop) && { meterStop: r.meterStop }),
  };
};

/** The unknown stop a charger event records (chargerEvents:list), or null for any other event. */
export function unknownStopOfEvent(e: { chargerId: string; ts: string; action: string; data: unknown }): UnknownStop | null {
  if (e.action !== 'StopTransaction') return null;
  const data = e.data as { warning?: unknown; request?: { transactionId?: unknown }; unknownTransaction?: unknown; frameId?: unknown; openThen?: unknown } | null;
  const id = data?.request?.transactionId;
  if (typeof id !== 'number') return null;
  if (data?.unknownTransaction !== true && !(typeof data?.warning === 'string' && UNKNOWN.test(data.warning))) return null;
  const frameId = data?.frameId;
  // The event records its frame's payload (handlers/StopTransaction: `request`).
  const request = data?.request;
  const openThen = idsOf(data?.openThen);
  return {
    chargerId: e.chargerId,
    transactionId: id,
    connectorId: connectorOf(request),
    at: e.ts,
    ...(typeof frameId === 'number' && Number.isInteger(frameId) && { frameId }),
    ...stopOf(request),
    ...(openThen && { openThen }),
  };
}

/** The transaction ids an event records (its `openThen`), ascending; null when it records none that can be read. */
function idsOf(v: unknown): number[] | null {
  if (!Array.isArray(v) || !v.every((id) => typeof id === 'number' && Number.isInteger(id))) return null;
  return [...new Set(v as number[])].sort((a, b) => a - b);
}

/** The unknown stop a frame received carries (its note says so: the frameLogged push), or null for any other frame. */
export function unknownStopOfFrame(m: { id?: number; chargerId: string; ts: string; direction: string; kind: string; action: string | null; raw: string; error: string | null }): UnknownStop | null {
  if (m.direction !== 'in' || m.kind !== 'CALL' || m.action !== 'StopTransaction' || !m.error) return null;
  const found = UNKNOWN.exec(m.error);
  if (!found) return null;
  let request: unknown = null;
  try {
    request = (JSON.parse(m.raw) as unknown[])[3];
  } catch {
    // The note names the id; the connector, reason and meterStop are not known.
  }
  return { chargerId: m.chargerId, transactionId: Number(found[1]), connectorId: connectorOf(request), at: m.ts, ...(m.id !== undefined && { frameId: m.id }), ...stopOf(request) };
}

/** A session as the rule reads it. */
export type StopSession = { transactionId: number; chargerId: string; connectorId: number; active: boolean; startTime: string; receivedAt?: string };

/** An unknown stop as a session's screens name it: with the sessions the record held open where it came then. */
export interface StopDuring extends UnknownStop {
  /** The sessions open on its charger (on its connector, when the frame names one) when it came, ids ascending. */
  openThen: readonly number[];
}

/** An unknown stop as a screen names it: with the sessions open where it came then, when the screen knows them (StopDuring). */
export type SeenStop = UnknownStop & { openThen?: readonly number[] };

/**
 * Whether `s` came where the open session `tx` was (its charger; its connector when the frame names one) after
 * the bench recorded its start. When the bench recorded the sessions open there then (`s.openThen`), those
 * say it. Else by the bench's clock only: without receivedAt (startTime is the charger's clock, not
 * comparable with when the bench received the stop) it is not known, and not matched.
 */
function cameDuring(tx: StopSession, s: UnknownStop): boolean {
  if (!tx.active || s.chargerId !== tx.chargerId) return false;
  if (s.openThen) return s.openThen.includes(tx.transactionId);
  if (tx.receivedAt === undefined) return false;
  if (s.connectorId !== null && s.connectorId !== tx.connectorId) return false;
  return Date.parse(s.at) > Date.parse(tx.receivedAt);
}

/**
 * The first unknown stop among `stops` that came on the session's charger (on its connector, when the frame
 * names one) after the bench recorded its start, while the record holds it open; null when none did. With
 * it, every session that was open where it came then: OCPP 1.6's StopTransaction names no connector, so the
 * charger may have meant any of them. Those the bench recorded with it (`openThen`), whatever has been closed
 * since; for a stop without them (recorded by an earlier version, or a frame pushed live), those of
 * `sessions` (the ones the record holds open now; `tx` is counted either way) that were open there then.
 */
export function unknownStopDuring(tx: StopSession, stops: readonly UnknownStop[], sessions: readonly StopSession[] = []): StopDuring | null {
  let first: UnknownStop | null = null;
  for (const s of stops) {
    if (!cameDuring(tx, s)) continue;
    if (!first || Date.parse(s.at) < Date.parse(first.at)) first = s;
  }
  if (!first) return null;
  const stop = first;
  const openThen = new Set([tx.transactionId, ...(stop.openThen ?? sessions.filter((o) => cameDuring(o, stop)).map((o) => o.transactionId))]);
  return { ...stop, openThen: [...openThen].sort((a, b) => a - b) };
}

/** "a StopTransaction for unknown transaction 1003 came at 03:13:38 on this charger (connector 2 when the frame names it)". */
export function unknownStopClause(s: UnknownStop, when: (iso: string) => string = (iso) => iso): string {
  const where = s.connectorId !== null ? `on connector ${s.connectorId}` : 'on this charger';
  return `a StopTransaction for unknown transaction ${s.transactionId} came at ${when(s.at)} ${where}`;
}

/** "#3 and #4", "#3, #4 and #5". */
export const idList = (ids: readonly number[]) => {
  const named = ids.map((id) => `#${id}`);
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}` : (named[0] ?? '');
};

/**
 * "A StopTransaction for unknown transaction 1003 came at 03:13:38 on this charger while the bench's session #3 was open there: not applied to #3."
 * With several open there then (`s.openThen`), it names them all and pins it on none: which one the charger meant is not known.
 */
export function unknownStopNote(s: SeenStop, tx: Pick<StopSession, 'transactionId'>, when?: (iso: string) => string): string {
  const clause = unknownStopClause(s, when);
  const Clause = `${clause[0]!.toUpperCase()}${clause.slice(1)}`;
  const open = s.openThen ?? [];
  if (open.length > 1 && open.includes(tx.transactionId))
    return `${Clause} while sessions ${idList(open)} were open there: not applied to ${open.length === 2 ? 'either' : 'any of them'}; which one the charger meant is not known.`;
  return `${Clause} while the bench's session #${tx.transactionId} was open there: not applied to #${tx.transactionId} (the charger may have meant to end it).`;
}

/** A session's last energy register reading (Energy.Active.Import.Register): its value (Wh) and when it was taken (ms). */
export type LastRegister = { wh: number; at: number };

/**
 * THE rule for a session's last register reading, for the screens and the bench's own words alike: its newest
 * sample (`samples` sorted by time, as toSamples gives them: Energy.Active.Import.Register at the outlet, its
 * total or the sum of its phases, kWh in Wh) with an energy reading that belongs to it (belongsTo), taken at a
 * time that can be read; null with none.
 */
export function lastRegisterOf(tx: MeteredTransaction, samples: readonly MeterSample[]): LastRegister | null {
  const started = Date.parse(tx.startTime);
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i]!;
    if (s.energyWh !== undefined && Number.isFinite(s.t) && belongsTo(tx, s, started)) return { wh: s.energyWh, at: s.t };
  }
  return null;
}

/**
 * "a StopTransaction for unknown transaction 1001 came at 03:13:38 on this charger, maybe this session's (reason
 * PowerLoss, meterStop 283 Wh: 283 − 100 = 183 Wh if it is)": the stop a session's screens name as possibly its
 * own (the one session open there when it came), with what it would mean for it. `num` writes a number.
 * With the session's last register reading (`last`) above its meterStop, it says so: a meter register does not
 * go down, so it is most likely not this session's stop ("meterStop 283 Wh, below this session's last reading
 * 450 Wh (at 10:04:12): most likely not its stop").
 */
export function maybeItsStopClause(
  s: UnknownStop,
  tx: { meterStart: number },
  when: (iso: string) => string = (iso) => iso,
  num: (n: number) => string = (n) => String(n),
  last?: LastRegister | null,
): string {
  const parts = [s.reason !== undefined ? `reason ${s.reason}` : 'no reason given'];
  if (s.meterStop !== undefined) {
    const wh = deliveredWh(s.meterStop, tx.meterStart);
    parts.push(
      wh === null
        ? `meterStop ${num(s.meterStop)} Wh, below this session's meterStart ${num(tx.meterStart)} Wh`
        : belowLastReading(s, last)
          ? `meterStop ${num(s.meterStop)} Wh, below this session's last reading ${num(last.wh)} Wh (at ${when(new Date(last.at).toISOString())}): most likely not its stop`
          : `meterStop ${num(s.meterStop)} Wh: ${num(s.meterStop)} − ${num(tx.meterStart)} = ${num(wh)} Wh if it is`,
    );
  }
  return `${unknownStopClause(s, when)}, maybe this session's (${parts.join(', ')})`;
}

/** Whether the stop's meterStop is below the session's last register reading: a register does not go down, so it is most likely not its stop. */
export function belowLastReading(s: Pick<UnknownStop, 'meterStop'>, last: LastRegister | null | undefined): last is LastRegister {
  return !!last && s.meterStop !== undefined && last.wh > s.meterStop;
}
