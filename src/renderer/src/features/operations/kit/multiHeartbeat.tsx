// HeartbeatInterval sent to several chargers at once (MultiSendDialog), said as the single charger's
// Configuration panel says it (HeartbeatAdvice), once for the chargers it holds alike (a row of the results
// says only what is its own: the interval its next boot gives it): each charger's BootNotification answer gives it
// the interval of its own bench behaviour, or else of the bench's Settings, so the value holds only until
// that charger's next boot; once a charger has booted after the value was sent (bootAfter), its row says it
// in the past, with the interval the bench's answer to that boot gave, and the advice no longer counts it. A
// charger whose bench behaviour is still being read, or could not be read, is said as not known (never as
// answered by the Settings: its behaviour may give it another interval), without the offer.
import Stack from '@mui/material/Stack';
import { useClient } from '../../../api/context';
import { useLoad } from '../../../components/useCall';
import type { ChargerView } from '../../../../../shared/api/views';
import { bootAfter, HeartbeatAdvice, untilBoot, useBootInterval, type BootInterval, type BootIntervalRead, type Rebooted, type UnknownBootInterval } from './HeartbeatAdvice';
import type { Explained } from './meanings';
import type { MultiRow } from '../multiSendQueue';

export interface BootIntervals {
  /** The bench's Settings' interval (what a charger without a boot interval of its own is answered); not known while read, or when that read failed. */
  settings: BootIntervalRead;
  /** What the bench's BootNotification answer gives this charger: its bench behaviour's interval, or the Settings'; unknown while its behaviour is read, or when that read failed. */
  of: (chargerId: string) => BootInterval | UnknownBootInterval;
  reload: () => void;
}

/** What a charger's bench behaviour says of its boot interval: its own, none (the Settings' then), or the read failed. */
type OwnInterval = { seconds: number } | { seconds: null } | { error: string };

/** Each charger's boot interval; the chargers' bench behaviours are read only while `wanted` (HeartbeatInterval is the key). */
export function useBootIntervals(chargerIds: readonly string[], wanted: boolean): BootIntervals {
  const client = useClient();
  const settings = useBootInterval();
  const own = useLoad(async () => {
    if (!wanted) return {};
    const pairs = await Promise.all(
      chargerIds.map((id) =>
        client.call('chargers:behaviour', { id }).then(
          (b): [string, OwnInterval] => [id, { seconds: b.behaviour.boot?.interval ?? null }],
          (e: unknown): [string, OwnInterval] => [id, { error: e instanceof Error ? e.message : String(e) }],
        ),
      ),
    );
    return Object.fromEntries(pairs) as Record<string, OwnInterval>;
  }, [client, wanted, chargerIds.join('\n')]);
  const of = (id: string): BootInterval | UnknownBootInterval => {
    const known = own.data?.[id];
    // Not read yet (the first read, or a charger added since): not known, whatever the Settings say.
    if (!known) return { seconds: null, from: 'unknown', error: null };
    if ('error' in known) return { seconds: null, from: 'unknown', error: known.error };
    if (known.seconds !== null) return { seconds: known.seconds, from: 'behaviour' };
    // Answered by the Settings: as known as they are.
    return settings.from === 'unknown' ? { seconds: null, from: 'unknown', error: settings.error } : { seconds: settings.seconds, from: 'settings' };
  };
  const { reload: reloadSettings } = settings;
  return { settings, of, reload: () => (reloadSettings(), own.reload()) };
}

/** The charger's accepted boot after this row's send went out (or, when the window did not hear it was sent, after its answer came); null when none. */
export const rowRebooted = (row: MultiRow, charger: Pick<ChargerView, 'lastBoot' | 'registrationStatus' | 'heartbeatGiven'> | undefined): Rebooted | null =>
  bootAfter(charger, (row.send.state !== 'queued' ? row.send.sentAt : undefined) ?? row.settledAt);

/** A charger's answer to HeartbeatInterval `value` as it turns out for that charger: its own boot interval, and its boot since the send (any other key as explained). */
export function rowUntilBoot(row: MultiRow, key: string, value: string, boots: BootIntervals, chargers: Record<string, ChargerView | undefined>): Explained | undefined {
  const boot = boots.of(row.chargerId);
  // Its boot interval not known: whether the value outlasts its next boot is not said.
  if (boot.from === 'unknown' || !row.explained) return row.explained;
  const rebooted = rowRebooted(row, chargers[row.chargerId]);
  const said = untilBoot(row.explained, key, value, boot, rebooted);
  // Accepted and held until its next boot: the advice beside the table says why, once for all of them
  // (AcceptedHeartbeatAdvice); the row says only what is its own, the interval its next boot gives it.
  if (said !== row.explained && said.status === 'Accepted' && !rebooted) return { ...said, meaning: `Until its next boot, then ${boot.seconds} s again.` };
  return said;
}

/**
 * The advice for HeartbeatInterval `value` on `chargerIds` (before sending: all of them; after: those that
 * accepted and have not booted since): one for those the bench's Settings answer (with the offer to make the
 * value the setting), one for each charger its bench behaviour answers, and one for each charger whose boot
 * interval is not known (its behaviour still read, or the read failed: no offer). `all`: the chargers the words
 * "each charger" stand for when every one of them is among `chargerIds`.
 */
export function MultiHeartbeatAdvice({ chargerIds, all, value, boots, sent = false }: { chargerIds: readonly string[]; all: number; value: string; boots: BootIntervals; sent?: boolean }) {
  const each = chargerIds.map((id) => ({ id, boot: boots.of(id) }));
  const bySettings = each.filter((c) => c.boot.from === 'settings').map((c) => c.id);
  const who = bySettings.length === all ? (sent ? 'each charger that accepted' : 'each charger') : bySettings.length === 1 ? bySettings[0] : `each of ${bySettings.join(', ')}`;
  return (
    <Stack spacing={1}>
      {bySettings.length > 0 && <HeartbeatAdvice value={value} boot={boots.settings} chargerId={who} onChanged={boots.reload} sent={sent} />}
      {each.map(({ id, boot }) =>
        // Its own bench behaviour's interval, or not known (HeartbeatAdvice says so, with Read again and no offer).
        boot.from !== 'settings' ? <HeartbeatAdvice key={id} value={value} boot={boot} chargerId={id} sent={sent} onRetry={boots.reload} /> : null,
      )}
    </Stack>
  );
}

/** After the send: the advice for the chargers that accepted the value and have not booted since it was sent (those it still holds on, until their next boot); none once every one has. */
export function AcceptedHeartbeatAdvice({ rows, chargers, value, boots }: { rows: readonly MultiRow[]; chargers: Record<string, ChargerView | undefined>; value: string; boots: BootIntervals }) {
  const accepted = rows.filter((r) => r.explained?.status === 'Accepted');
  const holding = accepted.filter((r) => !rowRebooted(r, chargers[r.chargerId])).map((r) => r.chargerId);
  return holding.length > 0 ? <MultiHeartbeatAdvice chargerIds={holding} all={accepted.length} value={value} boots={boots} sent /> : null;
}
