// A session's meter values in the form the record keeps them (`transactions:meterReadings`): a reading
// (one MeterValue element: a timestamp and its sampled values) per entry, each sampled value a shape id
// and its value, and the shapes once. A 2-hour session at one reading a second of 10 values is 0.85 MB
// this way against 17.3 MB as a list of values (`transactions:get`), and the bench sends the stored
// text as it is instead of building 72,000 objects, copying them between threads and stringifying them.
import type { MeterValueView } from './views';

/** What a sampled value is, besides its value: [measurand, phase, unit, context, location, format]. */
export type MeterShape = [string, string | null, string | null, string, string | null, string];

/**
 * One reading: its id, connector, time (epoch ms, or the text as the charger sent it when that is not
 * the canonical form), its sampled values as [shape id or the shape itself, value, ...] and, when the
 * newest values filled the limit part way into it, the position of its first value given.
 */
export type MeterReading = [id: number, connectorId: number, time: number | string, samples: Array<number | MeterShape | string>, from?: number];

export interface MeterReadings {
  /** The shapes the readings name, by id. */
  shapes: Record<string, MeterShape>;
  /** Oldest first: the newest TRANSACTION_METER_VALUES sampled values. */
  readings: MeterReading[];
  /** The session holds more sampled values than these. */
  capped: boolean;
}

/** Sampled values one reading holds at most; a sampled value's id is its reading's id × this + its position. */
export const SAMPLES_PER_READING = 1024;

/** A time as kept (see packTime in the record): epoch ms, or the text as sent. */
export const unpackTime = (t: number | string): string => (typeof t === 'number' ? new Date(t).toISOString() : t);

/** A shape id the record does not know: the spec's defaults (what a sampled value with no fields is). */
export const DEFAULT_SHAPE: MeterShape = ['Energy.Active.Import.Register', null, 'Wh', 'Sample.Periodic', null, 'Raw'];

/** What the sampled values of one reading share. */
export type ReadingOf = Pick<MeterValueView, 'chargerId' | 'connectorId' | 'transactionId' | 'timestamp'> & { id: number };

/** The sampled value at `position` of a reading, as listed: `ref` is its shape's id (read with `shapeOf`) or the shape itself. */
export function sampledValueView(reading: ReadingOf, position: number, ref: number | MeterShape | string, value: string, shapeOf: (id: number) => MeterShape): MeterValueView {
  const [measurand, phase, unit, context, location, format] = typeof ref === 'number' ? shapeOf(ref) : (ref as MeterShape);
  const { id, chargerId, connectorId, transactionId, timestamp } = reading;
  return { id: id * SAMPLES_PER_READING + position, chargerId, connectorId, transactionId, timestamp, value, measurand, phase, unit, context, location, format };
}

/** The sampled values of `readings`, oldest first and in the order each reading gave them: what `transactions:get` lists. */
export function expandMeterReadings({ shapes, readings }: MeterReadings, chargerId: string, transactionId: number | null): MeterValueView[] {
  const out: MeterValueView[] = [];
  const shapeOf = (id: number): MeterShape => shapes[id] ?? DEFAULT_SHAPE;
  for (const [id, connectorId, time, samples, from = 0] of readings) {
    const reading = { id, chargerId, connectorId, transactionId, timestamp: unpackTime(time) };
    for (let i = 0; i < samples.length; i += 2) out.push(sampledValueView(reading, from + i / 2, samples[i], samples[i + 1] as string, shapeOf));
  }
  return out;
}
