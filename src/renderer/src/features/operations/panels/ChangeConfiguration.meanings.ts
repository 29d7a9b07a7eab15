// What the charger's answers to ChangeConfiguration mean; it is sent from the configuration keys panel
// (GetConfiguration.tsx), one key at a time.
import type { SentFrom } from '../kit/page';

export const ChangeConfiguration: SentFrom<'ChangeConfiguration'> = {
  sentFrom: 'GetConfiguration',
  meanings: {
    Accepted: { tone: 'success', meaning: 'The new value is in effect.' },
    Rejected: { tone: 'error', meaning: 'The charger refused the value: the key is read-only, or the value is out of range or in the wrong format.' },
    RebootRequired: { tone: 'warning', meaning: 'Stored, but it takes effect only after the charger restarts (Reset).' },
    NotSupported: { tone: 'warning', meaning: 'The charger does not know this key.' },
  },
};
