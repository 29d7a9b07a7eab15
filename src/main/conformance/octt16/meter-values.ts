// 2.9 Meter values.
import type { CaseContext } from '../context';
import type { ChargerCall } from '../frames';
import { charging, readKey } from '../states';
import { all, writable, type Case } from './cases';

type Sampled = { measurand?: string; context?: string; phase?: string };
type MeterValue = { timestamp: string; sampledValue: Sampled[] };

/** Seconds a meter value's timestamp may be off (the document gives no tolerance). */
export const meterToleranceS = (intervalS: number) => Math.max(2, intervalS * 0.1);

const DEFAULT_MEASURAND = 'Energy.Active.Import.Register';

/** The measurands a key lists (the default one when it lists none). */
const measurandsOf = (value: string | null) => {
  const list = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : [DEFAULT_MEASURAND];
};

const meterValuesOf = (call: ChargerCall) => (call.payload.meterValue as MeterValue[] | undefined) ?? [];

/** What is wrong with a MeterValues: a context other than wanted (an absent one is Sample.Periodic), measurands other than the configured ones. */
function meterValueChecks(context: string, measurands: string[]) {
  return [
    (p: Record<string, unknown>) => {
      const contexts = ((p.meterValue as MeterValue[] | undefined) ?? []).flatMap((mv) => mv.sampledValue.map((s) => s.context ?? 'Sample.Periodic'));
      const other = contexts.filter((c) => c !== context);
      return other.length ? `sampledValue.context ${context} (got ${[...new Set(other)].join(', ')})` : null;
    },
    (p: Record<string, unknown>) => {
      for (const mv of (p.meterValue as MeterValue[] | undefined) ?? []) {
        const got = mv.sampledValue.map((s) => s.measurand ?? DEFAULT_MEASURAND);
        const missing = measurands.filter((m) => !got.includes(m));
        const extra = [...new Set(got.filter((m) => !measurands.includes(m)))];
        if (missing.length || extra.length) return `a sampledValue for each of ${measurands.join(', ')} and no other (got ${[...new Set(got)].join(', ')})`;
      }
      return null;
    },
  ];
}

/** Three MeterValues of the running transaction's connector, each within one interval of the last (plus the tolerance). */
async function threeMeterValues(t: CaseContext, intervalS: number, context: string, measurands: string[], what: string): Promise<ChargerCall[]> {
  const calls: ChargerCall[] = [];
  for (let i = 1; i <= 3; i++)
    calls.push(
      await t.expect('MeterValues', {
        where: { connectorId: t.connectorId },
        within: intervalS + meterToleranceS(intervalS),
        checks: meterValueChecks(context, measurands),
        title: `Charger sends ${what} MeterValues ${i} of 3 for connector ${t.connectorId} (${context}, ${measurands.join(', ')})`,
      }),
    );
  return calls;
}

/** The timestamps of these MeterValues (their first meter value) are `intervalS` apart. */
function spacing(t: CaseContext, calls: ChargerCall[], intervalS: number): void {
  const stamps = calls.map((c) => Date.parse(meterValuesOf(c)[0]?.timestamp ?? ''));
  const gaps = stamps.slice(1).map((s, i) => (s - stamps[i]!) / 1000);
  t.check(
    gaps.every((g) => Math.abs(g - intervalS) <= meterToleranceS(intervalS)),
    `the meter values' timestamps ${intervalS} s apart (± ${meterToleranceS(intervalS)} s)`,
    `they are ${gaps.map((g) => (Number.isNaN(g) ? 'unreadable' : `${g} s`)).join(', ')} apart`,
  );
}

export const meterValueCases: Case[] = [
  {
    id: 'TC_070_CS',
    title: 'Sampled Meter Values',
    profile: 'Core',
    section: '2.9.1',
    appliesTo: all(writable('MeterValueSampleInterval'), writable('ClockAlignedDataInterval', '0')),
    decisions: [
      `The bench waits for three MeterValues, each within one MeterValueSampleInterval plus a tolerance of max(2 s, 10 %) (the document gives none), and checks the timestamps of consecutive ones with that tolerance.`,
      'A sampledValue without context counts as Sample.Periodic (the schema default); without measurand, as Energy.Active.Import.Register.',
      'Each configured measurand must appear in each meter value, and no other; several sampledValues of one measurand (phases) are accepted.',
    ],
    async run(t) {
      const interval = t.data.meterValueIntervalS;
      await t.configure('MeterValueSampleInterval', String(interval));
      await t.configureIfPresent('ClockAlignedDataInterval', '0');
      const measurands = measurandsOf(await readKey(t, 'MeterValuesSampledData'));
      await charging(t);
      const calls = await threeMeterValues(t, interval, 'Sample.Periodic', measurands, 'sampled');
      await t.verify(`Consecutive MeterValues are ${interval} s apart`, () => spacing(t, calls, interval));
    },
  },
  {
    id: 'TC_071_CS',
    title: 'Clock-aligned Meter Values',
    profile: 'Core',
    section: '2.9.2',
    appliesTo: all(writable('MeterValueSampleInterval', '0'), writable('ClockAlignedDataInterval')),
    decisions: [
      'The bench waits for three MeterValues, each within one ClockAlignedDataInterval plus a tolerance of max(2 s, 10 %), and checks their spacing and their alignment (timestamps a whole number of intervals after midnight UTC) with that tolerance.',
      'Without measurand, a sampledValue counts as Energy.Active.Import.Register; each configured measurand must appear in each meter value, and no other.',
    ],
    async run(t) {
      const interval = t.data.clockAlignedIntervalS;
      await t.configure('MeterValueSampleInterval', '0');
      await t.configure('ClockAlignedDataInterval', String(interval));
      const measurands = measurandsOf(await readKey(t, 'MeterValuesAlignedData'));
      await charging(t);
      const calls = await threeMeterValues(t, interval, 'Sample.Clock', measurands, 'clock-aligned');
      await t.verify(`Consecutive MeterValues are ${interval} s apart, on the clock`, () => {
        spacing(t, calls, interval);
        const offsets = calls.map((c) => {
          const sinceMidnight = (Date.parse(meterValuesOf(c)[0]?.timestamp ?? '') % 86_400_000) / 1000;
          const off = sinceMidnight % interval;
          return Math.min(off, interval - off);
        });
        t.check(
          offsets.every((o) => o <= meterToleranceS(interval)),
          `timestamps on multiples of ${interval} s after midnight (± ${meterToleranceS(interval)} s)`,
          `they are ${offsets.map((o) => (Number.isNaN(o) ? 'unreadable' : `${Math.round(o * 1000) / 1000} s`)).join(', ')} off`,
        );
      });
    },
  },
];
