// What a Stop of a commissioning does, from the live state (run-words.ts stopWords): the step in progress,
// whether a request to the person at the charger is showing (commissioning:prompt, then commissioningPrompt
// events), whether the charger is online (the bench's store). One source for the Stop on the checks and the
// Stop in the request itself.
import { useEffect, useState } from 'react';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import type { CommissioningView } from '../../../../shared/api/commissioning';
import { stopStateOf, stopWords } from './run-words';
import { useCommissioning } from './useCommissioning';

/** A request of commissioning `id` to the person at the charger is showing now. */
export function useRequestShowing(id: string): boolean {
  const client = useClient();
  const [showing, setShowing] = useState(false);
  useEffect(() => {
    let heard = false;
    const off = client.subscribe((events) => {
      for (const e of events)
        if (e.type === 'commissioningPrompt' && e.id === id) {
          heard = true;
          setShowing(e.prompt !== null);
        }
    });
    client.call('commissioning:prompt', { id }).then(
      (p) => heard || setShowing(p !== null),
      () => undefined,
    );
    return off;
  }, [client, id]);
  return showing;
}

/** What Stop does now for `view`, in words. `requestShowing`: known by the caller (the request's own Stop), else read live. */
export function useStopWords(view: CommissioningView, requestShowing?: boolean): string {
  const live = useRequestShowing(view.id);
  const online = useBench((s) => s.chargers[view.chargerId]?.connected ?? false);
  const stepTitle = view.running ? (view.steps.find((s) => s.id === view.running?.stepId)?.title ?? null) : null;
  return stopWords(stopStateOf(view, { stepTitle, requestShowing: requestShowing ?? live, online }));
}

function StopWords({ view }: { view: CommissioningView }) {
  return <>{useStopWords(view, true)} The steps not run yet stay open and can be run later.</>;
}

/** The Stop in a commissioning's request, in words from the live state (this request is showing). */
export function RequestStopWords({ id }: { id: string }) {
  const { view } = useCommissioning(id);
  if (!view) return <>The commissioning stops: this request is withdrawn; the steps not run yet stay open and can be run later.</>;
  return <StopWords view={view} />;
}
