// Who switched a fault switch during a run. The run's own steps (the virtual charger's hands jamming the
// lock in TC_030_CS, cutting the network) are kept in the record, marked by: 'run', but are not injected
// misbehaviour: a clean run says no "Faults injected" and compares equal with a run without them, while a
// person's switch still shows. A person's timed Offline ending by itself is recorded when it ends; a switch
// a person changed after the run turned it on is theirs, and the run's put-back leaves it as they set it.
import { describe, expect, it } from 'vitest';
import { junitReport } from '../../../src/main/conformance/reports/junit';
import { htmlReport } from '../../../src/main/conformance/reports/html';
import { faultsDuringRun, faultsInjectedText } from '../../../src/shared/api/test-runs';
import { useFaultRunBench } from '../../helpers/fault-run-bench';

const ID = 'QA-REC';
const fr = useFaultRunBench('fixrec', ID);
const { runOf, runCaseOf, faults, connectedAgain, clock } = fr;

describe("the run's own steps (TC_030_CS jams the lock)", () => {
  it('a clean run says no "Faults injected" anywhere and has the same faults as a run without TC_030_CS; the record keeps them, marked', async () => {
    expect(faults().stuckConnector).toBe(false);
    const jam = await runOf(['TC_030_CS']);
    expect(jam.faults?.switched.map(({ caseId, on, off, by }) => ({ caseId, on, off, by }))).toEqual([
      { caseId: 'TC_030_CS', on: ['Stuck connector'], off: [], by: 'run' },
      { caseId: 'TC_030_CS', on: [], off: ['Stuck connector'], by: 'run' },
    ]);
    expect(faultsInjectedText(jam)).toBeNull();
    expect(faultsDuringRun(jam)).toEqual([]);
    expect(junitReport(jam)).not.toContain('Faults injected');
    expect(htmlReport(jam)).not.toContain('Faults injected');
    expect(htmlReport(jam)).not.toContain('Fault injected while this case ran');
    // What a comparison compares: the same as a clean run without TC_030_CS.
    const other = await runOf(['TC_017_1_CS']);
    expect(faultsDuringRun(jam)).toEqual(faultsDuringRun(other));
  }, 120_000);

  it("a person's Stuck connector, on for the whole run, still shows and still differs from a clean run", async () => {
    fr.bench().virtualChargers.setFault(ID, 'stuck-connector', { on: true });
    try {
      const jam = await runOf(['TC_030_CS']);
      expect(faultsInjectedText(jam)).toBe('Faults injected: Stuck connector (on when the run started)');
      expect(faultsDuringRun(jam)).toEqual(['Stuck connector']);
      expect(junitReport(jam)).toContain('Faults injected: Stuck connector');
    } finally {
      fr.bench().virtualChargers.setFault(ID, 'stuck-connector', { on: false });
    }
  }, 120_000);
});

describe("a person's timed Offline (back after N s)", () => {
  it('is recorded switched off by itself when its time is up, in the case then running, not at the next switch', async () => {
    const { record } = await runCaseOf('X_TIMED', async (t) => {
      fr.bench().virtualChargers.setFault(ID, 'offline', { on: true, seconds: 5 });
      await t.wait(8, 'the Offline switch ends by itself');
      expect(faults().offline).toBe(false);
      await t.operator({ kind: 'jamLock', connectorId: 1 });
    });
    expect(record.switched.map(({ caseId, on, off, by }) => ({ caseId, on, off, by }))).toEqual([
      { caseId: 'X_TIMED', on: ['Offline (5 s)'], off: [], by: undefined },
      { caseId: 'X_TIMED', on: [], off: ['Offline (5 s)'], by: 'itself' },
      { caseId: 'X_TIMED', on: ['Stuck connector'], off: [], by: 'run' },
      { caseId: 'X_TIMED', on: [], off: ['Stuck connector'], by: 'run' },
    ]);
    const [on, back] = record.switched;
    expect(Date.parse(back!.at) - Date.parse(on!.at)).toBe(5000);
    expect(faultsInjectedText({ faults: record })).toMatch(/Offline \(5 s\) switched off by itself at \d\d:\d\d:\d\d UTC during X_TIMED$/);
    await connectedAgain();
  }, 120_000);
});

describe('a switch a person changed after the run turned it on', () => {
  it('is theirs: Offline set to 30 s over the network the run cut stays on through the reconnect; the put-back waits for the charger, which is back when its 30 s are up', async () => {
    const { result, record } = await runCaseOf('X_TAKEN', async (t) => {
      await t.operator({ kind: 'disconnectNetwork' });
      fr.bench().virtualChargers.setFault(ID, 'offline', { on: true, seconds: 30 });
      await t.operator({ kind: 'reconnectNetwork' });
    });
    try {
      // The put-back did not switch it off: it waited for the charger as for any other, and the person's
      // switch ended by itself after its 30 s (from when they set them), the charger back then.
      expect(record.switched.map(({ caseId, on, off, by }) => ({ caseId, on, off, by }))).toEqual([
        { caseId: 'X_TAKEN', on: ['Offline'], off: [], by: 'run' },
        { caseId: 'X_TAKEN', on: ['Offline (30 s)'], off: ['Offline'], by: undefined },
        { caseId: 'X_TAKEN', on: [], off: ['Offline (30 s)'], by: 'itself' },
      ]);
      const [, set, back] = record.switched;
      expect(Date.parse(back!.at) - Date.parse(set!.at)).toBe(30_000);
      expect(faults()).toMatchObject({ offline: false, offlineSeconds: 30 });
      expect(result.cases[0]!.cleanupProblems).toEqual([]);
    } finally {
      fr.bench().virtualChargers.setFault(ID, 'offline', { on: false });
    }
    await connectedAgain();
  }, 120_000);
});

describe('a switch of the run passes to a person as soon as they switch it through the bench', () => {
  it('Stuck connector switched off and on again by a person during the case stays on after the put-back, and shows as theirs', async () => {
    const { record } = await runCaseOf('X_AGAIN', async (t) => {
      await t.operator({ kind: 'jamLock', connectorId: 1 });
      fr.bench().virtualChargers.setFault(ID, 'stuck-connector', { on: false });
      fr.bench().virtualChargers.setFault(ID, 'stuck-connector', { on: true });
    });
    try {
      // The values are as the run set them again, but the switch is the person's: the put-back leaves it on.
      expect(faults().stuckConnector).toBe(true);
      expect(record.switched.map(({ caseId, on, off, by }) => ({ caseId, on, off, by }))).toEqual([
        { caseId: 'X_AGAIN', on: ['Stuck connector'], off: [], by: 'run' },
        { caseId: 'X_AGAIN', on: [], off: ['Stuck connector'], by: undefined },
        { caseId: 'X_AGAIN', on: ['Stuck connector'], off: [], by: undefined },
      ]);
      expect(faultsInjectedText({ faults: record })).toContain('Stuck connector');
    } finally {
      fr.bench().virtualChargers.setFault(ID, 'stuck-connector', { on: false });
    }
  }, 120_000);

  it('Offline whose "Back after" alone a person edited over the network the run cut: not put back, the charger held offline until its seconds are up, and the switch named, not the charger', async () => {
    let setAt = 0;
    const { result } = await runCaseOf('X_HELD', async (t) => {
      await t.operator({ kind: 'disconnectNetwork' });
      setAt = clock.now();
      fr.bench().virtualChargers.setFaults(ID, { offlineSeconds: 600 });
    });
    try {
      expect(faults()).toMatchObject({ offline: true, offlineSeconds: 600 });
      // The put-back waited for the charger as for any other and, since it did not come back, named the
      // person's switch (not a charger that "did not reconnect", and not a charger found connected).
      const problems = result.cases[0]!.cleanupProblems;
      expect(problems).toEqual(['The charger stayed offline after the case: the Offline switch a person set during the case holds it (back 600 s after it was set)']);
      expect(result.cases[0]!.frames.some((f) => f.action === 'BootNotification')).toBe(false);
      // Their 600 s hold it offline (on the run's fake clock) until they are up, and no longer.
      await clock.advance(setAt + 599_000 - clock.now());
      expect(faults().offline).toBe(true);
      expect(fr.bench().virtualChargers.get(ID).connection).not.toBe('connected');
      await clock.advance(2_000);
      expect(faults().offline).toBe(false);
    } finally {
      fr.bench().virtualChargers.setFault(ID, 'offline', { on: false });
    }
    await connectedAgain();
  }, 120_000);
});
