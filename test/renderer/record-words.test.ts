// Words the screens take from the record: the fix a refusal names (a virtual charger of the bench's own
// gets its password on its card), and which request progress belongs to (one the connection dropped after
// it was sent may have reached the charger).
import { describe, expect, it } from 'vitest';
import { refusalKind } from '../../src/renderer/src/components/refusals';
import { latestRequest } from '../../src/renderer/src/features/operations/panels/record';
import type { OperationView } from '../../src/shared/api/views';

describe('refusalKind', () => {
  it("points a bench's own virtual charger to its card, and a real charger to the bench's password", () => {
    expect(refusalKind("No password set: VCP-A is one of this bench's virtual chargers and has no password").fix).toBe('set its password on its card (Virtual chargers)');
    expect(refusalKind('No password set: CP1 has none on this bench').fix).toBe('set a password for it here, or stop requiring one');
  });
});

describe('latestRequest', () => {
  const op = (id: number, outcome: OperationView['outcome'], sentAt: string) =>
    ({ id, chargerId: 'CP1', action: 'UpdateFirmware', request: {}, sentAt, finishedAt: null, outcome }) as unknown as OperationView;

  it('takes a request the connection dropped after it was sent, and not one the charger refused', () => {
    expect(latestRequest([op(3, 'callError', '2026-01-01T10:02:00Z'), op(2, 'offline', '2026-01-01T10:01:00Z'), op(1, 'completed', '2026-01-01T10:00:00Z')])).toEqual({
      sentAt: '2026-01-01T10:01:00Z',
    });
  });
});
