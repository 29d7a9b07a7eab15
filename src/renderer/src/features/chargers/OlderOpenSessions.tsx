// Under a connector's session card: the older sessions the record still holds open on that connector (their
// StopTransaction never came, e.g. the charger restarted and started anew). A connector holds one session at
// a time, so they are not running: said once, quietly, each linked to its page, in the rule's words.
import { useMemo } from 'react';
import { Link as RouterLink } from 'react-router';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useBench } from '../../stores/bench';
import { notRunningCause, runningTransactions } from '../../components/running';
import { paths } from '../../app/routes';

/** "The record also holds transaction #10 open here, not running: a newer session (transaction 19) started on connector 1 at 10:02:03." Nothing when none. */
export function OlderOpenSessions({ chargerId, connectorId }: { chargerId: string; connectorId: number }) {
  const active = useBench((s) => s.activeTransactions);
  // No meter readings: only which are open and which newer one supersedes them.
  const older = useMemo(() => runningTransactions(active, {}, chargerId, connectorId).filter((t) => t.supersededBy), [active, chargerId, connectorId]);
  if (!older.length) return null;
  const cause = notRunningCause(older[0]!);
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid={`older-open-${connectorId}`}>
      The record also holds {older.length === 1 ? 'transaction' : 'transactions'}{' '}
      {older.map((t, i) => (
        <span key={t.transactionId}>
          {i > 0 && (i === older.length - 1 ? ' and ' : ', ')}
          <Link component={RouterLink} to={paths.transaction(t.transactionId)}>
            #{t.transactionId}
          </Link>
        </span>
      ))}{' '}
      open here, not running: {cause}.
    </Typography>
  );
}
