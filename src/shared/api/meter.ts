// Meter readings as every screen reads them: power (W) and energy (Wh) at a time from a MeterValues
// sample set, whatever units and phases the charger used, and the ONE rule for the energy a transaction
// delivered (finalEnergy), stopped or so far.
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

/** The energy delivered between meterStart and a register reading, or none and why. */
export type Energy = { wh: number; warning: null } | { wh: null; warning: string };

/**
 * THE rule for the energy a transaction delivered, stopped (its meterStop) or running (its newest
 * register reading): the reading minus meterStart. A reading below meterStart is impossible (the meter
 * went backwards or was replaced): no energy, and the reason in words, never 0 kWh delivered.
 */
export function finalEnergy(meterStartWh: number, readingWh: number, reading = 'The register reading'): Energy {
  if (readingWh < meterStartWh) return { wh: null, warning: `${reading} (${readingWh} Wh) is below meterStart (${meterStartWh} Wh): the meter went backwards or was replaced, so no energy is given` };
  return { wh: readingWh - meterStartWh, warning: null };
}

/** The energy a register reading shows delivered since meterStart (finalEnergy); null for an impossible reading. */
export const deliveredWh = (registerWh: number, meterStartWh: number): number | null => finalEnergy(meterStartWh, registerWh).wh;

/**
 * The energy a running transaction has delivered so far by its newest energy register reading (samples
 * sorted by time), by finalEnergy; null until the charger has sent one.
 */
export function energyReadingSoFar(tx: MeteredTransaction, samples: readonly MeterSample[] | undefined): Energy | null {
  return lastEnergyReading(tx, samples)?.energy ?? null;
}

/** energyReadingSoFar with the time of the reading it is from (ms, the charger's clock); null until there is one. */
export function lastEnergyReading(tx: MeteredTransaction, samples: readonly MeterSample[] | undefined): { energy: Energy; t: number } | null {
  if (!samples) return null;
  const started = Date.parse(tx.startTime);
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i];
    if (s.energyWh !== undefined && belongsTo(tx, s, started)) return { energy: finalEnergy(tx.meterStart, s.energyWh), t: s.t };
  }
  return null;
}

/** When a session's newest reading (of any measurand) was taken (ms, samples sorted by time), or null with none: where a duration not counted on ends. */
export function lastReadingAt(tx: MeteredTransaction, samples: readonly MeterSample[] | undefined): number | null {
  if (!samples) return null;
  const started = Date.parse(tx.startTime);
  return samples.findLast((s) => belongsTo(tx, s, started))?.t ?? null;
}

/** energyReadingSoFar in Wh: null until there is a reading, and for an impossible one. */
export function energySoFar(tx: MeteredTransaction, samples: readonly MeterSample[] | undefined): number | null {
  return energyReadingSoFar(tx, samples)?.wh ?? null;
}
