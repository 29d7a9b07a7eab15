// What runs on the charger a test run is about to start on, and what the run does to each session the record
// holds open there: one running is ended before the first case; one the charger would refuse to stop (lost at
// a reboot, or not running by the rule: notRunningLabel's leftByRuns, the rule the runner reads) is left as it
// is, said with why; one held open but not running that the runner still takes as running (not confirmed by a
// stray stop alone) is said to be sent RemoteStopTransaction all the same.
import Alert from '@mui/material/Alert';
import { RunningList } from '../../components/ConfirmDialog';
import { isRunning, useRunning, type RunningTransaction } from '../../components/running';
import { leftByRuns, leftByRunsSentences } from '../../components/notRunningLabel';

/** What runs on the charger now (read when the confirmation opens, from the one source the other confirmations use). */
export function RunningNow({ chargerId }: { chargerId: string }) {
  const listed = useRunning(chargerId);
  // Counted: those running. `left` (lost at a reboot, or not running): sent no RemoteStopTransaction; `stopped` (held open, not running, yet taken as running by the runner): sent one.
  const [running, left, stopped] = [listed.filter(isRunning), listed.filter(leftByRuns), listed.filter((t) => !isRunning(t) && !leftByRuns(t))];
  const named = (t: RunningTransaction) => `transaction ${t.transactionId} on connector ${t.connectorId}`;
  return (
    <>
      <RunningList running={listed} emptyText={`Nothing is charging on ${chargerId} right now.`} />
      {running.length > 0 && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          The run ends {running.length === 1 ? 'this session' : `these ${running.length} sessions`} ({running.map(named).join('; ')}) before its first case (and any cable left in is unplugged, or
          asked to be), and it stops every session it finds after each case.
        </Alert>
      )}
      {stopped.length > 0 && (
        <Alert severity="info" sx={{ mt: 2 }}>
          {`${stopped.map(named).join('; ').replace(/^t/, 'T')}: held open in the record, not running. The run sends ${stopped.length === 1 ? 'it' : 'them'} RemoteStopTransaction before its first case all the same.`}
        </Alert>
      )}
      {left.length > 0 && (
        <Alert severity="info" sx={{ mt: 2 }}>
          {`${leftByRunsSentences(left, named).join(' ')} The run sends ${left.length === 1 ? 'it' : 'them'} no RemoteStopTransaction.`}
        </Alert>
      )}
    </>
  );
}
