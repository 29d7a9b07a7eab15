// Reports as downloads: a conformance run's (HTML viewable in the browser with no script, JSON, JUnit
// XML, PDF where a Chromium is installed, the evidence pack), a commissioning's (the report as HTML, PDF
// and JSON, the diagnostic bundle, each photo) and a site's summary page.
import type { Bench } from '../core/bench';
import type { Report, ReportKind } from '../conformance/service';
import { BenchError } from '../errors';
import { commissioningFiles, type CommissioningFile } from '../../shared/api/commissioning';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Run = (req: IncomingMessage, params: Record<string, string>, query: URLSearchParams, body: () => Promise<unknown>, res: ServerResponse) => Promise<[number, unknown]>;

const kinds: Record<string, ReportKind> = { 'report.html': 'html', 'report.json': 'json', 'junit.xml': 'junit', 'report.pdf': 'pdf', 'evidence.zip': 'evidence' };

/** Answers a report: HTML inline (it has no script and loads nothing but its own data: images), anything else as an attachment. */
function sendReport(res: ServerResponse, report: Report): [number, null] {
  const html = report.contentType.startsWith('text/html');
  res.writeHead(200, {
    'Content-Type': report.contentType,
    'Content-Disposition': `${html || report.contentType.startsWith('image/') ? 'inline' : 'attachment'}; filename="${report.fileName}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
  });
  res.end(report.body);
  return [200, null];
}

export function defineReportRoutes(route: (method: string, path: string, run: Run) => void, bench: Bench): void {
  route('GET', '/api/test-runs/{id}/{file}', async (_req, p, _q, _body, res) => {
    const kind = kinds[p.file!];
    if (!kind) throw new BenchError(404, `No such report: ${p.file}; one of ${Object.keys(kinds).join(', ')}`, { field: 'file' });
    return sendReport(res, await bench.conformance.report(p.id!, kind));
  });
  route('GET', '/api/commissioning/{id}/{file}', async (_req, p, _q, _body, res) => {
    if (!(commissioningFiles as readonly string[]).includes(p.file!)) throw new BenchError(404, `No such file: ${p.file}; one of ${commissioningFiles.join(', ')}`, { field: 'file' });
    return sendReport(res, await bench.commissioning.file(p.id!, p.file as CommissioningFile));
  });
  route('GET', '/api/commissioning/{id}/photos/{photoId}', async (_req, p, _q, _body, res) => {
    const photo = bench.commissioning.photo(p.id!, p.photoId!);
    return sendReport(res, { body: photo.data, contentType: photo.contentType, fileName: `${p.photoId!.replace(/[^A-Za-z0-9_.-]/g, '_')}.${photo.contentType.split('/')[1]}` });
  });
  route('GET', '/api/commissioning-sites/{site}/summary.html', async (_req, p, _q, _body, res) => sendReport(res, bench.commissioning.siteSummary(p.site!)));
}
