// Whether a panel that sends at once in its quiet cases must ask first: while a test run or a commissioning
// runs on the charger (busyWarning: what every confirmation warns of), whatever is sent can make its current
// case or check fail, so the panel opens its confirmation, which names the run. Until what runs there has been
// read, nothing is held back: the panel sends as it would with nothing running.
import { busyWarning, useChargerBusy } from '../../../components/busy';

/** What runs on the charger now, as a confirmation's title says it ("during a test run"); null: nothing (or not read yet). */
export function useRunOnCharger(chargerId: string): string | null {
  const busy = useChargerBusy(chargerId);
  if (!busy.known || busyWarning(busy, chargerId) === null) return null;
  return busy.commissioning ? 'during its commissioning' : 'during a test run';
}
