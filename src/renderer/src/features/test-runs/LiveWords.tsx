// What a running run is doing, in the words its Stop confirmation and its page use, read from the run's live
// state (the case in progress and its step, the cases still to run, the charger's connection): what Stop
// ends (the case in progress, or the put-back after one), whether the charger can be put back (not while it
// is offline, or that Stop first waits for it to come back when the run just reset it or it dropped a moment
// ago: run.stopWouldWait), how many cases are left out; and that the charger is offline during a case, since when, and
// what the case does about it.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { RunResult } from '../../../../shared/api/test-runs';
import type { ChargerView } from '../../../../shared/api/views';
import { formatClock, formatWhen } from '../../components/format';
import { stopWouldWaitWords } from '../../../../shared/api/stop-waiting';
import { useBench } from '../../stores/bench';
import { rowsOf, type Row } from './RunParts';
import { useCaseTitles } from './useCases';
import { useRun, type LiveRun } from './useRun';
import { benchNow } from '../../components/benchClock';

/** The step of the put-back after a case ("Putting the charger back after TC_010_CS: waiting up to 60 s …"). */
const PUT_BACK = /^Putting the charger back after /;

/** Where a running run is: before its first case, in a case, putting the charger back after one, or between cases. */
export type Phase = { kind: 'setup' } | { kind: 'case'; caseId: string; step: string | null } | { kind: 'putBack'; caseId: string; step: string } | { kind: 'between' } | { kind: 'end' };

export function phaseOf(run: RunResult, current: LiveRun['current'], rows: Row[]): Phase {
  const running = rows.find((r) => r.state === 'running');
  const step = current?.caseId === running?.id ? (current?.step ?? null) : null;
  if (running && step && PUT_BACK.test(step)) return { kind: 'putBack', caseId: running.id, step };
  if (running && (run.cases.length > 0 || current?.caseId)) return { kind: 'case', caseId: running.id, step };
  if (run.cases.length === 0) return { kind: 'setup' };
  return rows.some((r) => r.state === 'waiting') ? { kind: 'between' } : { kind: 'end' };
}

const named = (id: string, titles: Record<string, string>) => (titles[id] ? `${id} (${titles[id]})` : id);
const casesWord = (n: number) => `${n} case${n === 1 ? '' : 's'}`;

/**
 * Whether the bench has the charger offline now. One the page does not know yet (the bench's chargers not loaded:
 * a run starts only on a charger the bench knows) is not said to be offline, and since when would not be known.
 */
const offline = (charger: ChargerView | undefined): charger is ChargerView => !!charger && !charger.connected;

/** Whether the charger has been offline since before the run began: nothing of the run's setup reached it. */
const offlineSinceBeforeRun = (run: RunResult, charger: ChargerView) => Date.parse(charger.lastSeen) < Date.parse(run.wallStartedAt ?? run.startedAt);

/** What the setup may have done to the charger before it went offline (a session it ended is named; MinimumStatusDuration is not known). */
function setupDoneWords(run: RunResult): string {
  const ended = run.setupEnded ?? [];
  const sessions = ended.length
    ? `it ended ${ended.length === 1 ? 'the session' : `${ended.length} sessions`} running on it (${ended.map((e) => `transaction ${e.transactionId} on connector ${e.connectorId}, idTag ${e.idTag}`).join('; ')})`
    : 'it may have ended a session running on it';
  return `Before it went offline the bench may have set its MinimumStatusDuration to 0, and ${sessions}: what is not put back is not done while it is offline, and the result says so.`;
}

/** What Stop does to this run now, paragraph by paragraph. */
export function stopWords(run: RunResult, current: LiveRun['current'], titles: Record<string, string>, charger: ChargerView | undefined, now = benchNow()): string[] {
  const rows = rowsOf(run, current, null);
  const phase = phaseOf(run, current, rows);
  // When it was last seen (its last frame), not when its connection closed: the view does not say that.
  const since = offline(charger) ? `last seen ${formatWhen(charger.lastSeen, now)}` : null;
  const off = since && `${run.chargerId} is offline (${since})`;
  const notDone = 'what putting it back would take is not done, and the result lists it as “not done: the run was stopped while the charger was offline”';
  // Stop first waits for the charger (the run just reset it, or it dropped a moment ago): said instead of "nothing waits for it".
  const would = run.stopWouldWait;
  const wait = would && `${stopWouldWaitWords(run.chargerId, would, (t) => formatClock(t))} If it is not back within ${would.seconds} s, ${notDone}.`;
  const words: string[] = [];
  if (wait && phase.kind === 'case') {
    const at = phase.step ? `, at ${phase.step.replace(/[.…\s]+$/, '')}` : '';
    words.push(
      `${named(phase.caseId, titles)} is in progress${at}. It goes on meanwhile; once the stop takes effect it ends, unfinished (Inconclusive), unless it has ended by then, and a request to the person at the charger is withdrawn.`,
    );
    words.push(wait);
  } else if (wait && phase.kind === 'setup') {
    words.push(`No case has started: the bench is getting ${run.chargerId} ready for the first case. Once the stop takes effect the run ends, and no case starts.`);
    words.push(wait);
  } else if (phase.kind === 'case') {
    words.push(
      `${named(phase.caseId, titles)} is in progress${phase.step ? `, at ${phase.step.replace(/[.…\s]+$/, '')}` : ''}. It ends now, unfinished: its verdict is Inconclusive, and a request to the person at the charger is withdrawn.`,
    );
    words.push(off ? `${off}: it cannot be put back while it is offline. Nothing waits for it: ${notDone}.` : 'The charger is then put back as the case found it.');
  } else if (phase.kind === 'putBack') {
    words.push(`No case is in progress: the bench is putting the charger back after ${named(phase.caseId, titles)}, whose steps are over (“${phase.step}”).`);
    words.push(wait ?? (off ? `${off}: it cannot be put back while it is offline. The bench stops waiting for it now: ${notDone}.` : 'Putting it back goes on to its end.'));
  } else if (phase.kind === 'setup') {
    words.push(
      !off
        ? 'No case has started: the bench is reading what the charger supports and putting it right before the first case. That ends now.'
        : offline(charger) && offlineSinceBeforeRun(run, charger)
          ? `No case has started: the run is waiting for ${run.chargerId} to connect (offline, ${since}, before the run began). It ends now; nothing was sent to the charger, so nothing on it was changed.`
          : `No case has started: ${run.chargerId} went offline (${since}) while the bench was getting it ready for the first case. It ends now. ${setupDoneWords(run)}`,
    );
  } else {
    words.push(
      phase.kind === 'end'
        ? 'No case is in progress: the cases are done, and the bench is putting the charger’s settings back and reading its configuration at the end.'
        : 'No case is in progress: the next one is about to begin.',
    );
    // Between two cases a Stop takes effect before the next begins, waiting for nothing.
    if (wait && phase.kind === 'end') words.push(wait);
    else if (off) words.push(`${off}: what cannot be done while it is offline is not done, and the result says so.`);
  }
  const left = rows.filter((r) => r.state === 'waiting').length;
  if (left) words.push(`The ${casesWord(left)} not run yet ${left === 1 ? 'is' : 'are'} left out (shown as Not run).`);
  // "The last one" only while there is one: a case in progress, or the put-back after it.
  else if (phase.kind === 'case' || phase.kind === 'putBack') words.push('No case is left out: this is the last one.');
  if (run.cases.length) words.push(`The verdicts so far (${casesWord(run.cases.length)}) are kept, with their reports.`);
  return words;
}

/** Stop's words as paragraphs. */
export function StopWords({ words }: { words: string[] }) {
  return (
    <Box aria-label="What stopping does">
      {words.map((w, i) => (
        <Typography key={i} variant="body2" sx={{ mb: i < words.length - 1 ? 1 : 0 }}>
          {w}
        </Typography>
      ))}
    </Box>
  );
}

/** Stop's words for a run read live by its id (the operator prompt's Stop, which covers any screen). */
export function RunStopWords({ runId }: { runId: string }) {
  const { run, current } = useRun(runId);
  const titles = useCaseTitles();
  const charger = useBench((s) => (run ? s.chargers[run.chargerId] : undefined));
  if (!run || run.state !== 'running')
    return (
      <Typography variant="body2">
        The whole run stops: this request is withdrawn, the case in progress ends (inconclusive) and the charger is put back; the cases not run yet are left out, the verdicts so far kept.
      </Typography>
    );
  return <StopWords words={stopWords(run, current, titles, charger)} />;
}

/** That the charger is offline while a case runs (or after one), when it was last seen, and what the case does about it; null while it is connected, or before the first case (whose wait is said where it shows). */
export function offlineWords(run: RunResult, current: LiveRun['current'], charger: ChargerView | undefined, now = benchNow()): { title: string; text: string } | null {
  if (run.state !== 'running' || !offline(charger)) return null;
  const phase = phaseOf(run, current, rowsOf(run, current, null));
  if (phase.kind === 'setup') return null;
  const title = `${run.chargerId} offline (last seen ${formatWhen(charger.lastSeen, now)})`;
  const limit = run.data.chargerTimeoutS;
  if (phase.kind === 'case')
    return {
      title,
      text: `${phase.caseId} goes on without waiting for it to come back: a step that waits on the charger fails if nothing comes within its time limit (${limit} s, the test data’s chargerTimeoutS, unless the step allows longer), and what the bench sends meanwhile fails at once. A request to the person at the charger keeps its own ${run.data.operatorTimeoutS} s. (A case that switches the charger off or drops it expects this.)`,
    };
  if (phase.kind === 'putBack')
    return { title, text: `${phase.step} If it does not reconnect, what is not put back is listed with ${phase.caseId}, and the next case begins on the charger as it is.` };
  return { title, text: 'Nothing can be sent to it until it reconnects.' };
}

export function ChargerOfflineAlert({ run, current, charger }: { run: RunResult; current: LiveRun['current']; charger: ChargerView | undefined }) {
  const words = offlineWords(run, current, charger);
  if (!words) return null;
  return (
    <Alert severity="warning" aria-label="Charger offline" aria-live="polite">
      <AlertTitle>{words.title}</AlertTitle>
      {words.text}
    </Alert>
  );
}
