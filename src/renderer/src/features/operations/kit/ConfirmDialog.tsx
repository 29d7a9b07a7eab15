// The confirmation before a disruptive operation: names the charger and connector, shows what is
// running there right now, and a confirm button that says exactly what will happen. Cancel and
// Escape send nothing; for the most dangerous operations the focus starts on Cancel.
import { useEffect, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatAgo, formatEnergy, formatTime } from '../../../components/format';
import { monoFont } from '../../../app/theme';
import type { RunningTransaction } from './running';

export interface ConfirmProps {
  open: boolean;
  title: string;
  /** Where it happens, e.g. "CP001 · connector 1" or "CP001 · the whole charger". */
  target: string;
  /** The running transactions this operation touches. */
  running: RunningTransaction[];
  /** What happens to them and to the charger, in a sentence or two. */
  consequence: ReactNode;
  /** Says exactly what will happen: "Unlock connector 1 of CP001". */
  confirmLabel: string;
  /** The focus starts on Cancel, so Enter does not fire it by accident. */
  dangerous?: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

export function ConfirmDialog({ open, title, target, running, consequence, confirmLabel, dangerous = false, onCancel, onConfirm }: ConfirmProps) {
  // One click sends one call: the button stays disabled until the dialog opens again.
  const [confirmed, setConfirmed] = useState(false);
  useEffect(() => {
    if (open) setConfirmed(false);
  }, [open]);
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="confirm-operation-title" aria-describedby="confirm-operation-body" maxWidth="sm" fullWidth>
      <DialogTitle id="confirm-operation-title">{title}</DialogTitle>
      <DialogContent id="confirm-operation-body">
        <Typography variant="body2" color="text.secondary" gutterBottom>
          Target: <strong>{target}</strong>
        </Typography>
        <RunningList running={running} />
        <Alert severity={dangerous ? 'warning' : 'info'} sx={{ mt: 2 }}>
          {consequence}
        </Alert>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus={dangerous}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color={dangerous ? 'error' : 'primary'}
          autoFocus={!dangerous}
          disabled={confirmed}
          onClick={() => {
            setConfirmed(true);
            onConfirm();
          }}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The transactions running now, or a plain "nothing is charging". */
export function RunningList({ running, emptyText = 'Nothing is charging here right now.' }: { running: RunningTransaction[]; emptyText?: string }) {
  if (!running.length)
    return (
      <Typography variant="body2" sx={{ mt: 1 }}>
        {emptyText}
      </Typography>
    );
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="subtitle2">Running right now</Typography>
      <Table size="small" aria-label="Running transactions" sx={{ '& th, & td': { whiteSpace: 'nowrap' } }}>
        <TableHead>
          <TableRow>
            <TableCell>Transaction</TableCell>
            <TableCell>Connector</TableCell>
            <TableCell>idTag</TableCell>
            <TableCell align="right">Energy so far</TableCell>
            <TableCell>Started</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {running.map((t) => (
            <TableRow key={t.transactionId}>
              <TableCell>{t.transactionId}</TableCell>
              <TableCell>{t.connectorId}</TableCell>
              <TableCell sx={{ fontFamily: monoFont }}>{t.idTag}</TableCell>
              <TableCell align="right">{t.energyWh === null ? 'no reading yet' : formatEnergy(t.energyWh)}</TableCell>
              <TableCell title={formatTime(t.startTime)}>{formatAgo(t.startTime)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
