// HeartbeatInterval set with ChangeConfiguration lasts only until the charger's next boot: the bench's
// BootNotification answer gives the interval of its Settings (or of the charger's bench behaviour). Said
// before sending and after the charger accepted, with the offer to make the value the bench's setting; once
// the charger has booted since it was sent, said in the past, with the interval that boot's answer gave.
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
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

/** What the bench's BootNotification answer will give the charger as its heartbeat interval. */
export function useBootInterval(chargerId?: string): BootInterval & { reload: () => void } {
  const client = useClient();
  const loaded = useLoad(async () => {
    const [settings, behaviour] = await Promise.all([client.call('settings:get', {}), chargerId ? client.call('chargers:behaviour', { id: chargerId }).catch(() => null) : null]);
    const standing = behaviour?.behaviour.boot?.interval;
    return standing !== undefined ? { seconds: standing, from: 'behaviour' as const } : { seconds: settings.heartbeatInterval, from: 'settings' as const };
  }, [client, chargerId]);
  return { seconds: loaded.data?.seconds ?? null, from: loaded.data?.from ?? 'settings', reload: loaded.reload };
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
const gaveWords = (r: Rebooted, boot: BootInterval): string =>
  r.seconds !== null
    ? `the bench's boot answer gave it ${r.seconds} s (now in effect)`
    : `the bench's boot answer gave it its interval again${boot.seconds === null ? '' : ` (the bench answers BootNotification with ${boot.seconds} s now)`}`;

/** The value typed, as whole seconds; null when it is not one. */
export const secondsOf = (value: string): number | null => (/^\s*\d+\s*$/.test(value) ? Number(value) : null);

/** Whether setting HeartbeatInterval to `value` will be undone at the next boot. */
export function undoneAtBoot(value: string, boot: BootInterval): boolean {
  const n = secondsOf(value);
  return n !== null && boot.seconds !== null && n !== boot.seconds;
}

/**
 * A charger's answer to setting `key` to `value`, said as it will turn out: an Accepted HeartbeatInterval
 * the bench's boot answer will undo is in effect only until the charger's next boot (not "in effect"),
 * and a RebootRequired one never takes effect; once the charger has booted since (`rebooted`, bootAfter),
 * said as it did turn out. Any other key or answer is as explained.
 */
export function untilBoot(explained: Explained, key: string, value: string, boot: BootInterval, rebooted?: Rebooted | null): Explained {
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

/**
 * The warning (before: `sent` false; after the charger accepted: `sent` true), for a HeartbeatInterval of
 * `value` that differs from what the bench's boot answer gives; nothing otherwise. `answered`: the status
 * of the charger's answer to this very value ('' for an answer without one: a CALLERROR, no answer): the
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
  rebooted,
}: {
  value: string;
  boot: BootInterval;
  sent?: boolean;
  answered?: string;
  chargerId?: string;
  onChanged?: () => void;
  rebooted?: Rebooted | null;
}) {
  const client = useClient();
  const [state, setState] = useState<{ pending: boolean; done: number | null; error: string | null }>({ pending: false, done: null, error: null });
  if (answered !== undefined && answered !== 'Accepted' && answered !== 'RebootRequired') return null;
  const accepted = sent || answered === 'Accepted';
  if (!undoneAtBoot(value, boot))
    return state.done !== null && state.done === secondsOf(value) ? <Alert severity="success">The bench now answers every BootNotification with {state.done} s.</Alert> : null;
  const n = secondsOf(value)!;
  const who = chargerId ?? 'the charger';
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
          <Button color="inherit" size="small" loading={state.pending} onClick={() => void adopt()}>
            Make {n} s the bench&apos;s setting
          </Button>
        )
      }
    >
      {lead} {source}, so it is {boot.seconds} s again after the next boot.
      {boot.from === 'behaviour' && ' Change the boot interval of its bench behaviour to keep it.'}
      {state.error && ` The setting could not be changed: ${state.error}`}
    </Alert>
  );
}
