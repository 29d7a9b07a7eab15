// What the Meter card of a finished session says and draws: its result (the final energy), not its last
// periodic reading as if charging went on, and the chart from its start (0 Wh delivered) to its stop.
import type { MeterSample } from '../../../../shared/api/meter';
import { deliveredWh } from '../../../../shared/api/meter';
import type { TransactionView } from '../../../../shared/api/views';
import type { EnergyAt } from '../../components/MeterChart';
import { formatClock, formatEnergy, formatPower } from '../../components/format';

/**
 * "104 Wh delivered · power at its last reading: 22.0 kW at 16:40:34": a finished session's energy (as
 * its Summary gives it) and its newest power reading, said to be that, never a "now".
 */
export function finishedMeterText(energyWh: number | null, samples: readonly MeterSample[]): string {
  const power = samples.findLast((s) => s.powerW !== undefined);
  const energy = energyWh === null ? 'Energy not known' : `${formatEnergy(energyWh)} delivered`;
  return power ? `${energy} · power at its last reading: ${formatPower(power.powerW)} at ${formatClock(power.t)}` : energy;
}

/**
 * The energies a finished session's chart is drawn between: 0 Wh delivered at its start (unless the chart
 * shows only its newest values, `capped`) and meterStop's at its stop; none for a running session, or
 * where the record does not say (no stop time, no meter stop, a stop below meterStart).
 */
export function sessionEnds(tx: Pick<TransactionView, 'active' | 'startTime' | 'stopTime' | 'meterStart' | 'meterStop'>, capped = false): EnergyAt[] {
  if (tx.active) return [];
  const ends: EnergyAt[] = [];
  const start = Date.parse(tx.startTime);
  if (!capped && Number.isFinite(start)) ends.push({ t: start, wh: 0 });
  const stop = tx.stopTime ? Date.parse(tx.stopTime) : NaN;
  const wh = tx.meterStop === null ? null : deliveredWh(tx.meterStop, tx.meterStart);
  if (Number.isFinite(stop) && wh !== null) ends.push({ t: stop, wh });
  return ends;
}

/** How a session's Meter card is titled: its heading, its chart's name and its energy line's label. */
export interface MeterCardWords {
  heading: string;
  chartTitle: string;
  energyLabel: string;
}

/**
 * A session that may still run (`live`: running, or last known while its charger is not heard from) has a
 * "Meter"; one that ended, is not running (superseded, its connector reports no session) or that its charger
 * lost at a reboot has readings recorded, said in the past: no more will come.
 */
export function meterCardWords(transactionId: number, live: boolean): MeterCardWords {
  return live
    ? { heading: 'Meter', chartTitle: `Power and energy delivered in transaction ${transactionId}`, energyLabel: 'Energy delivered (kWh)' }
    : { heading: 'Readings recorded', chartTitle: `Power and energy recorded in transaction ${transactionId}`, energyLabel: 'Energy recorded (kWh)' };
}
