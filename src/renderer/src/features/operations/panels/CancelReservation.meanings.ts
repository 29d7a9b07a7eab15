// What the charger's answers to CancelReservation mean; it is sent from the reservations panel
// (ReserveNow.tsx).
import type { SentFrom } from '../kit/page';

export const CancelReservation: SentFrom<'CancelReservation'> = {
  sentFrom: 'ReserveNow',
  meanings: {
    Accepted: { tone: 'success', meaning: 'The reservation is cancelled; the connector is free again.' },
    Rejected: { tone: 'error', meaning: 'The charger has no reservation with this id (it may have expired or been used).' },
  },
};
