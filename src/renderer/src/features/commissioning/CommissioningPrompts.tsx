// The request of a running commissioning to the person at the charger (present the test card, plug in),
// over whichever screen is open: commissioningPrompt events, and on opening, the running ones asked.
import { useMemo } from 'react';
import { useClient } from '../../api/context';
import { PromptQueue, type PromptFeed } from '../../components/PromptQueue';
import { RequestStopWords } from './stop-state';

export function CommissioningPrompts() {
  const client = useClient();
  const feed = useMemo<PromptFeed>(
    () => ({
      subscribe: (listener) => client.subscribe(listener),
      read: (e) =>
        e.type === 'commissioningPrompt'
          ? { key: e.id, prompt: e.prompt }
          : e.type === 'commissioningChanged'
            ? { key: e.commissioning.id, chargerId: e.commissioning.chargerId, context: placeOf(e.commissioning), ended: e.commissioning.state !== 'running' }
            : null,
      pending: async () => {
        const running = (await client.call('commissioning:list', {})).filter((c) => c.state === 'running');
        return Promise.all(running.map(async (c) => ({ key: c.id, chargerId: c.chargerId, context: placeOf(c), prompt: await client.call('commissioning:prompt', { id: c.id }).catch(() => null) })));
      },
      answer: async (id, answer, promptId) => void (await client.call('commissioning:answer', { id, answer, ...(promptId ? { promptId } : {}) })),
      stop: {
        call: async (id) => void (await client.call('commissioning:stop', { id })),
        label: 'Stop the commissioning',
        what: (id) => <RequestStopWords id={id} />,
      },
      subtitle: (prompt, context) => `Commissioning${context ? ` at ${context}` : ''}, ${prompt.during ? prompt.during.charAt(0).toLowerCase() + prompt.during.slice(1) : `step ${prompt.caseId}`}`,
    }),
    [client],
  );
  return <PromptQueue feed={feed} />;
}

const placeOf = (c: { site: string; location: string }) => [c.site, c.location].filter(Boolean).join(', ');
