// Outages met by commissioning steps that ask nobody, on fake time, that ENDED before the step gave up: the
// charger dropped during the step and was back (connected) when the step ended.
// - a configuration read (the offline authorization policy) that found the charger gone, the charger back right
//   after: inconclusive, naming the outage with when it went and when it was back (not "had not come back"),
//   not a failure of the charger's policy;
// - the Reset step (its restart is an outage that ends) is in reset-back-words.test.ts.
import { expect, it } from 'vitest';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import type { OperationResult } from '../../../src/shared/api/views';
import { builtInTemplates, CommissioningTemplate, SiteJob } from '../../../src/shared/api/commissioning';
import { useCommissioningBench } from '../../helpers/commissioning-bench';
import { waitFor } from '../../helpers/bench';

const ID = 'OUT-ENDED-1';
const tb = useCommissioningBench('outage-ended', ID);
const job = SiteJob.parse({ site: 'Depot West', location: 'Bay 5', installer: 'A. Person', customer: 'Stadtwerke' });
const knownCards = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Known cards', offlinePolicy: 'knownCards' });

type Operate = (chargerId: string, action: string, payload: unknown, opts?: object) => Promise<OperationResult>;
/** What the bench hears of the charger (connected or not), once it has heard it. */
const online = (want: boolean) => waitFor(async () => (tb.bench.centralSystem.isConnected(ID) === want ? true : null), 30_000);

it('is inconclusive naming when the charger went and when it was back, when it drops as a key is read and is back before the step ends', async () => {
  const svc = tb.bench.commissioning;
  const vcp = tb.bench.virtualChargers.charger(ID);
  const ops = tb.bench.operations as unknown as { operateByName: Operate };
  const own = ops.operateByName.bind(ops);
  let dropped = false;
  // Gone just before the step reads LocalAuthListEnabled (that read finds it not connected); back right after.
  ops.operateByName = async (chargerId, action, payload, opts) => {
    if (chargerId !== ID || dropped || action !== 'GetConfiguration' || !JSON.stringify(payload).includes('LocalAuthListEnabled')) return own(chargerId, action, payload, opts);
    dropped = true;
    vcp.setFaults({ offline: true, offlineSeconds: 0 });
    await online(false);
    const answer = await own(chargerId, action, payload, opts);
    vcp.setFaults({ offline: false });
    await online(true);
    return answer;
  };
  try {
    const c = await svc.create({ chargerId: ID, job, template: knownCards });
    svc.run(c.id, ['C7_OFFLINE']);
    await svc.settled(c.id);
    const r = svc.get(c.id).steps.find((s) => s.id === 'C7_OFFLINE')!.result!;
    expect(dropped).toBe(true);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(
      /^The charger was offline from .+ \(simulated clock\) to .+ \(simulated clock\), during this step: at “Bench reads LocalAuthListEnabled”, the charger is not connected, so the step could not be judged\. Check the charger's network connection \(and its power\), then Run again\.$/,
    );
    expect(r.reason).not.toMatch(/had not come back|already offline|What happened|offline policy/);
  } finally {
    ops.operateByName = own;
    vcp.setFaults({ offline: false });
    await virtualTarget(tb.bench, ID);
  }
}, 120_000);
