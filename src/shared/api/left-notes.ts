// A run's words for a session held open on its charger that it deliberately left as it is before its first
// case or step (main/conformance/running-before's leftNote, leftNotRunningNote), read back: by the
// commissioning's held-open notes (leftOf), and by the run screen, which shows them apart from what could not
// be put right, as information (leftAsItIs).
import type { LeftByRuns } from './session-state';

/** What each such note says after the transaction's name. */
export const LEFT_AS_IT_IS = 'left as it is, not sent a RemoteStopTransaction';

const LEFT =
  /^transaction (\d+) \([^)]*\): left as it is, not sent a RemoteStopTransaction: (?:not running: (.*) \(the charger would refuse to stop it\); close it in the record$|(.*): most likely lost at the reboot)/;

/**
 * A run's words for one it left as it is (leftNote, leftNotRunningNote), read back: its transactionId, why (how
 * the charger was seen to lose it, or why it is not running) and which of the two; null for other words.
 */
export function leftOf(problem: string): { transactionId: number; cause: string; left: LeftByRuns } | null {
  const m = LEFT.exec(problem);
  if (!m) return null;
  return m[2] !== undefined ? { transactionId: Number(m[1]), cause: m[2], left: 'notRunning' } : { transactionId: Number(m[1]), cause: m[3]!, left: 'lost' };
}

/**
 * A run's setupProblems parted: those it left as it is on purpose (`left`, each without the "left as it is, not
 * sent a RemoteStopTransaction" its heading says: "transaction 5 (connector 1, idTag A): not running: …"), and
 * what it could not put right (`problems`).
 */
export function leftAsItIs(setupProblems: readonly string[]): { left: string[]; problems: string[] } {
  const left: string[] = [];
  const problems: string[] = [];
  for (const p of setupProblems) {
    if (leftOf(p)) left.push(p.replace(`: ${LEFT_AS_IT_IS}: `, ': '));
    else problems.push(p);
  }
  return { left, problems };
}

/** The heading of what a run left as it is on purpose (leftAsItIs's `left`), on its page and in its reports. */
export const LEFT_HEAD = 'Left as it is before the first case (sent no RemoteStopTransaction)';
