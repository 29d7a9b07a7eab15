// What is going on at a charger right now, for the warnings before a disruptive operation: its
// connectors and the transactions running on them with the energy delivered so far.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from '../../../api/context';
import { meterKey, useBench } from '../../../stores/bench';
import type { ChargerView, TransactionView } from '../../../../../shared/api/views';
import { energySoFar, toSamples, type MeterSample } from '../../../../../shared/api/meter';

export interface RunningTransaction {
  transactionId: number;
  chargerId: string;
  connectorId: number;
  idTag: string;
  startTime: string;
  meterStart: number;
  /** Latest meter reading minus meterStart; null until the charger has sent a reading. */
  energyWh: number | null;
}

/** Running transactions of a charger (on one connector, or all when `connectorId` is absent or 0). */
export function runningTransactions(active: Record<number, TransactionView>, meter: Record<string, MeterSample[]>, chargerId: string, connectorId?: number): RunningTransaction[] {
  return Object.values(active)
    .filter((t) => t.active && t.chargerId === chargerId && (!connectorId || t.connectorId === connectorId))
    .sort((a, b) => a.connectorId - b.connectorId || a.transactionId - b.transactionId)
    .map((t) => ({ transactionId: t.transactionId, chargerId: t.chargerId, connectorId: t.connectorId, idTag: t.idTag, startTime: t.startTime, meterStart: t.meterStart, energyWh: energySoFar(t, meter[meterKey(t.chargerId, t.connectorId)]) }));
}

export function useRunning(chargerId: string, connectorId?: number): RunningTransaction[] {
  const active = useBench((s) => s.activeTransactions);
  const meter = useBench((s) => s.meter);
  const live = useMemo(() => runningTransactions(active, meter, chargerId, connectorId), [active, meter, chargerId, connectorId]);
  const stored = useStoredEnergy(live);
  return useMemo(() => withStored(live, stored), [live, stored]);
}

/** The running transactions of several chargers, by charger. */
export function useRunningOf(chargerIds: string[]): Record<string, RunningTransaction[]> {
  const active = useBench((s) => s.activeTransactions);
  const meter = useBench((s) => s.meter);
  const key = chargerIds.join('\n');
  const live = useMemo(() => chargerIds.flatMap((id) => runningTransactions(active, meter, id)), [active, meter, key]); // eslint-disable-line react-hooks/exhaustive-deps
  const stored = useStoredEnergy(live);
  return useMemo(() => {
    const all = withStored(live, stored);
    return Object.fromEntries(chargerIds.map((id) => [id, all.filter((t) => t.chargerId === id)]));
  }, [live, stored, key]); // eslint-disable-line react-hooks/exhaustive-deps
}

const withStored = (list: RunningTransaction[], stored: Record<number, number | null>) =>
  list.map((t) => (t.energyWh === null && typeof stored[t.transactionId] === 'number' ? { ...t, energyWh: stored[t.transactionId] } : t));

/**
 * The live samples only cover the time since the UI connected; for a transaction without one, the
 * bench's record has the readings. Asked once per transaction.
 */
function useStoredEnergy(list: RunningTransaction[]): Record<number, number | null> {
  const client = useClient();
  const [stored, setStored] = useState<Record<number, number | null>>({});
  const asked = useRef(new Set<number>());
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);
  useEffect(() => {
    const settle = (id: number, wh: number | null) => mounted.current && setStored((s) => ({ ...s, [id]: wh }));
    for (const t of list) {
      if (t.energyWh !== null || asked.current.has(t.transactionId)) continue;
      asked.current.add(t.transactionId);
      client.call('chargers:meterValues', { chargerId: t.chargerId, transactionId: t.transactionId, limit: 50 }).then(
        (values) => settle(t.transactionId, energySoFar(t, toSamples(values))),
        () => settle(t.transactionId, null),
      );
    }
  }, [client, list]);
  return stored;
}

/**
 * The charger's connector ids (1..n) as it reported them through StatusNotification; a charger that has
 * not reported any yet is assumed to have one.
 */
export function connectorIdsOf(charger: ChargerView | undefined): number[] {
  const ids = (charger?.connectors ?? []).map((c) => c.connectorId).filter((id) => id > 0);
  if (!ids.length) return [1];
  const max = Math.max(...ids);
  return Array.from({ length: max }, (_, i) => i + 1);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
