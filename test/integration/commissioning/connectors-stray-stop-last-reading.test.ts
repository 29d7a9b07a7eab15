// A session held open in the record after its StopTransaction went out with a wrong transactionId (a stray
// stop: shared/api/stray-stop): the commissioning's connectors step names that stop as maybe this session's,
// in the screens' words, with the session's last register reading in the record (lastRegisterOf, the rule
// the Transaction screen uses): a meterStop below that reading is most likely not this session's stop (a
// register does not go down), so the step does not say what the session "delivered if it is".
import { expect, it } from 'vitest';
import { builtInTemplates, SiteJob } from '../../../src/shared/api/commissioning';
import { useCommissioningBench } from '../../helpers/commissioning-bench';
import { stoppedWithWrongId } from '../../helpers/left-by-runs';
import { strayStopOf } from '../../../src/main/core/stray-stops';
import type { FakeClock } from '../../../src/main/clock';
import type { Bench } from '../../../src/main/core/bench';
import type { MeterValue } from '../../../src/shared/ocpp16';

const CP = 'CP-C4-STRAY-LAST';
const cb = useCommissioningBench('c4-stray-last', CP);

const num = (n: number) => n.toLocaleString('en-US');

/** The C4 step's note, run once more. */
async function connectorsNote(bench: Bench, id: string): Promise<string> {
  bench.commissioning.run(id, ['C4_CONNECTORS']);
  await bench.commissioning.settled(id);
  const result = bench.commissioning.get(id).steps.find((s) => s.id === 'C4_CONNECTORS')!.result!;
  expect(result.verdict, String(result.reason)).toBe('pass');
  const notes = result.observations.filter((o) => o.note).map((o) => o.text);
  expect(notes).toHaveLength(1);
  return notes[0]!;
}

it('says the stray stop is most likely not the session’s when its last register reading is above the stop’s meterStop, and what it delivered if it is otherwise', async () => {
  const { bench } = cb;
  const tx = await stoppedWithWrongId(bench, CP, 'TAG-LAST', async () => {
    await (bench.clock as FakeClock).advance(1_000);
  });
  const stray = bench.record.events.list({ chargerId: CP, action: 'StopTransaction', warning: true })[0]!;
  const { transactionId: wrongId, meterStop } = (stray.data as { request: { transactionId: number; meterStop: number } }).request;
  expect(wrongId).not.toBe(tx);
  const meterStart = bench.record.transactions.get(tx)!.meterStart;
  expect(meterStop).toBeGreaterThan(meterStart);
  // Readings of the session before the stray stop came, after its start and any the charger sent (their time orders them).
  const sent = bench.record.meterValues.of({ transactionId: tx }).map((v) => Date.parse(v.timestamp));
  let t = Math.max(Date.parse(bench.record.transactions.get(tx)!.startTime), ...sent);
  /** Adds readings of the session, one a second after the last (`times` of them); when the first was taken (ms). */
  const add = async (sampledValue: MeterValue['sampledValue'], times = 1): Promise<number> => {
    const first = t + 1_000;
    const readings = Array.from({ length: times }, () => ({ timestamp: new Date((t += 1_000)).toISOString(), sampledValue }));
    bench.record.meterValues.add(CP, 1, tx, readings, new Date(t).toISOString());
    await bench.record.settled();
    return first;
  };
  const c = await bench.commissioning.create({ chargerId: CP, job: SiteJob.parse({ site: 'Depot Last', installer: 'A. Person' }), template: builtInTemplates[0]! });

  // Its last reading at the stop's meterStop (its phases summed; an inlet's register is not the outlet's): it may be its stop.
  const atStop = await add([
    { value: String(meterStop + 5_000), measurand: 'Energy.Active.Import.Register', location: 'Inlet' },
    ...['L1', 'L2', 'L3'].map((phase, i) => ({ value: String(i === 0 ? meterStop - 2 : 1), measurand: 'Energy.Active.Import.Register' as const, phase: phase as 'L1' })),
  ]);
  expect(strayStopOf(bench.record, CP, tx)?.last).toEqual({ wh: meterStop, at: atStop });
  const maybe = await connectorsNote(bench, c.id);
  expect(maybe).toContain(`a StopTransaction for unknown transaction ${wrongId} came at `);
  expect(maybe).toContain(
    `meterStop ${num(meterStop)} Wh: ${num(meterStop)} − ${num(meterStart)} = ${num(meterStop - meterStart)} Wh if it is): the charger may have ended it with a wrong transactionId.`,
  );
  expect(maybe).not.toContain('most likely not its stop');

  // A reading above it (in kWh), then more readings of other measurands than the few newest read first: most likely not its stop.
  const above = meterStop + 1_500;
  const atAbove = await add([{ value: String(above / 1000), measurand: 'Energy.Active.Import.Register', unit: 'kWh' }]);
  await add([{ value: '7400', measurand: 'Power.Active.Import', unit: 'W' }], 120);
  expect(strayStopOf(bench.record, CP, tx)?.last).toEqual({ wh: above, at: atAbove });
  const not = await connectorsNote(bench, c.id);
  expect(not).toMatch(
    new RegExp(
      `open on it: no StopTransaction with its transactionId came, but a StopTransaction for unknown transaction ${wrongId} came at .+ on this charger, ` +
        `maybe this session's \\(reason \\w+, meterStop ${num(meterStop)} Wh, below this session's last reading ${num(above)} Wh \\(at .+\\): most likely not its stop\\)\\. ` +
        'Close it from the Transactions screen \\(Close it in the record\\) if it ended\\.$',
    ),
  );
  expect(not).not.toContain('if it is');
  expect(not).not.toContain('may have ended it with a wrong transactionId');
  // The step only read: the transaction is still open in the record.
  expect(bench.record.transactions.get(tx)?.active).toBe(true);
}, 120_000);
