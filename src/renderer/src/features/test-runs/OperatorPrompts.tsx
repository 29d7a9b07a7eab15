// Shows the operator's request of any running conformance run, whichever screen is open: the bench asks
// through testPrompt events, and a page opened mid-run asks the running runs for theirs.
import { useEffect, useState } from 'react';
import { useClient } from '../../api/context';
import { useCall } from '../../components/useCall';
import type { OperatorPrompt } from '../../../../shared/api/test-runs';
import { PromptDialog, type PromptAnswer } from './PromptDialog';

interface Waiting {
  runId: string;
  prompt: OperatorPrompt;
  since: number;
}

export function OperatorPrompts() {
  const client = useClient();
  const [waiting, setWaiting] = useState<Waiting[]>([]);
  const [chargers, setChargers] = useState<Record<string, string>>({});

  useEffect(() => {
    let live = true;
    const off = client.subscribe((events) => {
      for (const e of events) {
        if (e.type === 'testPrompt') {
          const { runId, prompt } = e;
          setWaiting((w) => [...w.filter((x) => x.runId !== runId), ...(prompt ? [{ runId, prompt, since: Date.now() }] : [])]);
        } else if (e.type === 'testRunChanged') {
          const { id, chargerId, state } = e.run;
          setChargers((c) => (c[id] === chargerId ? c : { ...c, [id]: chargerId }));
          if (state !== 'running') setWaiting((w) => (w.some((x) => x.runId === id) ? w.filter((x) => x.runId !== id) : w));
        }
      }
    });
    // Requests made before this page opened.
    client
      .call('tests:list', {})
      .then(async (runs) => {
        const running = runs.filter((r) => r.state === 'running');
        if (!live || !running.length) return;
        setChargers((c) => ({ ...c, ...Object.fromEntries(running.map((r) => [r.id, r.chargerId])) }));
        for (const r of running) {
          const prompt = await client.call('tests:prompt', { runId: r.id }).catch(() => null);
          if (live && prompt) setWaiting((w) => (w.some((x) => x.runId === r.id) ? w : [...w, { runId: r.id, prompt, since: Date.now() }]));
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
      off();
    };
  }, [client]);

  const first = waiting[0] ?? null;
  const [answer, send, reset] = useCall(async (runId: string, a: PromptAnswer) => {
    await client.call('tests:answer', { runId, answer: a });
    setWaiting((w) => w.filter((x) => x.runId !== runId));
  });
  useEffect(() => reset(), [first?.runId, first?.prompt.step, first?.prompt.caseId, reset]);

  if (!first) return null;
  return (
    <PromptDialog
      key={`${first.runId}/${first.prompt.caseId}/${first.prompt.step}`}
      prompt={first.prompt}
      chargerId={chargers[first.runId] ?? null}
      since={first.since}
      pending={answer.pending}
      error={answer.error}
      onAnswer={(a) => void send(first.runId, a)}
    />
  );
}
