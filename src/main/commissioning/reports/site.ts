// A site's summary as one self-contained HTML page: each charger's latest commissioning, which passed and
// which need a revisit (with what failed), its state in the UI's words, when its checks last ran (or that the
// bench's unexpected stop cut its latest run short: when, during which step) and when it was signed (beside a newer one not signed, the latest signed handover), and the offline policy found on
// each, compared (when at least two were checked); and when the summary was made. Times carry
// their zone (the bench's local time).
import { commissioningVerdictWords as words, type SiteSummary } from '../../../shared/api/commissioning';
import { chargerStateWords, checksRanWords, offlinePolicyComparison, signedEarlierWords } from '../../../shared/api/site-summary-words';
import { esc } from '../../conformance/reports/html';
import { version } from '../../version';
import { reportTime } from './print';

export function siteSummaryHtml(s: SiteSummary): string {
  const passed = s.chargers.filter((c) => c.verdict === 'pass').length;
  const policies = offlinePolicyComparison(s, 'see the column below');
  const rows = s.chargers
    .map(
      (c) =>
        `<tr class="${c.verdict}"><td>${esc(c.chargerId)}</td><td>${esc(c.location || '—')}</td><td><span class="v ${c.verdict}">${words[c.verdict]}</span></td><td>${esc(chargerStateWords(c))}</td><td>${esc(checksRanWords(c, reportTime))}</td><td>${c.signedAt ? esc(reportTime(c.signedAt)) : c.signedEarlier ? esc(signedEarlierWords(c, reportTime)!) : 'not signed'}</td><td>${esc(c.offlinePolicy ?? 'not checked yet')}</td><td>${esc(c.failed.join(', '))}</td><td><code>${esc(c.commissioningId)}</code></td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Site summary: ${esc(s.site)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:32px auto;max-width:1000px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}table{border-collapse:collapse;width:100%;margin-top:12px}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top}
th{background:#f6f8fa}.meta{color:#57606a}.v{border-radius:10px;padding:0 8px;font-weight:600;font-size:12px;white-space:nowrap}.v.pass{background:#d7f5dd}.v.fail{background:#ffd9d6}.v.incomplete{background:#eceff2}
.warn{background:#fff3b0;border-radius:6px;padding:6px 10px}code{font:12px ui-monospace,Menlo,monospace}
</style></head><body>
<h1>Site summary: ${esc(s.site)}</h1>
<p class="meta">${esc(s.address || '')} · ${s.chargers.length} charger${s.chargers.length === 1 ? '' : 's'}, ${passed} passed, ${s.chargers.length - passed} to revisit or finish · made ${esc(reportTime(s.madeAt))} · ChargeBench ${esc(version)}</p>
<p class="${policies.severity === 'warning' ? 'warn' : ''}">${esc(policies.text)}</p>
<table><thead><tr><th>Charger</th><th>Location</th><th>Verdict</th><th>State</th><th>Checks last ran</th><th>Signed</th><th>When the back office is unreachable</th><th>Failed</th><th>Commissioning</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>
`;
}
