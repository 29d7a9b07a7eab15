// The sessions a conformance run's setup ended before its first case (run.setupEnded: running on the charger
// when the run began, a customer's too, stopped with RemoteStopTransaction), in the words every face of the
// run uses: its reports (HTML, PDF, JUnit), its page and the CLI's end of run. Each session is said as a
// commissioning's record says one (sessionEndedWords): "transaction 6 on connector 1 (idTag ABC), ended at
// 10:02:03 UTC".
import type { SessionEndedInSetup } from './setup-ended';
import { sessionEndedWords } from './commissioning';

/** "Before the first case the run ended 1 session running on the charger (RemoteStopTransaction)": what heads the list. */
export function setupEndedHead(ended: readonly SessionEndedInSetup[]): string {
  return `Before the first case the run ended ${ended.length} session${ended.length === 1 ? '' : 's'} running on the charger (RemoteStopTransaction)`;
}

/** One ended session in words, its time as `time` writes one: "transaction 6 on connector 1 (idTag ABC), ended at 10:02:03 UTC". */
export function setupEndedItem(s: SessionEndedInSetup, time: (iso: string) => string): string {
  // A conformance run does not know when the session began (the record does; a commissioning's says it).
  return sessionEndedWords({ ...s, startedAt: null }, time);
}

/**
 * The sessions ended in one sentence (no full stop): "Before the first case the run ended 1 session running on
 * the charger (RemoteStopTransaction): transaction 6 on connector 1 (idTag ABC), ended at 10:02:03 UTC";
 * null when it ended none.
 */
export function setupEndedWords(ended: readonly SessionEndedInSetup[] | undefined, time: (iso: string) => string): string | null {
  if (!ended?.length) return null;
  return `${setupEndedHead(ended)}: ${ended.map((s) => setupEndedItem(s, time)).join('; ')}`;
}
