// The reports of a conformance run as downloads: the HTML report (viewable in the browser, no script),
// JSON, JUnit XML, PDF (where a Chromium is installed) and the evidence pack (zip).
import type { Bench } from '../core/bench';
import type { ReportKind } from '../conformance/service';
import { BenchError } from '../errors';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Run = (req: IncomingMessage, params: Record<string, string>, query: URLSearchParams, body: () => Promise<unknown>, res: ServerResponse) => Promise<[number, unknown]>;

const kinds: Record<string, ReportKind> = { 'report.html': 'html', 'report.json': 'json', 'junit.xml': 'junit', 'report.pdf': 'pdf', 'evidence.zip': 'evidence' };

export function defineTestRunRoutes(route: (method: string, path: string, run: Run) => void, bench: Bench): void {
  route('GET', '/api/test-runs/{id}/{file}', async (_req, p, _q, _body, res) => {
    const kind = kinds[p.file!];
    if (!kind) throw new BenchError(404, `No such report: ${p.file}; one of ${Object.keys(kinds).join(', ')}`, { field: 'file' });
    const report = await bench.conformance.report(decodeURIComponent(p.id!), kind);
    res.writeHead(200, {
      'Content-Type': report.contentType,
      'Content-Disposition': `${kind === 'html' ? 'inline' : 'attachment'}; filename="${report.fileName}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      // The HTML report has no script and loads nothing.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
    res.end(report.body);
    return [200, null];
  });
}
