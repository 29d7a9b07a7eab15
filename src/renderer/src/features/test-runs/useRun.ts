// One conformance run, live: the result so far (tests:get), kept current from the bench's events (the run's
// state and current case and step, each case's verdict as it lands), and the frames of the case in progress
// as the charger and the bench exchange them.
import { useEffect, useState } from 'react';
import { useClient } from '../../api/context';
import type { CaseFrame, CaseResult, RunResult } from '../../../../shared/api/test-runs';

/** Frames of the case in progress kept on screen (the case's full evidence comes with its verdict). */
export const LIVE_FRAMES = 400;

export interface LiveRun {
  run: RunResult | null;
  error: string | null;
  /** The case in progress and its step, while the run runs. */
  current: { caseId: string | null; step: string | null } | null;
  /** Frames of the charger since the case in progress began. */
  frames: CaseFrame[];
}

export function useRun(runId: string): LiveRun {
  const client = useClient();
  const [state, setState] = useState<LiveRun>({ run: null, error: null, current: null, frames: [] });

  useEffect(() => {
    let live = true;
    // Case results and the state that arrive while the run is being read, applied on top of what it reads.
    const early: CaseResult[] = [];
    let loaded = false;
    let have = false;
    const addCase = (run: RunResult, result: CaseResult): RunResult => (run.cases.some((c) => c.id === result.id) ? run : { ...run, cases: [...run.cases, result] });
    const refetch = () =>
      client.call('tests:get', { runId }).then(
        (run) => {
          have = true;
          if (live) setState((s) => ({ ...s, run: early.reduce(addCase, run), error: null, current: run.state === 'running' ? s.current : null }));
        },
        (e: Error) => live && setState((s) => ({ ...s, error: e.message })),
      );
    const off = client.subscribe((events) => {
      for (const e of events) if (e.type === 'testCaseFinished' && e.runId === runId && !loaded) early.push(e.result);
      // The whole result once the run ends (durations, the configuration at the end, an error); and the run
      // itself when it was asked for before it began (it is known from its first event on).
      if (events.some((e) => e.type === 'testRunChanged' && e.run.id === runId && (e.run.state !== 'running' || !have))) void refetch();
      setState((s) => {
        let { run, current, frames } = s;
        for (const e of events) {
          if (e.type === 'testCaseFinished' && e.runId === runId) {
            if (run) run = addCase(run, e.result);
          } else if (e.type === 'testRunChanged' && e.run.id === runId) {
            // A new case: its own frames from here. (Not known yet which case runs, on a page opened after the run
            // began: the frames so far are the current case's.)
            if (current && current.caseId !== e.run.caseId) frames = [];
            current = e.run.state === 'running' ? { caseId: e.run.caseId, step: e.run.step } : null;
            if (run) run = { ...run, state: e.run.state, summary: e.run.summary, finishedAt: e.run.finishedAt };
          } else if (e.type === 'frameLogged' && run?.state === 'running' && e.message.chargerId === run.chargerId) {
            const { chargerId: _c, ...frame } = e.message;
            frames = frames.length >= LIVE_FRAMES ? [...frames.slice(1 - LIVE_FRAMES), frame] : [...frames, frame];
          }
        }
        return run === s.run && current === s.current && frames === s.frames ? s : { ...s, run, current, frames };
      });
    });
    void refetch().finally(() => (loaded = true));
    return () => {
      live = false;
      off();
    };
  }, [client, runId]);

  return state;
}
