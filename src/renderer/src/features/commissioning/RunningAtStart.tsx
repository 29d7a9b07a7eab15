// Before a commissioning starts: the sessions running on the charger now (a customer's too), from the one
// source the confirmations use (useRunning), said as the last known while the charger is not heard from
// (lastKnownNote), and that the checks end them (RemoteStopTransaction) before their first step. After: the
// sessions the runs ended at their start, as the record keeps them.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { RunningList } from '../../components/ConfirmDialog';
import { formatTime, formatWhen } from '../../components/format';
import { useLastKnownNote } from '../../components/lastKnownNote';
import { isRunning, useRunning, type RunningTransaction } from '../../components/running';
import { useNow } from '../../components/reach';
import { useBench } from '../../stores/bench';
import { leftByRuns } from '../../components/notRunningLabel';
import { endedSessionsWords, stoppedNotRunning } from './run-words';
import { sessionEndedWords, type CommissioningView } from '../../../../shared/api/commissioning';

/**
 * What the checks will do to the sessions running on `chargerId`, in words: "The checks end this session
 * (transaction 7 on connector 1, idTag CUSTOMER-7, charging since 12:01:05) with RemoteStopTransaction before
 * their first step: tell whoever is charging first." `lastKnown` (lastKnownNote): said as the last known.
 */
export function endedByChecksWords(running: Pick<RunningTransaction, 'transactionId' | 'connectorId' | 'idTag' | 'startTime'>[], lastKnown: string | null, now: number): string {
  const each = running.map((t) => `transaction ${t.transactionId} on connector ${t.connectorId}, idTag ${t.idTag}, charging since ${formatWhen(t.startTime, now)}`).join('; ');
  const which = running.length === 1 ? 'this session' : `these ${running.length} sessions`;
  const ends = `end ${which} (${each}) with RemoteStopTransaction before their first step: tell whoever is charging first.`;
  if (lastKnown === null) return `The checks ${ends}`;
  const was = running.length === 1 ? 'a session was running' : `${running.length} sessions were running`;
  return `As last known (${lastKnown}), ${was} there: if ${running.length === 1 ? 'it still runs' : 'they still run'} when the checks start, they ${ends}`;
}

/** The sessions running on the charger now and that the checks end them; nothing while none runs there. */
export function RunningAtStart({ chargerId }: { chargerId: string }) {
  const running = useRunning(chargerId);
  const lastKnown = useLastKnownNote(chargerId);
  const now = useNow();
  // Before the bench's running sessions are loaded, none listed is not "none runs": the list says it is being read.
  const loaded = useBench((s) => s.loaded);
  if (!running.length && loaded) return null;
  if (!running.length)
    return (
      <Box component="section" aria-label="Sessions the checks will end">
        <RunningList running={running} />
      </Box>
    );
  return (
    <Box component="section" aria-label="Sessions the checks will end">
      <RunningList running={running} lastKnown={lastKnown} />
      {/* One not running or not confirmed is listed, marked (RunningList), never said to be charging. */}
      {running.some(isRunning) && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {endedByChecksWords(running.filter(isRunning), lastKnown, now)}
        </Alert>
      )}
      {/* One held open but not running that the runs still take as running (not confirmed by a stray stop alone) is sent RemoteStopTransaction: said so. */}
      {running.some(stoppedNotRunning) && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {endedSessionsWords(running.filter(stoppedNotRunning), 'the first step')}
        </Alert>
      )}
      {/* One lost at a reboot or not running by the rule is sent no RemoteStopTransaction (main/conformance/running-before): said so, with why. */}
      {running.some(leftByRuns) && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {endedSessionsWords(running.filter(leftByRuns), 'the first step')}
        </Alert>
      )}
    </Box>
  );
}

/** The sessions the commissioning's runs ended at their start (the record's), each with its transaction, connector, idTag and times. */
export function SessionsEnded({ view }: { view: CommissioningView }) {
  const ended = view.sessionsEnded ?? [];
  if (!ended.length) return null;
  return (
    <Alert severity="info" aria-label="Sessions the checks ended">
      At their start, the checks ended {ended.length === 1 ? 'a session' : `${ended.length} sessions`} running on {view.chargerId} (RemoteStopTransaction):
      <Box component="ul" sx={{ m: 0, pl: 3 }}>
        {ended.map((s) => (
          <li key={s.transactionId}>{sessionEndedWords(s, formatTime)}</li>
        ))}
      </Box>
    </Alert>
  );
}
