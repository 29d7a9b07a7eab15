// Failing twins of the OCTT cases of section 2.22 (SmartCharging): for each case, how the virtual charger
// misbehaves, and the step and reason the case must fail with.
import type { Misbehaviour } from '../../../../src/main/virtual-cp/misbehaviour';
import type { Twins } from './types';

/** The GetCompositeSchedule answer with other periods (arrays are replaced whole), once. */
const compositePeriods = (periods: Array<[number, number]>, times?: number): Misbehaviour => ({
  kind: 'answer',
  action: 'GetCompositeSchedule',
  patch: { chargingSchedule: { chargingSchedulePeriod: periods.map(([startPeriod, limit]) => ({ startPeriod, limit })) } },
  times,
});

export const smartChargingTwins: Twins = {
  // The TxDefaultProfile left out of the composite schedule (the charger's own 32 A instead of 6 A).
  TC_056_CS: { rules: [compositePeriods([[0, 32]])], step: /GetCompositeSchedule/, reason: /chargingSchedulePeriod \(0, 6\)/ },
  TC_057_CS: { rules: [{ kind: 'answer', action: 'GetCompositeSchedule', patch: { chargingSchedule: { duration: 60 } } }], step: /GetCompositeSchedule/, reason: /chargingSchedule.duration 300/ },
  TC_058_1_CS: { rules: [{ kind: 'answer', action: 'SetChargingProfile', patch: { status: 'Accepted' } }], step: /SetChargingProfile/, reason: /status Rejected/ },
  TC_058_2_CS: { rules: [{ kind: 'answer', action: 'SetChargingProfile', patch: { status: 'Accepted' } }], step: /SetChargingProfile/, reason: /status Rejected/ },
  // A schedule that starts an hour off the charger's clock.
  TC_082_CS: {
    rules: [{ kind: 'answer', action: 'GetCompositeSchedule', patch: { scheduleStart: '2001-01-01T00:00:00.000Z', chargingSchedule: { startSchedule: '2001-01-01T00:00:00.000Z' } } }],
    step: /GetCompositeSchedule/,
    reason: /startSchedule within 60 s/,
  },
  // The TxDefaultProfile taking over again once the TxProfile's schedule ends (at 260 s: 8 A where 10 A is due).
  TC_066_CS: {
    rules: [
      compositePeriods([
        [0, 10],
        [140, 6],
        [180, 10],
        [200, 8],
        [240, 10],
      ]),
    ],
    step: /three profiles/,
    reason: /chargingSchedulePeriod/,
  },
  // Profile 1 still counted after it was cleared by its id.
  TC_067_CS: {
    rules: [
      compositePeriods(
        [
          [0, 8],
          [140, 10],
        ],
        1,
      ),
    ],
    step: /profiles 2 and 3 left/,
    reason: /chargingSchedulePeriod/,
  },
  // Stack levels ignored: the stackLevel 0 profile alone.
  TC_072_CS: {
    rules: [
      compositePeriods([
        [0, 8],
        [140, 10],
      ]),
    ],
    step: /two stacked/,
    reason: /chargingSchedulePeriod/,
  },
  // The profile of the remote start not followed.
  TC_059_CS: { rules: [compositePeriods([[0, 32]])], step: /GetCompositeSchedule/, reason: /chargingSchedulePeriod \(0, 6\)/ },
  TC_060_CS: { rules: [{ kind: 'answer', action: 'RemoteStartTransaction', patch: { status: 'Accepted' } }], step: /RemoteStartTransaction/, reason: /status Rejected/ },
};
