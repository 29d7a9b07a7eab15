// The automation API's file routes: a browser (serve mode) uploads a file, e.g. firmware, which the bench
// then serves to chargers from its OCPP port and its FTP server (the answer is the URLs to hand them); and
// downloads a file a charger uploaded (diagnostics), streamed.
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Bench } from '../core/bench';
import { BenchError } from '../errors';
import { MAX_UPLOAD_BYTES } from '../core/file-host';

type Run = (req: IncomingMessage, params: Record<string, string>, query: URLSearchParams, body: () => Promise<unknown>, res: ServerResponse) => Promise<[number, unknown]>;

export function defineFileRoutes(route: (method: string, path: string, run: Run) => void, bench: Bench): void {
  // POST /api/files?name=<file name> with the file's bytes as the body (any Content-Type).
  route('POST', '/api/files', async (req, _p, q) => {
    const name = q.get('name');
    if (!name) throw new BenchError(400, 'Say what the file is called: POST /api/files?name=<file name>', { field: 'name' });
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_UPLOAD_BYTES) throw new BenchError(413, `The file is larger than ${Math.floor(MAX_UPLOAD_BYTES / 1024 ** 2)} MiB`);
    const file = await bench.files.store(req, name);
    return [201, bench.hostedFileView(file)];
  });

  // GET /api/uploads/<id>/content: the bytes of a file a charger uploaded, as a download.
  route('GET', '/api/uploads/{id}/content', async (_req, p, _q, _body, res) => {
    const upload = bench.uploads.downloadable(p.id);
    const stream = createReadStream(upload.path);
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject)).catch(() => {
      throw new BenchError(404, `${upload.name} is no longer on the bench's disk`);
    });
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(upload.name)}`,
      'Content-Length': upload.bytes,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    // A download cut short is cut off, so it cannot pass for the whole file.
    await pipeline(stream, res).catch(() => res.destroy());
    return [200, null];
  });
}
