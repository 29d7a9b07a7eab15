// 2.5 Core Profile - Remote actions Happy flow.
import { charging, readKey, startedCharging, stoppedCharging } from '../states';
import type { CaseContext } from '../context';
import { OUTSIDE_SCRIPT, type Case } from './cases';

/** Steps 1-8 of TC_011_1 and TC_011_2: RemoteStartTransaction before the cable, then Preparing. */
async function remoteStartFirst(t: CaseContext): Promise<void> {
  const authorizeRemote = (await readKey(t, 'AuthorizeRemoteTxRequests')) === 'true';
  await t.send('RemoteStartTransaction', { connectorId: t.connectorId, idTag: t.data.validIdTag }, { checks: { status: 'Accepted' } });
  const preparing = { action: 'StatusNotification' as const, where: { connectorId: t.connectorId, status: 'Preparing' } };
  if (authorizeRemote) await t.expectAll([{ action: 'Authorize', checks: { idTag: t.data.validIdTag } }, preparing]);
  else await t.expect(preparing.action, preparing);
}

export const remoteCases: Case[] = [
  {
    id: 'TC_010_CS',
    title: 'Remote Start Charging Session – Cable Plugged in First',
    profile: 'Core',
    section: '2.5.1',
    async run(t) {
      await charging(t);
    },
  },
  {
    id: 'TC_011_1_CS',
    title: 'Remote Start Charging Session – Remote Start First',
    profile: 'Core',
    section: '2.5.2',
    decisions: ['Authorize and Preparing may come in either order after the RemoteStartTransaction (as in the Authorized state).'],
    async run(t) {
      await remoteStartFirst(t);
      await t.operator({ kind: 'plug', connectorId: t.connectorId });
      await startedCharging(t, t.connectorId, t.data.validIdTag);
    },
  },
  {
    id: 'TC_011_2_CS',
    title: 'Remote Start Charging Session – Time Out',
    profile: 'Core',
    section: '2.5.3',
    decisions: ['The charger must be back to Available within ConnectionTimeOut plus 10 s, with no StartTransaction.'],
    async run(t) {
      await t.configure('ConnectionTimeOut', String(t.data.connectionTimeoutS));
      await remoteStartFirst(t);
      await t.expectNone(['StartTransaction'], Math.max(1, t.data.connectionTimeoutS - 5), 'No cable: no StartTransaction while ConnectionTimeOut runs');
      await t.expect('StatusNotification', { where: { connectorId: t.connectorId, status: 'Available' }, within: 20, title: 'Charger goes back to Available once ConnectionTimeOut has passed' });
    },
  },
  {
    id: 'TC_012_CS',
    title: 'Remote Stop Charging Session',
    profile: 'Core',
    section: '2.5.4',
    decisions: [OUTSIDE_SCRIPT],
    async run(t) {
      const tx = await charging(t);
      await t.send('RemoteStopTransaction', { transactionId: tx }, { checks: { status: 'Accepted' } });
      await stoppedCharging(t, tx, { reason: 'Remote' });
    },
  },
];
