// At start, once the journal's leftover entries are in SQLite: the repair after an unclean stop
// (unclean-stop.ts), and one an earlier start owed and could not make. A repair that cannot be made now
// is noted beside the lock (PENDING_NOTE) for the next start, and the note goes only once it is made.
import type { Clock } from '../clock';
import type { Db } from './database';
import type { GroupCommitWriter, WriterProblem } from './writer/writer';
import { clearPendingRepair, mendUncleanStop, notePendingRepair, pendingRepair, repairOwed, uncleanNotMended } from './unclean-stop';

/**
 * Makes the repair the start owes, if any, and returns the notice for the start-up report (null: nothing
 * owed). `unclean`: the process before stopped uncleanly, leaving `lockNote`.
 */
export async function putRightAtStart(dataDir: string, db: Db, writer: GroupCommitWriter, unclean: boolean, lockNote: string | null, clock: Clock): Promise<string | null> {
  const owed = repairOwed(unclean, lockNote, pendingRepair(dataDir));
  if (!owed) return null;
  // The killed process's records are older than the start that could not look at them (the newest start, when one more was killed).
  const failedAt = owed.fresh ? new Date(clock.now()).toISOString() : owed.retried!.failedAt;
  const notMended = (why: string): string => uncleanNotMended(why, owed, notePendingRepair(dataDir, { lockNote: owed.lockNote, failedAt }));
  // Not while SQLite cannot take the journal's entries: the record read would lack them.
  if (writer.currentProblem) return notMended(`SQLite could not take the record at start: ${writer.currentProblem.error}`);
  const done = mendUncleanStop(db, (name, params) => writer.write(name, params), writer.notices, owed);
  if ('failed' in done) return notMended(done.failed);
  await writer.settled();
  // In the journal, the repair's writes reach SQLite even if the bench is killed next; kept only in memory, they do not.
  // (Read anew: settling may have met a problem the check above could not see.)
  const problem = (writer.currentProblem as WriterProblem | null)?.kind;
  if (problem === 'diskFull' || problem === 'journalFailed') notePendingRepair(dataDir, { lockNote: owed.lockNote, failedAt });
  else clearPendingRepair(dataDir);
  return done.notice;
}
