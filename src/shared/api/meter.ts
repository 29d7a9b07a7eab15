// Meter readings as every screen reads them: power (W) and energy (Wh) at a time from a MeterValues
// sample set, whatever units and phases the charger used, and the ONE rule for the energy a transaction
// has delivered so far.
import type { MeterValueView, TransactionView } from './views';

export interface MeterSample {
  /** ms since epoch */
  t: number;
  powerW?: number;
  energyWh?: number;
  transactionId: number | null;
}

/** A stored or pushed meter value (a pushed one has no id yet). */
export type MeterValueRow = Omit<MeterValueView, 'id'>;

const scale = (unit: string | null, base: string) => (unit === `k${base}` ? 1000 : 1);

/** Groups meter values by connector and timestamp and reads power and energy from each group; sorted by time. */
export function toSamples(values: readonly MeterValueRow[]): Array<MeterSample & { connectorId: number }> {
  const groups = new Map<string, MeterValueRow[]>();
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

/** One measurand of a group: the total when the charger sent one, else the sum of its phases L1..L3. */
function read(group: readonly MeterValueRow[], measurand: string, base: string): number | undefined {
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

/** What the energy rule reads of a transaction. */
export type MeteredTransaction = Pick<TransactionView, 'transactionId' | 'startTime' | 'meterStart'>;

/**
 * Whether a sample belongs to a transaction: it names the transaction, or names none and was taken
 * after its start (many chargers leave transactionId out of MeterValues).
 */
export function belongsTo(tx: MeteredTransaction, sample: Pick<MeterSample, 't' | 'transactionId'>, started = Date.parse(tx.startTime)): boolean {
  return sample.transactionId === tx.transactionId || (sample.transactionId === null && sample.t >= started);
}

/** The energy a register reading shows delivered since meterStart: never below zero (a register that went back is the meter's fault, not energy returned). */
export const deliveredWh = (registerWh: number, meterStartWh: number): number => Math.max(0, registerWh - meterStartWh);

/**
 * The energy a transaction has delivered so far: its newest energy register reading (samples sorted by
 * time) minus meterStart; null until the charger has sent one.
 */
export function energySoFar(tx: MeteredTransaction, samples: readonly MeterSample[] | undefined): number | null {
  if (!samples) return null;
  const started = Date.parse(tx.startTime);
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i];
    if (s.energyWh !== undefined && belongsTo(tx, s, started)) return deliveredWh(s.energyWh, tx.meterStart);
  }
  return null;
}
