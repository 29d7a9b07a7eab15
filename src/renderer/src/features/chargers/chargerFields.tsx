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
import { linkProblem, useNow } from '../../components/reach';
import { HEARTBEAT_GRACE_MS, refusedLabel, silentBeforeDrop, type Drop, type Refusal } from '../../components/refusals';
import { intervalWords, useHeartbeatIntervalAt, type KnownInterval } from '../../components/heartbeatInterval';
import type { ChargerView } from '../../../../shared/api/views';
import type { RegistrationStatus } from '../../../../shared/ocpp16/enums';

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
 * than the bench's heartbeat setting allows (refusals.ts silentBeforeDrop): a candidate, which its chip
 * checks against the interval the charger was working to (heartbeatInterval.ts) before it says "overdue".
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
  settingS: number;
}

/** An offline charger's abnormal drop after a silence past the bench's heartbeat setting, for its ConnectionChip to check; null otherwise. */
export function silentDropOf(charger: Pick<ChargerView, 'id' | 'connected' | 'lastSeen'>, drop: Drop | undefined, heartbeatInterval: number | null | undefined): SilentDrop | null {
  const silentMs = charger.connected ? null : silentBeforeDrop(charger.lastSeen, drop, heartbeatInterval);
  return silentMs !== null && drop && heartbeatInterval ? { chargerId: charger.id, at: drop.at, silentMs, reason: drop.reason, settingS: heartbeatInterval } : null;
}

/**
 * A candidate drop checked against the heartbeat interval the charger was last known to work to (its boot
 * answer's, or a later configuration change or read of it): the drop with that interval when the silence
 * was longer than it allows; null otherwise, while it is read, and when it cannot be.
 */
export function useOverdueDrop(candidate: SilentDrop | null | undefined): { drop: SilentDrop; interval: KnownInterval } | null {
  const { known } = useHeartbeatIntervalAt(candidate?.chargerId ?? null, candidate?.at ?? null, candidate?.settingS);
  if (!candidate || !known) return null;
  return candidate.silentMs > known.seconds * 1000 + HEARTBEAT_GRACE_MS ? { drop: candidate, interval: known } : null;
}

/**
 * Online or offline, and since when it was last heard from; while the bench itself cannot be reached,
 * neither is known, so it says so rather than keep a green "Online". An offline charger whose attempts
 * the bench keeps refusing says so (`refusal`), with why in a few words (the fix is in the tooltip and on
 * its page: at 1024 px the list's column holds two short lines, not a sentence); an online one not heard
 * from for longer than its heartbeat allows (`silentSince`) stays Online (the connection is open) but says
 * since when, and an offline one lost after such a silence (`silentDrop`, checked against the interval the
 * charger was given: useOverdueDrop) says it was overdue.
 */
export function ConnectionChip({
  connected,
  lastSeen,
  withLastSeen = false,
  refusal,
  silentSince,
  silentDrop,
}: {
  connected: boolean;
  lastSeen?: string;
  withLastSeen?: boolean;
  refusal?: Refusal | null;
  silentSince?: string | null;
  silentDrop?: SilentDrop | null;
}) {
  const link = useBench((s) => s.link);
  const linkSince = useBench((s) => s.linkSince);
  const now = useNow();
  const overdue = useOverdueDrop(connected ? null : silentDrop);
  if (link !== 'open')
    return (
      <Tooltip title={`Last known: ${connected ? 'online' : 'offline'}. ${linkProblem(link, linkSince)}.`}>
        <Chip size="small" variant="outlined" label="Unknown" sx={{ borderStyle: 'dashed' }} />
      </Tooltip>
    );
  if (!connected && refusal)
    return (
      <Tooltip title={`${refusalWords(refusal)}. Last refused ${formatTime(refusal.last)}: ${refusal.reason}${lastSeen ? `. Last seen ${formatTime(lastSeen)}` : ''}`}>
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
  if (connected && silentSince)
    return (
      <Tooltip
        title={`The connection is open, but nothing came from the charger since ${formatTime(silentSince)}: more than its heartbeat allows. The network may be gone without the connection closing; what is shown is the last known.`}
      >
        <Box component="span" data-testid="heartbeat-overdue" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap' }}>
          {chip}
          <Typography component="span" variant="caption" color="warning.main" sx={{ lineHeight: 1.3 }}>
            Nothing heard since {formatWhen(silentSince, now)} (heartbeat overdue)
          </Typography>
        </Box>
      </Tooltip>
    );
  if (connected || !lastSeen) return chip;
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

/** "Refused (401, password missing) 3× since 09:08:29: set its password (AuthorizationKey) on the charger"; "Refused (tls on the plain port) …" without a status. */
export function refusalWords(r: Refusal, now = Date.now()): string {
  return `Refused (${r.status === null ? '' : `${r.status}, `}${r.short}) ${r.count}× since ${formatWhen(r.since, now)}: ${r.fix}`;
}

const registrationColours = { Accepted: 'success', Pending: 'warning', Rejected: 'error' } as const;

/** The answer the charger got to its last BootNotification; `short` drops the "Boot" for a column headed so. */
export function RegistrationChip({ status, short }: { status: RegistrationStatus | null; short?: boolean }) {
  if (!status) return <Chip size="small" variant="outlined" label="Not booted" />;
  return <Chip size="small" variant="outlined" color={registrationColours[status]} label={short ? status : `Boot ${status}`} />;
}
