// The meter samples a chart shows: the bench's stored history of a connector (or of one transaction on
// it) joined with the samples pushed live since, in one place for every screen that draws a meter.
import { useMemo } from 'react';
import { useClient } from '../api/context';
import { meterKey, useBench } from '../stores/bench';
import { toSamples, type MeterSample, type MeterValueRow } from '../../../shared/api/meter';
import { useLoad } from './useCall';

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
  const byTime = new Map<number, MeterSample>();
  for (const s of older) byTime.set(s.t, s);
  for (const s of newer) byTime.set(s.t, { ...byTime.get(s.t), ...s });
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

/**
 * The samples of a scope (null: none yet). The history is `stored` when the caller has it already (a
 * transaction comes with its meter values), else the newest HISTORY_ROWS rows fetched here; the live
 * samples of the store go on top.
 */
export function useMeterSeries(scope: MeterScope | null, stored?: readonly MeterValueRow[]): MeterSample[] {
  const client = useClient();
  const { chargerId, connectorId, transactionId } = scope ?? {};
  const fetched = useLoad(
    async () =>
      scope && !stored
        ? toSamples(await client.call('chargers:meterValues', { chargerId: scope.chargerId, connectorId: scope.connectorId, ...(transactionId === undefined ? {} : { transactionId }), limit: HISTORY_ROWS }))
        : null,
    [client, chargerId, connectorId, transactionId, !stored],
  );
  const given = useMemo(() => (stored ? toSamples(stored) : null), [stored]);
  const live = useBench((s) => (chargerId === undefined || connectorId === undefined ? undefined : s.meter[meterKey(chargerId, connectorId)])) ?? NO_SAMPLES;
  return useMemo(() => {
    if (chargerId === undefined) return NO_SAMPLES;
    const merged = mergeSamples(given ?? fetched.data ?? NO_SAMPLES, live);
    return transactionId === undefined ? merged : merged.filter((s) => s.transactionId === transactionId);
  }, [chargerId, given, fetched.data, live, transactionId]);
}
