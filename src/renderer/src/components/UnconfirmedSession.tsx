// A session the record holds as running that its charger no longer reports: the charger booted since the
// session started and the connector has said Available since, or a stray StopTransaction (another
// transactionId) came after it started (all on the bench's clock: a charger's clock may have reset with the
// reboot), and no StopTransaction with its transactionId came. Shown as such, not as a live session, with
// a way to close it in the record (nothing is sent to the charger).
import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useClient } from '../api/context';
import { useBench } from '../stores/bench';
import { Ask } from './Ask';
import { useCall } from './useCall';
import { formatClock, formatClockAgo } from './format';
import { supersededSessions } from './running';
import { useNow } from './reach';
import type { TransactionView } from '../../../shared/api/views';
import { noSessionSinceBoot, unconfirmedByStrayStop, unconfirmedSince, type SessionCharger, type StrayStopSeen } from '../../../shared/api/session-state';
import type { SeenStop } from '../../../shared/api/stray-stop';
import { UnknownStopCame } from './unknownStops';

/** THE rule of a session its charger lost at a reboot, shared with the bench's exports (shared/api/session-state). */
export { unconfirmedSince, type SessionCharger };

/** The session's connector and its charger's last boot, as the bench knows them now. */
export function useSessionCharger(tx: Pick<TransactionView, 'chargerId' | 'connectorId'> | null | undefined): SessionCharger {
  const connector = useBench((s) => (tx ? s.chargers[tx.chargerId]?.connectors.find((c) => c.connectorId === tx.connectorId) : undefined));
  const lastBoot = useBench((s) => (tx ? s.chargers[tx.chargerId]?.lastBoot : undefined));
  return { connector, lastBoot };
}

/** Since when (ms) the session's charger no longer reports it, as the bench knows the charger now; null while it is confirmed (or not running). */
export function useUnconfirmedSince(
  tx: (Pick<TransactionView, 'chargerId' | 'connectorId' | 'active' | 'startTime' | 'receivedAt'> & { unknownStop?: StrayStopSeen }) | null | undefined,
): number | null {
  const charger = useSessionCharger(tx);
  return tx ? unconfirmedSince(tx, charger) : null;
}

/**
 * "Close it in the record…" and its confirmation: the bench ends the session in its record (reason Other,
 * no energy, a note), sending nothing to the charger. `compact` for a list's row; a click does not open the row.
 * `notRunning`: why it is not running, when that is not that its charger lost it (components/running's
 * notRunningCause: "a newer session (transaction 19) started on connector 1 at …").
 */
export function CloseInRecord({ tx, compact = false, notRunning }: { tx: TransactionView; compact?: boolean; notRunning?: string | null }) {
  const client = useClient();
  const [asking, setAsking] = useState(false);
  const [close, doClose] = useCall(() => client.call('transactions:close', { transactionId: tx.transactionId }));
  // One a newer session superseded is recorded as ended when that one started (the bench's rule), not now.
  const active = useBench((s) => s.activeTransactions);
  const newer = useMemo(() => supersededSessions([...Object.values(active), tx]).get(tx.transactionId) ?? null, [active, tx]);
  const endsAt = newer ? `when transaction ${newer.transactionId} started` : 'now';
  // Not confirmed with its connector reporting a session (or nothing) since the boot: it may still run, not "most likely lost".
  const mayStillRun = !noSessionSinceBoot(useSessionCharger(tx));
  return (
    <Box component="span" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()} sx={{ display: compact ? 'inline-flex' : 'block', alignItems: 'center', gap: 0.5 }}>
      <Button
        variant="outlined"
        color="warning"
        size="small"
        disabled={close.pending}
        onClick={() => setAsking(true)}
        sx={compact ? { whiteSpace: 'nowrap', minWidth: 0, px: 1 } : undefined}
        title={
          compact
            ? `${notRunning ? `Session #${tx.transactionId} is not running: ${notRunning}: stopping it remotely would be refused.` : mayStillRun ? `The charger has not confirmed session #${tx.transactionId} since its reboot (it may still be running): a remote stop may be refused.` : `The charger has most likely lost session #${tx.transactionId}: stopping it remotely would be refused.`} Close it in the record instead (nothing is sent to the charger).`
            : undefined
        }
      >
        {compact ? 'Close…' : 'Close it in the record…'}
      </Button>
      {close.error && (
        <Typography variant={compact ? 'caption' : 'body2'} color="error" sx={compact ? undefined : { mt: 0.5 }}>
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
        {notRunning && <Typography sx={{ mb: 1 }}>{`It is not running: ${notRunning}; no StopTransaction with its transactionId came, and a remote stop would be refused.`}</Typography>}
        <Typography>
          The bench records session #{tx.transactionId} ({tx.idTag}, connector {tx.connectorId} of {tx.chargerId}) as ended {endsAt}, reason Other, with no meter stop (so no energy) and a note saying
          why. Nothing is sent to the charger. Should the charger send its StopTransaction later, it is kept as a warning beside the session.
        </Typography>
      </Ask>
    </Box>
  );
}

/**
 * The warning and the Close action, for a session its charger no longer reports; nothing otherwise. `stop`: a
 * StopTransaction for a transaction the bench never started that its charger sent after the session started
 * (components/unknownStops), said instead of "no StopTransaction came", as the charger did send one.
 */
export function UnconfirmedSession({ tx, charger, stop = null }: { tx: TransactionView; charger: SessionCharger; stop?: SeenStop | null }) {
  const now = useNow();
  const rule = { ...tx, unknownStop: stop };
  const since = unconfirmedSince(rule, charger);
  if (since === null) return null;
  return (
    <Alert severity="warning" aria-label={`Session ${tx.transactionId} not confirmed by the charger`}>
      <AlertTitle>Not confirmed by the charger</AlertTitle>
      {stop && unconfirmedByStrayStop(rule, charger) ? (
        <>
          {tx.chargerId} has booted (at {formatClock(charger.lastBoot!)}) since session #{tx.transactionId} started and no StopTransaction with its transactionId came, but{' '}
          <UnknownStopCame stop={stop} />
          {charger.connector ? `; connector ${tx.connectorId} now reports ${charger.connector.status}` : ''}: the charger may no longer run this session (most likely lost or ended).
        </>
      ) : (
        <>
          {tx.chargerId} has booted since session #{tx.transactionId} started and connector {tx.connectorId} has reported Available since {formatClockAgo(since, now)}
          {stop ? (
            <>
              ; no StopTransaction with its transactionId came, but <UnknownStopCame stop={stop} />: the charger has most likely lost or ended the session.
            </>
          ) : (
            ', yet no StopTransaction came: the charger has most likely lost the session.'
          )}
        </>
      )}{' '}
      Stopping it remotely will be refused.
      <Box sx={{ mt: 1 }}>
        <CloseInRecord tx={tx} />
      </Box>
    </Alert>
  );
}

/**
 * The warning and the Close action, for a session the record holds open while a newer one is open on its
 * connector (components/running's rule): `notRunning`, why, in its words ("a newer session (transaction 19) started on …").
 */
export function SupersededSession({ tx, notRunning, stop = null }: { tx: TransactionView; notRunning: string; stop?: SeenStop | null }) {
  return (
    <Alert severity="warning" aria-label={`Session ${tx.transactionId} not running`}>
      <AlertTitle>Not running</AlertTitle>
      The record holds session #{tx.transactionId} open, but {notRunning}: a connector holds one session at a time, so this one is not running, and no StopTransaction with its transactionId came
      {stop && (
        <>
          , but <UnknownStopCame stop={stop} />
        </>
      )}
      . Stopping it remotely would be refused.
      <Box sx={{ mt: 1 }}>
        <CloseInRecord tx={tx} notRunning={notRunning} />
      </Box>
    </Alert>
  );
}
