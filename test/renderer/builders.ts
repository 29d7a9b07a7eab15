// Builders for the component tests: a charger with its connectors, a running transaction, meter rows and
// an operation's answer, each with what a test does not care about filled in.
import type { OperationResult } from '../../src/shared/api/contract';
import type { BenchEvent, ChargerEventView, ChargerView, ConnectorView, MessageView, MeterValueView, OperationProgressView, OperationView, TransactionView } from '../../src/shared/api/views';
import { defaultTestData, type RunListItem, type RunResult } from '../../src/shared/api/test-runs';
import type { CommissioningListItem } from '../../src/shared/api/commissioning';
import { aCaseResult } from '../helpers/run-results';

// A case's result is built where the report tests (Node) build it too.
export { aCaseResult };

export const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

export function aConnector(connectorId: number, over: Partial<ConnectorView> = {}): ConnectorView {
  return { connectorId, status: 'Available', errorCode: 'NoError', info: null, vendorId: null, vendorErrorCode: null, timestamp: null, updatedAt: minutesAgo(30), ...over };
}

export function aCharger(id: string, over: Partial<ChargerView> = {}): ChargerView {
  return {
    id,
    connected: true,
    firstSeen: minutesAgo(120),
    lastSeen: minutesAgo(1),
    lastHeartbeat: minutesAgo(1),
    remoteAddress: '10.0.0.7:51000',
    bootPolicy: null,
    registrationStatus: 'Accepted',
    lastBoot: minutesAgo(60),
    boot: { chargePointVendor: 'Alfen', chargePointModel: 'Eve Double', firmwareVersion: '6.2.1' },
    firmwareStatus: null,
    diagnosticsStatus: null,
    hasPassword: false,
    registered: false,
    virtual: false,
    connectors: [aConnector(0), aConnector(1), aConnector(2)],
    ...over,
  };
}

export function aTransaction(transactionId: number, chargerId: string, connectorId: number, idTag: string, over: Partial<TransactionView> = {}): TransactionView {
  return {
    transactionId,
    chargerId,
    connectorId,
    idTag,
    authStatus: 'Accepted',
    reservationId: null,
    meterStart: 1000,
    startTime: minutesAgo(10),
    meterStop: null,
    stopTime: null,
    stopReason: null,
    stopIdTag: null,
    energyWh: null,
    active: true,
    ...over,
  };
}

/** One stored meter value: an energy register reading in Wh, periodic, unless told otherwise. */
export function aMeterValue(over: Partial<MeterValueView> = {}): MeterValueView {
  return {
    id: 0,
    chargerId: 'CP001',
    connectorId: 1,
    transactionId: null,
    timestamp: minutesAgo(1),
    value: '0',
    measurand: 'Energy.Active.Import.Register',
    phase: null,
    unit: 'Wh',
    context: 'Sample.Periodic',
    location: null,
    format: 'Raw',
    ...over,
  };
}

/** One MeterValues sample as stored: energy register and power. */
export function meterRows(chargerId: string, connectorId: number, timestamp: string, energyWh: number, powerW: number, transactionId: number | null): MeterValueView[] {
  const base = { chargerId, connectorId, transactionId, timestamp };
  return [aMeterValue({ ...base, value: String(energyWh) }), aMeterValue({ ...base, measurand: 'Power.Active.Import', value: String(powerW), unit: 'W' })];
}

/** A time as the bench gives it, about now: `s` seconds from now, on a whole second. */
export const secondsFromNow = (s: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + s * 1000).toISOString();

/** What the bench says of one of CP001's operations (its ref, action and state): queued at `at`, not sent, unless patched. */
export const operationChanged = (at: string, patch: Partial<OperationProgressView> & Pick<OperationProgressView, 'ref' | 'action' | 'state'>): BenchEvent => ({
  type: 'operationChanged',
  operation: { chargerId: 'CP001', queuedAt: at, sentAt: null, dueBy: null, operationId: null, ...patch },
  ts: at,
});

export const completed = (response: Record<string, unknown>): OperationResult => ({ outcome: 'completed', response: response as never, operationId: 1 });

/**
 * A finished run of a virtual charger on a fake clock, as `chargebench test --virtual` makes it: one case
 * passed, 90 s of charger time in 3 s, unless patched.
 */
export function aRunResult(patch: Partial<RunResult> = {}): RunResult {
  return {
    id: 'run-1',
    chargerId: 'VCP1',
    charger: { vendor: 'ChargeBench', model: 'Virtual AC', firmware: '1.0.0', serial: null },
    virtual: true,
    startedAt: '2025-01-01T10:00:00.000Z',
    finishedAt: '2025-01-01T10:01:30.000Z',
    ms: 90_000,
    wallMs: 3000,
    fakeTime: true,
    benchVersion: '0.1.0',
    data: defaultTestData(),
    pics: null,
    planned: ['TC_003_CS'],
    cases: [aCaseResult({ id: 'TC_003_CS', title: 'Regular Charging Session - Plugin First' })],
    summary: { pass: 1, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
    state: 'finished',
    ...patch,
  };
}

/** An operation of CP001's in the bench's record, sent and answered at `at`. */
export const aCompletedOperation = (id: number, action: string, request: unknown, response: unknown, at: string): OperationView => ({
  id,
  chargerId: 'CP001',
  action,
  request,
  sentAt: at,
  finishedAt: at,
  outcome: 'completed',
  response,
  error: null,
});

/** The bench's words for a StopTransaction naming a transaction it never started (handlers/ownership). */
const strayStopWarning = (transactionId: number) => `StopTransaction for transaction ${transactionId}, which the bench never started: not applied`;

/**
 * What the bench records of a charger's StopTransaction for a transaction it never started
 * (handlers/StopTransaction): its warning, the request as sent (stopped at `ts`), and, once its frame is in
 * the message log, the frame's id. Event 7, meterStop 5000, no reason, no frame id, unless told otherwise.
 */
export function aStrayStopEvent(chargerId: string, transactionId: number, ts: string, over: { meterStop?: number; reason?: string; frameId?: number; id?: number } = {}): ChargerEventView {
  const { meterStop = 5000, reason, frameId, id = 7 } = over;
  return {
    id,
    chargerId,
    ts,
    action: 'StopTransaction',
    data: {
      warning: strayStopWarning(transactionId),
      request: { transactionId, meterStop, timestamp: ts, ...(reason !== undefined && { reason }) },
      unknownTransaction: true,
      ...(frameId !== undefined && { frameId }),
    },
  };
}

/**
 * That StopTransaction's frame as the message log holds it, flagged with the same words as a warning note
 * (handlers/ownership's stopFrameNote); without its id, as the bench pushes it live. meterStop 5000 unless told.
 */
export function aStrayStopFrame(chargerId: string, transactionId: number, ts: string, messageId: string, meterStop = 5000): Omit<MessageView, 'id'> {
  return {
    ts,
    chargerId,
    direction: 'in',
    kind: 'CALL',
    messageId,
    action: 'StopTransaction',
    raw: JSON.stringify([2, messageId, 'StopTransaction', { transactionId, meterStop, timestamp: ts }]),
    error: `Warning: ${strayStopWarning(transactionId)}`,
  };
}

/** A test run in the runs list (running on `chargerId` by default). */
export const aRun = (id: string, chargerId: string, state: RunListItem['state'] = 'running'): RunListItem => ({
  id,
  chargerId,
  startedAt: minutesAgo(2),
  finishedAt: null,
  state,
  summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
});

/** A commissioning running on `chargerId`, in the commissionings list. */
export const aCommissioning = (chargerId: string): CommissioningListItem => ({
  id: 'com-1',
  chargerId,
  site: 'Depot Nord',
  location: 'Bay 4',
  state: 'running',
  verdict: 'incomplete',
  createdAt: minutesAgo(5),
  updatedAt: minutesAgo(1),
});
