// Upload locations over HTTP, on the central system's port: a charger POSTs its diagnostics file
// (multipart/form-data, the file in any file part, or the bare bytes) or PUTs it (the body is the file) to
// /uploads/<token>/ or /uploads/<token>/<file name>. The token is the credential: an unknown one is a 404,
// an expired one a 410; nothing here is ever read back.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy } from '@fastify/busboy';
import { BenchError } from '../errors';
import type { UploadInbox, UploadLocation } from './upload-inbox';

/**
 * Answers /uploads/... from the central system's HTTP server; returns false for any other path so the
 * server answers it as before. Never throws: every failure is an answer.
 */
export function handleUploadRequest(inbox: UploadInbox, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '/').split('?')[0];
  if (!path.startsWith('/uploads/')) return false;
  receive(inbox, req, res, path).then(
    (text) => answer(res, 200, text),
    (e: unknown) => {
      const status = e instanceof BenchError ? e.status : 400;
      answer(res, status, e instanceof Error ? e.message : String(e));
    },
  );
  return true;
}

async function receive(inbox: UploadInbox, req: IncomingMessage, res: ServerResponse, path: string): Promise<string> {
  const [, , token = '', ...rest] = path.split('/');
  let pathName: string;
  try {
    pathName = decodeURIComponent(rest.join('/'));
  } catch {
    throw new BenchError(400, 'The file name in the URL has a malformed %-escape');
  }
  const found = inbox.byToken(token);
  if ('refused' in found) {
    if (found.refused === 'expired') throw new BenchError(410, `This upload location expired at ${found.expiresAt}: ask the bench for a new one (each GetDiagnostics request gets its own)`);
    throw new BenchError(404, 'No such upload location: ask the bench for one (each GetDiagnostics request gets its own)');
  }
  if (req.method !== 'POST' && req.method !== 'PUT') {
    res.setHeader('Allow', 'POST, PUT');
    throw new BenchError(405, `${req.method} is not allowed here: upload with POST (multipart/form-data) or PUT; uploads are never read back from this URL`);
  }
  const declared = Number(req.headers['content-length']);
  if (declared > inbox.maxBytes + 64 * 1024) throw new BenchError(413, `The upload is larger than the ${Math.floor(inbox.maxBytes / 1024 ** 2)} MiB the bench takes`);
  const location = found.location;
  const fallback = pathName || `diagnostics-${new Date(inbox.now()).toISOString().replace(/[:.]/g, '-')}`;
  if (req.method === 'POST' && /^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) return multipart(inbox, location, req, fallback);
  return store(inbox, location, req, fallback, Number.isFinite(declared) ? declared : null);
}

/** The bytes of `body` stored as one upload named `name`. */
async function store(inbox: UploadInbox, location: UploadLocation, body: Readable, name: string, expectedBytes: number | null): Promise<string> {
  const sink = inbox.receive(location, name, 'http', expectedBytes);
  // A body that stops coming is ended after the inbox's silence limit, its bytes kept as incomplete: the
  // charger hears why (408) and the connection is closed (the answer says Connection: close).
  const silent = new Promise<never>((_, reject) => (sink.closeOnGiveUp = (reason) => reject(new BenchError(408, reason))));
  await Promise.race([pipeline(body, sink), silent]);
  return `Received ${name} (${sink.received} bytes)`;
}

/** The first file part of a multipart/form-data body; other parts are read and dropped. */
function multipart(inbox: UploadInbox, location: UploadLocation, req: IncomingMessage, fallback: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let parser: InstanceType<typeof Busboy>;
    try {
      parser = new Busboy({ headers: req.headers as never, limits: { files: 1, fields: 50, fieldSize: 64 * 1024, parts: 60, headerPairs: 50 } });
    } catch (e) {
      return reject(new BenchError(400, `The multipart/form-data body cannot be read: ${(e as Error).message}`));
    }
    let stored: Promise<string> | null = null;
    const fail = (e: unknown) => {
      req.unpipe(parser);
      reject(e);
    };
    parser.on('file', (_field, file, fileName) => {
      if (stored) return void file.resume();
      try {
        stored = store(inbox, location, file, fileName || fallback, null);
      } catch (e) {
        stored = Promise.reject(e);
        file.resume();
      }
      // A refused or cut-off file is answered at once (and the connection closed), not after the body.
      stored.catch(fail);
    });
    parser.on('error', (e: Error) => fail(new BenchError(400, `The multipart/form-data body cannot be read: ${e.message}`)));
    parser.on('finish', () => {
      if (!stored) return reject(new BenchError(400, 'The form has no file: send the file as a multipart/form-data part with a filename'));
      stored.then(resolve, reject);
    });
    req.on('error', (e) => reject(e));
    req.pipe(parser);
  });
}

function answer(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return void res.destroy();
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
  // A refused upload may still be sending: close rather than read the rest of it.
  if (status >= 400) headers.Connection = 'close';
  res.writeHead(status, headers).end(`${text}\n`);
}
