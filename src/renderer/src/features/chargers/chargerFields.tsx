// The pieces the charger forms share (the password field is components/PasswordField): the boot policy choice,
// the bench's refusal on the field it names, and the chips for a charger's connection and boot status.
import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { CallFailure } from '../../api/client';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import { formatAgo, formatTime, formatWhen } from '../../components/format';
import { formatDuration } from '../../../../shared/format/time';
import { linkProblem, useNow, type Silence } from '../../components/reach';
import { changedSinceRefusal, changeShort, changeWords, HEARTBEAT_GRACE_MS, refusedLabel, silentBeforeDrop, type Drop, type Refusal } from '../../components/refusals';
import { givenBy, intervalWords, noHeartbeatAsked, useHeartbeatIntervalAt, type KnownInterval } from '../../components/heartbeatInterval';
import type { ChargerView } from '../../../../shared/api/views';
import type { RegistrationStatus } from '../../../../shared/ocpp16/enums';
import { benchNow } from '../../components/benchClock';

/** How the charger forms word a schema's complaint: on the field (the last part of its path, e.g. "patch.password" is "password"), as a sentence. */
export const chargerIssueWords = { key: 'last', sentence: true } as const;

/** A refused call as a message on the field it names, or a message for the whole form. */
export function callErrors(e: unknown, fields: readonly string[]): { fields: Record<string, string>; form: string | null } {
  const message = e instanceof Error ? e.message : String(e);
  const field = e instanceof CallFailure ? e.field?.split('.').pop() : undefined;
  if (field && fields.includes(field)) return { fields: { [field]: message }, form: null };
  return { fields: {}, form: message };
}

/** The bench's default answer to BootNotification, for the "Bench default (…)" choice. */
function useDefaultBootStatus(): RegistrationStatus | null {
  const client = useClient();
  const [status, setStatus] = useState<RegistrationStatus | null>(null);
  useEffect(() => {
    let live = true;
    client.call('settings:get', {}).then(
      (s) => live && setStatus(s.defaultBootStatus),
      () => undefined,
    );
    return () => void (live = false);
  }, [client]);
  return status;
}

/** '' is the bench default (null in the contract). */
export function BootPolicyField({ value, onChange, error }: { value: RegistrationStatus | ''; onChange: (v: RegistrationStatus | '') => void; error?: string }) {
  const fallback = useDefaultBootStatus();
  return (
    <TextField
      select
      label="Boot policy"
      value={value}
      onChange={(e) => onChange(e.target.value as RegistrationStatus | '')}
      error={!!error}
      helperText={error ?? "How the bench answers this charger's BootNotification."}
      fullWidth
      slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
    >
      <MenuItem value="">Bench default{fallback ? ` (${fallback})` : ''}</MenuItem>
      <MenuItem value="Accepted">Accepted</MenuItem>
      <MenuItem value="Pending">Pending: the charger must wait and boot again</MenuItem>
      <MenuItem value="Rejected">Rejected: the charger may not talk to the bench</MenuItem>
    </TextField>
  );
}

/**
 * An offline charger's connection lost (no close frame, the bench's ping unanswered) after a silence longer
 * than its heartbeat interval allows (refusals.ts silentBeforeDrop): judged against the interval it was
 * given (its view's `heartbeatGiven`, `given`); when the view tells none, a candidate past the bench's
 * setting, which its chip checks against the interval the record tells (heartbeatInterval.ts) before it
 * says "overdue".
 */
export interface SilentDrop {
  chargerId: string;
  /** When the drop was seen (ISO). */
  at: string;
  /** How long the charger had been silent then (ms). */
  silentMs: number;
  /** The close in words. */
  reason: string | null;
  /** The bench's heartbeat setting now (s): the charger's interval when the record tells no other. */
  settingS: number | null;
  /** The interval the charger was given by the drop, as its view tells it; null: read from the record. */
  given: KnownInterval | null;
}

/** An offline charger's abnormal drop after a silence past the interval it was given (else past the bench's heartbeat setting), for its ConnectionChip; null otherwise (and when it was given 0: no heartbeats asked for). */
export function silentDropOf(charger: Pick<ChargerView, 'id' | 'connected' | 'lastSeen' | 'heartbeatGiven'>, drop: Drop | undefined, heartbeatInterval: number | null | undefined): SilentDrop | null {
  if (charger.connected || !drop) return null;
  const given = givenBy(charger, drop.at);
  // Told to send no heartbeats (a given interval of 0): a silence before the drop was what it was asked for.
  if (noHeartbeatAsked(given)) return null;
  const silentMs = silentBeforeDrop(charger.lastSeen, drop, given ? given.seconds : heartbeatInterval);
  return silentMs !== null ? { chargerId: charger.id, at: drop.at, silentMs, reason: drop.reason, settingS: heartbeatInterval ?? null, given } : null;
}

/**
 * A drop checked against the heartbeat interval the charger was working to: the one its view tells it was
 * given, else the one the record tells (its boot answer's, or a later configuration change or read of it):
 * the drop with that interval when the silence was longer than it allows; null otherwise (an interval of
 * 0: no heartbeats were asked for), while it is read, and when it cannot be.
 */
export function useOverdueDrop(candidate: SilentDrop | null | undefined): { drop: SilentDrop; interval: KnownInterval } | null {
  const read = candidate && !candidate.given ? candidate : null;
  const { known } = useHeartbeatIntervalAt(read?.chargerId ?? null, read?.at ?? null, read?.settingS);
  const interval = candidate?.given ?? known;
  // An interval of 0 (the charger told to send no heartbeats, as the record tells it): nothing was overdue.
  if (!candidate || !interval || noHeartbeatAsked(interval)) return null;
  return candidate.silentMs > interval.seconds * 1000 + HEARTBEAT_GRACE_MS ? { drop: candidate, interval } : null;
}

/**
 * Online or offline, and since when it was last heard from; while the bench itself cannot be reached,
 * neither is known, so it says so rather than keep a green "Online". An offline charger whose attempts
 * the bench keeps refusing says so (`refusal`), with why in a few words (the fix is in the tooltip and on
 * its page: at 1024 px the list's column holds two short lines, not a sentence); an online one not heard
 * from for longer than its heartbeat allows (`silence`: reach.ts silenceOf, against the interval it was
 * given) stays Online (the connection is open) but says since when (the interval and where it came from in
 * its tooltip), and an offline one lost after such a silence (`silentDrop`, checked against the interval the
 * charger was given: useOverdueDrop) says it was overdue.
 */
export function ConnectionChip({
  connected,
  lastSeen,
  withLastSeen = false,
  refusal,
  silence,
  silentDrop,
  never = false,
  admissionChange,
}: {
  connected: boolean;
  lastSeen?: string;
  withLastSeen?: boolean;
  /** It has never connected (reach.ts neverConnected): its `lastSeen` is its registration, not said as "last seen". */
  never?: boolean;
  /** The newest change to how it is let in (its view's `admissionChange`): one after the last refusal makes that refusal not the last word. */
  admissionChange?: ChargerView['admissionChange'];
  refusal?: Refusal | null;
  silence?: Silence | null;
  silentDrop?: SilentDrop | null;
}) {
  const link = useBench((s) => s.link);
  const linkSince = useBench((s) => s.linkSince);
  const now = useNow();
  const overdue = useOverdueDrop(connected ? null : silentDrop);
  // The link down: one online then may be gone since (Unknown); one offline then is said offline, as the last known, with when it was last seen.
  if (link !== 'open' && (connected || !lastSeen))
    return (
      <Tooltip title={`Last known: ${connected ? 'online' : 'offline'}. ${linkProblem(link, linkSince)}.`}>
        <Chip size="small" variant="outlined" label="Unknown" sx={{ borderStyle: 'dashed' }} />
      </Tooltip>
    );
  if (link !== 'open')
    return (
      <Tooltip title={`Last known: offline, ${never ? 'never connected' : `last seen ${formatTime(lastSeen)}`}. ${linkProblem(link, linkSince)}.`}>
        <Box component="span" data-stale="" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Chip size="small" variant="outlined" label="Offline (last known)" sx={{ borderStyle: 'dashed' }} />
          {withLastSeen && (
            <Typography component="span" variant="caption" color="text.secondary" sx={{ lineHeight: 1.3 }}>
              {never ? 'never connected' : `last seen ${formatAgo(lastSeen, now)}`}
            </Typography>
          )}
        </Box>
      </Tooltip>
    );
  const changed = !connected && refusal ? changedSinceRefusal(refusal, admissionChange) : null;
  if (refusal && changed) {
    const [what, waiting] = changeShort(changed, now);
    return (
      <Tooltip title={`${changeWords(changed, now)}. Before it: ${refusalWords(refusal, now)}. Last refused ${formatTime(refusal.last)}: ${refusal.reason}`}>
        <Box component="span" data-testid="connection-refused" data-changed="" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap' }}>
          <Chip size="small" variant="outlined" color="warning" label={refusedLabel(refusal)} />
          {withLastSeen && (
            <Typography component="span" variant="caption" color="text.secondary" sx={{ lineHeight: 1.3 }}>
              <Box component="span" sx={{ display: 'block' }}>
                {what}
              </Box>
              <Box component="span" sx={{ display: 'block' }}>
                {waiting}
              </Box>
            </Typography>
          )}
        </Box>
      </Tooltip>
    );
  }
  if (!connected && refusal)
    return (
      <Tooltip
        title={`${refusalWords(refusal)}. Last refused ${formatTime(refusal.last)}: ${refusal.reason}${never ? '. It has never connected' : lastSeen ? `. Last seen ${formatTime(lastSeen)}` : ''}`}
      >
        <Box component="span" data-testid="connection-refused" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap' }}>
          <Chip size="small" color="error" label={refusedLabel(refusal)} />
          {withLastSeen && (
            <Typography component="span" variant="caption" color="error" sx={{ lineHeight: 1.3 }}>
              <Box component="span" sx={{ display: 'block' }}>
                {refusal.short}
              </Box>
              <Box component="span" sx={{ display: 'block' }}>
                {refusal.count}× since{' '}
                <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
                  {formatWhen(refusal.since, now)}
                </Box>
              </Box>
            </Typography>
          )}
        </Box>
      </Tooltip>
    );
  const chip = <Chip size="small" color={connected ? 'success' : 'default'} variant={connected ? 'filled' : 'outlined'} label={connected ? 'Online' : 'Offline'} />;
  if (connected && silence) {
    const silentSince = silence.since;
    return (
      <Tooltip
        title={`The connection is open, but nothing came from the charger since ${formatTime(silentSince)}: ${overdueWords(silence)}. The network may be gone without the connection closing; what is shown is the last known.`}
      >
        <Box component="span" data-testid="heartbeat-overdue" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap' }}>
          {chip}
          <Typography component="span" variant="caption" color="warning.main" sx={{ lineHeight: 1.3 }}>
            Nothing heard since {formatWhen(silentSince, now)} (heartbeat overdue)
          </Typography>
        </Box>
      </Tooltip>
    );
  }
  if (connected || !lastSeen) return chip;
  if (never)
    return (
      <Tooltip title="It has never connected to the bench (registered ahead of its first connection).">
        <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          {chip}
          {withLastSeen && (
            <Typography component="span" variant="caption" color="text.secondary" sx={{ lineHeight: 1.3 }}>
              never connected
            </Typography>
          )}
        </Box>
      </Tooltip>
    );
  const dropWords =
    overdue &&
    `Its connection was lost at ${formatTime(overdue.drop.at)}, after ${formatDuration(overdue.drop.silentMs)} without a word from the charger: longer than its heartbeat interval allows (${intervalWords(overdue.interval, formatTime)}), so its heartbeat was overdue before the drop${overdue.drop.reason ? ` (${overdue.drop.reason})` : ''}.`;
  return (
    <Tooltip title={`Last seen ${formatTime(lastSeen)}${dropWords ? `. ${dropWords}` : ''}`}>
      <Box component="span" data-testid={overdue ? 'dropped-after-silence' : undefined} sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        {chip}
        {withLastSeen && (
          <Typography component="span" variant="caption" color="text.secondary" sx={{ lineHeight: 1.3 }}>
            last seen {formatAgo(lastSeen, now)}
            {overdue && (
              <Box component="span" sx={{ display: 'block', color: 'warning.main' }}>
                dropped after {formatDuration(overdue.drop.silentMs)} silent (heartbeat overdue)
              </Box>
            )}
          </Typography>
        )}
      </Box>
    </Tooltip>
  );
}

/**
 * Why a silence is overdue, in words: "longer than twice its heartbeat interval allows (60 s, from the
 * bench's answer to its boot at …)", or, at the least of a minute, "longer than a minute (…)".
 */
export function overdueWords(silence: Silence): string {
  const { interval } = silence;
  const words = interval ? intervalWords(interval, formatTime) : "300 s assumed: neither the interval it was given nor the bench's setting is known";
  return 2 * (interval?.seconds ?? 300) < 60 ? `longer than a minute, the least the bench waits (its heartbeat interval: ${words})` : `longer than twice its heartbeat interval allows (${words})`;
}

/** "Refused (401, password missing) 3× since 09:08:29: set its password (AuthorizationKey) on the charger"; "Refused (tls on the plain port) …" without a status. */
export function refusalWords(r: Refusal, now = benchNow()): string {
  return `Refused (${r.status === null ? '' : `${r.status}, `}${r.short}) ${r.count}× since ${formatWhen(r.since, now)}: ${r.fix}`;
}

const registrationColours = { Accepted: 'success', Pending: 'warning', Rejected: 'error' } as const;

/** The answer the charger got to its last BootNotification; `short` drops the "Boot" for a column headed so. */
export function RegistrationChip({ status, short }: { status: RegistrationStatus | null; short?: boolean }) {
  if (!status) return <Chip size="small" variant="outlined" label="Not booted" />;
  return <Chip size="small" variant="outlined" color={registrationColours[status]} label={short ? status : `Boot ${status}`} />;
}
