// 2.2 Start Charging Session.
import { authorized, startedCharging } from '../states';
import { reader, all, OUTSIDE_SCRIPT, type Case } from './cases';

export const startCases: Case[] = [
  {
    id: 'TC_003_CS',
    title: 'Regular Charging Session - Plugin First',
    profile: 'Core',
    section: '2.2.1',
    appliesTo: reader,
    decisions: [OUTSIDE_SCRIPT],
    async run(t) {
      const c = t.connectorId;
      await t.operator({ kind: 'plug', connectorId: c });
      await t.expect('StatusNotification', { where: { connectorId: c, status: 'Preparing' } });
      await t.operator({ kind: 'presentIdTag', connectorId: c, idTag: t.data.validIdTag });
      await t.expect('Authorize', { checks: { idTag: t.data.validIdTag } });
      await startedCharging(t, c, t.data.validIdTag);
    },
  },
  {
    id: 'TC_004_1_CS',
    title: 'Regular Charging Session – Identification First',
    profile: 'Core',
    section: '2.2.2',
    appliesTo: reader,
    async run(t) {
      await t.configureIfPresent('MeterValueSampleInterval', String(t.data.meterValueIntervalS));
      await authorized(t);
      await t.operator({ kind: 'plug', connectorId: t.connectorId });
      await startedCharging(t, t.connectorId, t.data.validIdTag);
    },
  },
  {
    id: 'TC_004_2_CS',
    title: 'Regular Charging Session – Identification First - ConnectionTimeOut',
    profile: 'Core',
    section: '2.2.3',
    appliesTo: all(reader),
    decisions: ['The charger must be back to Available within ConnectionTimeOut plus 10 s.'],
    async run(t) {
      await t.configure('ConnectionTimeOut', String(t.data.connectionTimeoutS));
      await authorized(t);
      await t.expectNone(['StartTransaction'], Math.max(1, t.data.connectionTimeoutS - 5), 'No cable: no StartTransaction while ConnectionTimeOut runs');
      await t.expect('StatusNotification', { where: { connectorId: t.connectorId, status: 'Available' }, within: 20, title: 'Charger goes back to Available once ConnectionTimeOut has passed' });
    },
  },
];
