// What `chargebench commission` says on the terminal besides each step's line and the summary: a step whose
// verdict changed after its line was printed (the baseline judged again by the configuration read at the end
// of the run), so the lines and the summary's counts agree; and, while the person at the charger is asked
// something, that the charger the run is on went offline (naming it and when it was last seen) or is back,
// and what the run waits for when the person answers Done while it is offline.
import type { Bench } from '../core/bench';
import type { CaseResult } from '../conformance/types';
import { formatClock } from '../../shared/format/time';
import { printable } from './terminal';

const verdictWords: Record<CaseResult['verdict'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  notApplicable: 'N/A',
  inconclusive: 'INCONCLUSIVE',
  error: 'ERROR',
  notSupported: 'NOT SUPPORTED',
};

/**
 * A line for each step whose verdict is now another than the one its printed line said ("C5_BASELINE now
 * INCONCLUSIVE (its line said PASS): The configuration could not be read at the end of the run (…)…");
 * `printed`: each step's verdict as printed, by its id.
 */
export function verdictChangeLines(printed: ReadonlyMap<string, CaseResult['verdict']>, steps: Array<{ id: string; result: CaseResult | null }>, now = Date.now()): string[] {
  const lines: string[] = [];
  for (const s of steps) {
    const was = printed.get(s.id);
    if (!s.result || was === undefined || was === s.result.verdict) continue;
    const why = s.result.reason ? `: ${s.result.reason}` : '';
    lines.push(printable(`${formatClock(now)}  ${s.id} now ${verdictWords[s.result.verdict]} (its line above said ${verdictWords[was]})${why}`));
  }
  return lines;
}

/** A time the bench gave (ISO) as the terminal's lines say times. */
const clock = (iso: string | undefined): string | null => (iso && Number.isFinite(Date.parse(iso)) ? formatClock(iso) : null);

/**
 * Watches the charger the run is on while a question waits for the person at the charger: says when it goes
 * offline (naming it, when it was last seen and why the connection ended) and when it is back; `doneWhile()`
 * is the feedback for a Done given while it is offline (what the run then waits for), or null when it is
 * online. `waiting()`: whether a question is asked now. `chargerTimeoutS`: how long the run waits for the charger.
 */
export function chargerWhileAsked(bench: Pick<Bench, 'bus' | 'connectedChargers'>, chargerId: string, waiting: () => boolean, chargerTimeoutS: number, print: (line: string) => void = console.log) {
  let offline: { lastSeen: string | null } | null = bench.connectedChargers().includes(chargerId) ? null : { lastSeen: null };
  const off = bench.bus.subscribe((e) => {
    if (e.type === 'chargerDisconnected' && e.chargerId === chargerId) {
      offline = { lastSeen: clock(e.lastSeen ?? e.ts) };
      if (waiting())
        print(
          `\n${printable(`    (${chargerId} went offline${offline.lastSeen ? `, last seen at ${offline.lastSeen}` : ''} (${e.reason}): what you do at the charger cannot reach the bench until it is back; the question stays open)`)}`,
        );
    } else if (e.type === 'chargerConnected' && e.chargerId === chargerId) {
      const was = offline;
      offline = null;
      if (was && waiting()) print(`\n${printable(`    (${chargerId} is back online at ${clock(e.ts) ?? 'now'}: the question is still open)`)}`);
    }
  });
  return {
    off,
    /** Says so when a question is asked while the charger is offline already. */
    asked(): void {
      if (offline)
        print(`\n${printable(`    (${chargerId} is offline${offline.lastSeen ? `, last seen at ${offline.lastSeen}` : ''}: what you do at the charger cannot reach the bench until it is back)`)}`);
    },
    /** The line for a Done given now: what the run waits for while the charger is offline; null when it is online. */
    doneWhile(): string | null {
      if (!offline) return null;
      const seen = offline.lastSeen ? ` (last seen at ${offline.lastSeen})` : '';
      return printable(
        `    (Done noted, but ${chargerId} is offline${seen}: the step now waits for it to come back and send what the step needs (up to ${chargerTimeoutS} s for each message); if it does not, the step ends inconclusive, naming the outage)`,
      );
    },
  };
}

/**
 * The last line of a commissioning that ends with exit status 1, saying why ("Commissioning not complete: 2
 * steps inconclusive (exit status 1)"); null when every step ran and passed or does not apply.
 */
export function commissionFailedLine(results: Array<Pick<CaseResult, 'verdict'>>, planned: number): string | null {
  const n = (v: CaseResult['verdict']) => results.filter((r) => r.verdict === v).length;
  const notRun = Math.max(0, planned - results.length);
  const parts: Array<[number, string]> = [
    [n('fail'), 'failed'],
    [n('error'), 'erred'],
    [n('inconclusive'), 'inconclusive'],
    [notRun, 'not run'],
  ];
  const said = parts.filter(([k]) => k > 0).map(([k, words], i) => (i === 0 ? `${k} step${k === 1 ? '' : 's'} ${words}` : `${k} ${words}`));
  if (!said.length) return null;
  const what = n('fail') + n('error') ? 'Commissioning failed' : 'Commissioning not complete';
  return `${what}: ${said.join(', ')} (exit status 1)`;
}
