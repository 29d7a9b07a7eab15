// A run leaves the fault switches a person turned on as they were: the virtual charger's hands (a jammed
// lock, the network cut) switch off after a case only what they switched on themselves, so a stuck
// connector set for the run still makes the next TC_017_1_CS fail. Every switch the bench changes during
// the run, its own hands' too, is in the run's faults.switched.
import { describe, expect, it } from 'vitest';
import { useFaultRunBench } from '../../helpers/fault-run-bench';

const fr = useFaultRunBench('fixrun-switches', 'QA-BAD');
const { runOf, runCaseOf, faults, connectedAgain } = fr;

describe('a stuck connector a person switched on before the run', () => {
  it('stays on after TC_030_CS (which jams the lock), and the next TC_017_1_CS still fails on it', async () => {
    fr.bench().virtualChargers.setFault('QA-BAD', 'stuck-connector', { on: true });
    try {
      const jam = await runOf(['TC_030_CS']);
      expect(faults().stuckConnector).toBe(true);
      // The bench changed no switch: the one on stays on, as the run's record says.
      expect(jam.faults).toEqual({ atStart: ['Stuck connector'], switched: [] });
      const unlock = await runOf(['TC_017_1_CS']);
      expect(unlock.cases.map((c) => [c.id, c.verdict])).toEqual([['TC_017_1_CS', 'fail']]);
      expect(faults().stuckConnector).toBe(true);
    } finally {
      fr.bench().virtualChargers.setFault('QA-BAD', 'stuck-connector', { on: false });
    }
  }, 120_000);

  it('that the run jammed itself is off after the case, both switches in faults.switched', async () => {
    expect(faults().stuckConnector).toBe(false);
    const run = await runOf(['TC_030_CS']);
    expect(faults().stuckConnector).toBe(false);
    expect(run.faults?.atStart).toEqual([]);
    expect(run.faults?.switched.map(({ caseId, on, off }) => ({ caseId, on, off }))).toEqual([
      { caseId: 'TC_030_CS', on: ['Stuck connector'], off: [] },
      { caseId: 'TC_030_CS', on: [], off: ['Stuck connector'] },
    ]);
    // And TC_017_1_CS passes on the charger put back.
    expect((await runOf(['TC_017_1_CS'])).cases.map((c) => c.verdict)).toEqual(['pass']);
  }, 120_000);
});

describe('the network the run cuts (disconnectNetwork)', () => {
  it('is back after the case when the run cut it, both switches in faults.switched', async () => {
    const { result, record } = await runCaseOf('X_CUT', async (t) => {
      await t.operator({ kind: 'disconnectNetwork' });
    });
    expect(faults().offline).toBe(false);
    expect(result.cases[0]!.cleanupProblems).toEqual([]);
    expect(record.switched.map(({ caseId, on, off }) => ({ caseId, on, off }))).toEqual([
      { caseId: 'X_CUT', on: ['Offline'], off: [] },
      { caseId: 'X_CUT', on: [], off: ['Offline'] },
    ]);
    await connectedAgain();
  }, 120_000);

  it('stays cut when a person switched Offline on: neither the case reconnecting it nor the put-back switches it off', async () => {
    try {
      const { result, record } = await runCaseOf('X_PERSON', async (t) => {
        // A person switches Offline on during the case (through the bench, as the UI does).
        fr.bench().virtualChargers.setFault('QA-BAD', 'offline', { on: true, seconds: 0 });
        await t.operator({ kind: 'disconnectNetwork' });
        await t.operator({ kind: 'reconnectNetwork' });
      });
      expect(faults()).toMatchObject({ offline: true, offlineSeconds: 0 });
      expect(record.switched.map(({ caseId, on, off }) => ({ caseId, on, off }))).toEqual([{ caseId: 'X_PERSON', on: ['Offline'], off: [] }]);
      // The put-back waited for the charger as for any other; it stayed offline, by the person's switch (named, not the charger).
      expect(fr.bench().virtualChargers.get('QA-BAD').connection).not.toBe('connected');
      expect(result.cases[0]!.cleanupProblems).toEqual(['The charger stayed offline after the case: the Offline switch a person set holds it']);
    } finally {
      fr.bench().virtualChargers.setFault('QA-BAD', 'offline', { on: false });
    }
    await connectedAgain();
  }, 120_000);
});
