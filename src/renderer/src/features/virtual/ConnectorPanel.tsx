// One connector of a virtual charger as an installer sees it at the socket: its state, the cable, the
// EV, the card and the session; and the hands-on actions (plug, present a card, suspend, fault), each
// enabled only when it can happen.
import { useId, useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { StatusChip } from '../../components/StatusChip';
import { formatEnergy, formatPower, formatTime } from '../../components/format';
import { monoFont } from '../../app/theme';
import type { PhysicalAction, VirtualChargerView, VirtualConnectorView } from '../../../../shared/api/virtual-chargers';
import { actionWords, shownFeedback, usePhysicalActions } from './virtual-actions';
import { SetFaultDialog } from './SetFaultDialog';
import { useVirtualLink } from './virtual-link';
import { useCardOutcomeDone } from './card-outcome-done';
import { useCardGuard } from './ask-first';

/** The card last presented anywhere on this screen, so the next one is a click away. */
let lastIdTag = 'TAG001';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {term}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </>
  );
}

function evWords(c: VirtualConnectorView): string {
  if (!c.plugged) return c.transaction ? 'Gone (cable out, session still open)' : '—';
  if (c.evSuspended) return 'Paused by the EV';
  if (!c.transaction) return 'Connected, no session';
  return c.status === 'Charging' ? 'Charging' : 'Waiting for power from the charger';
}

/**
 * What presenting the card in the field does while a session runs: the session's own card stops it; another
 * stops it only if the charger's authorization of it (local list, cache or Authorize) names the same parent
 * idTag as the session's card has, and is refused otherwise (a second session cannot start here).
 */
function presentHint(sessionIdTag: string, fieldIdTag: string): string {
  const tag = fieldIdTag.trim();
  if (!tag || tag === sessionIdTag) return `The session's card (${sessionIdTag}) stops it`;
  return `Not the session's card (${sessionIdTag}): ${tag} stops the session only if authorized with the same parent idTag as ${sessionIdTag}; otherwise it is refused`;
}

export function ConnectorPanel({ charger, connector }: { charger: VirtualChargerView; connector: VirtualConnectorView }) {
  const { busy, feedback: answered, act: perform, clear } = usePhysicalActions(charger.id);
  const c = connector;
  const tx = c.transaction;
  // While a session runs, the field holds its card: presenting it again stops the session.
  const [idTag, setIdTag] = useState(() => tx?.idTag ?? lastIdTag);
  const sessionKey = tx ? `${tx.startedAt} ${tx.idTag}` : null;
  const [seenSession, setSeenSession] = useState(sessionKey);
  if (seenSession !== sessionKey) {
    setSeenSession(sessionKey);
    if (tx) setIdTag(tx.idTag);
  }
  const [faultOpen, setFaultOpen] = useState(false);
  const headingId = useId();
  const n = connector.connectorId;
  const faulted = c.status === 'Faulted';
  // The last card that started a session here, kept by the charger: shown until the user is done with it
  // (after a reload as before it); an unconfirmed one follows the central system's later answer.
  const [outcomeDone, markOutcomeDone] = useCardOutcomeDone(charger.id, n);
  const feedback = shownFeedback(answered, c, outcomeDone);
  const close = () => {
    markOutcomeDone(c.cardOutcome?.presentedAt);
    clear();
  };
  // The link to the bench lost: what it shows is the last known, and nothing can be sent.
  const { blocked, asOf } = useVirtualLink();
  const down = blocked !== null;
  const lastKnown = asOf ? ` (${asOf})` : '';
  // A test run or a commissioning running on the charger: unplugging or a fault asks first, naming it.
  const { running, askFirst } = useCardGuard();
  const unplug = () =>
    askFirst(
      { title: `Unplug the cable from connector ${n} of ${charger.id} now?`, action: `Unplugging takes the cable out of connector ${n} of ${charger.id} at once`, confirmLabel: 'Unplug' },
      () => void act('unplug'),
    );

  // Whatever is done here next is newer news than the card outcome kept so far.
  const act = (action: PhysicalAction, body: Record<string, unknown> = {}) => {
    markOutcomeDone(c.cardOutcome?.presentedAt);
    return perform(action, { connectorId: n, ...body });
  };

  const idTagError = idTag.length > 20 ? `Card idTag must be at most 20 characters (now ${idTag.length})` : null;
  const presentCard = () => {
    const tag = idTag.trim();
    if (!tag || idTagError || down) return;
    lastIdTag = tag;
    void act('present-id-tag', { idTag: tag });
  };

  const can = {
    plug: !c.plugged,
    unplug: c.plugged,
    present: charger.running && idTag.trim().length > 0 && !idTagError,
    suspend: Boolean(tx) && c.plugged && !c.evSuspended,
    resume: c.evSuspended,
    fault: !faulted,
    clearFault: faulted,
  };
  // The label and hint are the vocabulary's; the accessible name says which connector.
  const btn = (action: PhysicalAction, name: string, enabled: boolean, onClick: () => void, color: 'primary' | 'error' | 'inherit' = 'primary', more = '') => {
    const { label, explanation } = actionWords(action);
    return (
      <Button size="small" variant="outlined" color={color} aria-label={name} title={explanation} disabled={!enabled || down || busy !== null} onClick={onClick}>
        {busy === action ? `${label}…` : `${label}${more}`}
      </Button>
    );
  };

  return (
    <Paper component="section" aria-labelledby={headingId} sx={{ p: 2, height: '100%', display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography id={headingId} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          Connector {n}
        </Typography>
        <StatusChip status={c.status} errorCode={c.errorCode} stale={down} />
        {c.availability === 'Inoperative' && <Chip size="small" label="Inoperative" />}
        <Box sx={{ flexGrow: 1 }} />
        <Typography variant="body2" color="text.secondary">
          Meter <span style={{ fontFamily: monoFont }}>{formatEnergy(c.meterWh)}</span>
          {down && ' (last known)'}
        </Typography>
      </Stack>

      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
        <Fact term="Cable">{c.plugged ? 'Plugged in' : 'Not plugged in'}</Fact>
        <Fact term="EV">{evWords(c)}</Fact>
        <Fact term="Card">{c.authorizedIdTag ? <span style={{ fontFamily: monoFont }}>{c.authorizedIdTag} (authorized, waiting for the cable)</span> : '—'}</Fact>
        <Fact term="Session">
          {tx ? (
            <>
              {tx.transactionId !== null ? (
                <Link component={RouterLink} to={`/transactions/${tx.transactionId}`}>
                  #{tx.transactionId}
                </Link>
              ) : (
                'not yet numbered (queued)'
              )}
              {' · '}
              <span style={{ fontFamily: monoFont }}>{tx.idTag}</span>
              {` · ${formatEnergy(tx.energyWh)} · ${formatPower(c.powerW)}${lastKnown}`}
            </>
          ) : (
            'None'
          )}
        </Fact>
        {c.reservation && (
          <Fact term="Reserved">
            #{c.reservation.reservationId} for <span style={{ fontFamily: monoFont }}>{c.reservation.idTag}</span> until {formatTime(c.reservation.expiryDate)}
          </Fact>
        )}
        <Fact term="Availability">{c.availability}</Fact>
      </Box>

      <Box sx={{ flexGrow: 1 }} />
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {btn('plug', `Plug connector ${n}`, can.plug, () => void act('plug'))}
        {btn('unplug', `Unplug cable from connector ${n}`, can.unplug, unplug)}
        {btn('suspend', `Suspend EV on connector ${n}`, can.suspend, () => void act('suspend'))}
        {btn('resume', `Resume EV on connector ${n}`, can.resume, () => void act('resume'))}
        {can.clearFault
          ? btn('clear-fault', `Clear fault on connector ${n}`, true, () => void act('clear-fault'))
          : btn('fault', `Fault connector ${n}`, can.fault, () => setFaultOpen(true), 'error', '…')}
      </Stack>
      <Stack
        component="form"
        direction="row"
        spacing={1}
        sx={{ alignItems: 'flex-start' }}
        onSubmit={(e) => {
          e.preventDefault();
          presentCard();
        }}
      >
        <TextField
          size="small"
          label="Card idTag"
          value={idTag}
          onChange={(e) => setIdTag(e.target.value)}
          error={Boolean(idTagError)}
          helperText={
            idTagError ?? (down ? 'Nothing can be sent until the link to the bench is back' : !charger.running ? 'Start the charger to present a card' : tx ? presentHint(tx.idTag, idTag) : undefined)
          }
          slotProps={{ htmlInput: { 'aria-label': `Card idTag for connector ${n}`, spellCheck: false, style: { fontFamily: monoFont } } }}
          sx={{ flexGrow: 1, maxWidth: 220 }}
        />
        <Button type="submit" size="small" variant="contained" aria-label={`Present card on connector ${n}`} disabled={!can.present || down || busy !== null} sx={{ mt: '4px' }}>
          {busy === 'present-id-tag' ? 'Presenting…' : actionWords('present-id-tag').label}
        </Button>
      </Stack>
      {feedback && (
        <Alert severity={feedback.severity} onClose={close} role={feedback.severity === 'success' ? 'status' : 'alert'}>
          <Box component="span" sx={{ display: 'block' }}>
            {feedback.text}
          </Box>
          {feedback.detail && (
            <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
              {feedback.detail}
            </Box>
          )}
        </Alert>
      )}
      <SetFaultDialog
        open={faultOpen}
        chargerId={charger.id}
        connectorId={n}
        blocked={blocked}
        interrupts={{ known: running.known, words: running.words(`A fault puts connector ${n} of ${charger.id} in Faulted at once`) }}
        onClose={() => setFaultOpen(false)}
        onSet={(errorCode, info) => {
          setFaultOpen(false);
          void act('fault', { errorCode, ...(info ? { info } : {}) });
        }}
      />
    </Paper>
  );
}
