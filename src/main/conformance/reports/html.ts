// A run as one self-contained HTML page: the charger and the bench, the summary, then every case with its
// verdict and reason, the decisions taken where the document is ambiguous, its steps with timings, and a
// sequence diagram of its frames (the failing step's frames marked). No script, no external file.
import { LEFT_HEAD, leftAsItIs } from '../../../shared/api/left-notes';
import type { CaseFrame, CaseResult, RunResult, StepResult } from '../types';
import { faultSwitchedWords, faultsInjectedText, firmwareWords, injectedSwitches, ranOnFakeTime, utcClock } from '../../../shared/api/test-runs';
import { timesInText } from '../../../shared/format/times-in-text';
import { setupEndedHead, setupEndedItem } from '../../../shared/api/setup-ended-words';
import { putBackWords, stoppedWords } from '../../../shared/api/run-stop';
import { endSentence } from '../../../shared/format/sentence';
import { rerunFirmwareWords, rerunOfWords } from '../../../shared/api/rerun-words';
import { passedWords } from '../../../shared/api/operator-word';
import { isWarningNote, violationOf } from '../../../shared/api/frame-note';
import { profileSource } from '../pics';
import { afterCasesProblem } from '../after-cases';
import { actorLabel, configAtEndMissing, couldNotRun, notRunCases, notRunWhy, notSupportedCount, notYetSupportedOf, setupTime, stepWords, wallTimes } from './facts';

export const esc = (s: unknown) =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

export const verdictLabel: Record<CaseResult['verdict'], string> = {
  pass: 'Pass',
  fail: 'Fail',
  notApplicable: 'Not applicable',
  inconclusive: 'Inconclusive',
  error: 'Error',
  notSupported: 'Not supported yet',
};
const keys = (config: Record<string, unknown>) => `${Object.keys(config).length} key${Object.keys(config).length === 1 ? '' : 's'}`;
const ms = (n: number) => (n < 1000 ? `${n} ms` : `${(n / 1000).toFixed(1)} s`);

function payloadOf(f: CaseFrame): string {
  try {
    const parsed = JSON.parse(f.raw) as unknown[];
    const body = f.kind === 'CALL' ? parsed[3] : f.kind === 'CALLRESULT' ? parsed[2] : parsed.slice(2);
    const text = JSON.stringify(body);
    return text.length > 160 ? `${text.slice(0, 160)}…` : text;
  } catch {
    return f.raw.slice(0, 160);
  }
}

function sequence(c: CaseResult): string {
  if (c.frames.length === 0) return '';
  const failing = new Set(c.steps.find((s) => s.n === c.decidingStep)?.messageIds ?? []);
  const rows = c.frames.map((f) => {
    const fromCharger = f.direction === 'in';
    const label = `${f.kind === 'CALL' ? f.action : `${f.kind === 'CALLRESULT' ? '↩' : '✕'} ${f.action ?? ''}`}`;
    // The bench's objection to the frame (a violation: red), or its warning note (valid OCPP, worth a look: amber).
    const flag = violationOf(f.error) ? 'bad' : isWarningNote(f.error) ? 'warned' : null;
    const cls = `${fromCharger ? 'ltr' : 'rtl'}${f.messageId && failing.has(f.messageId) ? ' failing' : ''}${flag ? ` ${flag}` : ''}`;
    return `<tr class="${cls}"><td class="t">${esc(frameTime(f.ts))}</td><td class="arrow"><div class="msg"><b>${esc(label)}</b> <code>${esc(payloadOf(f))}</code>${f.error ? `<div class="${flag === 'bad' ? 'err' : 'note'}">${esc(f.error)}</div>` : ''}</div><div class="line">${fromCharger ? '──────────▶' : '◀──────────'}</div></td><td class="id">${esc(f.messageId ?? '')}</td></tr>`;
  });
  return `<details${c.verdict === 'fail' ? ' open' : ''}><summary>Sequence of ${c.frames.length} frames</summary><table class="seq"><thead><tr><th>Time (UTC)</th><th><span>Charger</span><span>Bench (central system)</span></th><th>Message id</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}

/** The fault switches switched while this case ran (injected misbehaviour: its verdict may owe to them). */
function switchedDuring(run: RunResult, c: CaseResult): string {
  const during = injectedSwitches(run.faults?.switched).filter((s) => s.caseId === c.id);
  if (!during.length) return '';
  return `<p class="warn fault">Fault injected while this case ran (its verdict may owe to it, not to the firmware): ${esc(during.map(faultSwitchedWords).join('; '))}</p>`;
}

/** Steps without a verdict of their own: what was expected and what happened instead is said under the title. */
const unfinished = new Set<StepResult['status']>(['skipped', 'stopped', 'operatorCouldNot', 'timedOut', 'notJudged']);

/** A frame's time in the sequence (UTC, to the millisecond), as the observations' and the reasons' times are written. */
const frameTime = (iso: string) => iso.slice(11, 23);

/** Words of the engine with the times it names written as the report writes times (UTC; a fake clock's said so). */
const inReport = (run: RunResult) => (text: string) => esc(timesInText(text, setupTime(run), { of: run.startedAt, dated: (iso) => `${iso.slice(0, 10)} ${setupTime(run)(iso)}`, utc: true }));

function caseSection(c: CaseResult, run: RunResult): string {
  const words = inReport(run);
  const steps = c.steps
    .map(
      (s) =>
        `<tr class="${s.status}"><td>${s.n}</td><td>${esc(actorLabel[s.by] ?? s.by)}</td><td>${esc(s.title)}${s.status === 'failed' || (unfinished.has(s.status) && s.expected) ? `<div class="why">Expected ${words(s.expected ?? '')}; ${words(s.actual ?? '')}</div>` : s.status === 'error' ? `<div class="why">${words(s.actual ?? '')}</div>` : ''}</td><td>${esc(passedWords(s, run.virtual, stepWords[s.status] ?? s.status))}</td><td class="num">${ms(s.ms)}</td></tr>`,
    )
    .join('');
  return `<section class="case" id="${esc(c.id)}">
  <h3><span class="v ${c.verdict}">${verdictLabel[c.verdict]}</span> ${esc(c.id)} ${esc(c.title)}</h3>
  <p class="meta">Section ${esc(c.section)} · ${esc(c.profile)} · ${ms(c.ms)}${c.decidingStep ? ` · decided at step ${c.decidingStep}` : ''}</p>
  ${c.reason ? `<p class="reason">${words(c.reason)}</p>` : ''}
  ${c.notPutBack ? `<p class="warn">${notPutBackText(c.notPutBack)}</p>` : ''}
  ${switchedDuring(run, c)}
  ${c.decisions.length ? `<div class="decisions"><b>Where the document is open, the bench decided:</b><ul>${c.decisions.map((d) => `<li>${esc(d)}</li>`).join('')}</ul></div>` : ''}
  ${steps ? `<table class="steps"><thead><tr><th>#</th><th>By</th><th>Step</th><th>Result</th><th>Time</th></tr></thead><tbody>${steps}</tbody></table>` : ''}
  ${c.measurements.length ? `<table class="steps"><thead><tr><th>Measured</th><th>Value</th><th>Wanted</th><th></th></tr></thead><tbody>${c.measurements.map((m) => `<tr class="${m.ok === false ? 'failed' : ''}"><td>${esc(m.label)}</td><td><code>${esc(m.value)}</code></td><td>${esc(m.wanted ?? '')}</td><td>${m.ok === null ? '' : m.ok ? '✓' : '✗'}</td></tr>`).join('')}</tbody></table>` : ''}
  ${c.observations.length ? `<div class="obs"><b>Observations</b>${ranOnFakeTime(run) ? ' (times on the fake clock)' : ''}<ul>${c.observations.map((o) => `<li><span class="t">${esc(utcClock(o.at))}</span> ${words(o.text)}${o.messageId ? ` <code>${esc(o.messageId)}</code>` : ''}</li>`).join('')}</ul></div>` : ''}
  ${c.cleanupProblems.length ? `<p class="warn">Could not put back afterwards: ${esc(c.cleanupProblems.join('; '))}</p>` : ''}
  ${sequence(c)}
</section>`;
}

/** What the case before could not put back: the charger this case began with. */
const notPutBackText = (n: NonNullable<CaseResult['notPutBack']>) =>
  `The charger was not put back after <a href="#${esc(n.after)}">${esc(n.after)}</a>, so this case began with it (and may have failed because of it): ${esc(n.problems.join('; '))}`;

/** The planned cases a stopped run never came to. */
function notRunSection(run: RunResult): string {
  const list = notRunCases(run);
  if (!list.length) return '';
  return `<h2 id="not-run">Not run (${esc(notRunWhy(run))})</h2>
<p class="meta">${list.length} planned case${list.length === 1 ? '' : 's'} the run did not come to: no verdict, counted neither as passed nor as failed.</p>
<table><thead><tr><th>Case</th><th>Title</th><th>Profile</th><th>Verdict</th></tr></thead><tbody>${list
    .map((c) => `<tr><td>${esc(c.id)}</td><td>${esc(c.title)}</td><td>${esc(c.profile)}</td><td><span class="v notRun">Not run</span></td></tr>`)
    .join('')}</tbody></table>`;
}

/** The suite's cases the bench cannot run yet without a verdict in the run (not included, or not come to): listed, with why, counted as Not supported yet. */
function notYetSupportedSection(run: RunResult): string {
  const list = notYetSupportedOf(run);
  if (!list.length) return '';
  return `<h2 id="not-yet-supported">Not yet supported</h2>
<p class="meta">${list.length} case${list.length === 1 ? '' : 's'} of the suite the bench cannot run yet that the run did not include${run.state === 'stopped' || run.state === 'error' ? ' or did not come to' : ''}, with why. Not run; counted under Not supported yet above, neither as passed nor as failed.</p>
<table><thead><tr><th>Case</th><th>Title</th><th>Profile</th><th>Why</th></tr></thead><tbody>${list
    .map((c) => `<tr><td>${esc(c.id)}</td><td>${esc(c.title)}</td><td>${esc(c.profile)}</td><td>${esc(c.reason)}</td></tr>`)
    .join('')}</tbody></table>`;
}

/** Before the first case: the sessions the run ended (a customer's too), and what it could not put right. */
function beforeFirstCase(run: RunResult): string {
  const ended = run.setupEnded ?? [];
  // A session it left as it is on purpose (lost at a reboot, not running) is said apart, not as a problem.
  const { left, problems } = leftAsItIs(run.setupProblems ?? []);
  if (!ended.length && !problems.length && !left.length) return '';
  const time = setupTime(run);
  return `<h2>Before the first case</h2>${
    ended.length ? `<p class="setup-ended">${esc(setupEndedHead(ended))}:</p><ul class="setup-ended">${ended.map((s) => `<li>${esc(setupEndedItem(s, time))}</li>`).join('')}</ul>` : ''
  }${left.length ? `<p class="setup-left">${esc(LEFT_HEAD)}:</p><ul class="setup-left">${left.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}${problems.length ? `<p>What could not be put right before the run began (the first cases may be affected):</p><ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}`;
}

/** A re-run: the run whose failed cases it repeats (id, when), and a firmware other than that run's at its start. */
function rerunSection(run: RunResult): string {
  if (!run.rerunOf) return '';
  const firmware = rerunFirmwareWords(run.chargerId, run.charger.firmware, run.rerunOf, true);
  return `<p class="rerun">${esc(rerunOfWords(run.rerunOf))}.</p>${firmware ? `<p class="warn" role="note">${esc(firmware)}.</p>` : ''}`;
}

/** A report's date and time: "2026-12-06 23:23:23 UTC" (read anywhere: it says its zone). */
const utcDateTime = (iso: string) => `${iso.slice(0, 10)} ${utcClock(iso)}`;

/** How a stopped run was stopped (when, by what, what it cut short) and what putting the charger back left undone. */
function stoppedBlock(run: RunResult): string {
  if (run.state !== 'stopped' || !run.stop) return '';
  return `<p class="run-stopped" role="note" aria-label="How the run was stopped"><b>${esc(endSentence(stoppedWords(run.stop, utcDateTime)))}</b> ${esc(endSentence(putBackWords(run.stop)))}</p>`;
}

/** Where the run's feature profiles came from, and what the charger reports where the two differ (as every text names it). */
function profilesSource(run: RunResult): string {
  const p = run.pics;
  return p?.profilesFrom ? ` (${esc(profileSource(p))})` : '';
}

export function htmlReport(run: RunResult, title = 'OCTT 1.6 charge-point test run'): string {
  // Not supported yet: every case of the suite the bench cannot run yet, those the run included and those it did not.
  const s = { ...run.summary, notSupported: notSupportedCount(run) };
  const notRun = notRunCases(run);
  const wall = wallTimes(run);
  const configMissing = configAtEndMissing(run);
  const broken = couldNotRun(run);
  // A problem once the cases had ended (the cases stand): shown after them.
  const after = afterCasesProblem(run);
  const injected = faultsInjectedText(run);
  // What the run leaves changed on the charger (a firmware a case installed): not put back.
  const leftAtEnd = run.notPutBackAtEnd ?? [];
  const rows = run.cases
    .map(
      (c) =>
        `<tr><td><a href="#${esc(c.id)}">${esc(c.id)}</a></td><td>${esc(c.title)}</td><td>${esc(c.profile)}</td><td><span class="v ${c.verdict}">${verdictLabel[c.verdict]}</span></td><td>${inReport(run)(c.reason ?? '')}${c.notPutBack ? `<div class="warn">Began with the charger not put back after ${esc(c.notPutBack.after)}</div>` : ''}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}: ${esc(run.chargerId)} (${esc(run.id)})</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:32px auto;max-width:1100px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:15px;margin:0 0 4px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top}
th{font-weight:600;background:#f6f8fa}.num{text-align:right;white-space:nowrap}
.v{display:inline-block;border-radius:10px;padding:0 8px;font-weight:600;font-size:12px;white-space:nowrap}
.v.pass{background:#d7f5dd;color:#105b22}.v.fail{background:#ffd9d6;color:#8a1010}.v.error{background:#ffe3c2;color:#7a3b00}
.v.notApplicable,.v.notSupported,.v.notRun{background:#eceff2;color:#444}.v.inconclusive{background:#fff3b0;color:#665200}
.summary{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.summary div{border:1px solid #e3e6ea;border-radius:8px;padding:8px 14px}
.summary b{display:block;font-size:20px}.case{border:1px solid #e3e6ea;border-radius:8px;padding:12px 16px;margin:14px 0;break-inside:avoid}
.meta{color:#57606a;margin:0 0 6px}.reason{font-weight:600}.why{color:#8a1010}.steps tr.failed td{background:#fff1f0}.steps tr.skipped td,.steps tr.stopped td,.steps tr.operatorCouldNot td,.steps tr.timedOut td,.steps tr.notJudged td{color:#777}
.decisions,.obs{background:#f6f8fa;border-radius:6px;padding:6px 10px;margin:8px 0}.decisions ul,.obs ul{margin:4px 0 0 18px;padding:0}
.warn{color:#7a3b00}.fault-banner{border:2px solid #b35900;background:#fff4e5;color:#5c2e00;border-radius:8px;padding:8px 12px;margin:12px 0}code{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.run-stopped{border:2px solid #b35900;background:#fff4e5;color:#5c2e00;border-radius:8px;padding:8px 12px;margin:12px 0}
.could-not-run{border:2px solid #8a1010;background:#fff1f0;color:#5c0a0a;border-radius:8px;padding:8px 12px;margin:12px 0}
.seq td.t,.seq td.id{font:11px ui-monospace,Menlo,monospace;color:#57606a;white-space:nowrap}.seq th span:last-child{float:right}
.seq .line{font:12px monospace;color:#8c959f}.seq tr.rtl .msg,.seq tr.rtl .line{text-align:right}
.seq tr.failing td{background:#ffebe9}.seq .err{color:#8a1010;font-size:12px}.seq .note{color:#7a3b00;font-size:12px}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}dt{color:#57606a}
</style></head><body>
<h1>${esc(title)}</h1>
<p class="meta">${esc(run.id)} · ChargeBench ${esc(run.benchVersion)} · ${run.state === 'error' ? 'could not run' : esc(run.state)}${run.error && run.state !== 'error' && !after ? ` · stopped: ${esc(run.error)}` : ''}</p>
${rerunSection(run)}
${stoppedBlock(run)}
${broken ? `<p class="could-not-run" role="alert"><b>Could not run.</b> ${esc(broken.replace(/^The run could not be carried out: /, 'The bench could not carry the run out: '))}</p>` : ''}
<dl>
${Object.entries(run.job ?? {})
  .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
  .join('')}
<dt>Charger</dt><dd>${esc(run.chargerId)}${run.virtual ? ' (built-in virtual charger)' : ''}</dd>
${run.faults ? `<dt>Fault switches</dt><dd>${injected ? `<span class="warn">${esc(injected.replace(/^Faults injected: /, ''))}</span>` : 'none injected during the run'}</dd>` : ''}
<dt>Vendor, model</dt><dd>${esc(run.charger.vendor ?? '—')} ${esc(run.charger.model ?? '')}</dd>
<dt>Firmware</dt><dd>${run.charger.firmware === null && (run.firmwareAtEnd ?? null) === null ? '—' : esc(firmwareWords(run))}</dd><dt>Serial</dt><dd>${esc(run.charger.serial ?? '—')}</dd>
<dt>Started</dt><dd>${esc(wall.started)}</dd><dt>Finished</dt><dd>${esc(wall.finished ?? '—')}</dd>
<dt>Duration</dt><dd>${ms(run.wallMs)}${ranOnFakeTime(run) ? ` (${ms(run.ms)} of charger time on a fake clock, from ${esc(run.startedAt)} to ${esc(run.finishedAt ?? '—')}: the times of the steps and frames below)` : ''}</dd>
<dt>Profiles</dt><dd>${esc(run.pics?.profiles.join(', ') ?? '—')}${profilesSource(run)}</dd>
<dt>Configuration at the end</dt><dd>${configMissing ? `<span class="warn">Not read: ${esc(configMissing)}</span>` : run.configAtEnd ? `read (${keys(run.configAtEnd)}, in the evidence pack)` : '—'}</dd>
</dl>
${injected ? `<p class="fault-banner" role="note"><b>${esc(injected)}.</b> A verdict may owe to this injected misbehaviour of the virtual charger rather than to its firmware.</p>` : ''}
${beforeFirstCase(run)}
<div class="summary">${(['pass', 'fail', 'error', 'inconclusive', 'notApplicable', 'notSupported'] as const).map((k) => `<div><b>${s[k]}</b>${verdictLabel[k]}</div>`).join('')}${notRun.length ? `<div><b>${notRun.length}</b><a href="#not-run">Not run</a></div>` : ''}</div>
<h2>Cases</h2>
<table><thead><tr><th>Case</th><th>Title</th><th>Profile</th><th>Verdict</th><th>Reason</th></tr></thead><tbody>${rows}</tbody></table>
${after || leftAtEnd.length ? `<h2>After the last case</h2>${after ? `<p class="warn" role="alert">${esc(after)}</p>` : ''}${leftAtEnd.length ? `<p>Not put back at the end of the run:</p><ul class="warn">${leftAtEnd.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}` : ''}
<h2>Details</h2>
${run.cases.map((c) => caseSection(c, run)).join('\n')}
${notRunSection(run)}
${notYetSupportedSection(run)}
<h2>Test data</h2>
<table><tbody>${Object.entries(run.data)
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td><code>${esc(v)}</code></td></tr>`)
    .join('')}</tbody></table>
</body></html>
`;
}
