// 2.7 Core Profile - Unlocking Happy flow.
import { charging, stoppedCharging } from '../states';
import { fixedCable, socket, type Case } from './cases';

export const unlockCases: Case[] = [
  {
    id: 'TC_017_1_CS',
    title: 'Unlock connector - no charging session running (Not fixed cable)',
    profile: 'Core',
    section: '2.7.1',
    appliesTo: socket,
    async run(t) {
      await t.send('UnlockConnector', { connectorId: t.connectorId }, { checks: { status: 'Unlocked' } });
    },
  },
  {
    id: 'TC_017_2_CS',
    title: 'Unlock connector - no charging session running (Fixed cable)',
    profile: 'Core',
    section: '2.7.2',
    appliesTo: fixedCable,
    async run(t) {
      await t.send('UnlockConnector', { connectorId: t.connectorId }, { checks: { status: 'NotSupported' } });
    },
  },
  {
    id: 'TC_018_1_CS',
    title: 'Unlock Connector - With Charging Session (Not fixed cable)',
    profile: 'Core',
    section: '2.7.3',
    appliesTo: socket,
    async run(t) {
      const tx = await charging(t);
      await t.send('UnlockConnector', { connectorId: t.connectorId }, { checks: { status: 'Unlocked' } });
      await stoppedCharging(t, tx, { reason: 'UnlockCommand' });
      await t.operator({ kind: 'unplug', connectorId: t.connectorId });
      await t.expect('StatusNotification', { where: { connectorId: t.connectorId, status: 'Available' } });
    },
  },
  {
    id: 'TC_018_2_CS',
    title: 'Unlock Connector - With Charging Session (Fixed cable)',
    profile: 'Core',
    section: '2.7.4',
    appliesTo: fixedCable,
    decisions: ['The session keeps running after NotSupported; the end of the case stops it.'],
    async run(t) {
      await charging(t);
      await t.send('UnlockConnector', { connectorId: t.connectorId }, { checks: { status: 'NotSupported' } });
    },
  },
];
