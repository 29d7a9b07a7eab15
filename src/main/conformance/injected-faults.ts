// The fault switches of a built-in virtual charger during a run: those on when it starts, and each one a
// person switches through the bench while it runs, a timed switch ends by itself, or the run's own steps
// switch (the virtual charger's hands jamming a lock, cutting the network: marked by: 'run', kept so the
// record follows what is on, but not injected misbehaviour; with when, and the case in progress), so a
// verdict caused by injected misbehaviour is told apart from the firmware's in the run's record and reports.
import type { Bench } from '../core/bench';
import { activeFaults, type Faults } from '../../shared/api/virtual-chargers';
import type { FaultSwitched, InjectedFaults } from '../../shared/api/test-runs';
import type { RunEvent } from './runner';
import { onOperatorSwitched } from './operator';

export interface FaultFollower {
  /** Filled in as switches change; kept with the run. */
  record: InjectedFaults;
  /** The run's events: which case is in progress when a switch changes. */
  seen: (e: RunEvent) => void;
  stop: () => void;
}

/**
 * Starts following the fault switches of the bench's virtual charger `chargerId`; null for a charger that is
 * not the bench's own. `changed` is told each time a switch is recorded (the run's page follows the record live).
 */
export function followInjectedFaults(bench: Bench, chargerId: string, changed?: (record: InjectedFaults) => void): FaultFollower | null {
  const chargers = bench.virtualChargers;
  if (!chargers.has(chargerId)) return null;
  let words = activeFaults(chargers.get(chargerId).faults);
  let caseId: string | null = null;
  const record: InjectedFaults = { atStart: [...words], switched: [] };
  const switched = (id: string, faults: Faults, by?: FaultSwitched['by']) => {
    if (id !== chargerId) return;
    const now = activeFaults(faults);
    const on = now.filter((w) => !words.includes(w));
    const off = words.filter((w) => !now.includes(w));
    words = now;
    // A switch set as it already was changes nothing the run could have met.
    if (!on.length && !off.length) return;
    record.switched.push({ at: new Date(bench.clock.now()).toISOString(), caseId, on, off, ...(by && { by }) });
    try {
      changed?.(record);
    } catch (e) {
      console.error(`chargebench: telling of ${chargerId}'s fault switches failed: ${(e as Error).message}`);
    }
  };
  // Those a person switches through the bench (or a timed one ends by itself), and those the run's own steps switch (the virtual charger's hands).
  const stops = [chargers.onFaultsSwitched(switched), onOperatorSwitched((id, faults) => switched(id, faults, 'run'))];
  const stop = () => stops.forEach((s) => s());
  const seen = (e: RunEvent) => {
    if (e.type === 'caseStarted') caseId = e.caseId;
    else if (e.type === 'caseFinished') caseId = null;
  };
  return { record, seen, stop };
}
