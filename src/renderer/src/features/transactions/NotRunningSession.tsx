// The warning and the Close action on a transaction's page for a session the record holds open that is not
// running (components/running's rule): a newer session open on its connector (SupersededSession), or its
// connector reporting no session (Available, Reserved) since it started.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import { CloseInRecord, SupersededSession } from '../../components/UnconfirmedSession';
import type { NotRunning } from '../../components/notRunning';
import type { TransactionView } from '../../../../shared/api/views';
import type { SeenStop } from '../../../../shared/api/stray-stop';
import { UnknownStopCame } from '../../components/unknownStops';

/**
 * `stop`: a StopTransaction for a transaction the bench never started that its charger sent while this one
 * was open (components/unknownStops): said instead of "no StopTransaction came", as the charger did send one
 * (a newer session open on its connector too: SupersededSession says it).
 */
export function NotRunningSession({ tx, why, cause, stop = null }: { tx: TransactionView; why: NotRunning; cause: string; stop?: SeenStop | null }) {
  if (why.supersededBy) return <SupersededSession tx={tx} notRunning={cause} stop={stop} />;
  return (
    <Alert severity="warning" aria-label={`Session ${tx.transactionId} not running`}>
      <AlertTitle>Not running</AlertTitle>
      The record holds session #{tx.transactionId} open, but {cause}: no session is going on there, and {stop ? <UnknownStopCame stop={stop} /> : 'no StopTransaction with its transactionId came'}.
      Stopping it remotely would be refused.
      <Box sx={{ mt: 1 }}>
        <CloseInRecord tx={tx} notRunning={cause} />
      </Box>
    </Alert>
  );
}
