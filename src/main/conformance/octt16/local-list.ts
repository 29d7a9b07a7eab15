// 2.17 Local Authorization List: GetLocalListVersion, SendLocalList (full, differential, refused), and a
// remote start authorized from the list.
import type { CaseContext } from '../context';
import { startedCharging } from '../states';
import type { AuthorizationData } from '../../../shared/ocpp16';
import type { Pics } from '../types';
import { profilePresent } from '../pics';
import { all, profile, writable, type Case } from './cases';

/** The case needs the profile and LocalAuthListEnabled true (where the charger has the key). */
const listOn = all(profile('LocalAuthListManagement'), (p) => ('LocalAuthListEnabled' in p.config ? writable('LocalAuthListEnabled', 'true')(p) : null));

const accepted = (idTag: string): AuthorizationData => ({ idTag, idTagInfo: { status: 'Accepted' } });

/** LocalAuthListEnabled true (if implemented), and the list the case sends emptied afterwards. */
async function enableList(t: CaseContext): Promise<void> {
  await t.configureIfPresent('LocalAuthListEnabled', 'true');
  t.touched.localList = true;
}

async function listVersion(t: CaseContext, expected: number): Promise<void> {
  await t.send('GetLocalListVersion', {}, { checks: { listVersion: expected } });
}

/** Why the charger is not one that lacks the profile (TC_043_1_CS), or null. */
const withoutProfile = (p: Pics) => profilePresent(p, 'LocalAuthListManagement');

export const localListCases: Case[] = [
  {
    id: 'TC_042_1_CS',
    title: 'Get Local List Version (not supported)',
    profile: 'LocalAuthListManagement',
    section: '2.17.1',
    // A charger without the profile, or one that lets the list be switched off.
    appliesTo: (p) => (p.profiles.includes('LocalAuthListManagement') ? writable('LocalAuthListEnabled', 'false')(p) : null),
    decisions: ['A CALLERROR NotSupported passes as the document says; so does NotImplemented from a charger without the profile (OCPP-J answers an action it does not implement so).'],
    async run(t) {
      await t.configureIfPresent('LocalAuthListEnabled', 'false');
      await t.send(
        'GetLocalListVersion',
        {},
        { checks: { listVersion: -1 }, callErrors: ['NotSupported', 'NotImplemented'], title: 'Bench sends GetLocalListVersion expecting listVersion -1 or a CALLERROR NotSupported' },
      );
    },
  },
  {
    id: 'TC_042_2_CS',
    title: 'Get Local List Version (empty)',
    profile: 'LocalAuthListManagement',
    section: '2.17.1',
    appliesTo: listOn,
    decisions: ['The list is sent with listVersion 1 and no entries, and reported as version 0: OCPP 1.6 reserves 0 for an empty list, whatever version it was sent with.'],
    async run(t) {
      await enableList(t);
      await t.send('SendLocalList', { listVersion: 1, updateType: 'Full' }, { checks: { status: 'Accepted' } });
      await listVersion(t, 0);
    },
  },
  {
    id: 'TC_043_CS',
    title: 'Send Local Authorization List',
    profile: 'LocalAuthListManagement',
    section: '2.17.2',
    appliesTo: listOn,
    decisions: [
      'The full update (listVersion 1) holds <Configured Valid IdTag>, the differential one (listVersion 2) adds <Configured Valid IdTag 2>, both Accepted (the document gives no versions or entries).',
    ],
    async run(t) {
      await enableList(t);
      await t.send('SendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: [accepted(t.data.validIdTag)] }, { checks: { status: 'Accepted' } });
      await t.send('SendLocalList', { listVersion: 2, updateType: 'Differential', localAuthorizationList: [accepted(t.data.validIdTag2)] }, { checks: { status: 'Accepted' } });
    },
  },
  {
    id: 'TC_043_1_CS',
    title: 'Send Local Authorization List - NotSupported',
    profile: 'LocalAuthListManagement',
    section: '2.17.2',
    appliesTo: withoutProfile,
    decisions: ['The full update holds <Configured Valid IdTag> (listVersion 1). A CALLERROR NotImplemented passes too: OCPP-J answers an action a charger does not implement so.'],
    async run(t) {
      // A charger that takes the list after all gets it emptied afterwards.
      t.touched.localList = true;
      const answer = await t.send(
        'SendLocalList',
        { listVersion: 1, updateType: 'Full', localAuthorizationList: [accepted(t.data.validIdTag)] },
        { checks: { status: 'NotSupported' }, callErrors: ['NotSupported', 'NotImplemented'], title: 'Bench sends SendLocalList expecting status NotSupported or a CALLERROR NotSupported' },
      );
      if ('callError' in answer) t.touched.localList = false;
    },
  },
  {
    id: 'TC_043_2_CS',
    title: 'Send Local Authorization List - VersionMismatch',
    profile: 'LocalAuthListManagement',
    section: '2.17.2',
    appliesTo: listOn,
    decisions: [
      'Each update carries an entry (version 2: <Configured Valid IdTag>; 5: <Configured Valid IdTag 2>; 4: <Configured Valid IdTag> again), so the list is never empty and its version is not reported as 0.',
    ],
    async run(t) {
      await enableList(t);
      await t.send('SendLocalList', { listVersion: 2, updateType: 'Full', localAuthorizationList: [accepted(t.data.validIdTag)] }, { checks: { status: 'Accepted' } });
      await listVersion(t, 2);
      await t.send('SendLocalList', { listVersion: 5, updateType: 'Differential', localAuthorizationList: [accepted(t.data.validIdTag2)] }, { checks: { status: 'Accepted' } });
      await listVersion(t, 5);
      await t.send('SendLocalList', { listVersion: 4, updateType: 'Differential', localAuthorizationList: [accepted(t.data.validIdTag)] }, { checks: { status: 'VersionMismatch' } });
      await listVersion(t, 5);
    },
  },
  {
    id: 'TC_043_3_CS',
    title: 'Send Local Authorization List - Failed',
    profile: 'LocalAuthListManagement',
    section: '2.17.2',
    appliesTo: listOn,
    decisions: [
      'Where the charger reports LocalAuthListMaxLength, the bench brings about the failure itself: the full update holds one entry more than the list can hold. Otherwise the operator is asked to bring the charger into a state in which storing a list fails.',
    ],
    async run(t) {
      await enableList(t);
      const max = Number(t.pics.config.LocalAuthListMaxLength);
      let list: AuthorizationData[] = [accepted(t.data.validIdTag)];
      if (Number.isInteger(max) && max >= 0 && max < 10_000) list = Array.from({ length: max + 1 }, (_, i) => accepted(`OCTT-LIST-${i + 1}`));
      else await t.operator({ kind: 'confirm', question: 'Bring the charger into a state in which storing a local authorization list will fail (e.g. its list storage full), then press Done.' });
      await t.send(
        'SendLocalList',
        { listVersion: 2, updateType: 'Full', localAuthorizationList: list },
        { checks: { status: 'Failed' }, title: `Bench sends SendLocalList (${list.length} entries) expecting status Failed` },
      );
    },
  },
  {
    id: 'TC_008_CS',
    title: 'Regular Start Charging Session – Id in Local Authorization List',
    profile: 'LocalAuthListManagement',
    section: '2.17.3',
    appliesTo: all(listOn, writable('LocalPreAuthorize', 'true'), writable('AuthorizeRemoteTxRequests', 'true')),
    decisions: [
      'The full update has listVersion 1; the remote start names <Configured ConnectorId> and <Configured Valid IdTag>.',
      'An Authorize.req before StartTransaction fails the case: the idTag is in the local list and LocalPreAuthorize is true, and the document shows none.',
    ],
    async run(t) {
      const c = t.connectorId;
      const idTag = t.data.validIdTag;
      await t.configure('LocalPreAuthorize', 'true');
      await t.configureIfPresent('AuthorizationCacheEnabled', 'false');
      await enableList(t);
      await t.configure('AuthorizeRemoteTxRequests', 'true');
      await t.send('GetLocalListVersion', {});
      await t.send('SendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: [accepted(idTag)] }, { checks: { status: 'Accepted' } });
      await t.operator({ kind: 'plug', connectorId: c });
      await t.expect('StatusNotification', { where: { connectorId: c, status: 'Preparing' } });
      await t.send('RemoteStartTransaction', { connectorId: c, idTag }, { checks: { status: 'Accepted' } });
      await startedCharging(t, c, idTag);
    },
  },
];
