// What the charger's answer to GetLocalListVersion means; it is sent from the local list panel
// (SendLocalList.tsx), to read the version before sending a list.
import type { SentFrom } from '../kit/page';

export const GetLocalListVersion: SentFrom<'GetLocalListVersion'> = {
  sentFrom: 'SendLocalList',
  meanings: {
    Version: { tone: 'success', headline: 'Version {listVersion}', meaning: 'The local list on the charger is version {listVersion}.' },
    Empty: { tone: 'info', headline: 'No local list', meaning: 'The charger has no local list yet (version 0).' },
    NotSupported: { tone: 'warning', headline: 'Local list not supported', meaning: 'The charger does not support a local list (version -1).' },
  },
  // The answer is a number: 0 means no list, -1 no support for one.
  statusOf: ({ listVersion }) => (listVersion === 0 ? 'Empty' : listVersion === -1 ? 'NotSupported' : 'Version'),
};
