// The charger's limits the forms check against (ChargeProfileMaxStackLevel), from its latest GetConfiguration
// answer that reported them: pushed live into the store, and read once from the operations the bench
// recorded when a charger's operations are opened.
import { useEffect } from 'react';
import { useClient } from '../../../api/context';
import { limitsFrom, useBench } from '../../../stores/bench';

/** GetConfiguration operations read back (only those: their answers are large) to find the latest that reported them. */
const LOOK_BACK = 20;

export function useChargerLimits(chargerId: string): void {
  const client = useClient();
  useEffect(() => {
    let live = true;
    client.call('operations:list', { chargerId, actions: ['GetConfiguration'], limit: LOOK_BACK }).then(
      (ops) => {
        if (!live) return;
        // Newest first: the first that reports them is the latest.
        const learnt = ops.map(limitsFrom).find((l) => l !== null);
        if (learnt) useBench.setState((s) => (s.limits[chargerId]?.at > learnt.at ? {} : { limits: { ...s.limits, [chargerId]: learnt } }));
      },
      () => undefined,
    );
    return () => void (live = false);
  }, [client, chargerId]);
}
