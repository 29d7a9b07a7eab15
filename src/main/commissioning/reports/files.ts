// The files of a commissioning, made on request: the report as HTML, PDF (printed by the bench's printer:
// Electron's in the desktop app, a headless Chromium where one is installed otherwise) and JSON, and the
// diagnostic bundle.
import { BenchError } from '../../errors';
import { FakeClock, type Clock } from '../../clock';
import type { PdfPrinter } from '../../conformance/reports/pdf';
import type { Report } from '../../conformance/service';
import type { CommissioningFile, CommissioningView } from '../../../shared/api/commissioning';
import { commissioningHtml } from './html';
import { commissioningBundle, evidenceOf } from './bundle';

export { siteSummaryHtml } from './site';

export interface FileInput {
  view: CommissioningView;
  photo: (photoId: string) => Uint8Array | null;
  /** Every frame of the commissioning's runs, one JSON object per line. */
  framesJsonl: () => Promise<string>;
  printPdf: PdfPrinter;
  /** The bench's clock: a fake one (`chargebench commission --virtual`, whose bench lives for the command) stamped every time of the commissioning. */
  clock: Clock;
}

export async function commissioningFile(file: CommissioningFile, input: FileInput): Promise<Report> {
  const { view } = input;
  const base = `commissioning-${view.chargerId}-${view.createdAt.replace(/[:.]/g, '-')}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  if (file === 'report.json') return { body: `${JSON.stringify(view, null, 2)}\n`, contentType: 'application/json; charset=utf-8', fileName: `${base}.json` };
  const evidence = evidenceOf(view, await input.framesJsonl());
  const html = commissioningHtml({ view, photo: input.photo, evidenceSha256: evidence.sha256, fakeTime: input.clock instanceof FakeClock });
  if (file === 'report.html') return { body: html, contentType: 'text/html; charset=utf-8', fileName: `${base}.html` };
  const printed = await input.printPdf(html).catch((e: Error) => ({ pdf: null, reason: `The PDF could not be printed: ${e.message}` }));
  if (file === 'report.pdf') {
    if (!printed.pdf) throw new BenchError(501, printed.reason);
    return { body: printed.pdf, contentType: 'application/pdf', fileName: `${base}.pdf` };
  }
  return { body: commissioningBundle({ view, evidence: evidence.files, html, pdf: printed.pdf }), contentType: 'application/zip', fileName: `${base}.bundle.zip` };
}
