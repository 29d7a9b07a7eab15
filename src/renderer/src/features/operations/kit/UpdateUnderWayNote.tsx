// A confirmation's warning about a firmware update under way at the charger (downloading, downloaded and
// waiting, installing): what it names, and what the operation confirmed may do to it (set it off, lose it,
// replace it). One the charger last spoke of before a reboot is said as uncertain. Mounted only while the
// dialog is open: it is read when it is asked.
import Alert from '@mui/material/Alert';
import { firmwareUpdateWarning, useFirmwareUpdateUnderWay, type ActOnUpdate } from './running';

export function UpdateUnderWayNote({ chargerId, act }: { chargerId: string; act: ActOnUpdate }) {
  const update = useFirmwareUpdateUnderWay(chargerId);
  if (!update) return null;
  return (
    <Alert severity={update.reboot ? 'info' : 'warning'} sx={{ mt: 2 }} aria-label="Firmware update under way">
      {firmwareUpdateWarning(update, act)}
    </Alert>
  );
}
