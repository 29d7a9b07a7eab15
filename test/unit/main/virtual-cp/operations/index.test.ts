// The operations the charger answers: one per central-system action of OCPP 1.6, handlers only for its
// feature profiles, silence while Rejected, the protocol faults per action, and a few answers in detail.
import { describe, expect, it } from 'vitest';
import type { Handler } from '../../../../../src/main/rpc/endpoint';
import { handlersFor, operations } from '../../../../../src/main/virtual-cp/operations';
import { actions, centralSystemActions, OcppError } from '../../../../../src/shared/ocpp16';
import { fakeWire, type FakeWire } from '../../../../helpers/vcp-model';

const handler = (w: FakeWire, action: string) => (handlersFor(w.cp) as Record<string, Handler>)[action];
const answer = (w: FakeWire, action: string, payload: unknown) => handler(w, action)(payload as never, `m-${action}`);
const unanswered = (p: Promise<unknown>) => Promise.race([p.then(() => 'answered'), new Promise((r) => setTimeout(() => r('silent'), 30))]);

describe('the operations map', () => {
  it('answers every central-system action of OCPP 1.6, and of the security extension GetLog only', () => {
    const simulated = [...centralSystemActions.filter((a) => actions[a].profile !== 'Security'), 'GetLog'];
    expect(Object.keys(operations).sort()).toEqual(simulated.sort());
    expect(simulated).toHaveLength(20);
  });

  it('has handlers only for the charger\u2019s feature profiles (the endpoint answers NotSupported for the rest), and ReserveNow', () => {
    const core = fakeWire({ profiles: ['Core'] });
    expect(Object.keys(handlersFor(core.cp)).sort()).toEqual(
      [
        ...Object.keys(operations).filter((a) => actions[a as keyof typeof actions].profile === 'Core'),
        // A charger not configured to accept reservations answers ReserveNow Rejected (OCPP 1.6 ReservationStatus).
        'ReserveNow',
        // The security log is kept whatever the feature profiles.
        'GetLog',
      ].sort(),
    );
    expect(Object.keys(handlersFor(fakeWire().cp))).toHaveLength(20);
  });

  it('answers ReserveNow Rejected without the Reservation profile (OCTT TC_048_4_CS, TC_050_4_CS)', async () => {
    const w = fakeWire({ profiles: ['Core', 'SmartCharging'] });
    for (const connectorId of [0, 1]) expect(await answer(w, 'ReserveNow', { connectorId, expiryDate: '2030-01-01T00:00:00Z', idTag: 'TAG1', reservationId: 1 })).toEqual({ status: 'Rejected' });
    expect(handler(w, 'CancelReservation')).toBeUndefined();
  });

  it('answers nothing at all while the registration is Rejected', async () => {
    const w = fakeWire();
    w.cp.boot.registration = 'Rejected';
    expect(await unanswered(Promise.resolve(answer(w, 'ClearCache', {})))).toBe('silent');
  });
});

describe('protocol faults per action', () => {
  it('refuse with the action\u2019s own refusal, a CALLERROR, a late answer, or none', async () => {
    const w = fakeWire();
    w.cp.setFaults({
      actions: { UnlockConnector: { mode: 'reject', delaySeconds: 10, errorCode: 'InternalError' }, UpdateFirmware: { mode: 'reject', delaySeconds: 10, errorCode: 'InternalError' } },
    });
    expect(await answer(w, 'UnlockConnector', { connectorId: 1 })).toEqual({ status: 'UnlockFailed' });
    await expect(answer(w, 'UpdateFirmware', { location: 'http://x/fw.bin', retrieveDate: '2026-01-01T00:00:00Z' })).rejects.toMatchObject({ code: 'GenericError' });
    w.cp.setFaults({ actions: { ClearCache: { mode: 'callError', delaySeconds: 10, errorCode: 'NotSupported' } } });
    await expect(answer(w, 'ClearCache', {})).rejects.toBeInstanceOf(OcppError);
    w.cp.setFaults({ actions: { DataTransfer: { mode: 'delay', delaySeconds: 20, errorCode: 'InternalError' } } });
    const late = Promise.resolve(answer(w, 'DataTransfer', { vendorId: 'ChargeBench', messageId: 'echo', data: 'hi' }));
    await w.clock.advance(19_000);
    expect(await unanswered(late)).toBe('silent');
    await w.clock.advance(1_000);
    expect(await late).toEqual({ status: 'Accepted', data: 'hi' });
    w.cp.setFaults({ actions: { Reset: { mode: 'ignore', delaySeconds: 10, errorCode: 'InternalError' } } });
    expect(await unanswered(Promise.resolve(answer(w, 'Reset', { type: 'Soft' })))).toBe('silent');
  });
});

describe('answers', () => {
  it('RemoteStartTransaction picks the connector with the cable in, and starts once the answer is out', async () => {
    const w = fakeWire();
    w.cp.plug(2);
    expect(await answer(w, 'RemoteStartTransaction', { idTag: 'REMOTE' })).toEqual({ status: 'Accepted' });
    expect(w.sent()).not.toContain('StartTransaction');
    await w.flush();
    expect(w.calls.find((c) => c.action === 'StartTransaction')?.payload).toMatchObject({ connectorId: 2, idTag: 'REMOTE' });
  });

  it('UnlockConnector draws from the unlock-outcome weights, and ends the transaction before saying Unlocked', async () => {
    const w = fakeWire({}, { random: () => 0.5 });
    w.cp.setFaults({ unlockOutcomes: { Unlocked: 1, UnlockFailed: 0, NotSupported: 1 } });
    expect(await answer(w, 'UnlockConnector', { connectorId: 1 })).toEqual({ status: 'NotSupported' });
    w.cp.setFaults({ unlockOutcomes: null });
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    expect(await answer(w, 'UnlockConnector', { connectorId: 1 })).toEqual({ status: 'Unlocked' });
    expect(w.calls.find((c) => c.action === 'StopTransaction')?.payload.reason).toBe('UnlockCommand');
    expect(await answer(w, 'UnlockConnector', { connectorId: 3 })).toEqual({ status: 'NotSupported' });
  });

  it('with a fixed cable, UnlockConnector answers NotSupported and the session goes on; the EV leaving locks no cable in', async () => {
    const w = fakeWire({ fixedCable: true });
    w.cp.config.setInternal('UnlockConnectorOnEVSideDisconnect', 'false');
    expect(await answer(w, 'UnlockConnector', { connectorId: 1 })).toEqual({ status: 'NotSupported' });
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    await w.settle();
    expect(await answer(w, 'UnlockConnector', { connectorId: 1 })).toEqual({ status: 'NotSupported' });
    expect(w.sent()).not.toContain('StopTransaction');
    expect(w.cp.view().connectors[0]!.transaction).not.toBeNull();
    w.cp.unplug(1);
    await w.flush();
    expect(w.calls.find((c) => c.action === 'StopTransaction')?.payload.reason).toBe('EVDisconnected');
    // No socket holds a cable for the card: the connector is free at once.
    expect(w.cp.view().connectors[0]!.status).toBe('Available');
  });

  it('ChangeAvailability and TriggerMessage refuse connectors the charger does not have', async () => {
    const w = fakeWire();
    expect(await answer(w, 'ChangeAvailability', { connectorId: 3, type: 'Inoperative' })).toEqual({ status: 'Rejected' });
    expect(await answer(w, 'TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 3 })).toEqual({ status: 'Rejected' });
    expect(await answer(w, 'TriggerMessage', { requestedMessage: 'StatusNotification' })).toEqual({ status: 'Accepted' });
    await w.flush();
    expect(w.calls.map((c) => c.payload.connectorId)).toEqual([0, 1, 2]);
  });
});
