// Whether a conformance run or a commissioning is running on a charger now: what the charger's page,
// its bench behaviour and every confirmation before a disruptive operation say, since sending to a
// charger mid-check makes the check fail or leaves the charger other than the check expects.
import { useEffect, useState } from 'react';
import { useClient } from '../api/context';

export interface ChargerBusy {
  /** The id of the test run running on the charger, or null. */
  testRun: string | null;
  /** The commissioning running on the charger, or null. */
  commissioning: { id: string; site: string; location: string } | null;
}

const idle: ChargerBusy = { testRun: null, commissioning: null };

/** What runs on the charger now, kept current from the bench's events (read again when the link reopens). */
export function useChargerBusy(chargerId: string): ChargerBusy {
  const client = useClient();
  const [busy, setBusy] = useState<ChargerBusy>(idle);
  useEffect(() => {
    let live = true;
    setBusy(idle);
    const read = () => {
      client.call('tests:list', { chargerId }).then(
        (runs) => live && setBusy((b) => ({ ...b, testRun: runs.find((r) => r.state === 'running')?.id ?? null })),
        () => undefined,
      );
      client.call('commissioning:list', { chargerId }).then(
        (list) => {
          const c = list.find((x) => x.state === 'running');
          if (live) setBusy((b) => ({ ...b, commissioning: c ? { id: c.id, site: c.site, location: c.location } : null }));
        },
        () => undefined,
      );
    };
    const offEvents = client.subscribe((events) => {
      for (const e of events) {
        if (e.type === 'testRunChanged' && e.run.chargerId === chargerId) setBusy((b) => ({ ...b, testRun: e.run.state === 'running' ? e.run.id : null }));
        else if (e.type === 'commissioningChanged' && e.commissioning.chargerId === chargerId) {
          const c = e.commissioning;
          setBusy((b) => ({ ...b, commissioning: c.running ? { id: c.id, site: c.site, location: c.location } : null }));
        }
      }
    });
    // After the link was lost, a start or an end may have been missed.
    const offLink = client.onLink((link) => link === 'open' && read());
    read();
    return () => {
      live = false;
      offEvents();
      offLink();
    };
  }, [client, chargerId]);
  return busy;
}

/** What sending to the charger now would disturb, in words; null when nothing runs on it. */
export function busyWarning(busy: ChargerBusy, chargerId: string): string | null {
  if (busy.commissioning)
    return `${chargerId} is being commissioned (${[busy.commissioning.site, busy.commissioning.location].filter(Boolean).join(', ')}): what you send can make its current check fail, or leave the charger other than the check expects.`;
  if (busy.testRun) return `A test run is running on ${chargerId}: what you send can make its current case fail, or leave the charger other than the case expects.`;
  return null;
}
