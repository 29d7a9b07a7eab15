// An installer's review: a commissioning's re-run of a step that only reads ("Offline authorization policy")
// on a charger where a customer is charging leaves that session alone: no RemoteStopTransaction, the session
// still running after, the step's result recorded. The steps that only read (READ_ONLY_STEPS) send the charger
// nothing but reads; a run of every step still ends the session first and lists it.
import { describe, expect, it } from 'vitest';
import { useCommissioningBench, customerCharging as chargingOn } from '../../helpers/commissioning-bench';
import { builtInTemplates, SiteJob } from '../../../src/shared/api/commissioning';
import { READ_ONLY_STEPS } from '../../../src/shared/api/commissioning-steps';
import type { BenchEvent } from '../../../src/shared/api/events';

const CP = 'CP-LEAVE';
const cb = useCommissioningBench('leave-sessions', CP);
const job = SiteJob.parse({ site: 'Depot Leave', installer: 'A. Person' });
const template = builtInTemplates[0]!;

/** A customer's session on connector 1 of the virtual charger, its transaction id once the record holds it open. */
const customerCharging = async (idTag: string): Promise<number> => (await chargingOn(cb.bench, CP, idTag)).transactionId;

/** Runs `steps` (all of them: undefined) of a new commissioning, with the CALLs the bench sent the charger meanwhile. */
async function runWatched(steps: string[] | undefined) {
  const { bench } = cb;
  const sent: Array<{ action: string; payload: unknown }> = [];
  const off = bench.bus.subscribe((e: BenchEvent) => {
    if (e.type === 'frameLogged' && e.message.chargerId === CP && e.message.direction === 'out' && e.message.kind === 'CALL')
      sent.push({ action: e.message.action!, payload: (JSON.parse(e.message.raw) as unknown[])[3] });
  });
  const c = await bench.commissioning.create({ chargerId: CP, job, template });
  try {
    bench.commissioning.run(c.id, steps);
    await bench.commissioning.settled(c.id);
  } finally {
    off();
  }
  await bench.record.settled();
  return { view: bench.commissioning.get(c.id), sent };
}

const stillRunning = (tx: number) => cb.bench.record.transactions.get(tx)?.stopTime === null;

describe('a commissioning run of steps that only read, with a customer charging', () => {
  it('re-running "Offline authorization policy" sends no RemoteStopTransaction and leaves the session running', async () => {
    const tx = await customerCharging('CUSTOMER-5');
    const { view, sent } = await runWatched(['C7_OFFLINE']);
    expect(sent.map((s) => s.action)).not.toContain('RemoteStopTransaction');
    expect(stillRunning(tx)).toBe(true);
    expect(
      cb.bench.virtualChargers
        .charger(CP)
        .view()
        .connectors.find((c) => c.connectorId === 1)?.plugged,
    ).toBe(true);
    expect(view.sessionsEnded ?? []).toEqual([]);
    // The step ran and its result is recorded.
    const step = view.steps.find((s) => s.id === 'C7_OFFLINE')!;
    expect(step.attempts).toBe(1);
    expect(step.result?.measurements.map((m) => m.label)).toContain('When the back office is unreachable');
    expect(view.lastRun?.outcome).toBe('finished');
  }, 120_000);

  it('the steps that only read send the charger nothing but reads, and leave the session running', async () => {
    const tx = cb.bench.record.transactions.list({ chargerId: CP, active: true })[0]?.transactionId ?? (await customerCharging('CUSTOMER-6'));
    const { view, sent } = await runWatched([...READ_ONLY_STEPS]);
    expect(view.steps.filter((s) => READ_ONLY_STEPS.includes(s.id)).every((s) => s.result !== null)).toBe(true);
    expect([...new Set(sent.map((s) => s.action))].filter((a) => !['TriggerMessage', 'GetConfiguration', 'GetLocalListVersion'].includes(a))).toEqual([]);
    expect(stillRunning(tx)).toBe(true);
  }, 120_000);

  it('a run of every step still ends the session before its first step, and lists it', async () => {
    const tx = cb.bench.record.transactions.list({ chargerId: CP, active: true })[0]?.transactionId ?? (await customerCharging('CUSTOMER-7'));
    const { view, sent } = await runWatched(undefined);
    expect(sent).toContainEqual({ action: 'RemoteStopTransaction', payload: { transactionId: tx } });
    expect(stillRunning(tx)).toBe(false);
    expect(view.sessionsEnded?.map((s) => s.transactionId)).toContain(tx);
  }, 300_000);
});
