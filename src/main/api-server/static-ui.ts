// serve mode's UI: the built renderer (out/renderer) as static files, so a browser at
// http://127.0.0.1:<api-port>/ gets the same bench UI as the desktop app. The page itself asks for the
// API token; the files hold no data.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { BenchError } from '../errors';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The page's content security policy as served: the same as the page's own meta policy, with the
 * connections narrowed to this bench's API port (its HTTP calls and its event stream, ws://<host>/api/events).
 * The API listens on 127.0.0.1 only, so the page is opened as 127.0.0.1 or localhost; 'self' covers the
 * origin it was opened from. No IPv6 literal: a CSP host-source cannot be one ("http://[::1]:8180" is an
 * invalid source, which the browser reports on every page load).
 */
export function servedCsp(port: number): string {
  const own = ['127.0.0.1', 'localhost'].flatMap((h) => [`http://${h}:${port}`, `ws://${h}:${port}`]).join(' ');
  return `default-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ${own}`;
}

export async function serveUi(res: ServerResponse, uiDir: string | undefined, pathname: string, port: number): Promise<void> {
  if (!uiDir) throw new BenchError(404, 'This bench serves no UI; the automation API lives under /api/');
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    throw new BenchError(400, `Bad path ${pathname}`);
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = normalize(join(uiDir, rel));
  if (file !== uiDir && !file.startsWith(uiDir.endsWith(sep) ? uiDir : uiDir + sep)) throw new BenchError(404, `Nothing at ${pathname}`);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    if (rel === '/index.html')
      throw new BenchError(404, 'The UI is not built yet: run npm run build in the ChargeBench folder, then reload this page. The automation API under /api/ works meanwhile.');
    throw new BenchError(404, `Nothing at ${pathname}`);
  }
  // Hashed assets never change; index.html must always be fresh after a rebuild.
  const immutable = rel.startsWith('/assets/');
  res.writeHead(200, {
    'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...(extname(file) === '.html' ? { 'Content-Security-Policy': servedCsp(port), 'X-Frame-Options': 'DENY' } : {}),
  });
  await new Promise<void>((resolve, reject) => createReadStream(file).on('error', reject).on('end', resolve).pipe(res));
}
