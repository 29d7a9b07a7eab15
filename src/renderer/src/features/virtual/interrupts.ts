// What a disruptive action on a built-in virtual charger (a new password: it reconnects at once) would
// interrupt there now, in words: the commissioning running on it and its step, or the test run and its
// case, by name. Built on what every confirmation reads (useChargerBusy, busyWarning), with the step or
// case in progress read once and kept current from the bench's events.
import { useEffect, useState } from 'react';
import { useClient } from '../../api/context';
import { busyWarning, useChargerBusy } from '../../components/busy';

export interface Interrupts {
  /** Whether what runs on the charger has been read (until then, nothing should be sent without asking). */
  known: boolean;
  /** What runs there and what it is doing, in words; null when nothing runs there. */
  words: string | null;
}

/** The case or the step (its title) in progress, by name (undefined: not known yet, or none). */
function useInProgress(testRun: string | null, commissioning: string | null): { caseId?: string; step?: string } {
  const client = useClient();
  const [caseId, setCaseId] = useState<string | null | undefined>();
  const [step, setStep] = useState<string | null | undefined>();

  useEffect(() => {
    setCaseId(undefined);
    if (!testRun) return;
    let live = true;
    let evented = false;
    client.call('tests:get', { runId: testRun }).then(
      (r) => live && !evented && setCaseId(r.caseId ?? null),
      () => undefined,
    );
    const off = client.subscribe((events) => {
      for (const e of events)
        if (e.type === 'testRunChanged' && e.run.id === testRun && e.run.caseId !== undefined) {
          evented = true;
          setCaseId(e.run.caseId);
        }
    });
    return () => {
      live = false;
      off();
    };
  }, [client, testRun]);

  useEffect(() => {
    setStep(undefined);
    if (!commissioning) return;
    let live = true;
    let titles = new Map<string, string>();
    // The step id in progress, as last heard (from the read or a newer event), named once the titles are known.
    let stepId: string | null | undefined;
    const show = () => setStep(stepId ? (titles.get(stepId) ?? stepId) : stepId === null ? null : undefined);
    client.call('commissioning:get', { id: commissioning }).then(
      (v) => {
        if (!live) return;
        titles = new Map(v.steps.map((s) => [s.id, s.title]));
        if (stepId === undefined) stepId = v.running?.stepId || null;
        show();
      },
      () => undefined,
    );
    const off = client.subscribe((events) => {
      for (const e of events)
        if (e.type === 'commissioningChanged' && e.commissioning.id === commissioning) {
          stepId = e.commissioning.running?.stepId || null;
          show();
        }
    });
    return () => {
      live = false;
      off();
    };
  }, [client, commissioning]);

  if (testRun) return caseId ? { caseId } : {};
  if (commissioning) return step ? { step } : {};
  return {};
}

/** What runs on a charger, said on its card and in every confirmation of a disruptive action there. */
export interface RunningOn {
  /** Whether what runs on the charger has been read (until then, nothing should be sent without asking). */
  known: boolean;
  /** What runs there, short, for its card ("Test run running: TC_003_CS"); null when nothing runs there. */
  label: string | null;
  /** What `action` ("Setting the password reconnects VCP1 at once") would interrupt, in words; null when nothing runs there. */
  words: (action: string) => string | null;
}

/** What runs on the charger now (a test run or a commissioning), and its case or step, kept current. */
export function useRunningOn(chargerId: string): RunningOn {
  const busy = useChargerBusy(chargerId);
  const progress = useInProgress(busy.testRun, busy.commissioning?.id ?? null);
  // The case as the run's list or its start's event told it, until the run's own read or a newer event does.
  const caseId = progress.caseId ?? (busy.testRun && busy.testCase) ?? undefined;
  const step = progress.step;
  const warning = busyWarning(busy, chargerId);
  if (!warning) return { known: busy.known, label: null, words: () => null };
  const label = busy.testRun ? `Test run running${caseId ? `: ${caseId}` : ''}` : `Commissioning running${step ? `: step ${step}` : ''}`;
  const now = caseId ? `test case ${caseId}` : step ? `the step "${step}"` : undefined;
  const what = busy.testRun ? `the test run's current case${now ? `, ${now}` : ''}` : `the commissioning's current check${now ? `, ${now}` : ''}`;
  return { known: busy.known, label, words: (action) => `${warning} ${action}, mid-way through ${what}.` };
}

/** What `action` ("Setting the password reconnects VCP1 at once") would interrupt on the charger now. */
export function useInterrupts(chargerId: string, action: string): Interrupts {
  const running = useRunningOn(chargerId);
  return { known: running.known, words: running.words(action) };
}
