// A run as JUnit XML: one testsuite per feature profile, one testcase per OCTT case; a Fail is a
// <failure> naming the step, an Error an <error>, Not applicable / Not supported / Inconclusive a <skipped>.
// A stopped run's planned cases it never came to are <skipped> ("not run: the run was stopped") in their
// profile's testsuite. The suite's cases the bench cannot run yet that the run did not include are a
// testsuite of their own, each <skipped> with why. What a case could not put back, and what the case
// before it left, are the testcase's <system-err>. A run the bench could not carry out (state error) has a
// testsuite of its own first, whose one testcase is an <error> naming why: a CI that reads only the JUnit
// sees it red, even with no case run. The sessions the run ended before its first case, and what it could
// not put right then, are the first suite's <system-err>. A problem once every case had ended (the cases
// stand) is the last suite's <system-err> and an <error> testcase of its own after the cases, as the CLI
// exits 1 on it. A step that passed on the operator's word (a person's Done, or the virtual charger's hands),
// not on frames the bench checked, is a line of the testcase's <system-out>: the testcase keeps its verdict.
import { LEFT_HEAD, leftAsItIs } from '../../../shared/api/left-notes';
import type { CaseResult, NotYetSupported, RunResult } from '../types';
import { faultsInjectedText } from '../../../shared/api/test-runs';
import { afterCasesProblem } from '../after-cases';
import { onWordWords, stepsOnWord } from '../../../shared/api/operator-word';
import { setupEndedWords } from '../../../shared/api/setup-ended-words';
import { putBackWords } from '../../../shared/api/run-stop';
import { couldNotRun, notRunCases, notRunWhy, notYetSupportedOf, setupTime, stepWords, wallTimes, type NotRunCase } from './facts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** How a step without a verdict of its own is named in its testcase (a person's Skip is the <skipped> itself). */
const unjudgedWords: Partial<Record<CaseResult['steps'][number]['status'], string>> = { ...stepWords, stopped: 'stopped' };

/** A testcase of the report: a case the run ended, or one it has no verdict for (skipped with `skipped`). */
type Row = { c: CaseResult; skipped?: string };

function testcase(run: RunResult, { c, skipped }: Row): string {
  const head = `    <testcase classname="octt16.${esc(c.profile)}" name="${esc(`${c.id} ${c.title}`.trim())}" time="${(c.ms / 1000).toFixed(3)}"`;
  if (skipped !== undefined) return `${head}>\n      <skipped message="${esc(skipped)}"/>\n    </testcase>`;
  const step = c.steps.find((s) => s.n === c.decidingStep);
  const before = c.notPutBack ? `The charger was not put back after ${c.notPutBack.after} (this case began with it): ${c.notPutBack.problems.join('; ')}` : '';
  const detail =
    (step
      ? `Step ${step.n} (${step.title}): expected ${step.expected ?? '?'}; ${step.actual ?? ''}${step.messageIds.length ? ` [message ids ${step.messageIds.join(', ')}]` : ''}`
      : (c.reason ?? '')) + (before ? `\n${before}` : '');
  const errs = [before, ...c.cleanupProblems.map((p) => `Not put back after the case: ${p}`)].filter(Boolean).join('\n');
  const said = stepsOnWord(c).map((s) => `Step ${s.n} (${s.title}): passed (${onWordWords(run.virtual)}), not verified from frames`);
  // <system-out> before <system-err>, as the JUnit schema orders them.
  const tail = (said.length ? `\n      <system-out>${esc(said.join('\n'))}</system-out>` : '') + (errs ? `\n      <system-err>${esc(errs)}</system-err>` : '');
  switch (c.verdict) {
    case 'pass':
      return tail ? `${head}>${tail}\n    </testcase>` : `${head}/>`;
    case 'fail':
      return `${head}>\n      <failure message="${esc(c.reason ?? 'failed')}">${esc(detail)}</failure>${tail}\n    </testcase>`;
    case 'error':
      return `${head}>\n      <error message="${esc(c.reason ?? 'error')}">${esc(detail)}</error>${tail}\n    </testcase>`;
    default:
      // A step the person could not do ("Cannot do"), one nobody acted on in time, one the bench could not judge, or one the run's Stop cut short, is named as such, apart from a skip.
      if (step && step.status in unjudgedWords)
        return `${head}>\n      <skipped message="${esc(`${c.verdict}: ${c.reason ?? ''}`)}">${esc(`Step ${step.n} (${step.title}): ${unjudgedWords[step.status]}`)}</skipped>${tail}\n    </testcase>`;
      return `${head}>\n      <skipped message="${esc(`${c.verdict}: ${c.reason ?? ''}`)}"/>${tail}\n    </testcase>`;
  }
}

const isSkipped = (r: Row) => r.skipped !== undefined || ['notApplicable', 'notSupported', 'inconclusive'].includes(r.c.verdict);

function testsuite(run: RunResult, name: string, rows: Row[], systemErr = ''): string {
  const count = (v: CaseResult['verdict']) => rows.filter((r) => r.skipped === undefined && r.c.verdict === v).length;
  const err = systemErr ? `\n    <system-err>${esc(systemErr)}</system-err>` : '';
  return `  <testsuite name="OCTT 1.6 ${esc(name)} (${esc(run.chargerId)})" tests="${rows.length}" failures="${count('fail')}" errors="${count('error')}" skipped="${rows.filter(isSkipped).length}" time="${(rows.reduce((a, r) => a + r.c.ms, 0) / 1000).toFixed(3)}" timestamp="${esc(wallTimes(run).started)}">\n${rows.map((r) => testcase(run, r)).join('\n')}${err}\n  </testsuite>`;
}

/** A case without a verdict (not run, or not supported yet), as a row. */
const noVerdict = (c: NotYetSupported | NotRunCase, skipped: string): Row => ({
  c: { ...c, verdict: 'notSupported', reason: null, steps: [], decidingStep: null, ms: 0, cleanupProblems: [] } as unknown as CaseResult,
  skipped,
});

/** A testsuite of the run itself: one testcase, an <error> saying what went wrong with the run (`message`), and why. */
function runErrorSuite(run: RunResult, name: string, message: string, why: string, systemErr = ''): string {
  const time = (run.wallMs / 1000).toFixed(3);
  const err = systemErr ? `\n    <system-err>${esc(systemErr)}</system-err>` : '';
  return `  <testsuite name="OCTT 1.6 ${esc(name)} (${esc(run.chargerId)})" tests="1" failures="0" errors="1" skipped="0" time="${time}" timestamp="${esc(wallTimes(run).started)}">
    <testcase classname="octt16.run" name="${esc(`The run on ${run.chargerId}${name === 'run' ? '' : `: ${name}`}`)}" time="${time}">
      <error message="${esc(message)}">${esc(why)}</error>
    </testcase>${err}
  </testsuite>`;
}

/** A run's stop as testsuite properties. */
function stopProperties(stop: NonNullable<RunResult['stop']>): string {
  const props: Array<[string, string | null | undefined]> = [
    ['stopped.at', stop.at],
    ['stopped.requestedAt', stop.requestedAt],
    ['stopped.by', stop.by],
    ['stopped.signal', stop.signal],
    ['stopped.case', stop.caseId],
    ['stopped.step', stop.step],
    ['stopped.putBack', putBackWords(stop)],
  ];
  const rows = props.filter(([, v]) => v).map(([k, v]) => `      <property name="${k}" value="${esc(v!)}"/>`);
  return `    <properties>\n${rows.join('\n')}\n    </properties>`;
}

export function junitReport(run: RunResult): string {
  const groups = new Map<string, Row[]>();
  const add = (profile: string, row: Row) => groups.set(profile, [...(groups.get(profile) ?? []), row]);
  for (const c of run.cases) add(c.profile, { c });
  // A stopped run's cases it never came to: in their profile's suite, skipped.
  for (const c of notRunCases(run)) add(c.profile, noVerdict(c, `not run: ${notRunWhy(run)}`));
  const later = notYetSupportedOf(run).map((c) => noVerdict(c, `notSupported: ${c.reason}`));
  // What could not be put right before the first case goes with the first suite (the first cases may be affected),
  // after the virtual charger's fault switches injected during the run, if any, and the sessions the run ended
  // before its first case (a customer's too).
  const injected = faultsInjectedText(run);
  const ended = setupEndedWords(run.setupEnded, setupTime(run));
  const { left, problems } = leftAsItIs(run.setupProblems ?? []);
  const setup = [...(injected ? [injected] : []), ...(ended ? [ended] : []), ...left.map((p) => `${LEFT_HEAD}: ${p}`), ...problems.map((p) => `Before the first case, not put right: ${p}`)].join('\n');
  // A problem once the cases had ended (the cases stand) goes with the last suite of cases.
  const after = afterCasesProblem(run) ?? '';
  // What the run leaves changed on the charger (a firmware a case installed) goes there too, as a note (not an error).
  const leftAtEnd = (run.notPutBackAtEnd ?? []).map((p) => `Not put back at the end of the run: ${p}`);
  const end = [after, ...leftAtEnd].filter(Boolean).join('\n');
  const suites = [...groups].map(([profile, rows], i, all) => testsuite(run, profile, rows, [i === 0 ? setup : '', i === all.length - 1 ? end : ''].filter(Boolean).join('\n')));
  // No suite of cases (none planned that can run): the setup's words go with the next suite there is.
  if (later.length) suites.push(testsuite(run, 'not yet supported', later, groups.size ? '' : setup));
  const all = [...[...groups.values()].flat(), ...later];
  const broken = couldNotRun(run);
  if (broken) suites.unshift(runErrorSuite(run, 'run', `The run could not be carried out: ${run.error ?? 'the bench could not go on'}`, broken, groups.size || later.length ? '' : setup));
  // The cases stand, but the run did not end well (the CLI's exit status says so too): red for a CI as well.
  if (after) suites.push(runErrorSuite(run, 'after the last case', after, after));
  // A stopped run's stop (when, by what, what it cut short, the put-back's result): the first suite's properties.
  // A function, not a replacement string: a `$'` in a charger's words would paste the suite into the property.
  const stop = run.stop;
  if (suites[0] && stop) suites[0] = suites[0].replace(/^( {2}<testsuite [^>]*>\n)/, (open) => `${open}${stopProperties(stop)}\n`);
  const extra = (broken ? 1 : 0) + (after ? 1 : 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ChargeBench OCTT 1.6 run ${esc(run.id)}" tests="${all.length + extra}" failures="${run.summary.fail}" errors="${run.summary.error + extra}" skipped="${all.filter(isSkipped).length}">\n${suites.join('\n')}\n</testsuites>\n`;
}
