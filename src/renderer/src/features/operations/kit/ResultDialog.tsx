// Where a quick action (from a connector card or a transaction) shows what came of it: waiting for the
// charger, then its answer in words, or why nothing was sent. Closing it forgets the answer.
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { OperationOutcome } from './parts';
import type { OperationState } from './useOperation';

export function ResultDialog({ title, op, onClose }: { title: string; op: Pick<OperationState, 'pending' | 'action' | 'result' | 'failure'>; onClose: () => void }) {
  const open = op.pending || op.result !== null || op.failure !== null;
  return (
    <Dialog open={open} onClose={op.pending ? undefined : onClose} aria-labelledby="operation-result-title" maxWidth="sm" fullWidth>
      <DialogTitle id="operation-result-title">{title}</DialogTitle>
      <DialogContent>
        <OperationOutcome op={op} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={op.pending} autoFocus>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
