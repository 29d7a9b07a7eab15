// Stop asked of a session its charger no longer confirms (shared/api/session-state's unconfirmedSince: it
// booted since the session started, and its connector has said Available since or a stray StopTransaction
// came): nothing is promised of the charger, which may no longer run it and would refuse a remote stop;
// *Close it in the record…* is offered instead (nothing is sent to the charger).
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { CloseInRecord, useSessionCharger } from '../../components/UnconfirmedSession';
import { formatClock, formatWhen } from '../../components/format';
import { unconfirmedSince, type StrayStopSeen } from '../../../../shared/api/session-state';
import { unknownStopClause, type UnknownStop } from '../../../../shared/api/stray-stop';
import type { TransactionView } from '../../../../shared/api/views';

/** Whether the session (`tx`, with the stray stop that came on its charger after it started) is not confirmed by its charger now. */
export function useNotConfirmed(tx: (TransactionView & { unknownStop?: StrayStopSeen }) | undefined): boolean {
  const charger = useSessionCharger(tx);
  return !!tx && unconfirmedSince(tx, charger) !== null;
}

/** The Stop dialog of a session not confirmed by its charger: why it may no longer run it, and Close it in the record. */
export function NotConfirmedStopDialog({ open, tx, stop, onClose }: { open: boolean; tx: TransactionView; stop: (StrayStopSeen & Partial<UnknownStop>) | null; onClose: () => void }) {
  const { lastBoot } = useSessionCharger(tx);
  const stray = stop && stop.transactionId !== undefined && stop.chargerId !== undefined ? `; ${unknownStopClause(stop as UnknownStop, formatWhen)} after it started` : '';
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={`not-confirmed-stop-${tx.transactionId}`}>
      <DialogTitle id={`not-confirmed-stop-${tx.transactionId}`}>{`Session #${tx.transactionId} is not confirmed by the charger`}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 1 }}>
          {`${tx.chargerId} has booted${lastBoot ? ` (at ${formatClock(lastBoot)})` : ''} since session #${tx.transactionId} started${stray}: the charger may no longer run transaction ${tx.transactionId}, and a remote stop would most likely be refused. Close it in the record instead (nothing is sent to the charger).`}
        </Typography>
        <CloseInRecord tx={tx} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
      </DialogActions>
    </Dialog>
  );
}
