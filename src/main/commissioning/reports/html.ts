// The commissioning report as one self-contained HTML page (no script, nothing loaded: inline styles, the
// chart as inline SVG, photos and drawn signatures as data URLs): the site and job, the charger, each step
// with its verdict, what it measured and what to do about a failure, the configuration diff, the test
// session's chart, the on-site checklist, the photos, the signed handover, the ChargeBench version and
// the SHA-256 of the evidence in the bundle.
import {
  checklistItems,
  checkResultWords,
  commissioningVerdictWords as verdictWords,
  configNotReadWords,
  offlinePolicyWords,
  sessionEndedWords,
  type CommissioningView,
  type Signature,
} from '../../../shared/api/commissioning';
import { esc, verdictLabel } from '../../conformance/reports/html';
import { numericReadingUnits } from '../../../shared/format/reading';
import { sessionConnectorOf, sessionConnectorWords } from '../../../shared/format/session-connector';
import { chartLimit, sessionChart } from './chart';
import { breakable, FAKE_CLOCK_NOTE, identityFindings, PRINT_CSS, reportTime } from './print';
import { asFinal } from '../../../shared/api/commissioning-final-words';

export interface ReportInput {
  view: CommissioningView;
  /** A photo's bytes by id (embedded as a data URL). */
  photo: (photoId: string) => Uint8Array | null;
  /** The SHA-256 of the evidence (see bundle.ts). */
  evidenceSha256: string;
  /** The bench ran on a fake clock (`chargebench commission --virtual`): every time in the report is the virtual charger's simulated time. */
  fakeTime?: boolean;
}

/**
 * One row per baseline key: wanted, was, now (as read at the end of the latest run) and the charger's answer
 * (from the baseline step, as the configuration at the end judges it: config-end.ts); ok is the row's ✓ or ✗,
 * the same as the step's row for the key.
 */
export function configDiff(view: CommissioningView): Array<{ key: string; wanted: string; was: string | null; now: string | null; answer: string; ok: boolean | null }> {
  const measured = view.steps.find((s) => s.id === 'C5_BASELINE')?.result?.measurements ?? [];
  return Object.entries(view.template.keys).map(([key, wanted]) => {
    const m = measured.find((x) => x.label === key);
    const answer = m ? (/\(([^()]*)\)$/.exec(m.value)?.[1] ?? '') : 'not run';
    const now = view.configAfter?.[key] ?? null;
    // A key the charger refused stays refused; otherwise what it is at the end decides.
    const ok = m?.ok === false ? false : view.configAfter && !view.configAtEndProblem ? now === wanted : (m?.ok ?? null);
    return { key, wanted, was: view.configBefore?.[key] ?? null, now, answer, ok };
  });
}

/** The session's energy in words: delivered, from meterStart to meterStop (or the last reading). */
export function sessionFacts(s: NonNullable<CommissioningView['session']>): string {
  if (s.energyWh === undefined || s.energyWh === null) return '';
  const end = s.meterStopWh ?? null;
  return `<p>Energy delivered: <b>${esc(s.energyWh)} Wh</b> (meterStart ${esc(s.meterStartWh ?? '—')} Wh${end !== null ? `, meterStop ${esc(end)} Wh` : ', to the last reading'}${s.transactionId !== undefined && s.transactionId !== null ? `; transaction ${esc(s.transactionId)}` : ''})</p>`;
}

/**
 * A checklist reading as the report prints it: a number with its unit of measure ("0.8 Ω"); a reading in
 * words (phase rotation's sequence, "L1-L2-L3") as written, its item's "unit" being no unit of measure.
 */
export function readingText(unit: string | null, value: string): string {
  if (!value) return '';
  return unit && numericReadingUnits.includes(unit) ? `${value} ${unit}` : value;
}

function signature(s: Signature | undefined, who: string): string {
  if (!s) return `<div class="sig"><b>${esc(who)}</b><p class="meta">not signed</p></div>`;
  const drawn = s.kind === 'drawn' && s.image && /^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(s.image);
  return `<div class="sig"><b>${esc(who)}</b>${drawn ? `<img alt="Signature of ${esc(s.name)}" src="${esc(s.image)}">` : `<p class="typed">${esc(s.name)}</p>`}<p>${esc(s.name)}${drawn ? '' : ' (typed)'}</p></div>`;
}

function steps(view: CommissioningView, time: (iso: string) => string): string {
  return view.steps
    .map((s) => {
      const r = s.result;
      if (!r) return `<section class="case"><h3><span class="v notApplicable">Not run</span> ${esc(s.title)}</h3></section>`;
      const measurements = r.measurements.length
        ? `<table class="steps measured"><colgroup><col class="c-label"><col class="c-value"><col class="c-wanted"><col class="c-ok"></colgroup><thead><tr><th>Measured</th><th>Value</th><th>Wanted</th><th></th></tr></thead><tbody>${r.measurements
            .map(
              (m) =>
                `<tr class="${m.ok === false ? 'failed' : ''}"><td>${breakable(m.label)}</td><td><code>${breakable(m.value)}</code></td><td>${breakable(m.wanted ?? '')}</td><td>${m.ok === null ? '' : m.ok ? '✓' : '✗'}</td></tr>`,
            )
            .join('')}</tbody></table>`
        : '';
      const failed = r.verdict === 'fail' || r.verdict === 'error';
      const step = r.steps.find((x) => x.n === r.decidingStep);
      // What the step noted for the reader (the charger offline during the session), whatever its verdict.
      const notes = r.observations.filter((o) => o.note);
      // What putting the charger back after the step could not do (or, stopped while it was offline, did not do).
      const notPutBack = r.cleanupProblems.length ? `<div class="note"><b>Not put back after this step:</b><ul>${r.cleanupProblems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul></div>` : '';
      return `<section class="case" id="${esc(s.id)}">
  <h3><span class="v ${r.verdict}">${verdictLabel[r.verdict]}</span> ${esc(s.title)}</h3>
  <p class="meta">${esc(s.id)} · ${s.attempts} run${s.attempts === 1 ? '' : 's'} · ${esc(time(r.startedAt))}${r.decidingStep ? ` · decided at step ${r.decidingStep}${step ? ` (${esc(step.title)})` : ''}` : ''}</p>
  ${r.reason ? `<p class="${failed ? 'todo' : 'reason'}">${failed ? '<b>What to do:</b> ' : ''}${esc(asFinal(!!view.handover, r.reason))}</p>` : ''}
  ${notes.map((o) => `<p class="note"><b>Note:</b> ${esc(o.text)}</p>`).join('')}
  ${measurements}
  ${notPutBack}
</section>`;
    })
    .join('\n');
}

/** The sessions the runs ended at their start (a customer's too), each with its transaction, connector, idTag and times. */
function endedAtStart(view: CommissioningView, time: (iso: string) => string): string {
  const ended = view.sessionsEnded ?? [];
  if (!ended.length) return '';
  const which = ended.length === 1 ? 'a session' : `${ended.length} sessions`;
  return `<h2>Sessions ended by the checks</h2>
<p class="note ended-at-start">The checks ended ${which} running on the charger when they started (RemoteStopTransaction):</p><ul>${ended.map((s) => `<li>${esc(sessionEndedWords(s, time))}</li>`).join('')}</ul>
`;
}

export function commissioningHtml({ view, photo, evidenceSha256, fakeTime = false }: ReportInput): string {
  // Each time with its zone; on a fake clock, marked as the simulated clock's.
  const time = (iso: string) => `${reportTime(iso)}${fakeTime ? ' (simulated clock)' : ''}`;
  const job = view.job;
  const verdict = view.handover?.verdict ?? view.verdict;
  const identity = identityFindings(view);
  const diff = configDiff(view)
    .map(
      (d) =>
        `<tr class="${d.ok === false ? 'failed' : ''}"><td><code>${breakable(d.key)}</code></td><td><code>${breakable(d.wanted)}</code></td><td><code>${breakable(d.was ?? '—')}</code></td><td><code>${breakable(d.now ?? '—')}</code></td><td>${esc(d.answer)}</td><td>${d.ok === null ? '' : d.ok ? '✓' : '✗'}</td></tr>`,
    )
    .join('');
  const checklist = view.checklist
    .map((e) => {
      const item = checklistItems.find((i) => i.id === e.id)!;
      return `<tr class="${e.result === 'notConform' ? 'failed' : ''}"><td>${esc(item.label)}</td><td>${e.result ? esc(checkResultWords[e.result]) : 'Not checked'}</td><td>${esc(readingText(item.unit, e.value))}</td><td>${esc(e.note)}</td></tr>`;
    })
    .join('');
  const photos = view.photos
    .map((p) => {
      const bytes = photo(p.id);
      return `<figure>${bytes ? `<img alt="${esc(p.caption || p.name)}" src="data:${p.contentType};base64,${Buffer.from(bytes).toString('base64')}">` : '<p class="meta">(missing)</p>'}<figcaption>${esc(p.caption || p.name)}<br><code>${esc(p.name)} · ${p.bytes} bytes · SHA-256 ${esc(p.sha256)}</code></figcaption></figure>`;
    })
    .join('');
  const h = view.handover;
  const l = view.template.loadLimit;
  const onConnector = sessionConnectorOf(view);
  // The session's chart draws the site's load limit only when it was set on the charger for the session.
  const limit = chartLimit(view);
  // The configuration not read at the end of the last run: why, when, and what the values shown are instead.
  const notRead = configNotReadWords(view, time);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Commissioning report: ${esc(view.chargerId)} at ${esc(job.site)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:32px auto;max-width:1000px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;break-after:avoid}h3{font-size:15px;margin:0 0 4px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top}th{font-weight:600;background:#f6f8fa}
tr.failed td{background:#fff1f0}.v{display:inline-block;border-radius:10px;padding:0 8px;font-weight:600;font-size:12px;white-space:nowrap}
.v.pass{background:#d7f5dd;color:#105b22}.v.fail{background:#ffd9d6;color:#8a1010}.v.error{background:#ffe3c2;color:#7a3b00}
.v.notApplicable,.v.notSupported,.v.incomplete{background:#eceff2;color:#444}.v.inconclusive{background:#fff3b0;color:#665200}
.verdict{font-size:20px;border-radius:8px;padding:10px 16px;margin:12px 0}.verdict.pass{background:#d7f5dd}.verdict.fail{background:#ffd9d6}.verdict.incomplete{background:#eceff2}
.case{border:1px solid #e3e6ea;border-radius:8px;padding:12px 16px;margin:12px 0;break-inside:avoid}.meta{color:#57606a;margin:0 0 6px}
.todo{color:#8a1010}.reason{font-weight:600}.note{background:#fff8e1;border-left:4px solid #d4a017;padding:4px 8px}code{font:12px ui-monospace,Menlo,Consolas,monospace}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}dt{color:#57606a}dd{margin:0}
figure{display:inline-block;width:300px;margin:8px;vertical-align:top;break-inside:avoid}figure img{max-width:100%;border:1px solid #d0d7de;border-radius:4px}
.sigs{display:flex;gap:24px;flex-wrap:wrap}.sig{border:1px solid #d0d7de;border-radius:8px;padding:10px 16px;min-width:260px}.sig img{max-height:90px;max-width:100%}
.typed{font:italic 24px Georgia,"Times New Roman",serif;margin:8px 0}.chart{max-width:100%;height:auto}footer{margin-top:32px;color:#57606a;font-size:12px}
${PRINT_CSS}
</style></head><body>
<h1>Commissioning report</h1>
<p class="meta">${esc(view.id)} · created ${esc(time(view.createdAt))} · ChargeBench ${esc(view.benchVersion)}</p>
${fakeTime ? `<p class="note clock">${FAKE_CLOCK_NOTE}</p>` : ''}
<div class="verdict ${verdict}"><b>${verdictWords[verdict]}</b>${h ? ` · handed over ${esc(time(h.signedAt))}` : ''}</div>
${view.open.length ? `<p><b>Open:</b></p><ul>${view.open.map((o) => `<li>${esc(o)}</li>`).join('')}</ul>` : ''}
<h2>Site and job</h2>
<dl><dt>Site</dt><dd>${esc(job.site)}</dd><dt>Address</dt><dd>${esc(job.address || '—')}</dd><dt>Charger location</dt><dd>${esc(job.location || '—')}</dd>
<dt>Installer</dt><dd>${esc(job.installer)}${job.company ? `, ${esc(job.company)}` : ''}</dd><dt>Customer</dt><dd>${esc(job.customer || '—')}</dd>
<dt>Template</dt><dd>${esc(view.template.name)}</dd><dt>Offline policy wanted</dt><dd>${esc(offlinePolicyWords[view.template.offlinePolicy])}</dd>
<dt>Load limit</dt><dd>${l ? `${esc(l.limit)} ${esc(l.unit)}${l.unit === 'A' ? ` per phase, ${l.phases} phase${l.phases > 1 ? 's' : ''}` : ''}` : 'none'}</dd></dl>
<h2>Charger</h2>
<dl><dt>Charge point id</dt><dd>${esc(view.chargerId)}${view.virtual ? ' (built-in virtual charger)' : ''}</dd>
${
  // The identity step's findings are the fuller list; the BootNotification's summary stands in until it has run.
  identity.length
    ? ''
    : `<dt>Vendor, model</dt><dd>${esc(view.identity.vendor ?? '—')} ${esc(view.identity.model ?? '')}</dd><dt>Serial</dt><dd>${esc(view.identity.serial ?? '—')}</dd><dt>Firmware</dt><dd>${esc(view.identity.firmware ?? '—')}</dd>`
}${identity.map((m) => `<dt>${esc(m.label)}</dt><dd>${esc(m.value)}</dd>`).join('')}</dl>
${endedAtStart(view, time)}<h2>Steps</h2>
${steps(view, time)}
<h2>Configuration</h2>
${diff ? `<p class="${notRead ? 'note' : 'meta'}">${notRead ? `${esc(notRead)} The baseline is not judged by them.` : 'Now: as read from the charger at the end of the last run (after its last step); a key not at its wanted value then is not a pass.'}</p><table class="diff"><colgroup><col class="c-key"><col class="c-wanted"><col class="c-was"><col class="c-now"><col class="c-answer"><col class="c-ok"></colgroup><thead><tr><th>Key</th><th>Wanted</th><th>Was</th><th>Now</th><th>Answer</th><th></th></tr></thead><tbody>${diff}</tbody></table>` : '<p class="meta">The template sets no keys.</p>'}
<h2>Test session</h2>
${onConnector ? `<p class="session-connector">On ${esc(sessionConnectorWords(onConnector))}.</p>` : ''}
${view.session ? `${fakeTime ? '<p class="meta">Its time axis is the simulated clock’s: the session ran its planned length there, in seconds of real time.</p>' : ''}${sessionChart(view.session.samples, limit.limitW)}${view.session.samples.length ? limit.why : ''}${sessionFacts(view.session)}` : '<p class="meta">The test session has not run.</p>'}
<h2>On-site checks</h2>
<table class="checks"><colgroup><col class="c-check"><col class="c-result"><col class="c-measured"><col class="c-note"></colgroup><thead><tr><th>Check</th><th>Result</th><th>Measured</th><th>Note</th></tr></thead><tbody>${checklist}</tbody></table>
<h2>Photos</h2>
${photos || '<p class="meta">No photos.</p>'}
<h2>Handover</h2>
${
  h
    ? `<dl><dt>Verdict at signing</dt><dd>${verdictWords[h.verdict]}</dd><dt>Signed</dt><dd>${esc(time(h.signedAt))}</dd><dt>Customer</dt><dd>${esc(h.customer.name)}: acknowledges the charger was handed over with this report</dd>${h.notes ? `<dt>Notes</dt><dd>${esc(h.notes)}</dd>` : ''}</dl>
<div class="sigs">${signature(h.installer, 'Installer')}${signature(h.customer.signature, 'Customer')}</div>`
    : '<p class="meta">Not handed over yet.</p>'
}
<footer>ChargeBench ${esc(view.benchVersion)} · ${
    h?.evidenceSha256 && h.evidenceSha256 !== evidenceSha256
      ? `SHA-256 of the evidence at the handover: <code>${esc(h.evidenceSha256)}</code>. <b>The evidence as the record gives it now differs</b> (<code>${esc(evidenceSha256)}</code>): frames of the run were removed from the record since (retention), so the bundle made now is not the one signed for.`
      : `SHA-256 of the evidence (frames.jsonl, config-before.json, config-after.json, identity.json of the bundle, as listed in its SHA256SUMS)${h?.evidenceSha256 ? ', as at the handover' : ''}: <code>${esc(evidenceSha256)}</code>`
  }</footer>
</body></html>
`;
}
