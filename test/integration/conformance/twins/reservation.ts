// Failing twins of the OCTT cases of section 2.20 (Reservation): for each case, how the virtual charger
// misbehaves, and the step and reason the case must fail with.
import type { Misbehaviour } from '../../../../src/main/virtual-cp/misbehaviour';
import type { Twins } from './types';

const reserveAnswer = (status: string): Misbehaviour => ({ kind: 'answer', action: 'ReserveNow', patch: { status } });
/** The StartTransaction without the reservation's id (null removes the field), or with another one. */
const startReservation = (reservationId: number | null): Misbehaviour => ({ kind: 'patch', action: 'StartTransaction', patch: { reservationId } });

export const reservationTwins: Twins = {
  TC_046_1_CS: { rules: [startReservation(null)], step: /StartTransaction/, reason: /reservationId/ },
  TC_046_2_CS: { rules: [startReservation(99)], step: /StartTransaction/, reason: /reservationId/ },
  TC_047_CS: { rules: [{ kind: 'drop', action: 'StatusNotification', where: { connectorId: 1, status: 'Available' } }], step: /expires/, reason: /nothing came/ },
  TC_048_1_CS: { rules: [reserveAnswer('Accepted')], step: /ReserveNow/, reason: /status Faulted/ },
  TC_048_2_CS: { rules: [reserveAnswer('Accepted')], step: /ReserveNow/, reason: /status Occupied/ },
  TC_048_3_CS: { rules: [reserveAnswer('Accepted')], step: /ReserveNow/, reason: /status Unavailable/ },
  TC_049_CS: { rules: [startReservation(null)], step: /StartTransaction/, reason: /reservationId/ },
  TC_050_1_CS: { rules: [reserveAnswer('Accepted')], step: /ReserveNow/, reason: /status Faulted/ },
  TC_050_2_CS: { rules: [reserveAnswer('Accepted')], step: /ReserveNow/, reason: /status Occupied/ },
  TC_050_3_CS: { rules: [reserveAnswer('Accepted')], step: /ReserveNow/, reason: /status Unavailable/ },
  TC_051_CS: { rules: [startReservation(7)], step: /StartTransaction/, reason: /reservationId omitted/ },
  TC_052_CS: { rules: [{ kind: 'answer', action: 'CancelReservation', patch: { status: 'Accepted' } }], step: /CancelReservation/, reason: /status Rejected/ },
  TC_053_CS: { rules: [startReservation(null)], step: /StartTransaction/, reason: /reservationId/ },
};

/**
 * Cases for a charger without the Reservation profile: the virtual charger of the twins has it, so they do
 * not apply there; octt16-declared.test.ts runs them (and their twins) against one without it.
 */
export const reservationNotApplicable = ['TC_048_4_CS', 'TC_050_4_CS'];
