// Reservations: ReserveNow (connector, idTag, expiry, parent idTag, reservation id) and
// CancelReservation (meanings in CancelReservation.meanings.ts), with the charger's reservations as the
// bench knows them (reservations.ts: its record and the connectors' statuses, whoever made them): each
// active, not confirmed, expired, used, ended or cancelled, and those that may still hold cancelled in
// one click.
import { useMemo, useState } from 'react';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { compact, dateOrText, fieldState, numberOrText, textOrAbsent, toLocalInput } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { ConnectorSelect, IdTagField, OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { omitting, useOperationForm } from '../kit/useOperation';
import { useBench } from '../../../stores/bench';
import { useNow } from '../../../components/reach';
import { useLastContact } from '../../../components/ChargerOfflineNotice';
import { shownTime, useRecordedOperations } from './record';
import { mayHold, reservationsOf, type Reservation, type ReservationState } from './reservations';
import { benchNow } from '../../../components/benchClock';

export const ReserveNow: OperationPage<'ReserveNow'> = {
  label: 'Reserve / cancel',
  group: 'Reservations',
  Panel: ReservationsPanel,
  meanings: {
    Accepted: { tone: 'success', meaning: 'The connector is reserved for this idTag until the expiry time. Expect StatusNotification Reserved.' },
    Faulted: { tone: 'error', meaning: 'The connector (or the charger) is faulted and cannot be reserved.' },
    Occupied: { tone: 'warning', meaning: 'The connector is in use, or already reserved under another reservation id.' },
    Rejected: { tone: 'error', meaning: 'The charger does not take reservations (or not on this connector, e.g. connector 0 when ReserveConnectorZeroSupported is false).' },
    Unavailable: { tone: 'warning', meaning: 'The connector is Unavailable (made Inoperative) and cannot be reserved.' },
  },
};

/** A fresh reservation id (1 or more, as the bench's rules want). */
const nextReservationId = () => Math.floor(Date.now() / 1000) % 1_000_000 || 1;

const reservationActions = ['ReserveNow', 'CancelReservation'] as const;

/** Reservations that no longer hold stay listed this long after they were made or ended. */
const SHOWN_AFTER_END_MS = 24 * 3600_000;

const stateWords: Record<ReservationState, { label: string; color: 'success' | 'info' | 'default' }> = {
  active: { label: 'Active', color: 'success' },
  unconfirmed: { label: 'Not confirmed', color: 'info' },
  expired: { label: 'Expired', color: 'default' },
  used: { label: 'Used', color: 'default' },
  ended: { label: 'Ended', color: 'default' },
  cancelled: { label: 'Cancelled', color: 'default' },
};

/** "until 09:04:00 · connector 2 is Reserved", "expired at 09:04:00", "ended at 09:02:10: connector 2 is Available: …". */
function reservationText(r: Reservation): string {
  switch (r.state) {
    case 'active':
      return `until ${shownTime(r.expiryDate)} · ${r.why}`;
    case 'unconfirmed':
      return `accepted ${shownTime(r.madeAt)}, until ${shownTime(r.expiryDate)} · ${r.why}`;
    case 'expired':
      return `expired at ${shownTime(r.expiryDate)}`;
    case 'cancelled':
      return `cancelled at ${shownTime(r.since)}`;
    default:
      return `${r.since ? `at ${shownTime(r.since)}: ` : ''}${r.why}`;
  }
}

function ReservationsPanel() {
  const { chargerId, charger, online } = usePanel();
  const [connectorId, setConnectorId] = useState('1');
  const [idTag, setIdTag] = useState('');
  const [expiry, setExpiry] = useState(() => toLocalInput(new Date(benchNow() + 60 * 60_000)));
  const [parentIdTag, setParentIdTag] = useState('');
  const [reservationId, setReservationId] = useState(() => String(nextReservationId()));
  /** The id the field moved on to by itself after an accepted reservation (one typed since is the person's own). */
  const [movedTo, setMovedTo] = useState<string | null>(null);
  const [cancelId, setCancelId] = useState('');
  /** The reservation the last ReserveNow from here made, to say when its answer no longer holds. */
  const [lastMade, setLastMade] = useState<number | null>(null);

  const record = useRecordedOperations(chargerId, reservationActions);
  const activeTransactions = useBench((s) => s.activeTransactions);
  const now = useNow(5_000);
  const { reach, contact, why } = useLastContact(chargerId);
  const reservations = useMemo(
    () =>
      reservationsOf(
        record.list,
        charger?.connectors ?? [],
        Object.values(activeTransactions).filter((t) => t.chargerId === chargerId),
        now,
      ),
    [record.list, charger?.connectors, activeTransactions, chargerId, now],
  );
  // Those that may hold first, then the newest.
  const shown = [...reservations]
    .sort((a, b) => Number(mayHold(b)) - Number(mayHold(a)))
    .filter((r) => mayHold(r) || now - Date.parse(r.since ?? r.madeAt) < SHOWN_AFTER_END_MS || now - Date.parse(r.madeAt) < SHOWN_AFTER_END_MS)
    .slice(0, 10);
  const lastMadeNow = lastMade === null ? undefined : reservations.find((r) => r.reservationId === lastMade);

  const reserve = useOperationForm(
    chargerId,
    'ReserveNow',
    compact({ connectorId: numberOrText(connectorId), expiryDate: dateOrText(expiry), idTag, parentIdTag: textOrAbsent(parentIdTag), reservationId: numberOrText(reservationId) }),
    idTag.trim() === '' ? { idTag: 'Required: the idTag the connector is kept for' } : undefined,
    // After a reservation is accepted the field moves on to the next id: that alone does not make its answer stale.
    { compareAs: reservationId === movedTo ? omitting('reservationId') : undefined },
  );
  const cancel = useOperationForm(chargerId, 'CancelReservation', compact({ reservationId: numberOrText(cancelId) }));
  const expiryPast = dateOrText(expiry) !== undefined && Date.parse(dateOrText(expiry)!) < benchNow();

  const doReserve = async () => {
    const p = reserve.prepare();
    if (!p) return;
    const result = await reserve.send(p);
    if (result?.outcome === 'completed' && result.response.status === 'Accepted') {
      setLastMade(p.reservationId);
      setCancelId(String(p.reservationId));
      setReservationId(String(p.reservationId + 1));
      setMovedTo(String(p.reservationId + 1));
    }
    if (result) record.reload();
  };
  const doCancel = async (id?: number) => {
    const p = id === undefined ? cancel.prepare() : { reservationId: id };
    if (!p) return;
    if (id !== undefined) setCancelId(String(id));
    const result = await cancel.send(p);
    if (result) record.reload();
  };
  // The answer to the last reservation made here, while it may still hold; after, the list says what became of it.
  const reserveAnswerStands = !(lastMadeNow && !mayHold(lastMadeNow) && reserve.op.result?.outcome === 'completed');

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
      {reserveAnswerStands ? (
        <OperationOutcome op={reserve.op} />
      ) : (
        <Typography variant="body2" color="text.secondary" role="status">
          The charger accepted reservation {lastMadeNow!.reservationId}; it no longer holds: {reservationText(lastMadeNow!)}.
        </Typography>
      )}
      <Divider />
      <Typography variant="subtitle2" component="h3">
        Reservations of {chargerId}
      </Typography>
      {reach.stale && shown.length > 0 && (
        <Typography variant="body2" color="text.secondary" data-testid="reservations-last-known">
          Last known: {why}
          {contact ? ` (last contact ${shownTime(contact)})` : ''}; the connectors may have changed since.
        </Typography>
      )}
      {record.loaded && shown.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          No reservation of {chargerId} in the bench&apos;s record (ReserveNow accepted in the last day, or one that may still hold).
        </Typography>
      )}
      {shown.length > 0 && (
        <List dense aria-label={`Reservations of ${chargerId}`} sx={reach.stale ? { opacity: 0.6 } : undefined}>
          {shown.map((r) => (
            <ListItem
              key={r.reservationId}
              secondaryAction={
                mayHold(r) ? (
                  <Button size="small" disabled={!online || cancel.op.pending} onClick={() => void doCancel(r.reservationId)}>
                    Cancel reservation {r.reservationId}
                  </Button>
                ) : undefined
              }
            >
              <ListItemText
                primary={
                  <>
                    Reservation {r.reservationId} · {r.connectorId === 0 ? 'any connector' : `connector ${r.connectorId}`} · {r.idTag}{' '}
                    <Chip component="span" size="small" variant={r.state === 'active' ? 'filled' : 'outlined'} color={stateWords[r.state].color} label={stateWords[r.state].label} sx={{ ml: 0.5 }} />
                  </>
                }
                secondary={reservationText(r)}
              />
            </ListItem>
          ))}
        </List>
      )}
      <Typography variant="body2" color="text.secondary">
        Or cancel one by its id (made by another central system, or before the bench&apos;s record):
      </Typography>
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
