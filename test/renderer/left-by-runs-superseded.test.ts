// @vitest-environment jsdom
// The confirmations (leftByRuns) and the runner (main/conformance/running-before) read one rule of which
// sessions a run leaves as it is (session-state's lostAtReboot): tx 5 then tx 6 started on connector 1 before a
// reboot, then connector 1 said Available: both are left, none is said to be ended by the bench.
import { describe, expect, it } from 'vitest';
import { runningTransactions } from '../../src/renderer/src/components/running';
import { leftByRuns } from '../../src/renderer/src/components/notRunningLabel';
import { endedSessionsWords } from '../../src/renderer/src/features/commissioning/run-words';
import { aConnector, aTransaction, minutesAgo } from './builders';

describe('a superseded session its charger lost at the reboot', () => {
  it('is left by runs like the newer one, as the runner leaves it', () => {
    const active = {
      5: aTransaction(5, 'CP001', 1, 'TAG-5', { startTime: minutesAgo(30), receivedAt: minutesAgo(30) }),
      6: aTransaction(6, 'CP001', 1, 'TAG-6', { startTime: minutesAgo(20), receivedAt: minutesAgo(20) }),
    };
    const charger = { lastBoot: minutesAgo(10), connectors: [aConnector(1, { status: 'Available', updatedAt: minutesAgo(9) })] };
    const held = runningTransactions(active, {}, 'CP001', undefined, charger);
    expect(held.find((t) => t.transactionId === 5)?.supersededBy?.transactionId).toBe(6);
    expect(held.filter(leftByRuns).map((t) => t.transactionId)).toEqual([5, 6]);
    const words = endedSessionsWords(held, 'the first step');
    expect(words).not.toContain('the bench ends');
    expect(words).toMatch(/^Transaction 5 on connector 1 \(idTag TAG-5\); transaction 6 on connector 1 \(idTag TAG-6\): left as it is/);
  });
});
