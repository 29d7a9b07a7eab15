// Where the bench's stored meter history and the samples pushed live since the UI connected are joined,
// for every screen: the samples a chart shows, and the energy so far of running transactions.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from '../api/context';
import { MAX_SAMPLES, meterKey, useBench, watchMeter, type ReceivedSample } from '../stores/bench';
import { belongsTo, energyReadingSoFar, lastReadingAt, toSamples, type Energy, type MeteredTransaction, type MeterSample, type MeterValueRow } from '../../../shared/api/meter';
import { typicalStep } from './MeterChart';
import { useLoad } from './useCall';

/** Sessions asked about in one call for their newest readings. */
const RECENT_BATCH = 1000;

/** Stored rows fetched for a chart's history (a row per measurand and phase). */
export const HISTORY_ROWS = 5000;

const NO_SAMPLES: MeterSample[] = [];

export interface MeterScope {
  chargerId: string;
  connectorId: number;
  /** Only this transaction's samples. */
  transactionId?: number;
}

/** Samples from two sources (stored history, live events) as one series sorted by time; the later source wins on equal times. */
export function mergeSamples(older: readonly MeterSample[], newer: readonly MeterSample[]): MeterSample[] {
  // The usual case, a session's history and what came after it: joined as they are (no map, no sort),
  // the two ends made one sample when they share a time (power and energy sent apart).
  if (!newer.length) return older as MeterSample[];
  const last = older[older.length - 1];
  if (!last || last.t <= newer[0].t) {
    let sorted = true;
    for (let i = 1; i < newer.length && sorted; i++) sorted = newer[i - 1].t < newer[i].t;
    if (sorted) {
      if (!last) return newer as MeterSample[];
      if (last.t < newer[0].t) return older.concat(newer);
      return [...older.slice(0, -1), { ...last, ...newer[0] }, ...newer.slice(1)];
    }
  }
  const byTime = new Map<number, MeterSample>();
  for (const s of older) byTime.set(s.t, s);
  for (const s of newer) byTime.set(s.t, { ...byTime.get(s.t), ...s });
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

/**
 * The samples of a scope (null: none yet). The history is `stored` when the caller has it already (a
 * transaction comes with its meter values), else up to HISTORY_ROWS rows fetched here. On top go the
 * live samples of the store (its newest MAX_SAMPLES of a connector), or `arrived`: all the samples
 * that came since the caller subscribed, before it fetched `stored` (a page watched for longer than
 * the store keeps).
 */
export function useMeterSeries(scope: MeterScope | null, stored?: readonly MeterValueRow[], arrived?: readonly MeterSample[]): MeterSample[] {
  return useMeterSeriesRead(scope, stored, arrived).samples;
}

/** What useMeterSeriesRead gives: the samples, and whether the stored history is among them yet. */
export interface MeterSeriesRead {
  samples: MeterSample[];
  /** Why the bench could not give the stored history (null when it did, or while asked). */
  error: string | null;
  /** The stored history is being fetched and none of it is in `samples` yet: "no readings" is not known. */
  loading: boolean;
  /** Fetch the stored history again (after an error). */
  retry: () => void;
}

/** useMeterSeries, with whether the stored history is still being fetched, or why the bench could not give it. */
export function useMeterSeriesRead(scope: MeterScope | null, stored?: readonly MeterValueRow[], arrived?: readonly MeterSample[]): MeterSeriesRead {
  const client = useClient();
  const { chargerId, connectorId, transactionId } = scope ?? {};
  const live = useBench((s) => (arrived || chargerId === undefined || connectorId === undefined ? undefined : s.meter[meterKey(chargerId, connectorId)])) ?? NO_SAMPLES;
  // The store keeps a connector's newest MAX_SAMPLES: once it has dropped some that came after the
  // history was fetched, the two no longer meet, and the chart would show a pause that never was. The
  // history is then fetched again (with a page open at one reading a second: every 12 minutes).
  const [round, setRound] = useState(0);
  // The store keeps an hour of readings only of the connectors a chart watches (of the others, 16).
  useEffect(() => (arrived || chargerId === undefined || connectorId === undefined ? undefined : watchMeter(chargerId, connectorId)), [arrived === undefined, chargerId, connectorId]); // eslint-disable-line react-hooks/exhaustive-deps
  // The history fetched, with the scope it is of: another scope's (the page moved to another charger)
  // is not this one's, and this one's is then still to come.
  const key = `${chargerId}|${connectorId}|${transactionId}`;
  const fetched = useLoad(
    async () =>
      scope && !stored
        ? {
            key,
            samples: toSamples(
              await client.call('chargers:meterValues', { chargerId: scope.chargerId, connectorId: scope.connectorId, ...(transactionId === undefined ? {} : { transactionId }), limit: HISTORY_ROWS }),
            ),
          }
        : null,
    [client, chargerId, connectorId, transactionId, !stored, round],
  );
  const history = fetched.data?.key === key ? fetched.data.samples : null;
  const wanted = !!scope && !stored;
  const historyEnd = history?.length ? history[history.length - 1].t : null;
  const apart = !stored && !arrived && !fetched.loading && live.length >= MAX_SAMPLES && historyEnd !== null && live[0].t > historyEnd;
  useEffect(() => {
    if (apart) setRound((n) => n + 1);
  }, [apart]);
  const given = useMemo(() => (stored ? toSamples(stored) : null), [stored]);
  const samples = useMemo(() => {
    if (chargerId === undefined) return NO_SAMPLES;
    const merged = mergeSamples(given ?? history ?? NO_SAMPLES, arrived ?? live);
    return transactionId === undefined ? merged : merged.filter((s) => s.transactionId === transactionId);
  }, [chargerId, given, history, arrived, live, transactionId]);
  return {
    samples,
    // While asked again (a retry), the last failure is not the answer yet.
    error: wanted && !fetched.loading ? fetched.error : null,
    loading: wanted && fetched.loading && history === null,
    retry: fetched.reload,
  };
}

/**
 * The samples of rows that grow in place (appended to, the same array): each render converts only the
 * rows added since the last one. Another array starts over.
 */
export function useGrowingSamples(rows: readonly MeterValueRow[]): readonly MeterSample[] {
  const cache = useRef({ rows, converted: 0, samples: NO_SAMPLES as readonly MeterSample[] });
  if (cache.current.rows !== rows) cache.current = { rows, converted: 0, samples: NO_SAMPLES };
  const c = cache.current;
  if (c.converted < rows.length) {
    // In time order as a rule (one series, no sort per reading); a reading sent late is merged in.
    c.samples = mergeSamples(c.samples, toSamples(rows.slice(c.converted)));
    c.converted = rows.length;
  }
  return c.samples;
}

/** The newest energy readings of a session a reading's age is judged by (the usual step between them). */
const STEP_READINGS = 8;

/**
 * The samples of stored rows (toSamples) with when the bench received each, where the record says
 * (`receivedAt` of its rows): a reading's age is judged on the bench's clock, never the charger's.
 */
export function toReceivedSamples(rows: readonly MeterValueRow[]): ReceivedSample[] {
  const received = new Map<string, number>();
  for (const r of rows) {
    const at = r.receivedAt ? Date.parse(r.receivedAt) : NaN;
    const key = `${r.connectorId}|${Date.parse(r.timestamp)}`;
    if (Number.isFinite(at) && !(at <= (received.get(key) ?? -Infinity))) received.set(key, at);
  }
  return toSamples(rows).map(({ connectorId, ...s }) => {
    const at = received.get(`${connectorId}|${s.t}`);
    return at === undefined ? s : { ...s, receivedAt: at };
  });
}

/** A reading of the energy so far: what it gives (energyReadingSoFar), when it was taken and received, and how often the charger sends them. */
export interface TimedEnergy {
  energy: Energy;
  /** When the charger's clock says it was taken (ms): a charger's clock may be wrong by years. */
  takenAt: number;
  /** When the bench received it (ms, the bench's clock); null when not known (a record that does not say). */
  receivedAt: number | null;
  /** The usual time between the session's energy readings (ms, by the charger's clock: a step between two of its times); 0 with fewer than two. */
  every: number;
  /** When the session's newest reading of any measurand was taken (ms, lastReadingAt): where a duration not counted on ends. */
  lastAt: number;
}

/** A running transaction's energy so far by its newest register reading, with that reading's times; null until there is one. */
export function timedEnergyReading(tx: MeteredTransaction, samples: readonly ReceivedSample[] | undefined): TimedEnergy | null {
  const energy = energyReadingSoFar(tx, samples);
  if (!energy || !samples) return null;
  const started = Date.parse(tx.startTime);
  const newest: ReceivedSample[] = [];
  for (let i = samples.length - 1; i >= 0 && newest.length < STEP_READINGS; i--) if (samples[i].energyWh !== undefined && belongsTo(tx, samples[i], started)) newest.unshift(samples[i]);
  const last = newest[newest.length - 1];
  return { energy, takenAt: last.t, receivedAt: last.receivedAt ?? null, every: typicalStep(newest), lastAt: lastReadingAt(tx, samples) ?? last.t };
}

/** The set of sessions of a list, as one string (a list redrawn with the same sessions gives the same). */
const sessionsOf = (list: readonly { transactionId: number }[]) =>
  list
    .map((t) => t.transactionId)
    .sort((a, b) => a - b)
    .join(',');

/** A running transaction with its energy so far from the live samples (null: none since the UI connected). */
export interface LiveEnergy extends MeteredTransaction {
  chargerId: string;
  energyWh: number | null;
  /** Why a reading gives no energy (the meter went backwards); null otherwise. */
  energyWarning: string | null;
  /** When the charger's clock says the reading it comes from was taken (ms); null with none (filled in here when read from the record). */
  energyTakenAt?: number | null;
  /** When the bench received that reading (ms, its clock); null when not known. */
  energyReceivedAt?: number | null;
  /** The usual time between the session's energy readings (ms); 0 while not known. */
  readingEvery?: number;
  /** When the session's newest reading (any measurand) was taken (ms), when read from the record; absent otherwise. */
  lastReadingAt?: number;
  /** With no energy from the live samples: the bench's record is being asked for it (no answer yet), so "no reading yet" is not known. */
  energyPending?: boolean;
  /** With no energy from the live samples: why the bench's record could not give it (so whether there is one is not known); absent when it answered. */
  energyUnread?: string;
}

/** After a failed ask of the record, the waits before asking again (the last repeats): no tight loop while the bench cannot answer. */
export const ENERGY_RETRY_MS = [5_000, 15_000, 60_000];

/**
 * The transactions with their energy so far: from the live samples, else from the bench's record (the
 * live samples only cover the time since the UI connected), asked once per transaction, many in a call.
 * Until the record answers, one with none from the live samples is energyPending; one it could not give,
 * energyUnread ("not known"), asked again after a back-off (ENERGY_RETRY_MS), when the link to the bench
 * opens again, or when the set of sessions changes.
 */
export function useEnergySoFar<T extends LiveEnergy>(list: T[]): Array<T & Pick<LiveEnergy, 'energyPending' | 'energyUnread' | 'lastReadingAt'>> {
  const client = useClient();
  // Per transaction asked: its newest reading, null when the record holds none, or why it could not be read.
  const [stored, setStored] = useState<Record<number, TimedEnergy | null | { unread: string }>>({});
  const asked = useRef(new Set<number>());
  // Failed asks, waiting to be asked again: the sessions, the set of sessions they failed in, and the back-off.
  const failed = useRef({ ids: new Set<number>(), among: '', count: 0, timer: null as ReturnType<typeof setTimeout> | null });
  const [round, setRound] = useState(0);
  const link = useBench((s) => s.link);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    const f = failed.current;
    return () => {
      mounted.current = false;
      if (f.timer) clearTimeout(f.timer);
      f.timer = null;
    };
  }, []);
  /** Let the failed ones be asked again (the effect below asks them at its next run). */
  const release = () => {
    const f = failed.current;
    for (const id of f.ids) asked.current.delete(id);
    f.ids.clear();
    if (f.timer) clearTimeout(f.timer);
    f.timer = null;
  };
  // The link to the bench opened again: what failed is asked again now.
  useEffect(() => {
    if (link !== 'open' || !failed.current.ids.size) return;
    release();
    setRound((n) => n + 1);
  }, [link]);
  useEffect(() => {
    const f = failed.current;
    // Another set of sessions (one started or ended): the failed ones are asked with the new ones.
    if (f.ids.size && sessionsOf(list) !== f.among) release();
    const settle = (found: Record<number, TimedEnergy | null | { unread: string }>) => mounted.current && setStored((s) => ({ ...s, ...found }));
    const ask = list.filter((t) => t.energyWh === null && !t.energyWarning && !asked.current.has(t.transactionId));
    // One call per thousand sessions (a list of hundreds of running ones opened at once).
    for (let i = 0; i < ask.length; i += RECENT_BATCH) {
      const batch = ask.slice(i, i + RECENT_BATCH);
      for (const t of batch) asked.current.add(t.transactionId);
      client.call('transactions:recentMeterValues', { transactionIds: batch.map((t) => t.transactionId), limit: 50 }).then(
        (answer) => {
          if (mounted.current) f.count = 0;
          const values = new Map(answer.map((a) => [a.transactionId, a.meterValues]));
          settle(Object.fromEntries(batch.map((t) => [t.transactionId, timedEnergyReading(t, toReceivedSamples(values.get(t.transactionId) ?? []))])));
        },
        (e: unknown) => {
          const unread = e instanceof Error && e.message ? e.message : 'the bench did not answer';
          settle(Object.fromEntries(batch.map((t) => [t.transactionId, { unread }])));
          if (!mounted.current) return;
          // "not known" stays shown; asked again after a wait that grows with each failure in a row.
          for (const t of batch) f.ids.add(t.transactionId);
          f.among = sessionsOf(list);
          if (f.timer) return;
          const wait = ENERGY_RETRY_MS[Math.min(f.count, ENERGY_RETRY_MS.length - 1)];
          f.count += 1;
          f.timer = setTimeout(() => {
            f.timer = null;
            if (!mounted.current) return;
            release();
            setRound((n) => n + 1);
          }, wait);
        },
      );
    }
  }, [client, list, round]);
  return useMemo(
    () =>
      list.map((t) => {
        if (t.energyWh !== null || t.energyWarning) return t;
        const found = stored[t.transactionId];
        // Not answered yet (or about to be asked, this render): pending, never "none".
        if (found === undefined) return { ...t, energyPending: true };
        if (found === null) return t;
        if ('unread' in found) return { ...t, energyUnread: found.unread };
        return {
          ...t,
          energyWh: found.energy.wh,
          energyWarning: found.energy.warning,
          energyTakenAt: found.takenAt,
          energyReceivedAt: found.receivedAt,
          readingEvery: found.every,
          lastReadingAt: found.lastAt,
        };
      }),
    [list, stored],
  );
}
