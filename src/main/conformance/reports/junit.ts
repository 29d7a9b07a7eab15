// A run as JUnit XML: one testsuite per feature profile, one testcase per OCTT case; a Fail is a
// <failure> naming the step, an Error an <error>, Not applicable / Not supported / Inconclusive a <skipped>.
// The suite's cases the bench cannot run yet that the run did not include are a testsuite of their own,
// each <skipped> with why.
import type { CaseResult, NotYetSupported, RunResult } from '../types';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function testcase(c: CaseResult): string {
  const head = `    <testcase classname="octt16.${esc(c.profile)}" name="${esc(`${c.id} ${c.title}`)}" time="${(c.ms / 1000).toFixed(3)}"`;
  const step = c.steps.find((s) => s.n === c.decidingStep);
  const detail = step
    ? `Step ${step.n} (${step.title}): expected ${step.expected ?? '?'}; ${step.actual ?? ''}${step.messageIds.length ? ` [message ids ${step.messageIds.join(', ')}]` : ''}`
    : (c.reason ?? '');
  switch (c.verdict) {
    case 'pass':
      return `${head}/>`;
    case 'fail':
      return `${head}>\n      <failure message="${esc(c.reason ?? 'failed')}">${esc(detail)}</failure>\n    </testcase>`;
    case 'error':
      return `${head}>\n      <error message="${esc(c.reason ?? 'error')}">${esc(detail)}</error>\n    </testcase>`;
    default:
      return `${head}>\n      <skipped message="${esc(`${c.verdict}: ${c.reason ?? ''}`)}"/>\n    </testcase>`;
  }
}

function testsuite(run: RunResult, name: string, cases: CaseResult[], systemErr = ''): string {
  const count = (v: CaseResult['verdict'][]) => cases.filter((c) => v.includes(c.verdict)).length;
  const err = systemErr ? `\n    <system-err>${esc(systemErr)}</system-err>` : '';
  return `  <testsuite name="OCTT 1.6 ${esc(name)} (${esc(run.chargerId)})" tests="${cases.length}" failures="${count(['fail'])}" errors="${count(['error'])}" skipped="${count(['notApplicable', 'notSupported', 'inconclusive'])}" time="${(cases.reduce((a, c) => a + c.ms, 0) / 1000).toFixed(3)}" timestamp="${esc(run.startedAt)}">\n${cases.map(testcase).join('\n')}${err}\n  </testsuite>`;
}

/** A case the bench cannot run yet, as a skipped testcase. */
const notRun = (c: NotYetSupported) => ({ ...c, verdict: 'notSupported', steps: [], decidingStep: null, ms: 0 }) as unknown as CaseResult;

export function junitReport(run: RunResult): string {
  const groups = new Map<string, CaseResult[]>();
  for (const c of run.cases) groups.set(c.profile, [...(groups.get(c.profile) ?? []), c]);
  const later = (run.notYetSupported ?? []).map(notRun);
  // What could not be put right before the first case goes with the first suite (the first cases may be affected).
  const setup = (run.setupProblems ?? []).map((p) => `Before the first case, not put right: ${p}`).join('\n');
  const suites = [...groups].map(([profile, cases], i) => testsuite(run, profile, cases, i === 0 ? setup : ''));
  if (later.length) suites.push(testsuite(run, 'not yet supported', later));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ChargeBench OCTT 1.6 run ${esc(run.id)}" tests="${run.cases.length + later.length}" failures="${run.summary.fail}" errors="${run.summary.error}">\n${suites.join('\n')}\n</testsuites>\n`;
}
