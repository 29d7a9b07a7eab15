// Under a connector's session card: the sessions the record still holds open on that connector that are not
// running (components/running's rule): older ones (their StopTransaction never came, e.g. the charger restarted
// and started anew; a connector holds one session at a time), or ones the connector reports no session for
// since they started. Said once per cause, quietly, each linked to its page, in the rule's words.
import { useMemo } from 'react';
import { Link as RouterLink } from 'react-router';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useBench } from '../../stores/bench';
import { notRunningCause } from '../../components/running';
import { notRunningSessions } from '../../components/notRunning';
import { paths } from '../../app/routes';
import type { TransactionView } from '../../../../shared/api/views';

/**
 * "The record also holds transaction #10 open here, not running: a newer session (transaction 19) started on
 * connector 1 at 10:02:03.", "… transaction #4 open here, not running: connector 2 reports Available since it started." Nothing when none.
 */
export function OlderOpenSessions({ chargerId, connectorId }: { chargerId: string; connectorId: number }) {
  const active = useBench((s) => s.activeTransactions);
  const charger = useBench((s) => s.chargers[chargerId]);
  // By cause (in the rule's words), in transactionId order.
  const byCause = useMemo(() => {
    const here = Object.values(active).filter((t) => t.chargerId === chargerId && t.connectorId === connectorId);
    const why = notRunningSessions(here, { [chargerId]: charger });
    const groups = new Map<string, TransactionView[]>();
    for (const t of here.sort((a, b) => a.transactionId - b.transactionId)) {
      const w = why.get(t.transactionId);
      const cause = w && notRunningCause({ ...w, connectorId });
      if (cause) groups.set(cause, [...(groups.get(cause) ?? []), t]);
    }
    return [...groups];
  }, [active, charger, chargerId, connectorId]);
  return byCause.map(([cause, older], n) => (
    <Typography key={cause} variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid={n === 0 ? `older-open-${connectorId}` : `older-open-${connectorId}-${n}`}>
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
  ));
}
