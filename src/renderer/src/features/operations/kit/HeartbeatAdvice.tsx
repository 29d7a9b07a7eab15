// HeartbeatInterval set with ChangeConfiguration lasts only until the charger's next boot: the bench's
// BootNotification answer gives the interval of its Settings (or of the charger's bench behaviour). Said
// before sending and after the charger accepted, with the offer to make the value the bench's setting; once
// the charger has booted since it was sent, said in the past, with the interval that boot's answer gave.
// While that interval is still being read, or when it could not be read, it is said as not known (never as
// the Settings': a bench behaviour may give the charger another), with no advice and no offer.
import { useId, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useClient } from '../../../api/context';
import { useLoad } from '../../../components/useCall';
import { givenInterval } from '../../../components/heartbeatInterval';
import { formatClock } from '../../../components/format';
import { SettingsPatch } from '../../../../../shared/api/settings';
import type { ChargerView } from '../../../../../shared/api/views';
import type { Explained } from './meanings';

export interface BootInterval {
  /** The interval (s) the bench's next BootNotification answer gives; null until known. */
  seconds: number | null;
  /** Where it comes from: the bench's Settings, or this charger's bench behaviour. */
  from: 'settings' | 'behaviour';
}

/** A boot interval not known: still being read (`error` null), or its read failed. */
export interface UnknownBootInterval {
  seconds: null;
  from: 'unknown';
  error: string | null;
}

/** A boot interval as read: known, or not (yet). */
export type BootIntervalRead = BootInterval | UnknownBootInterval;

const unknownBoot = (error: string | null): UnknownBootInterval => ({ seconds: null, from: 'unknown', error });

/**
 * What the bench's BootNotification answer will give the charger (without `chargerId`: a charger without a
 * bench behaviour of its own) as its heartbeat interval: this charger's bench behaviour's, or else the
 * Settings'. Not known while it is read (also after another charger's, or a read that failed), nor when the
 * read it needs failed: its behaviour's, or the Settings' when its behaviour gives none.
 */
export function useBootInterval(chargerId?: string): BootIntervalRead & { reload: () => void } {
  const client = useClient();
  const loaded = useLoad(async () => {
    const [settings, behaviour] = await Promise.allSettled([client.call('settings:get', {}), chargerId ? client.call('chargers:behaviour', { id: chargerId }) : null]);
    if (behaviour.status === 'rejected') throw behaviour.reason;
    const standing = behaviour.value?.behaviour.boot?.interval;
    if (standing !== undefined) return { chargerId, seconds: standing, from: 'behaviour' as const };
    if (settings.status === 'rejected') throw settings.reason;
    return { chargerId, seconds: settings.value.heartbeatInterval, from: 'settings' as const };
  }, [client, chargerId]);
  const { data, error, loading, reload } = loaded;
  // A failed read is said until read again; while read again after it, or for another charger, as being read.
  if (error !== null) return { ...unknownBoot(loading ? null : error), reload };
  return data && data.chargerId === chargerId ? { seconds: data.seconds, from: data.from, reload } : { ...unknownBoot(null), reload };
}

/** The charger's accepted boot after the value was sent (the bench's clock), and the interval its answer gave (null: not known yet). */
export interface Rebooted {
  at: string;
  seconds: number | null;
}

/**
 * The charger's accepted boot after `sentAt` (ISO, the bench's clock: when the value's CALL went out), with
 * the interval the bench's answer to that boot gave it when its view holds it (givenInterval); null when it
 * has not booted since, or when the send's time is not known.
 */
export function bootAfter(charger: Pick<ChargerView, 'lastBoot' | 'registrationStatus' | 'heartbeatGiven'> | undefined, sentAt: string | null | undefined): Rebooted | null {
  // Only an accepted boot is answered with a heartbeat interval.
  const at = charger?.registrationStatus === 'Accepted' ? charger.lastBoot : null;
  if (!at || !sentAt || !(Date.parse(at) > Date.parse(sentAt))) return null;
  const given = givenInterval(charger, null);
  return { at, seconds: given && given.how === 'boot' && given.at !== null && !(Date.parse(given.at) < Date.parse(at)) ? given.seconds : null };
}

/** What the bench's answer to that boot gave, in words. */
const gaveWords = (r: Rebooted, boot: BootIntervalRead): string =>
  r.seconds !== null
    ? `the bench's boot answer gave it ${r.seconds} s (now in effect)`
    : `the bench's boot answer gave it its interval again${boot.seconds === null ? '' : ` (the bench answers BootNotification with ${boot.seconds} s now)`}`;

/** The value typed, as whole seconds; null when it is not one. */
export const secondsOf = (value: string): number | null => (/^\s*\d+\s*$/.test(value) ? Number(value) : null);

/** Whether setting HeartbeatInterval to `value` will be undone at the next boot. */
export function undoneAtBoot(value: string, boot: BootIntervalRead): boolean {
  const n = secondsOf(value);
  return n !== null && boot.seconds !== null && n !== boot.seconds;
}

/**
 * A charger's answer to setting `key` to `value`, said as it will turn out: an Accepted HeartbeatInterval
 * the bench's boot answer will undo is in effect only until the charger's next boot (not "in effect"),
 * and a RebootRequired one never takes effect; once the charger has booted since (`rebooted`, bootAfter),
 * said as it did turn out. Any other key or answer is as explained.
 */
export function untilBoot(explained: Explained, key: string, value: string, boot: BootIntervalRead, rebooted?: Rebooted | null): Explained {
  if (key.trim() !== 'HeartbeatInterval' || !undoneAtBoot(value, boot)) return explained;
  if (rebooted && explained.status === 'Accepted')
    return { ...explained, tone: 'info', meaning: `Was in effect until the charger rebooted at ${formatClock(rebooted.at)}; ${gaveWords(rebooted, boot)}.` };
  if (rebooted && explained.status === 'RebootRequired')
    return { ...explained, tone: 'info', meaning: `The charger restarted at ${formatClock(rebooted.at)}; ${gaveWords(rebooted, boot)}: ${secondsOf(value)} s did not take effect.` };
  const back = `the bench's BootNotification answer sets it back to ${boot.seconds} s`;
  if (explained.status === 'Accepted') return { ...explained, tone: 'warning', meaning: `In effect only until the charger's next boot, when ${back}.` };
  if (explained.status === 'RebootRequired') return { ...explained, meaning: `Stored for after a restart, but at that boot ${back}: ${secondsOf(value)} s does not take effect.` };
  return explained;
}

/** For a charger whose boot interval is not known (still read, or the read failed): whether `value` outlasts its next boot is not known either. */
function UnknownBootAdvice({ who, value, boot, onRetry, status }: { who: string; value: string; boot: UnknownBootInterval; onRetry?: () => void; status: boolean }) {
  if (secondsOf(value) === null) return null;
  const whether = `Whether ${secondsOf(value)} s lasts past ${who}'s next boot`;
  return boot.error === null ? (
    <Alert severity="info" role={status ? 'status' : undefined}>
      {whether} is not known yet: reading its boot interval…
    </Alert>
  ) : (
    <Alert
      severity="warning"
      role={status ? 'status' : undefined}
      action={
        onRetry && (
          <Button color="inherit" size="small" onClick={onRetry}>
            Read again
          </Button>
        )
      }
    >
      {whether} is not known: its boot interval could not be read ({boot.error}).
    </Alert>
  );
}

/**
 * The warning (before: `sent` false; after the charger accepted: `sent` true), for a HeartbeatInterval of
 * `value` that differs from what the bench's boot answer gives; nothing otherwise. While that boot interval
 * is read, or when it could not be read, said as not known (no advice, no offer; `onRetry` reads it again).
 * `answered`: the status of the charger's answer to this very value ('' for an answer without one: a
 * CALLERROR, no answer): the
 * advice follows only a value it took (Accepted, RebootRequired); one it refused or that failed keeps its
 * interval, and there is nothing to keep. `rebooted` (bootAfter): the charger has booted since the value
 * was sent, so it is said as it turned out, without the offer (the value is gone from the charger).
 */
export function HeartbeatAdvice({
  value,
  boot,
  sent = false,
  answered,
  chargerId,
  onChanged,
  onRetry,
  rebooted,
}: {
  value: string;
  boot: BootIntervalRead;
  sent?: boolean;
  answered?: string;
  chargerId?: string;
  onChanged?: () => void;
  onRetry?: () => void;
  rebooted?: Rebooted | null;
}) {
  const client = useClient();
  const [state, setState] = useState<{ pending: boolean; done: number | null; error: string | null }>({ pending: false, done: null, error: null });
  // The Settings answer every charger's boot: changed only once confirmed.
  const [asking, setAsking] = useState(false);
  if (answered !== undefined && answered !== 'Accepted' && answered !== 'RebootRequired') return null;
  const accepted = sent || answered === 'Accepted';
  const who = chargerId ?? 'the charger';
  // Booted since: how that boot left the value is not known without the interval (the table's row says what it gave).
  if (boot.from === 'unknown') return rebooted ? null : <UnknownBootAdvice who={who} value={value} boot={boot} onRetry={onRetry} status={answered !== undefined || sent} />;
  if (!undoneAtBoot(value, boot))
    return state.done !== null && state.done === secondsOf(value) ? <Alert severity="success">The bench now answers every BootNotification with {state.done} s.</Alert> : null;
  const n = secondsOf(value)!;
  if (rebooted && (accepted || answered === 'RebootRequired'))
    return (
      <Alert severity="info" role="status">
        {accepted ? `Was in effect until ${who} rebooted at ${formatClock(rebooted.at)}` : `${who} restarted at ${formatClock(rebooted.at)}`}; {gaveWords(rebooted, boot)}
        {accepted ? '.' : `: ${n} s did not take effect.`}
      </Alert>
    );
  const source =
    boot.from === 'behaviour' ? `this charger's bench behaviour answers its BootNotification with ${boot.seconds} s` : `the bench answers BootNotification with ${boot.seconds} s (Settings)`;
  const lead = accepted
    ? `Accepted, but only until ${who} next boots:`
    : answered === 'RebootRequired'
      ? `Stored for after ${who} restarts, but ${n} s will not take effect:`
      : `${n} s holds only until ${who} next boots:`;
  const canAdopt = boot.from === 'settings' && SettingsPatch.safeParse({ heartbeatInterval: n }).success;
  const adopt = async () => {
    setAsking(false);
    setState({ pending: true, done: null, error: null });
    try {
      await client.call('settings:update', { heartbeatInterval: n });
      setState({ pending: false, done: n, error: null });
      onChanged?.();
    } catch (e) {
      setState({ pending: false, done: null, error: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <Alert
      severity="warning"
      role={answered !== undefined || sent ? 'status' : undefined}
      action={
        canAdopt && (
          <Button color="inherit" size="small" loading={state.pending} onClick={() => setAsking(true)}>
            Make {n} s the bench&apos;s setting
          </Button>
        )
      }
    >
      {lead} {source}, so it is {boot.seconds} s again after the next boot.
      {boot.from === 'behaviour' && ' Change the boot interval of its bench behaviour to keep it.'}
      {state.error && ` The setting could not be changed: ${state.error}`}
      {canAdopt && <AdoptIntervalDialog open={asking} seconds={n} now={boot.seconds} onCancel={() => setAsking(false)} onConfirm={() => void adopt()} />}
    </Alert>
  );
}

/** Before the bench's setting changes: it answers every charger's next boot, not only this one's. */
function AdoptIntervalDialog({ open, seconds, now, onCancel, onConfirm }: { open: boolean; seconds: number; now: number | null; onCancel: () => void; onConfirm: () => void }) {
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>Change the bench&apos;s heartbeat interval?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          The bench will answer every charger&apos;s BootNotification with {seconds} s{now !== null && ` (now ${now} s)`}: each takes it at its next boot. A charger whose bench behaviour sets a boot
          interval of its own keeps that one.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>
          Cancel
        </Button>
        <Button variant="contained" onClick={onConfirm}>
          Answer every boot with {seconds} s
        </Button>
      </DialogActions>
    </Dialog>
  );
}
