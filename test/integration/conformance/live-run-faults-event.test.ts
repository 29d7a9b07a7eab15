// The run's record of its fault switches reaches the faces as it changes: when the run's own step jams the
// lock (TC_030_CS), testRunChanged carries the record with the switch marked by: 'run', told as the switch
// is made (the charger's Stuck connector on then), so a run's page open meanwhile tells it from an injected one.
import { describe, expect, it } from 'vitest';
import type { InjectedFaults } from '../../../src/shared/api/test-runs';
import { useFaultRunBench } from '../../helpers/fault-run-bench';

const ID = 'QA-LIVE';
const fr = useFaultRunBench('live-faults-event', ID);

describe('testRunChanged during a run on a built-in virtual charger', () => {
  it("carries the run's record of fault switches when the run's own step switches one", async () => {
    const told: { faults: InjectedFaults; state: string; caseId: string | null; stuck: boolean }[] = [];
    let others = 0;
    const off = fr.bench().bus.subscribe((e) => {
      if (e.type !== 'testRunChanged' || e.run.chargerId !== ID) return;
      if (e.run.faults) told.push({ faults: e.run.faults, state: e.run.state, caseId: e.run.caseId, stuck: fr.faults().stuckConnector });
      else others++;
    });
    let run;
    try {
      run = await fr.runOf(['TC_030_CS']);
    } finally {
      off();
    }
    const entries = (f: InjectedFaults) => f.switched.map(({ caseId, on, off, by }) => ({ caseId, on, off, by }));
    const jam = { caseId: 'TC_030_CS', on: ['Stuck connector'], off: [], by: 'run' };
    const back = { caseId: 'TC_030_CS', on: [], off: ['Stuck connector'], by: 'run' };
    // One told per switch recorded, while the case runs, as it is made; the run's other events carry no record.
    expect(told.map(({ state, caseId, stuck }) => ({ state, caseId, stuck }))).toEqual([
      { state: 'running', caseId: 'TC_030_CS', stuck: true },
      { state: 'running', caseId: 'TC_030_CS', stuck: false },
    ]);
    expect(others).toBeGreaterThan(0);
    // Each the record as it was then (not changed by a later switch), and the last one the run's kept record.
    expect(entries(told[0]!.faults)).toEqual([jam]);
    expect(entries(told[1]!.faults)).toEqual([jam, back]);
    expect(told[1]!.faults).toEqual(run.faults);
  }, 120_000);
});
