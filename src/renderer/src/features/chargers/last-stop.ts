// The energy register a connector last reported: its newest meter reading, or the meterStop of its latest
// StopTransaction when that came later (a charger sends no MeterValues after the stop; its register then
// is the stop's). Read from the bench's stopped sessions of the charger, again whenever sessions start or stop.
import { useEffect, useState } from 'react';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import type { TransactionView } from '../../../../shared/api/views';

/** A register reading: Wh, and when (ms since epoch). */
export interface RegisterReading {
  wh: number;
  t: number;
}

/** The meterStop of the newest stopped session on the connector, with its stop time; null: none known. */
export function lastStopOf(stopped: readonly TransactionView[], connectorId: number): RegisterReading | null {
  let best: RegisterReading | null = null;
  for (const tx of stopped) {
    if (tx.connectorId !== connectorId || tx.meterStop === null || !tx.stopTime) continue;
    const t = Date.parse(tx.stopTime);
    if (Number.isFinite(t) && (!best || t > best.t)) best = { wh: tx.meterStop, t };
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

/** The latest StopTransaction's meterStop on a connector (the charger's stopped sessions, newest 50), kept fresh. */
export function useLastStop(chargerId: string, connectorId: number): RegisterReading | null {
  const client = useClient();
  const version = useBench((s) => s.transactionsVersion);
  const [stop, setStop] = useState<RegisterReading | null>(null);
  useEffect(() => {
    let live = true;
    client.call('transactions:list', { chargerId, active: false, limit: 50 }).then(
      (list) => live && setStop(lastStopOf(list, connectorId)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, chargerId, connectorId, version]);
  return stop;
}
