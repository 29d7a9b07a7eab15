// Meter samples for the live charts: power (W) and energy (Wh) at a time, read from a MeterValues
// sample set whatever units and phases the charger used.
import type { MeterValueView } from '../../../shared/api/views';

export interface MeterSample {
  /** ms since epoch */
  t: number;
  powerW?: number;
  energyWh?: number;
  transactionId: number | null;
}

const scale = (unit: string | null, base: string) => (unit === `k${base}` ? 1000 : 1);

/** Groups meter values by timestamp and reads power and energy from each group. */
export function toSamples(values: Array<Omit<MeterValueView, 'id'>>): Array<MeterSample & { connectorId: number }> {
  const groups = new Map<string, Array<Omit<MeterValueView, 'id'>>>();
  for (const v of values) {
    const key = `${v.connectorId}|${v.timestamp}`;
    const g = groups.get(key);
    if (g) g.push(v);
    else groups.set(key, [v]);
  }
  const out: Array<MeterSample & { connectorId: number }> = [];
  for (const g of groups.values()) {
    const sample: MeterSample & { connectorId: number } = { t: Date.parse(g[0].timestamp), transactionId: g[0].transactionId, connectorId: g[0].connectorId };
    const power = read(g, 'Power.Active.Import', 'W');
    const energy = read(g, 'Energy.Active.Import.Register', 'Wh');
    if (power !== undefined) sample.powerW = power;
    if (energy !== undefined) sample.energyWh = energy;
    if (sample.powerW !== undefined || sample.energyWh !== undefined) out.push(sample);
  }
  return out.sort((a, b) => a.t - b.t);
}

function read(group: Array<Omit<MeterValueView, 'id'>>, measurand: string, base: string): number | undefined {
  const of = group.filter((v) => v.measurand === measurand && v.format !== 'SignedData' && (v.location ?? 'Outlet') === 'Outlet');
  if (!of.length) return undefined;
  const total = of.find((v) => !v.phase);
  const pick = total ? [total] : of.filter((v) => /^L\d$/.test(v.phase ?? ''));
  if (!pick.length) return undefined;
  let sum = 0;
  for (const v of pick) {
    const n = Number(v.value);
    if (!Number.isFinite(n)) return undefined;
    sum += n * scale(v.unit, base);
  }
  return sum;
}
