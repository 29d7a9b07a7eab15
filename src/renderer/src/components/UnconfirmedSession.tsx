// A session the record holds as running that its charger no longer reports: the connector says Available
// since after the session started, and no StopTransaction came (a charger that rebooted and lost it). Shown
// as such, not as a live session, with a way to close it in the record (nothing is sent to the charger).
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useClient } from '../api/context';
import { useBench } from '../stores/bench';
import { Ask } from './Ask';
import { useCall } from './useCall';
import { formatClockAgo } from './format';
import type { ConnectorView, TransactionView } from '../../../shared/api/views';

/** Since when (ms) the connector has said Available during a running session, or null when it has not. */
export function unconfirmedSince(tx: Pick<TransactionView, 'active' | 'startTime'>, connector: Pick<ConnectorView, 'status' | 'timestamp' | 'updatedAt'> | undefined): number | null {
  if (!tx.active || connector?.status !== 'Available') return null;
  const since = Date.parse(connector.timestamp ?? connector.updatedAt);
  return Number.isFinite(since) && since >= Date.parse(tx.startTime) ? since : null;
}

/** The connector of a session, as the bench knows it now. */
export function useSessionConnector(tx: Pick<TransactionView, 'chargerId' | 'connectorId'> | null | undefined): ConnectorView | undefined {
  return useBench((s) => (tx ? s.chargers[tx.chargerId]?.connectors.find((c) => c.connectorId === tx.connectorId) : undefined));
}

/** The warning and the Close action, for a session its charger no longer reports; nothing otherwise. */
export function UnconfirmedSession({ tx, connector }: { tx: TransactionView; connector: ConnectorView | undefined }) {
  const client = useClient();
  const [asking, setAsking] = useState(false);
  const [close, doClose] = useCall(() => client.call('transactions:close', { transactionId: tx.transactionId }));
  const since = unconfirmedSince(tx, connector);
  if (since === null) return null;
  return (
    <Alert
      severity="warning"
      aria-label={`Session ${tx.transactionId} not confirmed by the charger`}
      action={
        <Button color="inherit" size="small" disabled={close.pending} onClick={() => setAsking(true)}>
          Close it in the record…
        </Button>
      }
    >
      <AlertTitle>Not confirmed by the charger</AlertTitle>
      Connector {tx.connectorId} has reported Available since {formatClockAgo(since)}, yet no StopTransaction came for session #{tx.transactionId}: the charger has most likely lost it (a reboot or a
      power cut). Stopping it remotely will be refused.
      {close.error && (
        <Typography variant="body2" color="error" sx={{ mt: 0.5 }}>
          Not closed: {close.error}
        </Typography>
      )}
      <Ask
        open={asking}
        title={`Close session #${tx.transactionId} in the record?`}
        confirmLabel={`Close session #${tx.transactionId} in the record`}
        danger
        pending={close.pending}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void doClose();
        }}
      >
        <Typography>
          The bench records session #{tx.transactionId} ({tx.idTag}, connector {tx.connectorId} of {tx.chargerId}) as ended now, reason Other, with no meter stop (so no energy) and a note saying why.
          Nothing is sent to the charger. Should the charger send its StopTransaction later, it is kept as a warning beside the session.
        </Typography>
      </Ask>
    </Alert>
  );
}
