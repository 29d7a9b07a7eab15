// `chargebench test`'s end of run names the sessions the run ended before its first case (a customer's too),
// as the reports do, its times as the terminal's other lines write them (local).
import { describe, expect, it } from 'vitest';
import { setupEndedLine } from '../../../../src/main/cli/run-status';
import { formatClock } from '../../../../src/shared/format/time';

const endedAt = '2026-12-05T10:02:03.000Z';
const real = { virtual: false, fakeTime: false, ms: 70_000, wallMs: 70_000 };

describe('the end of run line for the sessions the run ended before its first case', () => {
  it('names each with its transaction, connector, idTag and when it ended', () => {
    expect(setupEndedLine({ ...real, setupEnded: [{ transactionId: 6, connectorId: 1, idTag: 'ABC', endedAt }] })).toBe(
      `Before the first case the run ended 1 session running on the charger (RemoteStopTransaction): transaction 6 on connector 1 (idTag ABC), ended at ${formatClock(endedAt)}.`,
    );
  });

  it('counts several, and says a time on a fake clock is its', () => {
    const line = setupEndedLine({
      ...real,
      virtual: true,
      fakeTime: true,
      setupEnded: [
        { transactionId: 6, connectorId: 1, idTag: 'ABC', endedAt },
        { transactionId: 7, connectorId: 2, idTag: 'DEF', endedAt },
      ],
    });
    expect(line).toBe(
      `Before the first case the run ended 2 sessions running on the charger (RemoteStopTransaction): transaction 6 on connector 1 (idTag ABC), ended at ${formatClock(endedAt)} (fake clock); transaction 7 on connector 2 (idTag DEF), ended at ${formatClock(endedAt)} (fake clock).`,
    );
  });

  it('is none when the run ended none', () => {
    expect(setupEndedLine({ ...real })).toBeNull();
    expect(setupEndedLine({ ...real, setupEnded: [] })).toBeNull();
  });
});
