// One commissioning, live: fetched (commissioning:get) and fetched again whenever the bench says it changed
// (a step began or ended, the checklist, photos or handover changed), and when the link to the bench comes
// back (news may have been missed). While the link is down it is marked stale, with when it was read.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import type { CommissioningView } from '../../../../shared/api/commissioning';
import { benchNow } from '../../components/benchClock';

export interface LiveCommissioning {
  view: CommissioningView | null;
  error: string | null;
  /** When the view shown was read (ISO). */
  readAt: string | null;
  /** The link to the bench is down: what is shown is as of readAt. */
  stale: boolean;
  reload: () => void;
  /** Shows a view a call answered with (setChecklist, handover) without waiting for the event. */
  show: (view: CommissioningView) => void;
}

export function useCommissioning(id: string | null): LiveCommissioning {
  const client = useClient();
  const link = useBench((s) => s.link);
  const [state, setState] = useState<{ view: CommissioningView | null; error: string | null; readAt: string | null }>({ view: null, error: null, readAt: null });
  // Answers can overtake each other: only the latest request's is shown.
  const seq = useRef(0);

  const reload = useCallback(() => {
    if (!id) return;
    const n = ++seq.current;
    client.call('commissioning:get', { id }).then(
      (view) => n === seq.current && setState({ view, error: null, readAt: new Date(benchNow()).toISOString() }),
      (e: Error) => n === seq.current && setState((s) => ({ ...s, error: e.message })),
    );
  }, [client, id]);

  useEffect(() => {
    setState({ view: null, error: null, readAt: null });
    if (!id) return;
    const answers = seq;
    reload();
    const off = client.subscribe((events) => {
      let changed = false;
      for (const e of events) {
        if (e.type !== 'commissioningChanged' || e.commissioning.id !== id) continue;
        changed = true;
        // What the event already says (state, step in progress) shows at once; the rest comes with the fetch.
        const { state: runState, verdict, running } = e.commissioning;
        setState((s) => (s.view ? { ...s, view: { ...s.view, state: runState, verdict, running } } : s));
      }
      if (changed) reload();
    });
    return () => {
      answers.current++;
      off();
    };
  }, [client, id, reload]);

  // Back in touch: read it again.
  const wasOpen = useRef(link === 'open');
  useEffect(() => {
    if (link === 'open' && !wasOpen.current) reload();
    wasOpen.current = link === 'open';
  }, [link, reload]);

  const show = useCallback((view: CommissioningView) => {
    seq.current++;
    setState({ view, error: null, readAt: new Date(benchNow()).toISOString() });
  }, []);

  return { ...state, stale: link !== 'open', reload, show };
}
