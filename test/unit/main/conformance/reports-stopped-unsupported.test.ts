// A stopped run started with every case of the suite: the cases the bench cannot run yet that it never came
// to are counted as Not supported yet, as a finished run counts them, not as "not run because stopped".
import { describe, expect, it } from 'vitest';
import { htmlReport } from '../../../../src/main/conformance/reports/html';
import { junitReport } from '../../../../src/main/conformance/reports/junit';
import { notRunCases, notSupportedCount } from '../../../../src/main/conformance/reports/facts';
import { octt16Cases } from '../../../../src/main/conformance/octt16';
import { defaultTestData } from '../../../../src/main/conformance/test-data';
import type { RunResult } from '../../../../src/shared/api/test-runs';
import { aCaseResult } from '../../../helpers/run-results';

const unsupported = octt16Cases.filter((c) => c.notSupported);
const first = octt16Cases.find((c) => !c.notSupported)!;

const inconclusive = aCaseResult({
  id: first.id,
  title: first.title,
  profile: first.profile,
  section: first.section,
  verdict: 'inconclusive',
  reason: 'The run was stopped during step 1: the case did not finish',
  startedAt: '2026-12-05T06:18:08.170Z',
});

const stopped: RunResult = {
  id: 'run-stopped',
  chargerId: 'CP001',
  charger: { vendor: 'Acme', model: 'Wall', firmware: '1.0', serial: null },
  virtual: false,
  startedAt: '2026-12-05T06:18:08.170Z',
  finishedAt: '2026-12-05T06:18:09.170Z',
  ms: 1000,
  wallMs: 1000,
  benchVersion: '0.1.0',
  data: defaultTestData(),
  pics: null,
  // Every case of the suite: those the bench cannot run yet are planned too (none left out of the run).
  planned: octt16Cases.map((c) => c.id),
  cases: [inconclusive],
  summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 1, error: 0, notSupported: 0 },
  state: 'stopped',
  notYetSupported: [],
};

describe('a stopped run started with cases the bench cannot run yet', () => {
  const notRun = octt16Cases.length - 1 - unsupported.length;

  it('counts them as Not supported yet in every report, and only the others as not run', () => {
    expect(unsupported.length).toBeGreaterThan(1);
    expect(notSupportedCount(stopped)).toBe(unsupported.length);
    expect(notRunCases(stopped).map((c) => c.id)).not.toContain(unsupported[0]!.id);
    const page = htmlReport(stopped);
    expect(page).toContain(`<div><b>${unsupported.length}</b>Not supported yet</div>`);
    expect(page).toContain(`<div><b>${notRun}</b><a href="#not-run">Not run</a></div>`);
    expect(page).toContain(`${unsupported.length} cases of the suite the bench cannot run yet that the run did not include or did not come to`);
    const xml = junitReport(stopped);
    expect(xml).toContain(`<skipped message="notSupported: ${unsupported[0]!.notSupported!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}"/>`);
    expect(xml.match(/message="not run: the run was stopped"/g)?.length).toBe(notRun);
  });
});
