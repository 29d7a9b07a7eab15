// serve mode's exports, streamed as downloads: the message log (GET /api/messages/export?format=csv|json
// &filter=<JSON>) and the transactions (GET /api/transactions/export?chargerId=CP001&active=true|false, as
// CSV, every one matching). The token may come as ?token=, so a plain link in the browser can fetch them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BenchError, parse } from '../errors';
import type { Bench } from '../core/bench';
import { exportContentTypes, exportFileName, transactionsFileName } from '../core/exports';
import { MessageExportQuery, TransactionExportQuery } from '../../shared/api/contract';
import { refuseUnknownQuery } from './request-input';

/** The paths a plain link may fetch with ?token= (a download started by the browser itself). */
export const downloadPaths = new Set(['/api/messages/export', '/api/transactions/export']);

type Run = (req: IncomingMessage, params: Record<string, string>, query: URLSearchParams, body: () => Promise<unknown>, res: ServerResponse) => Promise<[number, unknown]>;

/** The export's query string as the contract's MessageExportQuery; a bad one is a 400 naming the field. */
export function exportQueryOf(q: URLSearchParams): MessageExportQuery {
  onlyFields(q, ['filter', 'format']);
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

/** The transactions export's query string (chargerId, active=true|false) as the contract's TransactionExportQuery. */
export function transactionExportQueryOf(q: URLSearchParams): TransactionExportQuery {
  onlyFields(q, ['chargerId', 'active']);
  const active = q.get('active');
  if (active !== null && active !== 'true' && active !== 'false') throw new BenchError(400, 'Invalid query field "active": must be true or false', { field: 'active' });
  return parse(TransactionExportQuery, { chargerId: q.get('chargerId') ?? undefined, active: active === null ? undefined : active === 'true' }, 'query');
}

/** Refuses a query field the export does not take (`token` is taken by every download: a plain link's API token). */
function onlyFields(q: URLSearchParams, takes: string[]): void {
  for (const name of q.keys()) if (name !== 'token' && !takes.includes(name)) refuseUnknownQuery(name, takes);
}

/** Streams a download into `res`; a failure part-way cuts it off rather than ending it, so it cannot pass for a complete file. */
async function download(res: ServerResponse, contentType: string, fileName: string, write: () => Promise<unknown>): Promise<[number, unknown]> {
  res.writeHead(200, {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  try {
    await write();
    res.end();
  } catch (e) {
    res.destroy(e as Error);
  }
  return [200, null];
}

export function defineExportRoutes(route: (method: string, path: string, run: Run) => void, bench: Bench): void {
  route('GET', '/api/messages/export', async (_req, _p, q, _body, res) => {
    const query = exportQueryOf(q);
    return download(res, exportContentTypes[query.format], exportFileName(query, new Date(bench.clock.now())), () => bench.exportMessages(query, res));
  });
  route('GET', '/api/transactions/export', async (_req, _p, q, _body, res) => {
    const query = transactionExportQueryOf(q);
    return download(res, exportContentTypes.csv, transactionsFileName(query, new Date(bench.clock.now())), () => bench.exportTransactions(query, res));
  });
}
