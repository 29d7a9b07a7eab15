// The test session step beginning with the charger already offline (it dropped before the step, after the
// run's own first request), on fake time: its notes (and, when it stays offline, its reason) say the charger
// was already offline when the step began, as every other step does (prompts.ts throughOutage), not that it
// "went offline" during the step at the time the step began.
import { describe, expect, it } from 'vitest';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import type { OperationResult } from '../../../src/shared/api/views';
import { builtInTemplates, CommissioningTemplate, SiteJob } from '../../../src/shared/api/commissioning';
import type { CaseResult } from '../../../src/main/conformance/types';
import { outageWords } from '../../../src/main/commissioning/outages';
import { formatDateTimeWithZone } from '../../../src/shared/format/time';
import { useCommissioningBench } from '../../helpers/commissioning-bench';
import { waitFor } from '../../helpers/bench';

const ID = 'SESS-OFF-START-1';
const tb = useCommissioningBench('session-offline-at-start', ID);
const job = SiteJob.parse({ site: 'Depot Ost', location: 'Bay 6', installer: 'A. Person', customer: 'Stadtwerke' });
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Offline at start', sessionSeconds: 60, loadLimit: null });

type Operate = (chargerId: string, action: string, payload: unknown, opts?: object) => Promise<OperationResult>;
const online = (want: boolean) => waitFor(async () => (tb.bench.centralSystem.isConnected(ID) === want ? true : null), 30_000);

/**
 * Runs the test session alone, the charger dropped (Offline until switched off) once the run's first request is
 * answered; `back`: switched back on as the step's first request (its read of AuthorizeRemoteTxRequests) goes.
 */
async function sessionOfflineAtStart(back: boolean): Promise<CaseResult> {
  const svc = tb.bench.commissioning;
  const vcp = tb.bench.virtualChargers.charger(ID);
  const ops = tb.bench.operations as unknown as { operateByName: Operate };
  const own = ops.operateByName.bind(ops);
  let dropped = false;
  let returned = false;
  ops.operateByName = async (chargerId, action, payload, opts) => {
    if (back && dropped && !returned && chargerId === ID && JSON.stringify(payload).includes('AuthorizeRemoteTxRequests')) {
      returned = true;
      vcp.setFaults({ offline: false });
      await online(true);
    }
    const answer = await own(chargerId, action, payload, opts);
    if (chargerId === ID && !dropped) {
      dropped = true;
      vcp.setFaults({ offline: true, offlineSeconds: 0 });
      await online(false);
    }
    return answer;
  };
  try {
    const c = await svc.create({ chargerId: ID, job, template });
    svc.run(c.id, ['C8_SESSION']);
    await svc.settled(c.id);
    expect(dropped).toBe(true);
    expect(returned).toBe(back);
    return svc.get(c.id).steps.find((s) => s.id === 'C8_SESSION')!.result!;
  } finally {
    ops.operateByName = own;
    vcp.setFaults({ offline: false });
    await virtualTarget(tb.bench, ID);
  }
}

const notes = (r: CaseResult) => r.observations.filter((o) => o.note).map((o) => o.text);

describe('the test session step beginning with the charger already offline', () => {
  it('says so in its reason and its note when the charger stays offline', async () => {
    const r = await sessionOfflineAtStart(false);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(
      /^The charger was already offline when this step began \(.+ \(simulated clock\)\), and had not come back .*when the step gave up: the test session could not be started and measured\./,
    );
    expect(notes(r)).toEqual([
      expect.stringMatching(/^The charger was already offline when this step began \(.+ \(simulated clock\)\), and had not come back when the step ended at .+; the session could not start\.$/),
    ]);
    for (const text of [r.reason!, ...notes(r)]) expect(text).not.toMatch(/went offline/);
  }, 120_000);

  it('says so in its note when the charger comes back during the step', async () => {
    const r = await sessionOfflineAtStart(true);
    expect(notes(r)).toEqual([
      expect.stringMatching(
        /^The charger was already offline when this step began \(.+ \(simulated clock\)\) and came back at .+ \(simulated clock\), during the test session step, before the session started\.$/,
      ),
    ]);
    expect(notes(r).join(' ')).not.toMatch(/went offline|was offline for/);
  }, 120_000);

  it('words one outage the same way the steps judged through an outage do', () => {
    const began = Date.parse('2026-03-02T09:58:12.000Z');
    const text = outageWords({ from: began, to: null, phase: 'before', atStart: true }, began + 90_000);
    expect(text).toBe(
      `The charger was already offline when this step began (${formatDateTimeWithZone(began)}), and had not come back when the step ended at ${formatDateTimeWithZone(began + 90_000)} (1 min 30 s later); the session could not start.`,
    );
  });
});
