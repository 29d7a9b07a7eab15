// A frame the bench flagged with a warning note (valid OCPP worth a look: a StopTransaction for a transaction
// the bench never started) is evidence, not a violation: the HTML report shows it amber with its "Warning: …"
// note, never red like a frame the bench objected to.
import { describe, expect, it } from 'vitest';
import { htmlReport } from '../../../../src/main/conformance/reports/html';
import { warningNote } from '../../../../src/shared/api/frame-note';
import type { CaseFrame } from '../../../../src/shared/api/test-runs';
import { aCaseResult, aRealChargerRun } from '../../../helpers/run-results';

const note = warningNote('StopTransaction for transaction 9999, which the bench never started');
const frame = (messageId: string, action: string, error: string | null): CaseFrame => ({
  ts: '2026-12-06T16:43:41.002Z',
  direction: 'in',
  kind: 'CALL',
  messageId,
  action,
  raw: `[2,"${messageId}","${action}",{}]`,
  error,
});
const run = aRealChargerRun(
  aCaseResult({
    id: 'TC_068_CS',
    title: 'Stop transaction',
    verdict: 'pass',
    frames: [frame('st-1', 'StopTransaction', note), frame('mv-1', 'MeterValues', 'Payload violates the schema: meterValue is required')],
  }),
);
const rowOf = (html: string, messageId: string) => html.split('<tr ').find((r) => r.includes(`<td class="id">${messageId}</td>`))!;

describe('the HTML report of a run whose frames include a warning-noted one', () => {
  const html = htmlReport(run);

  it('shows the warning-noted frame amber with its note, not marked bad', () => {
    const row = rowOf(html, 'st-1');
    expect(row).toBeDefined();
    expect(row).not.toMatch(/class="[^"]*\bbad\b/);
    expect(row).toContain('class="ltr warned"');
    expect(row).toContain(`<div class="note">Warning: StopTransaction for transaction 9999, which the bench never started</div>`);
    expect(row).not.toContain('class="err"');
    expect(html).toMatch(/\.seq \.note\{color:#7a3b00/);
  });

  it('still marks a frame the bench objected to as bad, in red', () => {
    const row = rowOf(html, 'mv-1');
    expect(row).toContain('class="ltr bad"');
    expect(row).toContain('<div class="err">Payload violates the schema: meterValue is required</div>');
  });
});
