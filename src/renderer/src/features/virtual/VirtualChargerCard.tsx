// One virtual charger: how it is connected and registered, its firmware and queue, power on/off and
// delete, the charger-wide physical actions, a panel per connector, and its fault switches.
import { useId, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CodeIcon from '@mui/icons-material/Code';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import StopIcon from '@mui/icons-material/Stop';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { useClient } from '../../api/context';
import { formatPower } from '../../components/format';
import { monoFont } from '../../app/theme';
import { activeFaults, type VirtualChargerDeleted, type VirtualChargerView } from '../../../../shared/api/virtual-chargers';
import { ConnectorPanel } from './ConnectorPanel';
import { FaultSwitchesPanel } from './FaultSwitchesPanel';
import { SessionsConfirmDialog, deleteWords, powerCycleWords, stopWords } from './SessionsConfirm';
import { SetFaultDialog } from './SetFaultDialog';
import { VirtualPasswordDialog } from './VirtualPasswordDialog';
import { actionWords, forgetView, rememberView, usePhysicalActions } from './virtual-actions';
import { ConnectionChips } from './ConnectionChips';
import { useVirtualLink } from './virtual-link';
import { CardGuardContext, interruptParagraphs, mustAsk, readingWords, useAskFirst } from './ask-first';

/** `onDeleted`: told what deleting the charger did to its sessions (the card is gone by then). */
export function VirtualChargerCard({ charger, onDeleted }: { charger: VirtualChargerView; onDeleted?: (outcome: VirtualChargerDeleted) => void }) {
  const client = useClient();
  const { busy, feedback, run, act, clear } = usePhysicalActions(charger.id);
  // What the confirmation asks about; it keeps its words while it closes.
  const [asked, setAsked] = useState<'stop' | 'power-cycle' | 'delete'>('delete');
  const [confirmOpen, setConfirmOpen] = useState(false);
  const setConfirming = (what: 'stop' | 'power-cycle' | 'delete' | null) => {
    if (what) setAsked(what);
    setConfirmOpen(what !== null);
  };
  const [faultOpen, setFaultOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [passwordSaved, setPasswordSaved] = useState<string | null>(null);
  const headingId = useId();
  const id = charger.id;
  const def = charger.definition;
  // The link to the bench lost: the card is the last known, and nothing can be sent.
  const { blocked, asOf } = useVirtualLink();
  const down = blocked !== null;
  // A test run or a commissioning running on the charger: said on the card, and what would disturb it asked first.
  const { guard, dialog: askDialog } = useAskFirst(id, blocked, asOf);
  const running = guard.running;
  const powerCycleAction = `A power cycle cuts the power of ${id}, which boots again, at once`;
  const faultAction = `A fault puts the whole charger ${id} in Faulted at once`;
  const faults = activeFaults(charger.faults);
  const connected = charger.connection === 'connected';

  const call = <T,>(key: string, go: () => Promise<T>, view: (v: T) => VirtualChargerView) =>
    run(key, async () => {
      const v = await go();
      rememberView(view(v));
      return v;
    });
  const startStop = () =>
    charger.running
      ? call(
          'stop',
          () => client.call('virtualChargers:stop', { id }),
          (v) => v,
        )
      : call(
          'start',
          () => client.call('virtualChargers:start', { id }),
          (v) => v,
        );
  const remove = async () => {
    setConfirming(null);
    const outcome = await run('delete', () => client.call('virtualChargers:delete', { id }));
    if (outcome === undefined) return;
    forgetView(id);
    if (outcome) onDeleted?.(outcome);
  };
  // Stop and Power cycle end what is charging: asked first, only then.
  const stopWanted = () => (charger.running && stopWords(charger).length ? setConfirming('stop') : void startStop());
  // Power cycle also interrupts a test run's case or a commissioning's check: asked then too, naming it.
  const powerCycleWanted = () => (powerCycleWords(charger).length || mustAsk(running, powerCycleAction) ? setConfirming('power-cycle') : void act('power-cycle'));
  const confirmed = () => {
    // Never sent while the link is lost (the confirmation says why), whatever the click.
    if (down) return;
    const what = asked;
    if (what === 'power-cycle' && !running.known) return;
    setConfirming(null);
    if (what === 'stop') void startStop();
    else if (what === 'power-cycle') void act('power-cycle');
    else if (what === 'delete') void remove();
  };
  const deleteText = `${id} is switched off and deleted together with its saved state: configuration keys, local authorization list, meters, charging profiles, fault switches and any transaction messages still queued. The frames and transactions the bench already recorded stay in the log. This cannot be undone.`;
  const dialog =
    asked === 'stop'
      ? { title: `Stop virtual charger ${id}?`, paragraphs: stopWords(charger), confirmLabel: `Stop ${id}` }
      : asked === 'power-cycle'
        ? {
            title: `Power cycle ${id}?`,
            paragraphs: [...interruptParagraphs(running, id, powerCycleAction, !powerCycleWords(charger).length), ...powerCycleWords(charger)],
            confirmLabel: running.words(powerCycleAction) ? `Power cycle ${id} and interrupt` : `Power cycle ${id}`,
          }
        : { title: `Delete virtual charger ${id}?`, paragraphs: [...deleteWords(charger), deleteText], confirmLabel: `Delete ${id}` };

  const facts: Array<[string, string]> = [
    ['Model', `${def.vendor} ${def.model}${def.serialNumber ? ` · S/N ${def.serialNumber}` : ''}`],
    ['Firmware', `${charger.firmwareVersion} · ${charger.firmwareStatus}`],
    ['Diagnostics', charger.diagnosticsStatus],
    ['Power', `${formatPower(def.maxPowerW)} per connector · ${def.phases} phase${def.phases === 1 ? '' : 's'}${def.backupPower ? ' · back-up power' : ''}`],
    ['Connectors', def.fixedCable ? 'Fixed cables' : 'Sockets with a lock'],
    ['Security', def.hasPassword ? 'Basic auth (profile 1)' : 'No password'],
    ['Queued messages', `${charger.queuedMessages}${charger.meterValuesNotKept ? ` · ${charger.meterValuesNotKept.toLocaleString()} MeterValues not kept (queue full)` : ''}`],
    ['Local list version', String(charger.localListVersion)],
  ];

  const small = { size: 'small' as const, variant: 'outlined' as const, disabled: busy !== null || down };
  return (
    <CardGuardContext.Provider value={guard}>
      <Paper component="section" aria-labelledby={headingId} sx={{ p: 2.5 }}>
        <Stack direction="row" spacing={1.5} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography id={headingId} variant="h6" component="h2" sx={{ fontFamily: monoFont }} aria-label={`Virtual charger ${id}`}>
            {id}
          </Typography>
          <ConnectionChips charger={charger} asOf={asOf} blocked={blocked} />
          {charger.chargerFault && <Chip size="small" color={down ? 'default' : 'error'} variant={down ? 'outlined' : 'filled'} label={`Charger Faulted · ${charger.chargerFault.errorCode}`} />}
          {running.label && <Chip size="small" color="info" label={running.label} title="Actions here that would disturb it ask first" />}
          {faults.length > 0 && (
            <Chip size="small" color="warning" icon={<WarningAmberIcon />} label={`${faults.length} fault switch${faults.length === 1 ? '' : 'es'} on`} title={faults.join(', ')} />
          )}
          <Box sx={{ flexGrow: 1 }} />
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Button component={RouterLink} to={`/chargers/${encodeURIComponent(id)}`} size="small" endIcon={<ArrowForwardIcon fontSize="small" />}>
              Charger page and operations
            </Button>
            <Button
              size="small"
              variant={charger.running ? 'outlined' : 'contained'}
              startIcon={charger.running ? <StopIcon /> : <PlayArrowIcon />}
              disabled={busy !== null || down}
              onClick={stopWanted}
            >
              {busy === 'start' ? 'Starting…' : busy === 'stop' ? 'Stopping…' : charger.running ? 'Stop' : 'Start'}
            </Button>
            <Button size="small" color="error" startIcon={<DeleteOutlinedIcon />} disabled={busy !== null || down} onClick={() => setConfirming('delete')}>
              {busy === 'delete' ? 'Deleting…' : 'Delete'}
            </Button>
          </Stack>
        </Stack>
        {asOf && (
          <Typography variant="body2" color="text.secondary" role="note" sx={{ mt: 1 }}>
            {`${asOf.charAt(0).toUpperCase()}${asOf.slice(1)}: not live.`}
          </Typography>
        )}

        <Box component="dl" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 3, rowGap: 0.5, my: 1.5 }}>
          {facts.map(([term, value]) => (
            <Box key={term} sx={{ display: 'flex', gap: 0.75 }}>
              <Typography component="dt" variant="body2" color="text.secondary">
                {term}
              </Typography>
              <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                {value}
                {term === 'Security' && (
                  <Button size="small" sx={{ ml: 1, py: 0, minWidth: 0 }} disabled={down} onClick={() => setPasswordOpen(true)} aria-label={`Set the password of ${id}`}>
                    Set password…
                  </Button>
                )}
              </Typography>
            </Box>
          ))}
        </Box>
        {passwordSaved && (
          <Alert severity="success" onClose={() => setPasswordSaved(null)} sx={{ mb: 1.5, py: 0 }}>
            {passwordSaved}
          </Alert>
        )}
        {charger.lastError && (
          <Alert severity={connected && !down ? 'info' : 'warning'} sx={{ mb: 1.5, py: 0 }}>
            {down ? 'Last error (last known)' : 'Last error'}: {charger.lastError}
          </Alert>
        )}

        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 1.5 }} role="group" aria-label={`Whole charger ${id}`}>
          <Typography variant="body2" color="text.secondary" sx={{ mr: 0.5 }}>
            Whole charger:
          </Typography>
          <Button {...small} startIcon={<RestartAltIcon />} disabled={busy !== null || down || !charger.running} onClick={powerCycleWanted} title={actionWords('power-cycle').explanation}>
            {actionWords('power-cycle').label}
          </Button>
          <Button
            {...small}
            startIcon={<LinkOffIcon />}
            disabled={busy !== null || down || !connected}
            onClick={() =>
              guard.askFirst(
                { title: `Drop the connection of ${id} now?`, action: `Dropping the connection disconnects ${id} at once`, confirmLabel: 'Drop connection' },
                () => void act('drop-connection'),
              )
            }
            title={actionWords('drop-connection').explanation}
          >
            {actionWords('drop-connection').label}
          </Button>
          <Button {...small} startIcon={<CodeIcon />} disabled={busy !== null || down || !connected} onClick={() => void act('send-malformed')} title={actionWords('send-malformed').explanation}>
            {actionWords('send-malformed').label}
          </Button>
          {charger.chargerFault ? (
            <Button {...small} color="error" onClick={() => void act('clear-fault', { connectorId: 0 })}>
              Clear charger fault
            </Button>
          ) : (
            <Button {...small} color="error" startIcon={<ReportProblemIcon />} onClick={() => setFaultOpen(true)}>
              Fault whole charger…
            </Button>
          )}
        </Stack>
        {feedback && (
          <Alert severity={feedback.severity} onClose={clear} sx={{ mb: 1.5 }}>
            {feedback.text}
          </Alert>
        )}

        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(420px, 1fr))', gap: 2, mb: 2 }}>
          {charger.connectors.map((c) => (
            <ConnectorPanel key={c.connectorId} charger={charger} connector={c} />
          ))}
        </Box>

        <FaultSwitchesPanel charger={charger} />

        <VirtualPasswordDialog
          charger={charger}
          open={passwordOpen}
          onClose={() => setPasswordOpen(false)}
          onSaved={(message) => {
            setPasswordOpen(false);
            setPasswordSaved(message);
          }}
        />
        <SetFaultDialog
          open={faultOpen}
          chargerId={id}
          connectorId={0}
          blocked={blocked}
          interrupts={{ known: running.known, words: running.words(faultAction) }}
          onClose={() => setFaultOpen(false)}
          onSet={(errorCode, info) => {
            setFaultOpen(false);
            void act('fault', { connectorId: 0, errorCode, ...(info ? { info } : {}) });
          }}
        />
        <SessionsConfirmDialog
          open={confirmOpen}
          {...dialog}
          blocked={blocked ?? (asked === 'power-cycle' ? readingWords(running, id) : null)}
          asOf={asOf}
          onCancel={() => setConfirming(null)}
          onConfirm={confirmed}
        />
        {askDialog}
      </Paper>
    </CardGuardContext.Provider>
  );
}
