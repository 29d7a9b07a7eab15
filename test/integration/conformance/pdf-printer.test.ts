// The bench core prints reports with the printer it is given (the desktop app gives Electron's): a run's
// PDF and the PDF in its evidence pack come from it, and a printer that cannot print is a clear 501.
import { describe, expect, it, vi } from 'vitest';
import { unzipSync } from 'fflate';
import { useTestBench } from '../../helpers/bench';
import { defaultTestData, type RunResult } from '../../../src/shared/api/test-runs';
import type { PdfPrinter } from '../../../src/main/conformance/reports/pdf';

const printPdf = vi.fn<PdfPrinter>();
const tb = useTestBench({ printPdf });

const run: RunResult = {
  id: 'run-printed',
  chargerId: 'CP-PRINT',
  charger: { vendor: 'Acme', model: 'Wall', firmware: '1.0', serial: null },
  virtual: false,
  startedAt: '2025-01-01T10:00:00.000Z',
  finishedAt: '2025-01-01T10:01:00.000Z',
  ms: 60_000,
  wallMs: 60_000,
  benchVersion: '0.1.0',
  data: defaultTestData(),
  pics: null,
  cases: [],
  summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
  state: 'finished',
};

describe("the bench's PDF printer", () => {
  it("prints a run's report and the one in its evidence pack; says why when it cannot", async () => {
    await tb.bench.record.testRuns.save(run);
    printPdf.mockResolvedValue({ pdf: new Uint8Array([37, 80, 68, 70, 45]) });
    const pdf = await tb.bench.conformance.report(run.id, 'pdf');
    expect([...(pdf.body as Uint8Array)]).toEqual([37, 80, 68, 70, 45]);
    expect(printPdf.mock.calls[0]![0]).toContain('run-printed');
    const zip = unzipSync((await tb.bench.conformance.report(run.id, 'evidence')).body as Uint8Array);
    expect([...zip['report.pdf']!]).toEqual([37, 80, 68, 70, 45]);
    printPdf.mockResolvedValue({ pdf: null, reason: 'The PDF could not be printed: no printer' });
    await expect(tb.bench.conformance.report(run.id, 'pdf')).rejects.toMatchObject({ status: 501, message: 'The PDF could not be printed: no printer' });
  });
});
