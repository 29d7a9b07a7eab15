// "Unlock each connector" with connectors whose lock did not open: the advice names the socket to check, and
// with more than one failed, each of them ("the lock actuator of each socket"), not "that socket".
import { describe, expect, it } from 'vitest';
import { unlockEach } from '../../../../src/main/commissioning/each-connector';
import { eachConnectorContext } from '../../../helpers/each-connector-context';

/** A charger with NumberOfConnectors 2, both Available, answering UnlockConnector with `answers` per connector. */
function answering(answers: Record<number, string>) {
  const ctx = eachConnectorContext({ NumberOfConnectors: '2' }, { 1: 'Available', 2: 'Available' });
  (ctx.t as unknown as { send: unknown }).send = async (_action: string, p: { connectorId: number }) => ({ status: answers[p.connectorId] });
  return ctx;
}

describe('connectors whose lock did not open', () => {
  it('with both UnlockFailed, says to check the lock actuator of each socket', async () => {
    const { t } = answering({ 1: 'UnlockFailed', 2: 'UnlockFailed' });
    await expect(unlockEach(t)).rejects.toThrow('connector 1 answered UnlockFailed, connector 2 answered UnlockFailed: check the lock actuator of each socket (nothing may hold the plug)');
  });

  it('with one UnlockFailed, says to check the lock actuator of that socket', async () => {
    const { t } = answering({ 1: 'Unlocked', 2: 'UnlockFailed' });
    await expect(unlockEach(t)).rejects.toThrow('connector 2 answered UnlockFailed: check the lock actuator of that socket (nothing may hold the plug)');
  });
});
