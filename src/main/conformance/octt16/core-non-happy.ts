// 2.10 Core Profile - Basic Actions Non-happy flow, 2.11 Remote Actions Non-Happy Flow, 2.12 Unlocking
// Non-happy flow, and 2.16 Fault Behavior Non-Happy Flow.
import type { CaseContext } from '../context';
import { charging, connectorFaulted, readKey } from '../states';
import type { Pics } from '../types';
import { all, configureIfWritable, reader, socket, writable, type Case } from './cases';

const lock = (p: Pics) => (p.connectorLock ? null : 'The charger has no connector lock');

/** Within <Configured Transaction Duration>, no transaction starts. */
const noTransaction = (t: CaseContext, why: string) => t.expectNone(['StartTransaction'], t.data.transactionDurationS, `${why}: no StartTransaction for ${t.data.transactionDurationS} s`);

export const basicNonHappyCases: Case[] = [
  {
    id: 'TC_023_CS',
    title: 'Start Charging Session – Authorize invalid',
    profile: 'Core',
    section: '2.10.1',
    appliesTo: reader,
    decisions: [
      'No StartTransaction may come within <Configured Transaction Duration> after the Invalid answer (the document gives no time; TC_041_CS uses this one).',
      'MinimumStatusDuration 10 and LocalPreAuthorize true are set where the charger has them writable.',
    ],
    async run(t) {
      const c = t.connectorId;
      await configureIfWritable(t, 'MinimumStatusDuration', '10');
      await configureIfWritable(t, 'LocalPreAuthorize', 'true');
      await t.operator({ kind: 'plug', connectorId: c });
      await t.expect('StatusNotification', { where: { connectorId: c, status: 'Preparing' } });
      await t.operator({ kind: 'presentIdTag', connectorId: c, idTag: t.data.invalidIdTag });
      await t.expect('Authorize', { title: 'Charger sends Authorize (answered Invalid)' });
      await noTransaction(t, 'An invalid card');
    },
  },
  {
    id: 'TC_024_CS',
    title: 'Start Charging Session - Lock Failure',
    profile: 'Core',
    section: '2.10.2',
    appliesTo: all(socket, lock),
    decisions: [
      'The RemoteStartTransaction carries <Configured ConnectorId> and <Configured Valid IdTag>; Authorize and Preparing may come in either order (as in the Authorized state).',
      'After the Faulted report, no StartTransaction may come within <Configured Transaction Duration> (the verdict says no transaction starts; no step gives a time).',
    ],
    async run(t) {
      const c = t.connectorId;
      const authorizeRemote = (await readKey(t, 'AuthorizeRemoteTxRequests')) === 'true';
      await t.send('RemoteStartTransaction', { connectorId: c, idTag: t.data.validIdTag }, { checks: { status: 'Accepted' } });
      const preparing = { action: 'StatusNotification' as const, where: { connectorId: c, status: 'Preparing' } };
      if (authorizeRemote) await t.expectAll([{ action: 'Authorize', checks: { idTag: t.data.validIdTag } }, preparing]);
      else await t.expect(preparing.action, preparing);
      await t.operator({ kind: 'plugHalfway', connectorId: c });
      await t.expect('StatusNotification', { where: { connectorId: c, status: 'Faulted' }, checks: { errorCode: 'ConnectorLockFailure' } });
      await noTransaction(t, 'The lock failed');
    },
  },
];

export const remoteNonHappyCases: Case[] = [
  {
    id: 'TC_026_CS',
    title: 'Remote Start Charging Session – Rejected',
    profile: 'Core',
    section: '2.11.1',
    appliesTo: writable('LocalPreAuthorize', 'false'),
    decisions: ['The RemoteStartTransaction carries <Configured Valid IdTag> (the document names only the connector).'],
    async run(t) {
      await t.configure('LocalPreAuthorize', 'false');
      await charging(t);
      await t.send('RemoteStartTransaction', { connectorId: t.connectorId, idTag: t.data.validIdTag }, { checks: { status: 'Rejected' } });
    },
  },
  {
    id: 'TC_027_CS',
    title: 'Remote start transaction - connector id shall not be 0',
    profile: 'Core',
    section: '2.11.2',
    decisions: ['A CALLERROR of any code passes, as does status Rejected (the scenario allows a CallError and names no code).', 'The request carries <Configured Valid IdTag>.'],
    async run(t) {
      await t.send(
        'RemoteStartTransaction',
        { connectorId: 0, idTag: t.data.validIdTag },
        {
          title: 'Bench sends RemoteStartTransaction for connector 0 expecting status Rejected, or a CALLERROR',
          callErrors: 'any',
          checks: [(p) => (p.callError || p.status === 'Rejected' ? null : `status Rejected or a CALLERROR (got ${String(p.status)})`)],
        },
      );
    },
  },
  {
    id: 'TC_028_CS',
    title: 'Remote Stop Transaction – Rejected',
    profile: 'Core',
    section: '2.11.3',
    decisions: ['<Unknown transactionId> is the highest transaction id the bench knows on the charger plus 1000.'],
    async run(t) {
      const tx = await charging(t);
      const unknown = Math.max(tx, ...t.host.openTransactions().map((o) => o.transactionId)) + 1000;
      await t.send(
        'RemoteStopTransaction',
        { transactionId: unknown },
        { checks: { status: 'Rejected' }, title: `Bench sends RemoteStopTransaction for unknown transaction ${unknown} expecting status Rejected` },
      );
    },
  },
];

export const unlockNonHappyCases: Case[] = [
  {
    id: 'TC_030_CS',
    title: 'Unlock Connector – Unlock Failure',
    profile: 'Core',
    section: '2.12.1',
    appliesTo: all(socket, lock),
    decisions: ['UnlockConnector goes to <Configured ConnectorId>; the operator makes its lock unable to open first (the prerequisite).'],
    async run(t) {
      await t.operator({ kind: 'jamLock', connectorId: t.connectorId });
      await t.send('UnlockConnector', { connectorId: t.connectorId }, { checks: { status: 'UnlockFailed' } });
    },
  },
  {
    id: 'TC_031_CS',
    title: 'Unlock Connector – Unknown Connector',
    profile: 'Core',
    section: '2.12.2',
    decisions: ['<Unknown connectorId> is NumberOfConnectors plus 1.'],
    async run(t) {
      const unknown = t.pics.connectors + 1;
      await t.send(
        'UnlockConnector',
        { connectorId: unknown },
        { checks: { status: 'NotSupported' }, title: `Bench sends UnlockConnector for connector ${unknown} (there is none) expecting status NotSupported` },
      );
    },
  },
];

export const faultCases: Case[] = [
  {
    id: 'TC_041_CS',
    title: 'Fault Behavior',
    profile: 'Core',
    section: '2.16.1',
    decisions: [
      'The fault is caused on <Configured ConnectorId> (the SetConnectorFaulted state); the driver then plugs in and, where the charger has a reader, presents <Configured Valid IdTag>.',
      'The end of the case clears the fault on the virtual charger (the document does not say); on a real charger the operator clears it by hand before the next case.',
    ],
    async run(t) {
      const c = t.connectorId;
      await connectorFaulted(t, c);
      await t.operator({ kind: 'plug', connectorId: c });
      if (t.pics.reader) await t.operator({ kind: 'presentIdTag', connectorId: c, idTag: t.data.validIdTag });
      await noTransaction(t, 'The connector is faulted');
    },
  },
];
