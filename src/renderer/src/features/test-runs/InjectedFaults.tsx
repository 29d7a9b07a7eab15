// Fault switches of a built-in virtual charger where a run is concerned: the start form warns which are on
// before a run begins; the run's page says which were injected during it (its verdicts may owe to them,
// not to the firmware), as the reports do (their times local, as the screens write times, where the reports
// say UTC); a case says what was switched while it ran.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { useBench } from '../../stores/bench';
import { activeFaults } from '../../../../shared/api/virtual-chargers';
import { faultsDuringRun, faultSwitchedWordsWith, faultsInjectedText, type FaultSwitched, type RunResult } from '../../../../shared/api/test-runs';
import { formatClock } from '../../components/format';

/** When a fault was switched, as the screens write a time: local, in the user's locale (the reports say UTC). */
const localClock = (iso: string): string => formatClock(iso);
const switchedWords = faultSwitchedWordsWith(localClock);

/** The start form: the chosen virtual charger's fault switches that are on now, named (nothing for none, or a charger not the bench's own). */
export function FaultsOnWarning({ chargerId }: { chargerId: string }) {
  const vcp = useBench((s) => (chargerId ? s.virtualChargers[chargerId] : undefined));
  const on = vcp ? activeFaults(vcp.faults) : [];
  if (!on.length) return null;
  return (
    <Alert severity="warning" aria-label="Fault switches on">
      <AlertTitle>
        {chargerId} has {on.length === 1 ? 'a fault switch' : `${on.length} fault switches`} on: {on.join(', ')}
      </AlertTitle>
      The run will meet this injected misbehaviour: cases may fail because of it, not because of the charger’s firmware. The run records it (its page, reports and comparisons say “Faults injected”).
      Switch it off on the Virtual chargers screen first for a clean run.
    </Alert>
  );
}

/**
 * The run's page: the fault switches on at its start and switched during it, as the reports say it. While the
 * run runs, a switch turned on since the page read the run shows from the bench's live view of the charger.
 */
export function FaultsInjectedAlert({ run }: { run: RunResult }) {
  const vcp = useBench((s) => (run.state === 'running' && run.faults ? s.virtualChargers[run.chargerId] : undefined));
  const during = faultsDuringRun(run);
  const since = vcp ? activeFaults(vcp.faults).filter((w) => !during.includes(w) && !onByTheRun(run).has(w)) : [];
  const text = faultsInjectedText(run, localClock) ?? (since.length ? 'Faults injected' : null);
  if (!text) return null;
  return (
    <Alert severity="warning" variant="filled" aria-label="Faults injected">
      {text}
      {since.length ? `${text === 'Faults injected' ? ': ' : '; '}${since.join(', ')} switched on during the run` : ''}. A verdict may owe to this injected misbehaviour of the virtual charger rather
      than to its firmware.
    </Alert>
  );
}

/** The switches the run's own steps have on, as its record says (a jammed lock in TC_030_CS): not injected, not shown. */
function onByTheRun(run: RunResult): Set<string> {
  const on = new Set<string>();
  for (const s of run.faults?.switched ?? []) {
    s.off.forEach((w) => on.delete(w));
    if (s.by === 'run') s.on.forEach((w) => on.add(w));
  }
  return on;
}

/** A case's detail: the fault switches switched while it ran. */
export function SwitchedDuringCase({ switched }: { switched: FaultSwitched[] }) {
  if (!switched.length) return null;
  return (
    <Alert severity="warning" aria-label="Fault injected during the case">
      Fault injected while this case ran (its verdict may owe to it, not to the firmware): {switched.map(switchedWords).join('; ')}
    </Alert>
  );
}
