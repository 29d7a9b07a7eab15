// The configuration at the end is what counts. A baseline key the baseline step set and read back at its
// wanted value may not stay so: a later step reboots the charger (the reset), and the bench's BootNotification
// answer gives it the bench's heartbeat interval, which many chargers write into HeartbeatInterval; another
// back office or the charger itself may change a key too. The configuration read after the last step of the
// latest run (configAfter) decides: the baseline step's result is judged again by it (its verdict, what to
// do, the key's row), and the verdict, what is open, the diff and the report all read the steps as judged
// here, so none of them says "now 300" of a key that is 15 at the end. The step's result as the engine gave
// it stays in the record; a key the charger refused (Rejected, NotSupported, read-only) is the step's own
// failure, as before. A key already at its wanted value in the read at the run's start was not sent ("already
// set"): its failure says so ("read 300 at the start (nothing sent), 15 at the end"), not that the step set it.
import type { CaseFrame, CaseResult } from '../../shared/api/test-runs';
import type { CommissioningStep, CommissioningTemplate } from '../../shared/api/commissioning';

export const BASELINE_STEP = 'C5_BASELINE';

/** A baseline key set and read back at its wanted value that is not at it at the end. */
export interface KeyNotKept {
  key: string;
  wanted: string;
  /** Its value in the configuration read at the end (null: not reported there). */
  atEnd: string | null;
  /** The baseline step's row for it ("was 15, now 300 (Accepted)"). */
  row: string;
  /** It was at its wanted value in the read at the start of the run, so the step sent nothing ("already set"). */
  alreadySet: boolean;
  /** The bench's boot answer that set it back, when it gave the charger this value as its heartbeat interval. */
  boot: { intervalS: number; afterReset: boolean; stepTitle: string } | null;
}

export interface ConfigAtEnd {
  steps: CommissioningStep[];
  template: CommissioningTemplate;
  configAfter: Record<string, string | null> | null;
  configAtEndProblem?: string;
  /** Once signed, the steps are as signed (kept judged at signing): never judged again. */
  handover?: unknown;
}

const payloadOf = (f: CaseFrame): Record<string, unknown> | null => {
  try {
    const body = (JSON.parse(f.raw) as unknown[])[f.kind === 'CALLRESULT' ? 2 : 3];
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** The latest BootNotification answer the bench gave after the baseline step ended, with the step it came in. */
function bootAfter(steps: CommissioningStep[], baseline: CaseResult): { intervalS: number; stepId: string; stepTitle: string } | null {
  const end = Date.parse(baseline.startedAt) + baseline.ms;
  let found: { intervalS: number; stepId: string; stepTitle: string; at: number } | null = null;
  for (const s of steps) {
    if (s.id === BASELINE_STEP || !s.result) continue;
    for (const f of s.result.frames) {
      const at = Date.parse(f.ts);
      if (f.direction !== 'out' || f.kind !== 'CALLRESULT' || f.action !== 'BootNotification' || !(at > end) || (found && found.at > at)) continue;
      const interval = payloadOf(f)?.interval;
      if (typeof interval === 'number' && Number.isInteger(interval)) found = { intervalS: interval, stepId: s.id, stepTitle: s.title, at };
    }
  }
  return found && { intervalS: found.intervalS, stepId: found.stepId, stepTitle: found.stepTitle };
}

/** The baseline keys set and read back at their wanted value that the configuration at the end shows otherwise. */
export function keysNotKept(c: ConfigAtEnd): KeyNotKept[] {
  const baseline = c.steps.find((s) => s.id === BASELINE_STEP)?.result;
  if (!baseline || !c.configAfter) return [];
  const boot = bootAfter(c.steps, baseline);
  const out: KeyNotKept[] = [];
  for (const [key, wanted] of Object.entries(c.template.keys)) {
    const m = baseline.measurements.find((x) => x.label === key);
    // A key the step did not get to its wanted value is the step's own failure (Rejected, NotSupported, read-only).
    if (m?.ok !== true) continue;
    const atEnd = c.configAfter[key] ?? null;
    if (atEnd === wanted) continue;
    const byBoot = key === 'HeartbeatInterval' && boot !== null && atEnd === String(boot.intervalS);
    out.push({
      key,
      wanted,
      atEnd,
      row: m.value,
      alreadySet: /\(already set\)$/.test(m.value),
      boot: byBoot ? { intervalS: boot.intervalS, afterReset: boot.stepId === 'C9_RESET', stepTitle: boot.stepTitle } : null,
    });
  }
  return out;
}

/**
 * What is wrong with a key not kept, and what to do, in the installer's words. A key already at its wanted
 * value in the read at the start was not set by the step (nothing was sent): said so, not "set back after
 * the baseline step set it".
 */
export function notKeptWords(k: KeyNotKept): string {
  if (k.alreadySet) {
    const was = `${k.key} read ${k.wanted} at the start (nothing sent), ${k.atEnd ?? 'not reported'} at the end`;
    if (k.boot) {
      const when = k.boot.afterReset ? 'at the reset' : `when the charger booted in the step “${k.boot.stepTitle}”`;
      return `${was}: set back during the run (the bench's BootNotification answer gives its heartbeat interval, ${k.boot.intervalS} s in Settings, ${when}). Make the bench's heartbeat interval ${k.wanted} s or re-run the baseline step ${k.boot.afterReset ? 'after the reset' : 'after that step'}.`;
    }
    return `${was}: it changed during the run. Find what changes it (the charger's own settings, another back office), then re-run the baseline step.`;
  }
  const is = k.atEnd === null ? `${k.key} is not reported at the end` : `${k.key} is ${k.atEnd} at the end`;
  if (k.boot) {
    const when = k.boot.afterReset ? 'after the reset' : `when the charger booted in the step “${k.boot.stepTitle}”`;
    return `${is}, ${k.wanted} wanted: the bench's boot answer (heartbeat interval ${k.boot.intervalS} s, Settings) set it back ${when}. Make the bench's heartbeat interval ${k.wanted} s or re-run the baseline step ${k.boot.afterReset ? 'after the reset' : 'after that step'}.`;
  }
  return `${is}, ${k.wanted} wanted: it changed after the baseline step set it (the charger read back ${k.wanted} then). Find what changes it (the charger's own settings, another back office), then re-run the baseline step.`;
}

/**
 * The baseline step's row for a key not kept: what it read back, and what the end shows ("was 15, read back
 * 300, now 15 at the end (Accepted)"; a key already set: "was 300 at the start (nothing sent), read back
 * 300, now 15 at the end (already set)").
 */
function rowAtEnd(k: KeyNotKept): string {
  const now = k.atEnd ?? 'not reported';
  const parts = /^was (.*), now (.*) \(([^()]*)\)$/.exec(k.row);
  return parts ? `was ${parts[1]}${k.alreadySet ? ' at the start (nothing sent)' : ''}, read back ${parts[2]}, now ${now} at the end (${parts[3]})` : `${k.row}; now ${now} at the end`;
}

/**
 * The steps with the baseline step judged by the configuration at the end: a key not kept fails it (a step
 * that passed fails; one that failed keeps failing, with this said too), its row says what the end shows.
 */
export function judgedSteps(c: ConfigAtEnd): CommissioningStep[] {
  if (c.handover) return c.steps;
  if (c.configAtEndProblem) return unjudged(c, c.configAtEndProblem);
  const notKept = keysNotKept(c);
  if (!notKept.length) return c.steps;
  return c.steps.map((s) => {
    if (s.id !== BASELINE_STEP || !s.result) return s;
    const r = s.result;
    const words = notKept.map(notKeptWords).join(' ');
    const reason = r.verdict === 'pass' || !r.reason ? words : `${r.reason.replace(/\.?$/, '.')} ${words}`;
    const judged: CaseResult = {
      ...r,
      verdict: r.verdict === 'pass' ? 'fail' : r.verdict,
      reason,
      measurements: r.measurements.map((m) => {
        const k = notKept.find((x) => x.key === m.label);
        return k ? { ...m, value: rowAtEnd(k), ok: false } : m;
      }),
      observations: [
        ...r.observations,
        {
          at: r.startedAt,
          messageId: null,
          note: true,
          text: `Judged by the configuration read at the end of the run: ${notKept
            .map((k) => `${k.key} ${k.atEnd ?? 'not reported'} (${k.wanted} wanted, ${k.alreadySet ? `${k.wanted} at the start so nothing sent, and read back` : 'read back'} by this step)`)
            .join(', ')}`,
        },
      ],
    };
    return { ...s, result: judged };
  });
}

/**
 * The configuration could not be read at the end of the last run: whether the baseline keys were kept is
 * not known, so a baseline that passed is inconclusive (a commissioning cannot pass on an older read).
 */
function unjudged(c: ConfigAtEnd, problem: string): CommissioningStep[] {
  return c.steps.map((s) => {
    if (s.id !== BASELINE_STEP || s.result?.verdict !== 'pass') return s;
    const reason = `The configuration could not be read at the end of the run (${problem}): whether the baseline keys were kept after the later steps is not known. Check the charger is connected, then run the baseline step again.`;
    return { ...s, result: { ...s.result, verdict: 'inconclusive', reason } };
  });
}
