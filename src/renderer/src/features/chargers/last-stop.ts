// The energy register a connector last reported: its newest meter reading, or the meterStop of its latest
// StopTransaction when that came later (a charger sends no MeterValues after the stop; its register then
// is the stop's). Read from the bench's stopped sessions of the charger, again whenever its sessions start or stop.
import { useEffect, useMemo, useState } from 'react';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import type { TransactionView } from '../../../../shared/api/views';
import type { MeterSample } from '../../../../shared/api/meter';
import type { EnergyAt } from '../../components/MeterChart';

/** A register reading: Wh, and when (ms since epoch); of a stop, its session. */
export interface RegisterReading {
  wh: number;
  t: number;
  transactionId?: number;
}

/** The meterStop of the newest stopped session on the connector, with its stop time; null: none known. */
export function lastStopOf(stopped: readonly TransactionView[], connectorId: number): RegisterReading | null {
  let best: RegisterReading | null = null;
  for (const tx of stopped) {
    if (tx.connectorId !== connectorId || tx.meterStop === null || !tx.stopTime) continue;
    const t = Date.parse(tx.stopTime);
    if (Number.isFinite(t) && (!best || t > best.t)) best = { wh: tx.meterStop, t, transactionId: tx.transactionId };
  }
  return best;
}

/** The newest of a meter reading's register and a stop's meterStop (the stop wins when it is as new or newer). */
export function newestRegister(reading: { t: number; energyWh?: number } | null, stop: RegisterReading | null): RegisterReading | null {
  const fromReading = reading && reading.energyWh !== undefined ? { wh: reading.energyWh, t: reading.t } : null;
  if (!stop) return fromReading;
  if (!fromReading || stop.t >= fromReading.t) return stop;
  return fromReading;
}

/**
 * The stop's register drawn on the connector's chart when it is as new as its newest reading or newer (the
 * card's Meter line then names it: a charger sends no MeterValues after the stop), apart from readings of
 * another session; none otherwise, or with no readings (the chart then says there are none).
 */
export function stopOnChart(samples: readonly MeterSample[], stop: RegisterReading | null): EnergyAt[] {
  const last = samples[samples.length - 1];
  if (!stop || !last || stop.t < last.t) return [];
  return [{ t: stop.t, wh: stop.wh, apart: stop.transactionId !== undefined && stop.transactionId !== last.transactionId }];
}

/** What tells this charger's sessions changed: its running sessions' ids, and the bench's snapshot (events may have been missed before it). */
function sessionsKeyOf(active: Record<number, TransactionView>, chargerId: string, snapshots: number): string {
  const ids = Object.values(active)
    .filter((tx) => tx.chargerId === chargerId)
    .map((tx) => tx.transactionId)
    .sort((a, b) => a - b);
  return `${snapshots}|${ids.join(',')}`;
}

/**
 * The charger's stopped sessions (newest 50), read once for all its connectors (lastStopOf picks each one's),
 * again whenever one of THIS charger's sessions starts or stops (not on other chargers' sessions).
 */
export function useStoppedSessions(chargerId: string): readonly TransactionView[] {
  const client = useClient();
  const active = useBench((s) => s.activeTransactions);
  const snapshots = useBench((s) => s.snapshots);
  const key = useMemo(() => sessionsKeyOf(active, chargerId, snapshots), [active, chargerId, snapshots]);
  const [read, setRead] = useState<{ chargerId: string; list: readonly TransactionView[] } | null>(null);
  useEffect(() => {
    let live = true;
    client.call('transactions:list', { chargerId, active: false, limit: 50 }).then(
      (list) => live && setRead({ chargerId, list }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, chargerId, key]);
  // Another charger's sessions (read before this page moved on) are none of this one's.
  return read?.chargerId === chargerId ? read.list : NONE;
}

const NONE: readonly TransactionView[] = [];
