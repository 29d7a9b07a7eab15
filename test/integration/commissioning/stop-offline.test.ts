// Stop on a commissioning whose charger went offline during the test session: the run ends at once
// instead of waiting for the charger to come back (it used to wait twice chargerTimeoutS before putting
// it back, then end). What it would still have asked of the charger is skipped and recorded as not done
// because of the Stop: the session it would have stopped, the cable, the configuration read at the end.
// While it winds down, the faces are told what it waits for; the report lists what was not put back.
import { expect, it } from 'vitest';
import { builtInTemplates, CommissioningTemplate, SiteJob } from '../../../src/shared/api/commissioning';
import { esc } from '../../../src/main/conformance/reports/html';
import { STOPPED_OFFLINE_NOT_READ } from '../../../src/main/commissioning/wind-down';
import { waitFor } from '../../helpers/bench';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'STOPOFF-1';
const tb = useCommissioningBench('stop-offline', CP, 300);

it('ends at once when stopped with the charger offline, recording what it did not ask of it because of the Stop', async () => {
  const { bench } = tb;
  const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Stop offline', sessionSeconds: 180 });
  const job = SiteJob.parse({ site: 'Depot Ost', location: 'Bay 3', installer: 'A. Person', customer: 'Stadtwerke' });
  const id = (await bench.commissioning.create({ chargerId: CP, job, template })).id;
  const vcp = bench.virtualChargers.charger(CP);
  let transactionId: number | null = null;
  const stopping: string[] = [];
  const off = bench.bus.subscribe((e) => {
    if (e.type === 'commissioningChanged' && e.commissioning.id === id && e.commissioning.running?.stopping) stopping.push(e.commissioning.running.stopping);
    if (transactionId !== null || e.type !== 'frameLogged' || e.message.chargerId !== CP || e.message.kind !== 'CALL' || e.message.action !== 'MeterValues') return;
    const tx = (JSON.parse(e.message.raw) as [number, string, string, { transactionId?: number }])[3].transactionId;
    if (tx === undefined) return;
    // Charging: the charger goes offline with no end (the offline fault, seconds 0).
    transactionId = tx;
    vcp.setFaults({ offline: true, offlineSeconds: 0 });
  });
  try {
    bench.commissioning.run(id, ['C8_SESSION']);
    await waitFor(async () => (transactionId !== null && !bench.centralSystem.isConnected(CP) ? true : null), 60_000);
    bench.commissioning.stop(id);
    // It dropped a moment ago: the Stop first waits for it to come back (as Ctrl-C does); a second Stop (Stop without waiting) ends the wait.
    expect(bench.commissioning.get(id).running?.stopWaiting).toMatchObject({ waitingFor: CP, why: { kind: 'dropped' } });
    bench.commissioning.stop(id);
    // Told at once: the charger is offline, nothing is asked of it.
    expect(bench.commissioning.get(id).running?.stopping).toBe(
      'Stopped: the charger is offline, so it is not asked anything (putting the charger back after Test session is skipped and recorded as not done); ending the run',
    );
    await bench.commissioning.settled(id);
  } finally {
    off();
  }
  const v = bench.commissioning.get(id);
  const r = v.steps.find((s) => s.id === 'C8_SESSION')!.result!;
  expect(v.state).toBe('finished');
  expect(v.running).toBeNull();
  expect(v.lastRun).toMatchObject({ outcome: 'stopped', stoppedIn: 'C8_SESSION' });
  expect(r.verdict).toBe('inconclusive');
  // Not "The charger did not reconnect after the case", after waiting for it: named, one by one, as not done because of the Stop.
  expect(r.cleanupProblems).toEqual([
    `stopping transaction ${transactionId} (it may still run on the charger): not done: the run was stopped while the charger was offline`,
    'asking for the cable in connector 1 to be unplugged: not done: the run was stopped while the charger was offline',
  ]);
  // The read at the end likewise: not asked, because of the Stop.
  expect(v.configAtEndProblem).toBe(STOPPED_OFFLINE_NOT_READ);
  expect(stopping).toContain('Stopped: recording how the run ended');
  const html = String((await bench.commissioning.file(id, 'report.html')).body);
  expect(html).toContain(`<b>Not put back after this step:</b><ul><li>${esc(r.cleanupProblems[0])}</li>`);
  expect(html).toContain(esc(`(${STOPPED_OFFLINE_NOT_READ})`));

  // Back online, the next run starts from a charger put right (its setup ends the session left running).
  vcp.setFaults({ offline: false });
  await waitFor(async () => (bench.centralSystem.isConnected(CP) ? true : null), 60_000);
}, 120_000);
