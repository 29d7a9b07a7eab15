// Outages met by commissioning steps that ask nobody, on fake time, on a charger with two connectors:
// - a step that checks each connector (Availability): the charger's own refusal on connector 2 (ChangeAvailability
//   Rejected) decides the step, although connector 1 could not be asked (the charger was not connected then, and
//   reconnected right after): the step fails in the installer's words, naming connector 2's request, and is not
//   left inconclusive by the outage;
// - a step (the offline authorization policy) that begins with the charger already offline (it dropped before the
//   step, and stays offline): inconclusive, saying it was already offline when the step began, not that it went
//   offline during the step.
import { describe, expect, it } from 'vitest';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import type { OperationResult } from '../../../src/shared/api/views';
import { builtInTemplates, CommissioningTemplate, SiteJob } from '../../../src/shared/api/commissioning';
import type { CaseResult } from '../../../src/main/conformance/types';
import { useCommissioningBench } from '../../helpers/commissioning-bench';
import { waitFor } from '../../helpers/bench';

const ID = 'REVIEW-OUT-2';
const tb = useCommissioningBench('review-fixes-outage', ID, { connectors: 2 });
const job = SiteJob.parse({ site: 'Depot Nord', location: 'Bay 4', installer: 'A. Person', customer: 'Stadtwerke' });
const knownCards = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Known cards', offlinePolicy: 'knownCards' });

type Operate = (chargerId: string, action: string, payload: unknown, opts?: object) => Promise<OperationResult>;
/** What the bench hears of the charger (connected or not), once it has heard it. */
const online = (want: boolean) => waitFor(async () => (tb.bench.centralSystem.isConnected(ID) === want ? true : null), 30_000);

/**
 * Runs one step alone, the bench's requests to the charger passed through `around` (given the bench's own way to
 * send one). The charger's faults are off again after, and it connected.
 */
async function runStep(stepId: string, around: (send: Operate, action: string, payload: unknown, opts?: object) => Promise<OperationResult>): Promise<CaseResult> {
  const svc = tb.bench.commissioning;
  const vcp = tb.bench.virtualChargers.charger(ID);
  const ops = tb.bench.operations as unknown as { operateByName: Operate };
  const own = ops.operateByName.bind(ops);
  ops.operateByName = (chargerId, action, payload, opts) => (chargerId === ID ? around(own, action, payload, opts) : own(chargerId, action, payload, opts));
  try {
    const c = await svc.create({ chargerId: ID, job, template: knownCards });
    svc.run(c.id, [stepId]);
    await svc.settled(c.id);
    return svc.get(c.id).steps.find((s) => s.id === stepId)!.result!;
  } finally {
    ops.operateByName = own;
    vcp.setFaults({ offline: false, actions: {} });
    await virtualTarget(tb.bench, ID);
  }
}

describe("a step over each connector, the charger not connected for connector 1's request, refusing connector 2's", () => {
  it('fails on the refusal, in the installer’s words naming connector 2, not inconclusive', async () => {
    const vcp = tb.bench.virtualChargers.charger(ID);
    let dropped = false;
    const r = await runStep('C9_AVAILABILITY', async (send, action, payload, opts) => {
      if (dropped || action !== 'ChangeAvailability' || (payload as { connectorId: number }).connectorId !== 1) return send(ID, action, payload, opts);
      // Gone just before connector 1 is asked; back right after, refusing to take a connector out of service.
      dropped = true;
      vcp.setFaults({ offline: true, offlineSeconds: 0 });
      await online(false);
      const answer = await send(ID, action, payload, opts);
      vcp.setFaults({ offline: false, actions: { ChangeAvailability: { mode: 'reject', delaySeconds: 0, errorCode: 'InternalError' } } });
      await online(true);
      return answer;
    });
    expect(dropped).toBe(true);
    expect(r.verdict).toBe('fail');
    expect(r.measurements.filter((m) => /^Connector \d$/.test(m.label)).map((m) => [m.label, m.value, m.ok])).toEqual([
      ['Connector 1', `the charger was not connected: Charger ${ID} is not connected`, false],
      ['Connector 2', 'it answered {"status":"Rejected"}', false],
    ]);
    expect(r.reason).toContain('What happened: at “Bench takes connector 2 out of service (ChangeAvailability Inoperative)”');
    expect(r.reason).not.toMatch(/could not be judged|offline at/);
  }, 120_000);
});

describe("the unlock step, the charger not connected for connector 1's UnlockConnector, connector 2 answering UnlockFailed", () => {
  it('fails on the UnlockFailed (judged before the outage), not inconclusive', async () => {
    const vcp = tb.bench.virtualChargers.charger(ID);
    let dropped = false;
    const r = await runStep('C9_UNLOCK', async (send, action, payload, opts) => {
      if (action !== 'UnlockConnector') return send(ID, action, payload, opts);
      if (dropped) return { ...(await send(ID, action, payload, opts)), response: { status: 'UnlockFailed' } } as OperationResult;
      dropped = true;
      vcp.setFaults({ offline: true, offlineSeconds: 0 });
      await online(false);
      const answer = await send(ID, action, payload, opts);
      vcp.setFaults({ offline: false, actions: {} });
      await online(true);
      return answer;
    });
    expect(dropped).toBe(true);
    expect(r.verdict).toBe('fail');
    expect(r.reason).toContain('connector 2 answered UnlockFailed');
    expect(r.reason).not.toMatch(/could not be judged|offline at/);
  }, 120_000);
});

describe('a step that begins with the charger already offline, which stays offline', () => {
  it('is inconclusive saying the charger was already offline when the step began, not that it went offline during it', async () => {
    const vcp = tb.bench.virtualChargers.charger(ID);
    let dropped = false;
    // The run's first request (its read of the configuration) is answered; then the charger drops, before the step.
    const r = await runStep('C7_OFFLINE', async (send, action, payload, opts) => {
      const answer = await send(ID, action, payload, opts);
      if (!dropped) {
        dropped = true;
        vcp.setFaults({ offline: true, offlineSeconds: 0 });
        await online(false);
      }
      return answer;
    });
    expect(dropped).toBe(true);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(
      /^The charger was already offline when this step began \(.+\), and had not come back (\d+ s later, )?when the step gave up: at “.+”, the charger is not connected, so the step could not be judged\. Check the charger's network connection \(and its power\), then Run again\.$/,
    );
    expect(r.reason).not.toMatch(/went offline at|during this step/);
  }, 120_000);
});
