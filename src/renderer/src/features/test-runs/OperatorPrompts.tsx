// Shows the operator's request of any running conformance run, whichever screen is open: the bench asks
// through testPrompt events, and a page opened mid-run asks the running runs for theirs.
import { useMemo } from 'react';
import { useClient } from '../../api/context';
import { PromptQueue, type PromptFeed } from '../../components/PromptQueue';
import { RunStopWords } from './LiveWords';

export function OperatorPrompts() {
  const client = useClient();
  const feed = useMemo<PromptFeed>(
    () => ({
      subscribe: (listener) => client.subscribe(listener),
      read: (e) =>
        e.type === 'testPrompt' ? { key: e.runId, prompt: e.prompt } : e.type === 'testRunChanged' ? { key: e.run.id, chargerId: e.run.chargerId, ended: e.run.state !== 'running' } : null,
      pending: async () => {
        const running = (await client.call('tests:list', {})).filter((r) => r.state === 'running');
        return Promise.all(running.map(async (r) => ({ key: r.id, chargerId: r.chargerId, prompt: await client.call('tests:prompt', { runId: r.id }).catch(() => null) })));
      },
      answer: async (runId, answer, promptId) => void (await client.call('tests:answer', { runId, answer, ...(promptId ? { promptId } : {}) })),
      stop: {
        call: async (runId) => void (await client.call('tests:stop', { runId })),
        label: 'Stop the run',
        // What stopping does now, read from the run's live state (as its page's Stop says it).
        what: (runId) => <RunStopWords runId={runId} />,
      },
    }),
    [client],
  );
  return <PromptQueue feed={feed} />;
}
