// HeartbeatInterval sent to several chargers at once (MultiSendDialog), said per charger as the single
// charger's Configuration panel says it (HeartbeatAdvice): each charger's BootNotification answer gives it
// the interval of its own bench behaviour, or else of the bench's Settings, so the value holds only until
// that charger's next boot; once a charger has booted after the value was sent (bootAfter), its row says it
// in the past, with the interval the bench's answer to that boot gave, and the advice no longer counts it.
import Stack from '@mui/material/Stack';
import { useClient } from '../../../api/context';
import { useLoad } from '../../../components/useCall';
import type { ChargerView } from '../../../../../shared/api/views';
import { bootAfter, HeartbeatAdvice, untilBoot, useBootInterval, type BootInterval, type Rebooted } from './HeartbeatAdvice';
import type { Explained } from './meanings';
import type { MultiRow } from '../multiSendQueue';

export interface BootIntervals {
  /** The bench's Settings' interval (what a charger without a boot interval of its own is answered). */
  settings: BootInterval;
  /** What the bench's BootNotification answer gives this charger: its bench behaviour's interval, or the Settings'. */
  of: (chargerId: string) => BootInterval;
  reload: () => void;
}

/** Each charger's boot interval; the chargers' bench behaviours are read only while `wanted` (HeartbeatInterval is the key). */
export function useBootIntervals(chargerIds: readonly string[], wanted: boolean): BootIntervals {
  const client = useClient();
  const settings = useBootInterval();
  const own = useLoad(async () => {
    if (!wanted) return {};
    const pairs = await Promise.all(
      chargerIds.map((id) =>
        client.call('chargers:behaviour', { id }).then(
          (b) => [id, b.behaviour.boot?.interval] as const,
          () => [id, undefined] as const,
        ),
      ),
    );
    return Object.fromEntries(pairs.filter(([, s]) => s !== undefined)) as Record<string, number>;
  }, [client, wanted, chargerIds.join('\n')]);
  const of = (id: string): BootInterval => {
    const seconds = own.data?.[id];
    return seconds !== undefined ? { seconds, from: 'behaviour' } : { seconds: settings.seconds, from: 'settings' };
  };
  const { reload: reloadSettings } = settings;
  return { settings, of, reload: () => (reloadSettings(), own.reload()) };
}

/** The charger's accepted boot after this row's send went out (or, when the window did not hear it was sent, after its answer came); null when none. */
export const rowRebooted = (row: MultiRow, charger: Pick<ChargerView, 'lastBoot' | 'registrationStatus' | 'heartbeatGiven'> | undefined): Rebooted | null =>
  bootAfter(charger, (row.send.state !== 'queued' ? row.send.sentAt : undefined) ?? row.settledAt);

/** A charger's answer to HeartbeatInterval `value` as it turns out for that charger: its own boot interval, and its boot since the send (any other key as explained). */
export function rowUntilBoot(row: MultiRow, key: string, value: string, boots: BootIntervals, chargers: Record<string, ChargerView | undefined>): Explained | undefined {
  return row.explained && untilBoot(row.explained, key, value, boots.of(row.chargerId), rowRebooted(row, chargers[row.chargerId]));
}

/**
 * The advice for HeartbeatInterval `value` on `chargerIds` (before sending: all of them; after: those that
 * accepted and have not booted since): one for those the bench's Settings answer (with the offer to make the
 * value the setting), one for each charger its bench behaviour answers. `all`: the chargers the words
 * "each charger" stand for when every one of them is among `chargerIds`.
 */
export function MultiHeartbeatAdvice({ chargerIds, all, value, boots, sent = false }: { chargerIds: readonly string[]; all: number; value: string; boots: BootIntervals; sent?: boolean }) {
  const bySettings = chargerIds.filter((id) => boots.of(id).from === 'settings');
  const byBehaviour = chargerIds.filter((id) => boots.of(id).from === 'behaviour');
  const who = bySettings.length === all ? (sent ? 'each charger that accepted' : 'each charger') : bySettings.length === 1 ? bySettings[0] : `each of ${bySettings.join(', ')}`;
  return (
    <Stack spacing={1}>
      {bySettings.length > 0 && <HeartbeatAdvice value={value} boot={boots.settings} chargerId={who} onChanged={boots.reload} sent={sent} />}
      {byBehaviour.map((id) => (
        <HeartbeatAdvice key={id} value={value} boot={boots.of(id)} chargerId={id} sent={sent} />
      ))}
    </Stack>
  );
}

/** After the send: the advice for the chargers that accepted the value and have not booted since it was sent (those it still holds on, until their next boot); none once every one has. */
export function AcceptedHeartbeatAdvice({ rows, chargers, value, boots }: { rows: readonly MultiRow[]; chargers: Record<string, ChargerView | undefined>; value: string; boots: BootIntervals }) {
  const accepted = rows.filter((r) => r.explained?.status === 'Accepted');
  const holding = accepted.filter((r) => !rowRebooted(r, chargers[r.chargerId])).map((r) => r.chargerId);
  return holding.length > 0 ? <MultiHeartbeatAdvice chargerIds={holding} all={accepted.length} value={value} boots={boots} sent /> : null;
}
