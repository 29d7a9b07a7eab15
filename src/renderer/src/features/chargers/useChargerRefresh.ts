// Keeps "last heartbeat" current while a charger screen is shown: heartbeats are not pushed as events,
// so the chargers list is fetched again every few seconds.
import { useEffect } from 'react';
import { useClient } from '../../api/context';
import { refreshChargers } from '../../stores/bench';

export const REFRESH_MS = 10_000;

export function useChargerRefresh(everyMs = REFRESH_MS): void {
  const client = useClient();
  useEffect(() => {
    const refresh = () => void refreshChargers(client).catch(() => undefined);
    refresh();
    const timer = setInterval(refresh, everyMs);
    return () => clearInterval(timer);
  }, [client, everyMs]);
}
