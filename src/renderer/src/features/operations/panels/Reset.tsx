// Reset: restarts the charger, softly or as after a power cut; confirmed first, naming the transactions
// that end with it.
import { useState } from 'react';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import type { ResetType } from '../../../../../shared/ocpp16';
import { ConfirmDialog } from '../kit/ConfirmDialog';
import type { OperationPage } from '../kit/page';
import { OperationOutcome, PanelContext, PanelShell, SendButton, usePanel } from '../kit/parts';
import type { Explained } from '../kit/meanings';
import { plural, useRunning, type RunningTransaction } from '../kit/running';
import { useOperation, useOperationForm } from '../kit/useOperation';
import { asLastKnown, useLastKnownNote } from '../../../components/lastKnownNote';
import { isRunning } from '../../../components/running';
import { sessionsWithoutTransaction, untrackedText } from '../../../components/ConfirmDialog';

export const Reset: OperationPage<'Reset'> = {
  label: 'Reset',
  group: 'Charger',
  Panel: ResetPanel,
  meanings: {
    // Where the type sent is known, resetAnswered says it for that type.
    Accepted: {
      tone: 'success',
      meaning:
        'The charger will restart; expect it to disconnect and come back with a BootNotification. Running transactions end: before a Soft restart (StopTransaction reason SoftReset), or with a Hard one (StopTransaction reason HardReset, after the BootNotification).',
    },
    Rejected: { tone: 'error', meaning: 'The charger refused to restart now (for example during a firmware update).' },
  },
};

/** What each kind of reset does, said apart so the choice is an informed one. */
export const resetExplained: Record<ResetType, string> = {
  Soft: 'A graceful restart of the software: running sessions are ended properly first (StopTransaction reason SoftReset), then the charger restarts and sends BootNotification again.',
  Hard: 'A restart of the whole charger at once, as after a power cut: sessions end abruptly (reason HardReset), nothing charges until it has rebooted, and data not yet sent may be lost.',
};

/** What an Accepted reset means, per the type sent: a Soft one ends sessions first, a Hard one with the reboot. */
export const resetAccepted: Record<ResetType, string> = {
  Soft: 'The charger will restart. Running transactions end first (StopTransaction with reason SoftReset); expect it to disconnect and come back with a BootNotification.',
  Hard: 'The charger will restart at once, as after a power cut; expect it to disconnect and come back with a BootNotification. Running transactions end with the reboot: their StopTransaction (reason HardReset) comes after the BootNotification.',
};

/** A Reset's answer in words for the type sent (`type`; null: not known, the words for either). */
export function resetAnswered(explained: Explained, type: ResetType | null): Explained {
  return type && explained.status === 'Accepted' ? { ...explained, meaning: resetAccepted[type] } : explained;
}

export function resetLabel(type: ResetType, chargerId: string, running: number): string {
  return `${type} reset ${chargerId}${running ? ` and end ${plural(running, 'transaction')}` : ''}`;
}

function resetConsequence(type: ResetType, chargerId: string, running: RunningTransaction[]): string {
  const tx = running.length ? `${plural(running.length, 'running transaction')} end${running.length === 1 ? 's' : ''} (StopTransaction reason ${type}Reset). ` : '';
  return type === 'Hard'
    ? `${tx}${chargerId} restarts at once, like a power cycle; nothing can charge until it has rebooted and sent BootNotification.`
    : `${tx}${chargerId} closes its sessions gracefully, restarts its software and reconnects with BootNotification.`;
}

/** The type of the reset last sent from this panel, if any. */
function sentReset(request: unknown): ResetType | null {
  const type = (request as { type?: unknown } | null | undefined)?.type;
  return type === 'Hard' || type === 'Soft' ? type : null;
}

function ResetPanel() {
  const panel = usePanel();
  const { chargerId } = panel;
  // A session the record holds open on a connector that reports none there (Available…) is not running.
  const held = useRunning(chargerId);
  const running = held.filter(isRunning);
  // A connector reporting a session the bench holds no transaction for: not "nothing is charging".
  const untracked = sessionsWithoutTransaction(panel.charger?.connectors, held);
  // Offline (or the link down): what runs there is the last known, as of its last contact, not now.
  const lastKnown = useLastKnownNote(chargerId);
  // The panel shown again (left while the charger had not answered) keeps the reset it sent selected.
  const sent = sentReset(useOperation<'Reset'>(chargerId, 'Reset').request);
  const [chosen, setType] = useState<ResetType | null>(null);
  const type: ResetType = chosen ?? sent ?? 'Soft';
  const form = useOperationForm(chargerId, 'Reset', { type });
  return (
    <PanelShell title="Reset" action="Reset" description="Restarts the charger; choose how.">
      <FormControl>
        <FormLabel id="reset-type">Reset type</FormLabel>
        <RadioGroup aria-labelledby="reset-type" value={type} onChange={(e) => setType(e.target.value as ResetType)}>
          {(['Soft', 'Hard'] as const).map((t) => (
            <FormControlLabel
              key={t}
              value={t}
              control={<Radio />}
              sx={{ alignItems: 'flex-start', mb: 1, '& .MuiRadio-root': { pt: 0.5 } }}
              label={
                <Box>
                  <Typography variant="body1">{t}</Typography>
                  <Typography variant="body2" color="text.secondary" id={`reset-${t}-explained`}>
                    {resetExplained[t]}
                  </Typography>
                </Box>
              }
            />
          ))}
        </RadioGroup>
      </FormControl>
      <Typography variant="body2" data-testid="reset-running">
        {running.length
          ? asLastKnown(lastKnown, `${plural(running.length, 'transaction')} running on ${chargerId} now.`, `${plural(running.length, 'transaction')} running on ${chargerId}.`)
          : untracked.length
            ? untracked.map((c) => untrackedText(c, lastKnown)).join(' ')
            : asLastKnown(lastKnown, `Nothing is charging on ${chargerId} now.`, `nothing charging on ${chargerId}.`)}
      </Typography>
      <SendButton pending={form.op.pending} color="warning" onClick={() => form.confirm.submit()}>
        {type} reset…
      </SendButton>
      {/* The outcome names the reset that was sent, and says what it does, whatever the form shows now. */}
      <PanelContext.Provider
        value={{ ...panel, explain: (action, result, ...rest) => (action === 'Reset' ? resetAnswered(panel.explain(action, result, ...rest), sent) : panel.explain(action, result, ...rest)) }}
      >
        <OperationOutcome op={form.op} sent={sent ? `${sent} reset` : undefined} />
      </PanelContext.Provider>
      <ConfirmDialog
        {...form.confirm.dialog}
        title={`${type} reset ${chargerId}?`}
        target={`${chargerId} · the whole charger`}
        consequence={(running) => resetConsequence(type, chargerId, running)}
        confirmLabel={(running) => resetLabel(type, chargerId, running.length)}
        dangerous={(running) => type === 'Hard' || running.length > 0}
        updateUnderWay="reset"
      />
    </PanelShell>
  );
}
