// The meanings table covers every status of every operation's answer, the outcomes without a status
// read plainly, form problems are said in words on their field, and firmware/diagnostics progress is live.
import { describe, expect, it } from 'vitest';
import { actions } from '../../src/shared/ocpp16';
import { explainResult, meanings, operationActions } from '../../src/renderer/src/features/operations/registry';
import { checkPayload, dateOrText, numberOrText } from '../../src/renderer/src/features/operations/kit/form';
import { runningTransactions, runningTransactionsOf, connectorIdsOf, energySoFarText } from '../../src/renderer/src/features/operations/kit/running';
import { firmwareProgress } from '../../src/renderer/src/features/operations/panels/UpdateFirmware';
import { diagnosticsProgress } from '../../src/renderer/src/features/operations/panels/GetDiagnostics';
import { schedulePoints } from '../../src/renderer/src/features/operations/kit/ScheduleChart';
import { resetLabel } from '../../src/renderer/src/features/operations/panels/Reset';
import { multiConfirmLabel } from '../../src/renderer/src/features/operations/MultiSendDialog';
import { initialBenchState, reduceEvents } from '../../src/renderer/src/stores/bench';
import type { TransactionView } from '../../src/shared/api/views';
import { aTransaction } from './builders';

type Enumish = { options?: readonly string[] };
const statusOptions = (action: (typeof operationActions)[number]): readonly string[] => {
  const shape = (actions[action].response as unknown as { shape: Record<string, Enumish> }).shape;
  return shape.status?.options ?? [];
};

describe('operation meanings', () => {
  it('offers exactly the 19 central-system actions of OCPP 1.6', () => {
    expect(operationActions).toHaveLength(19);
    for (const a of operationActions) expect(actions[a].initiator === 'CS' || actions[a].initiator === 'both').toBe(true);
  });

  it('has a meaning for every status each answer can carry', () => {
    for (const action of operationActions) {
      for (const status of statusOptions(action)) {
        const m = meanings[action][status];
        expect(m, `${action} ${status}`).toBeDefined();
        expect(m.meaning.length).toBeGreaterThan(20);
      }
      expect(Object.keys(meanings[action]).length, action).toBeGreaterThan(0);
    }
  });

  it('says what an unlock answer means for the person at the charger', () => {
    const failed = explainResult('UnlockConnector', { outcome: 'completed', response: { status: 'UnlockFailed' } });
    expect(failed).toMatchObject({ tone: 'error', headline: 'UnlockFailed', status: 'UnlockFailed' });
    expect(failed.meaning).toMatch(/mechanical failure, an active transaction or a safety interlock/);
    expect(explainResult('UnlockConnector', { outcome: 'completed', response: { status: 'NotSupported' } }).meaning).toMatch(/No remote unlock on this model/);
    expect(explainResult('ChangeConfiguration', { outcome: 'completed', response: { status: 'RebootRequired' } })).toMatchObject({ tone: 'warning' });
  });

  it('leaves no hole in a sentence when a value is empty or blank', () => {
    // The schema lets a charger name its diagnostics file with spaces only.
    expect(explainResult('GetDiagnostics', { outcome: 'completed', response: { fileName: '  ' } }).meaning).toBe('The charger will upload (empty) to the location; progress is shown below.');
    expect(explainResult('Reset', { outcome: 'completed', response: { status: '' as never } }).meaning).toBe('The charger answered without a status, which OCPP 1.6 does not allow for Reset.');
    const blankError = explainResult('Reset', { outcome: 'callError', response: null, error: { code: 'InternalError', description: ' ' } } as never);
    expect(blankError.meaning).toBe('The charger hit an internal error while handling Reset.');
    expect(explainResult('Reset', { outcome: 'timeout', error: { description: '' } } as never).meaning).not.toMatch(/\(\s*\)/);
  });

  it('reads answers without a status field', () => {
    expect(explainResult('GetLocalListVersion', { outcome: 'completed', response: { listVersion: 7 } })).toMatchObject({
      headline: 'Version 7',
      meaning: 'The local list on the charger is version 7.',
    });
    expect(explainResult('GetLocalListVersion', { outcome: 'completed', response: { listVersion: -1 } }).headline).toBe('Local list not supported');
    expect(explainResult('GetDiagnostics', { outcome: 'completed', response: { fileName: 'diag.zip' } }).meaning).toContain('"diag.zip"');
    expect(explainResult('GetDiagnostics', { outcome: 'completed', response: {} }).headline).toBe('Nothing to upload');
    expect(explainResult('UpdateFirmware', { outcome: 'completed', response: {} }).tone).toBe('success');
    expect(explainResult('GetConfiguration', { outcome: 'completed', response: { configurationKey: [{ key: 'A', readonly: true }], unknownKey: ['B'] } }).meaning).toBe(
      'The charger reported 1 key(s); 1 key(s) it does not know.',
    );
  });

  it('puts timeout, offline, CALLERROR and an invalid answer in plain words', () => {
    expect(explainResult('Reset', { outcome: 'timeout', error: { description: 'No answer within 30 s' } })).toMatchObject({ tone: 'error', headline: 'No answer' });
    expect(explainResult('Reset', { outcome: 'offline', error: { description: 'not connected' } }).meaning).toMatch(/nothing was sent/);
    const err = explainResult('ReserveNow', { outcome: 'callError', error: { code: 'NotImplemented', description: 'no reservations', details: {} } });
    expect(err.headline).toBe('Error from the charger: NotImplemented');
    expect(err.meaning).toBe('The charger does not implement ReserveNow. It said: "no reservations".');
    // A code OCPP-J 1.6 does not define is said as the charger's conformance fault, beside its own words.
    const made = explainResult('Reset', { outcome: 'callError', error: { code: 'MadeUpCode', description: 'desc', details: {}, violation: 'PropertyConstraintViolation: …' } });
    expect(made.meaning).toBe(
      'The charger answered with error code MadeUpCode. It said: "desc". MadeUpCode is not an OCPP-J 1.6 error code: a conformance fault of the charger, as the message log notes.',
    );
    const bad = explainResult('Reset', {
      outcome: 'invalidResponse',
      response: { status: 'Maybe' },
      error: { code: 'PropertyConstraintViolation', description: 'status: "Maybe" is not one of "Accepted", "Rejected"', details: {} },
    });
    expect(bad.headline).toBe('Invalid answer');
    expect(bad.meaning).toMatch(/breaks the OCPP 1.6 schema for Reset/);
  });
});

describe('operation forms', () => {
  it('checks with the core schema and names each field in words', () => {
    const r = checkPayload('RemoteStartTransaction', { idTag: 'X'.repeat(23), connectorId: numberOrText('1.5') });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual({ idTag: 'At most 20 characters (this one has 23)', connectorId: 'Enter a whole number' });
    expect(checkPayload('ReserveNow', { connectorId: 1, idTag: 'A', reservationId: numberOrText('abc'), expiryDate: dateOrText('not a date') }).errors).toEqual({
      reservationId: 'Enter a whole number',
      expiryDate: 'Enter a date and time',
    });
    expect(checkPayload('UpdateFirmware', { retrieveDate: new Date().toISOString() }).errors).toEqual({ location: 'Required' });
    expect(checkPayload('UpdateFirmware', { location: 'firmware.bin', retrieveDate: new Date().toISOString() }).errors.location).toMatch(/full URL/);
    const limit = checkPayload('SetChargingProfile', {
      connectorId: 0,
      csChargingProfiles: {
        chargingProfileId: 1,
        stackLevel: 0,
        chargingProfilePurpose: 'TxDefaultProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16.05 }] },
      },
    });
    expect(limit.errors).toEqual({ 'csChargingProfiles.chargingSchedule.chargingSchedulePeriod.0.limit': 'Use steps of 0.1' });
    expect(checkPayload('Reset', { type: 'Hard' })).toMatchObject({ ok: true, payload: { type: 'Hard' } });
  });

  it('labels the confirm buttons with exactly what will happen', () => {
    expect(resetLabel('Hard', 'CP001', 1)).toBe('Hard reset CP001 and end 1 transaction');
    expect(resetLabel('Soft', 'CP001', 0)).toBe('Soft reset CP001');
    expect(multiConfirmLabel('Reset', { type: 'Hard' }, 3, 2)).toBe('Hard reset 3 chargers and end 2 transactions');
    expect(multiConfirmLabel('ChangeAvailability', { connectorId: 1, type: 'Inoperative' }, 2, 0)).toBe('Make connector 1 of 2 chargers Inoperative');
  });
});

describe('what is running at a charger', () => {
  const tx = (id: number, connectorId: number, meterStart: number): TransactionView => aTransaction(id, 'CP001', connectorId, `TAG${id}`, { meterStart, startTime: '2025-01-01T10:00:00Z' });

  it('gives the energy so far from the latest meter reading minus meterStart', () => {
    const active = { 1: tx(1, 1, 1000), 2: tx(2, 2, 0) };
    const meter = {
      'CP001/1': [
        { t: Date.parse('2025-01-01T10:01:00Z'), energyWh: 3000, transactionId: 1 },
        { t: Date.parse('2025-01-01T10:02:00Z'), energyWh: 5200, transactionId: 1 },
        { t: Date.parse('2025-01-01T10:03:00Z'), powerW: 7000, transactionId: 1 },
      ],
    };
    expect(runningTransactions(active, meter, 'CP001').map((t) => [t.transactionId, t.energyWh])).toEqual([
      [1, 4200],
      [2, null],
    ]);
    expect(runningTransactions(active, meter, 'CP001', 2).map((t) => t.transactionId)).toEqual([2]);
    expect(runningTransactions(active, meter, 'CP002')).toEqual([]);
  });

  it("gives several chargers' running transactions by charger, as asked charger by charger", () => {
    const at = (chargerId: string, t: TransactionView) => ({ ...t, chargerId });
    const stopped = { ...at('CP002', tx(5, 2, 0)), active: false };
    const active = { 4: at('CP002', tx(4, 2, 10)), 1: tx(1, 2, 1000), 2: tx(2, 1, 0), 3: at('CP002', tx(3, 1, 10)), 5: stopped, 6: at('CP009', tx(6, 1, 0)) };
    const meter = { 'CP002/1': [{ t: Date.parse('2025-01-01T10:01:00Z'), energyWh: 510, transactionId: 3 }] };
    const ids = ['CP002', 'CP001', 'CP003'];
    const by = runningTransactionsOf(active, meter, ids);
    expect(Object.keys(by)).toEqual(ids);
    for (const id of ids) expect(by[id]).toEqual(runningTransactions(active, meter, id));
    expect(by.CP002.map((t) => [t.transactionId, t.energyWh])).toEqual([
      [3, 500],
      [4, null],
    ]);
    expect(by.CP003).toEqual([]);
  });

  it('says a meter went backwards instead of "no reading yet" when its reading is below meterStart', () => {
    const active = { 1: tx(1, 1, 5000), 2: tx(2, 2, 0), 3: tx(3, 3, 100) };
    const meter = {
      'CP001/1': [{ t: Date.parse('2025-01-01T10:01:00Z'), energyWh: 4000, transactionId: 1 }],
      'CP001/3': [{ t: Date.parse('2025-01-01T10:01:00Z'), energyWh: 1600, transactionId: 3 }],
    };
    const [backwards, none, some] = runningTransactions(active, meter, 'CP001');
    expect([backwards.energyWh, backwards.energyWarning]).toEqual([null, expect.stringContaining('below meterStart')]);
    expect(energySoFarText(backwards)).toBe('unknown: the meter went backwards');
    expect(energySoFarText(none)).toBe('no reading yet');
    expect(energySoFarText(some)).toBe('1.50 kWh');
  });

  it("takes the connector dropdown from the charger's real connectors", () => {
    const c = (ids: number[]) => ({ connectors: ids.map((connectorId) => ({ connectorId })) }) as never;
    expect(connectorIdsOf(c([0, 1, 2, 3]))).toEqual([1, 2, 3]);
    expect(connectorIdsOf(c([0]))).toEqual([1]);
    expect(connectorIdsOf(undefined)).toEqual([1]);
  });
});

describe('firmware and diagnostics progress', () => {
  it('follows the status notifications pushed by the bench', () => {
    const s = reduceEvents(initialBenchState, [
      { type: 'firmwareStatus', chargerId: 'CP001', status: 'Downloading', ts: '2025-01-01T10:00:00Z' },
      { type: 'firmwareStatus', chargerId: 'CP001', status: 'Installing', ts: '2025-01-01T10:01:00Z' },
      { type: 'diagnosticsStatus', chargerId: 'CP001', status: 'UploadFailed', ts: '2025-01-01T10:02:00Z' },
    ]);
    expect(s.chargers.CP001.firmwareStatus).toBe('Installing');
    expect(s.chargers.CP001.diagnosticsStatus).toBe('UploadFailed');
    expect(firmwareProgress('Installing')).toMatchObject({ done: 2, current: 2, failed: null });
    expect(firmwareProgress('DownloadFailed')).toMatchObject({ failed: 0 });
    expect(firmwareProgress('InstallationFailed')).toMatchObject({ failed: 2 });
    expect(firmwareProgress('Installed')).toMatchObject({ done: 4, failed: null });
    expect(diagnosticsProgress('UploadFailed')).toMatchObject({ failed: 0 });
  });

  it('draws a schedule as steps held to its end', () => {
    expect(
      schedulePoints({
        chargingRateUnit: 'A',
        duration: 7200,
        chargingSchedulePeriod: [
          { startPeriod: 3600, limit: 8 },
          { startPeriod: 0, limit: 16 },
        ],
      }),
    ).toEqual({ x: [0, 3600, 7200], y: [16, 8, 8] });
  });
});
