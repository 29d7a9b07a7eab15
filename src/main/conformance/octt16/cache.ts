// 2.4 Cache.
import { authorized, idTagCached, startedCharging } from '../states';
import { all, reader, writable, type Case } from './cases';
import type { Pics } from '../types';

/** TC_007_CS: AuthorizeRemoteTxRequests must not be read-only with value false. */
const authorizesRemoteStarts = (p: Pics) =>
  p.readOnly.includes('AuthorizeRemoteTxRequests') && p.config.AuthorizeRemoteTxRequests === 'false' ? 'AuthorizeRemoteTxRequests is read-only with value false' : null;

export const cacheCases: Case[] = [
  {
    id: 'TC_007_CS',
    title: 'Regular Start Charging Session – Cached Id',
    profile: 'Core',
    section: '2.4.1',
    appliesTo: all(reader, writable('AuthorizationCacheEnabled', 'true'), writable('LocalPreAuthorize', 'true'), authorizesRemoteStarts),
    decisions: [
      'The RemoteStartTransaction carries <Configured ConnectorId> and the cached <Configured Valid IdTag> (the document gives no payload).',
      'An Authorize for the cached idTag fails the case: the document leaves it out of the sequence, and the case exists to show the charger starts from its cache without asking.',
    ],
    async run(t) {
      const c = t.connectorId;
      await t.configure('AuthorizationCacheEnabled', 'true');
      await t.configureIfPresent('AuthorizeRemoteTxRequests', 'true');
      await t.configure('LocalPreAuthorize', 'true');
      await idTagCached(t);
      await t.operator({ kind: 'plug', connectorId: c });
      await t.expect('StatusNotification', { where: { connectorId: c, status: 'Preparing' } });
      await t.send('RemoteStartTransaction', { connectorId: c, idTag: t.data.validIdTag }, { checks: { status: 'Accepted' } });
      await startedCharging(t, c, t.data.validIdTag);
    },
  },
  {
    id: 'TC_061_CS',
    title: 'Clear Authorization Data in Authorization Cache',
    profile: 'Core',
    section: '2.4.2',
    appliesTo: all(reader, writable('AuthorizationCacheEnabled', 'true'), writable('LocalPreAuthorize', 'true'), writable('ConnectionTimeOut')),
    decisions: [
      'Step 1 (Preparing) is the Preparing of the Authorized state, not a second one.',
      'The card is not presented a second time to de-authorize: the bench waits for ConnectionTimeOut (the alternative the document gives), then Available within ConnectionTimeOut plus 10 s.',
      'The card presented after ClearCache is <Configured Valid IdTag> (the one used in the Authorized state).',
    ],
    async run(t) {
      const c = t.connectorId;
      await t.configure('AuthorizationCacheEnabled', 'true');
      await t.configure('LocalPreAuthorize', 'true');
      await t.configure('ConnectionTimeOut', String(t.data.connectionTimeoutS));
      await authorized(t);
      await t.expect('StatusNotification', {
        where: { connectorId: c, status: 'Available' },
        within: t.data.connectionTimeoutS + 10,
        title: 'Charger goes back to Available once ConnectionTimeOut has passed',
      });
      await t.send('ClearCache', {}, { checks: { status: 'Accepted' } });
      await t.operator({ kind: 'presentIdTag', connectorId: c, idTag: t.data.validIdTag });
      await t.expect('Authorize', { checks: { idTag: t.data.validIdTag }, title: 'Charger sends Authorize for the card it had cached (the cache is empty now)' });
    },
  },
];
