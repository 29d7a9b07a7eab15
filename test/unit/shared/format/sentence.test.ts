// A stopped run's words end one sentence with one full stop: a step title quoted at their end that ends with
// its own "." (or "!", "?", "…") is not followed by another, on the run's page and in its HTML report.
import { describe, expect, it } from 'vitest';
import { endSentence } from '../../../../src/shared/format/sentence';
import { htmlReport } from '../../../../src/main/conformance/reports/html';
import { defaultTestData } from '../../../../src/main/conformance/test-data';
import type { RunResult } from '../../../../src/shared/api/test-runs';

describe('endSentence', () => {
  it('adds a full stop only where the words do not end a sentence already', () => {
    expect(endSentence('Put back after TC_004_1_CS: nothing was left undone')).toBe('Put back after TC_004_1_CS: nothing was left undone.');
    expect(endSentence('at Step 1: Plug in (or press its start/stop button).')).toBe('at Step 1: Plug in (or press its start/stop button).');
    expect(endSentence('Is it charging?')).toBe('Is it charging?');
    expect(endSentence('Wait…')).toBe('Wait…');
    expect(endSentence('It said “Done.”')).toBe('It said “Done.”');
  });
});

const stoppedRun = (step: string): RunResult => ({
  id: 'run-1',
  chargerId: 'CP001',
  charger: { vendor: 'ACME', model: 'Wallbox', firmware: '1.0.0', serial: null },
  virtual: false,
  startedAt: '2026-12-05T10:02:00.000Z',
  finishedAt: '2026-12-05T10:03:10.000Z',
  wallStartedAt: '2026-12-05T10:02:00.000Z',
  wallFinishedAt: '2026-12-05T10:03:10.000Z',
  ms: 70_000,
  wallMs: 70_000,
  fakeTime: false,
  benchVersion: '0.1.0',
  data: defaultTestData(),
  pics: null,
  planned: ['TC_004_1_CS'],
  cases: [],
  summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
  state: 'stopped',
  configAtEnd: {},
  notYetSupported: [],
  stop: {
    by: 'stop',
    requestedAt: '2026-12-05T10:03:00.000Z',
    at: '2026-12-05T10:03:00.000Z',
    caseId: 'TC_004_1_CS',
    step,
    putBack: { after: 'TC_004_1_CS', problems: [] },
  },
});

describe("the HTML report's note of how a run was stopped", () => {
  it('ends the stop sentence with one full stop when the step title ends with its own', () => {
    const page = htmlReport(stoppedRun('Step 1: Present the idTag (or press its start/stop button).'));
    expect(page).toContain('(or press its start/stop button).</b> Put back after TC_004_1_CS: nothing was left undone.</p>');
    expect(page).not.toContain('button)..');
  });

  it('still ends it with a full stop when the step title does not', () => {
    const page = htmlReport(stoppedRun('Step 1: Present the idTag'));
    expect(page).toContain('during TC_004_1_CS at Step 1: Present the idTag.</b> Put back after TC_004_1_CS: nothing was left undone.</p>');
  });
});
