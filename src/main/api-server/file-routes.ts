// The automation API's file routes: a browser (serve mode) uploads a file, e.g. firmware, which the bench
// then serves to chargers from its OCPP port; the answer is the URL to hand them.
import type { IncomingMessage } from 'node:http';
import type { Bench } from '../core/bench';
import { BenchError } from '../errors';
import { hostedFileView } from '../core/bench-service';
import { MAX_UPLOAD_BYTES } from '../core/file-host';

type Run = (req: IncomingMessage, params: Record<string, string>, query: URLSearchParams) => Promise<[number, unknown]>;

export function defineFileRoutes(route: (method: string, path: string, run: Run) => void, bench: Bench): void {
  // POST /api/files?name=<file name> with the file's bytes as the body (any Content-Type).
  route('POST', '/api/files', async (req, _p, q) => {
    const name = q.get('name');
    if (!name) throw new BenchError(400, 'Say what the file is called: POST /api/files?name=<file name>', { field: 'name' });
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_UPLOAD_BYTES) throw new BenchError(413, `The file is larger than ${Math.floor(MAX_UPLOAD_BYTES / 1024 ** 2)} MiB`);
    const file = await bench.files.store(req, name);
    return [201, hostedFileView(file, bench.centralSystem.address())];
  });
}
