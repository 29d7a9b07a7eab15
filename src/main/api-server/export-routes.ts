// serve mode's export of the message log: GET /api/messages/export?format=csv|json&filter=<JSON>,
// streamed as a download. The token may come as ?token=, so a plain link in the browser can fetch it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BenchError, parse } from '../errors';
import type { Bench } from '../core/bench';
import { exportContentTypes, exportFileName } from '../core/exports';
import { MessageExportQuery } from '../../shared/api/contract';

type Run = (req: IncomingMessage, params: Record<string, string>, query: URLSearchParams, body: () => Promise<unknown>, res: ServerResponse) => Promise<[number, unknown]>;

/** The export's query string as the contract's MessageExportQuery; a bad one is a 400 naming the field. */
export function exportQueryOf(q: URLSearchParams): MessageExportQuery {
  const text = q.get('filter');
  let filter: unknown = {};
  if (text !== null && text !== '') {
    try {
      filter = JSON.parse(text);
    } catch (e) {
      throw new BenchError(400, `Invalid query field "filter": not JSON (${(e as Error).message})`, { field: 'filter' });
    }
  }
  return parse(MessageExportQuery, { filter, format: q.get('format') ?? 'csv' }, 'query');
}

export function defineExportRoutes(route: (method: string, path: string, run: Run) => void, bench: Bench): void {
  route('GET', '/api/messages/export', async (_req, _p, q, _body, res) => {
    const query = exportQueryOf(q);
    res.writeHead(200, {
      'Content-Type': exportContentTypes[query.format],
      'Content-Disposition': `attachment; filename="${exportFileName(query, new Date(bench.clock.now()))}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    try {
      await bench.exportMessages(query, res);
      res.end();
    } catch (e) {
      // Cut the download off rather than end it, so it cannot pass for a complete file.
      res.destroy(e as Error);
    }
    return [200, null];
  });
}
