// Reservations: ReserveNow (connector, idTag, expiry, parent idTag, reservation id) and
// CancelReservation (meanings in CancelReservation.meanings.ts), with the reservations made from here
// this session to cancel in one click.
import { useState } from 'react';
import Divider from '@mui/material/Divider';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { formatTime } from '../../../components/format';
import { compact, dateOrText, fieldState, numberOrText, textOrAbsent, toLocalInput } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { ConnectorSelect, IdTagField, OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { useOperationForm } from '../kit/useOperation';

export const ReserveNow: OperationPage<'ReserveNow'> = {
  label: 'Reserve / cancel',
  group: 'Reservations',
  Panel: ReservationsPanel,
  meanings: {
    Accepted: { tone: 'success', meaning: 'The connector is reserved for this idTag until the expiry time. Expect StatusNotification Reserved.' },
    Faulted: { tone: 'error', meaning: 'The connector (or the charger) is faulted and cannot be reserved.' },
    Occupied: { tone: 'warning', meaning: 'The connector is in use or already reserved for another idTag.' },
    Rejected: { tone: 'error', meaning: 'The charger does not take reservations (or not on this connector, e.g. connector 0 when ReserveConnectorZeroSupported is false).' },
    Unavailable: { tone: 'warning', meaning: 'The connector is Unavailable (made Inoperative) and cannot be reserved.' },
  },
};

interface Made {
  reservationId: number;
  connectorId: number;
  idTag: string;
  expiryDate: string;
}

/** A fresh reservation id (1 or more, as the bench's rules want). */
const nextReservationId = () => Math.floor(Date.now() / 1000) % 1_000_000 || 1;

function ReservationsPanel() {
  const { chargerId, online } = usePanel();
  const [connectorId, setConnectorId] = useState('1');
  const [idTag, setIdTag] = useState('');
  const [expiry, setExpiry] = useState(() => toLocalInput(new Date(Date.now() + 60 * 60_000)));
  const [parentIdTag, setParentIdTag] = useState('');
  const [reservationId, setReservationId] = useState(() => String(nextReservationId()));
  const [cancelId, setCancelId] = useState('');
  const [made, setMade] = useState<Made[]>([]);

  const reserve = useOperationForm(
    chargerId,
    'ReserveNow',
    compact({ connectorId: numberOrText(connectorId), expiryDate: dateOrText(expiry), idTag, parentIdTag: textOrAbsent(parentIdTag), reservationId: numberOrText(reservationId) }),
    idTag.trim() === '' ? { idTag: 'Required: the idTag the connector is kept for' } : undefined,
  );
  const cancel = useOperationForm(chargerId, 'CancelReservation', compact({ reservationId: numberOrText(cancelId) }));
  const expiryPast = dateOrText(expiry) !== undefined && Date.parse(dateOrText(expiry)!) < Date.now();

  const doReserve = async () => {
    const p = reserve.prepare();
    if (!p) return;
    const result = await reserve.send(p);
    if (result?.outcome === 'completed' && result.response.status === 'Accepted') {
      setMade((m) => [...m.filter((x) => x.reservationId !== p.reservationId), { reservationId: p.reservationId, connectorId: p.connectorId, idTag: p.idTag, expiryDate: p.expiryDate }]);
      setCancelId(String(p.reservationId));
      setReservationId(String(p.reservationId + 1));
    }
  };
  const doCancel = async (id?: number) => {
    const p = id === undefined ? cancel.prepare() : { reservationId: id };
    if (!p) return;
    if (id !== undefined) setCancelId(String(id));
    const result = await cancel.send(p);
    if (result?.outcome === 'completed' && result.response.status === 'Accepted') setMade((m) => m.filter((x) => x.reservationId !== p.reservationId));
  };

  return (
    <PanelShell title="Reservations" action="ReserveNow · CancelReservation" description="Keeps a connector for one idTag until an expiry time, or cancels such a reservation.">
      <Typography variant="subtitle2" component="h3">
        Reserve a connector
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <ConnectorSelect
          value={connectorId}
          onChange={setConnectorId}
          withZero
          errors={reserve.errors}
          helper={connectorId === '0' ? 'Any connector: needs ReserveConnectorZeroSupported' : undefined}
        />
        <IdTagField value={idTag} onChange={setIdTag} errors={reserve.errors} path="idTag" />
        <TextField
          label="Expires"
          type="datetime-local"
          required
          value={expiry}
          onChange={(e) => setExpiry(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
          {...fieldState(reserve.errors, 'expiryDate', expiryPast ? 'This time has passed: the charger should refuse' : 'Local time')}
        />
        <IdTagField label="Parent idTag" value={parentIdTag} onChange={setParentIdTag} errors={reserve.errors} path="parentIdTag" required={false} />
        <TextField
          label="Reservation id"
          required
          value={reservationId}
          onChange={(e) => setReservationId(e.target.value)}
          {...fieldState(reserve.errors, 'reservationId', 'Reusing an existing id replaces that reservation')}
        />
      </Stack>
      <SendButton pending={reserve.op.pending} onClick={() => void doReserve()}>
        Reserve connector {connectorId}
      </SendButton>
      <OperationOutcome op={reserve.op} />
      <Divider />
      <Typography variant="subtitle2" component="h3">
        Cancel a reservation
      </Typography>
      {made.length > 0 && (
        <List dense aria-label="Reservations made from here">
          {made.map((m) => (
            <ListItem
              key={m.reservationId}
              secondaryAction={
                <Button size="small" disabled={!online || cancel.op.pending} onClick={() => void doCancel(m.reservationId)}>
                  Cancel reservation {m.reservationId}
                </Button>
              }
            >
              <ListItemText primary={`Reservation ${m.reservationId} · connector ${m.connectorId} · ${m.idTag}`} secondary={`until ${formatTime(m.expiryDate)}`} />
            </ListItem>
          ))}
        </List>
      )}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField label="Reservation id" required value={cancelId} onChange={(e) => setCancelId(e.target.value)} {...fieldState(cancel.errors, 'reservationId')} />
        <SendButton pending={cancel.op.pending} onClick={() => void doCancel()} variant="outlined">
          Cancel reservation
        </SendButton>
      </Stack>
      <OperationOutcome op={cancel.op} />
    </PanelShell>
  );
}
