// Asks which hardware fault a connector (or the whole charger, connector 0) reports: the OCPP error
// code and an optional info text the StatusNotification carries, as the shared `fault` action takes them.
import { useEffect, useId, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { physicalActions } from '../../../../shared/api/virtual-chargers';

const { label, schema } = physicalActions.fault;
export const faultCodes = schema.shape.errorCode.unwrap().options;
export type FaultCode = (typeof faultCodes)[number];
const INFO_MAX = schema.shape.info.unwrap().maxLength ?? 50;

export interface SetFaultDialogProps {
  open: boolean;
  /** 0: the whole charger. */
  connectorId: number;
  chargerId: string;
  /** Why nothing can be sent now (the link to the bench is lost): said, and Set fault disabled. */
  blocked?: string | null;
  /**
   * What a test run or a commissioning running on the charger would be interrupted by the fault, in words
   * (null: nothing runs there), and whether that has been read (until then, Set fault is disabled).
   */
  interrupts?: { known: boolean; words: string | null };
  onClose: () => void;
  onSet: (errorCode: FaultCode, info: string | undefined) => void;
}

export function SetFaultDialog({ open, connectorId, chargerId, blocked = null, interrupts = { known: true, words: null }, onClose, onSet }: SetFaultDialogProps) {
  const [errorCode, setErrorCode] = useState<FaultCode>('OtherError');
  const [info, setInfo] = useState('');
  const titleId = useId();
  useEffect(() => {
    if (open) setInfo('');
  }, [open]);
  const infoError = info.length > INFO_MAX ? `Info must be at most ${INFO_MAX} characters (now ${info.length})` : null;
  const what = connectorId === 0 ? `the whole charger ${chargerId}` : `connector ${connectorId} of ${chargerId}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (infoError || blocked || !interrupts.known) return;
    onSet(errorCode, info.trim() || undefined);
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="xs" fullWidth aria-labelledby={titleId}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{connectorId === 0 ? `${label} the whole charger` : `${label} connector ${connectorId}`}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{`Puts ${what} in Faulted with this error code, as a hardware fault would, until you clear it. A running session stops charging.`}</DialogContentText>
          <Stack spacing={2}>
            <TextField select label="Error code" value={errorCode} onChange={(e) => setErrorCode(e.target.value as FaultCode)} autoFocus>
              {faultCodes.map((c) => (
                <MenuItem key={c} value={c}>
                  {c}
                </MenuItem>
              ))}
            </TextField>
            <TextField label="Info" value={info} onChange={(e) => setInfo(e.target.value)} error={Boolean(infoError)} helperText={infoError ?? `Optional free text, at most ${INFO_MAX} characters`} />
          </Stack>
          {interrupts.words && (
            <Alert severity="warning" sx={{ mt: 2 }}>
              {interrupts.words}
            </Alert>
          )}
          {!interrupts.known && !blocked && (
            <Alert severity="info" sx={{ mt: 2 }}>
              {`Reading what runs on ${chargerId}…`}
            </Alert>
          )}
          {blocked && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {blocked}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" color="error" disabled={Boolean(infoError) || blocked !== null || !interrupts.known}>
            {interrupts.words ? 'Set fault and interrupt' : 'Set fault'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
