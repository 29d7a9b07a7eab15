// The sessions a run (a test run, a commissioning's checks) takes as running on its charger when it starts:
// those it stops before its first case (RemoteStopTransaction) and finds open on their connectors. Not one
// its charger lost at a reboot (shared/api/session-state's lostAtReboot: the charger booted after it started
// and its connector has said Available since): the charger would refuse to stop it, so the run leaves it as
// it is, and says so among its setupProblems (leftNote: the record, the reports, a commissioning's heldOpen).
import { lostAtReboot } from '../../shared/api/session-state';
import { formatDateTimeWithZone } from '../../shared/format/time';
import type { ChargerRecord, TransactionRecord } from '../../shared/records';

type Open = { transactionId: number; connectorId: number; idTag: string };
type Charger = Pick<ChargerRecord, 'connectors' | 'lastBoot'> & Partial<Pick<ChargerRecord, 'id'>>;

/** What a run finds on its charger when it starts. */
export interface AtRunStart {
  /** Every transaction the record holds open there (what the run knows of, running or not). */
  held: number[];
  /** Those it takes as running (stopped before its first case or step). */
  running: Open[];
  /** Its words for each one it leaves as it is (lost at a reboot), for run.setupProblems. */
  left: string[];
  /** Those it leaves as it is. */
  leftOpen: Open[];
}

const connectorOf = (t: Open, charger: Charger | null | undefined) => charger?.connectors.find((c) => c.connectorId === t.connectorId);

/** The sessions among `open` (the charger's held open in the record) that a run takes as running there. */
export function runningAtRunStart(open: readonly TransactionRecord[], charger: Charger | null | undefined): Open[] {
  return open
    .filter((t) => !lostAtReboot(t, { connector: connectorOf(t, charger), lastBoot: charger?.lastBoot }))
    .map((t) => ({ transactionId: t.transactionId, connectorId: t.connectorId, idTag: t.idTag }));
}

/** Why one is taken as lost at the reboot: "CP001 has booted since it started and connector 1 has reported Available since …". */
const lostWords = (t: Open, charger: Charger | null | undefined): string => {
  const since = connectorOf(t, charger)?.updatedAt;
  return `${charger?.id ?? 'the charger'} has booted since it started and connector ${t.connectorId} has reported Available since ${since ? formatDateTimeWithZone(since) : 'then'}`;
};

/** The run's words for one it leaves as it is (parsed back by leftOf: keep the two together). */
export const leftNote = (t: Open, charger: Charger | null | undefined): string =>
  `transaction ${t.transactionId} (connector ${t.connectorId}, idTag ${t.idTag}): left as it is, not sent a RemoteStopTransaction: ${lostWords(t, charger)}: most likely lost at the reboot (the charger would refuse to stop it); close it in the record if it ended`;

const LEFT = /^transaction (\d+) \([^)]*\): left as it is, not sent a RemoteStopTransaction: (.*): most likely lost at the reboot/;

/** A run's words for one it left as it is (leftNote), read back: its transactionId and why it was taken as lost; null for other words. */
export function leftOf(problem: string): { transactionId: number; cause: string } | null {
  const m = LEFT.exec(problem);
  return m ? { transactionId: Number(m[1]), cause: m[2]! } : null;
}

/** What a run finds on `charger` when it starts, from the transactions the record holds open there (`open`). */
export function sessionsAtRunStart(open: readonly TransactionRecord[], charger: Charger | null | undefined): AtRunStart {
  const running = runningAtRunStart(open, charger);
  const left = open.filter((t) => !running.some((r) => r.transactionId === t.transactionId));
  const leftOpen = left.map((t) => ({ transactionId: t.transactionId, connectorId: t.connectorId, idTag: t.idTag }));
  return { held: open.map((t) => t.transactionId), running, left: left.map((t) => leftNote(t, charger)), leftOpen };
}
