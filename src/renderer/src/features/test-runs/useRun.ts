// One conformance run, live: the result so far (tests:get), kept current from the bench's events (the run's
// state and current case and step, each case's verdict as it lands), and the frames of the case in progress
// as the charger and the bench exchange them, and the fault switches recorded with the run as they are switched.
import { useEffect, useState } from 'react';
import { useClient } from '../../api/context';
import type { CaseFrame, CaseResult, RunResult, StepWait } from '../../../../shared/api/test-runs';

/** Frames of the case in progress kept on screen (the case's full evidence comes with its verdict). */
export const LIVE_FRAMES = 400;

export interface LiveRun {
  run: RunResult | null;
  error: string | null;
  /**
   * The case in progress and its step, while the run runs; when the case began (the bench's clock: its frames'
   * times count from it, as the finished case's do; null: not known) and how long the step waits at most.
   */
  current: { caseId: string | null; step: string | null; caseStartedAt?: string | null; stepWait?: StepWait | null } | null;
  /** Frames of the charger since the case in progress began. */
  frames: CaseFrame[];
  /**
   * On a page opened mid-case: the frames before it opened were read from the log since this time (the end
   * of the case before, or the run's start), as the bench does not say when the case began. Null: live from the case's start.
   */
  framesFrom: string | null;
}

/** Where a page opened mid-case reads the frames so far from: the end of the case before, or the start of the run. */
export function framesSince(run: RunResult): string {
  const last = run.cases.at(-1);
  // A run on the wall clock (the UI's runs): a case's start plus its duration is when it ended.
  if (last && !run.fakeTime) return new Date(Date.parse(last.startedAt) + last.ms).toISOString();
  return run.wallStartedAt ?? run.startedAt;
}

const sameFrame = (a: CaseFrame, b: CaseFrame) => a.ts === b.ts && a.direction === b.direction && a.raw === b.raw;

export function useRun(runId: string): LiveRun {
  const client = useClient();
  const [state, setState] = useState<LiveRun>({ run: null, error: null, current: null, frames: [], framesFrom: null });

  useEffect(() => {
    let live = true;
    // Case results and the state that arrive while the run is being read, applied on top of what it reads.
    const early: CaseResult[] = [];
    let loaded = false;
    let have = false;
    const addCase = (run: RunResult, result: CaseResult): RunResult => (run.cases.some((c) => c.id === result.id) ? run : { ...run, cases: [...run.cases, result] });
    // A page opened mid-case: the case's frames so far, read from the log (those the events bring are added to them).
    const readFrames = (run: RunResult, caseId: string) => {
      // From the case's start when the bench says it; else from the end of the case before (or the run's start).
      const exact = run.caseId === caseId ? (run.caseStartedAt ?? null) : null;
      const from = exact ?? framesSince(run);
      client.call('messages:page', { chargerId: run.chargerId, from, limit: LIVE_FRAMES }).then(
        (page) => {
          if (!live) return;
          const read: CaseFrame[] = page.reverse().map(({ id: _i, chargerId: _c, ...f }) => f);
          setState((s) => {
            if (s.current?.caseId !== caseId || s.run?.state !== 'running') return s;
            const frames = [...read.filter((f) => !s.frames.some((g) => sameFrame(f, g))), ...s.frames].slice(-LIVE_FRAMES);
            return { ...s, frames, framesFrom: exact ? null : from };
          });
        },
        () => undefined,
      );
    };
    const refetch = () =>
      client.call('tests:get', { runId }).then(
        (run) => {
          const first = !have;
          have = true;
          if (!live) return;
          // The case in progress as the bench read it (a page opened mid-run), unless the events said newer.
          const known =
            run.state === 'running' && run.caseId !== undefined ? { caseId: run.caseId, step: run.step ?? null, caseStartedAt: run.caseStartedAt ?? null, stepWait: run.stepWait ?? null } : null;
          setState((s) => ({ ...s, run: early.reduce(addCase, run), error: null, current: run.state === 'running' ? (s.current ?? known) : null }));
          if (first && known?.caseId && !run.cases.some((c) => c.id === known.caseId)) readFrames(run, known.caseId);
        },
        (e: Error) => live && setState((s) => ({ ...s, error: e.message })),
      );
    const off = client.subscribe((events) => {
      for (const e of events) if (e.type === 'testCaseFinished' && e.runId === runId && !loaded) early.push(e.result);
      // The whole result once the run ends (durations, the configuration at the end, an error); and the run
      // itself when it was asked for before it began (it is known from its first event on).
      if (events.some((e) => e.type === 'testRunChanged' && e.run.id === runId && (e.run.state !== 'running' || !have))) void refetch();
      setState((s) => {
        let { run, current, frames, framesFrom } = s;
        for (const e of events) {
          if (e.type === 'testCaseFinished' && e.runId === runId) {
            if (run) run = addCase(run, e.result);
          } else if (e.type === 'testRunChanged' && e.run.id === runId) {
            // A new case: its own frames from here. (Not known yet which case runs, on a page opened after the run
            // began: the frames so far are the current case's.)
            if (current && current.caseId !== e.run.caseId) {
              frames = [];
              framesFrom = null;
            }
            // When the case began: said by the bench, else kept from what was known of the same case.
            const began = e.run.caseStartedAt ?? (current?.caseId === e.run.caseId ? current.caseStartedAt : null) ?? null;
            current = e.run.state === 'running' ? { caseId: e.run.caseId, step: e.run.step, caseStartedAt: began, stepWait: e.run.stepWait ?? null } : null;
            // With the run's record of fault switches when one was just recorded (the run's own jammed lock is
            // then told from a switch injected since the page read the run).
            // And whether its Stop waits for the charger to come back (said while it waits, gone once it has stopped),
            // or, before Stop, whether one pressed now would (its confirmation says so).
            if (run)
              run = {
                ...run,
                state: e.run.state,
                summary: e.run.summary,
                finishedAt: e.run.finishedAt,
                stopWaiting: e.run.stopWaiting ?? null,
                stopWouldWait: e.run.stopWouldWait ?? null,
                ...(e.run.faults && { faults: e.run.faults }),
              };
          } else if (e.type === 'frameLogged' && run?.state === 'running' && e.message.chargerId === run.chargerId) {
            const { chargerId: _c, ...frame } = e.message;
            frames = frames.length >= LIVE_FRAMES ? [...frames.slice(1 - LIVE_FRAMES), frame] : [...frames, frame];
          }
        }
        return run === s.run && current === s.current && frames === s.frames ? s : { ...s, run, current, frames, framesFrom };
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
