// The virtual charge point's file transfers: a real HTTP(S) download for UpdateFirmware and a real
// HTTP(S) upload (multipart/form-data, field "file") for GetDiagnostics. Other schemes fail plainly.

export type TransferResult = { ok: true; bytes: number } | { ok: false; reason: string };

const TRANSFER_TIMEOUT_MS = 30_000;

function checkScheme(location: string): URL | string {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return `"${location}" is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `${url.protocol.replace(':', '').toUpperCase()} transfers are not supported by the virtual charger; use an http:// or https:// location`;
  return url;
}

export async function download(location: string): Promise<TransferResult & { body?: Buffer }> {
  const url = checkScheme(location);
  if (typeof url === 'string') return { ok: false, reason: url };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TRANSFER_TIMEOUT_MS) });
    if (!res.ok) return { ok: false, reason: `GET ${url.href} answered HTTP ${res.status}` };
    const body = Buffer.from(await res.arrayBuffer());
    return { ok: true, bytes: body.length, body };
  } catch (e) {
    return { ok: false, reason: `GET ${url.href} failed: ${(e as Error).cause ? String((e as { cause: Error }).cause.message) : (e as Error).message}` };
  }
}

export async function upload(location: string, fileName: string, content: string): Promise<TransferResult> {
  const url = checkScheme(location);
  if (typeof url === 'string') return { ok: false, reason: url };
  try {
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'text/plain' }), fileName);
    const res = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(TRANSFER_TIMEOUT_MS) });
    if (!res.ok) return { ok: false, reason: `POST ${url.href} answered HTTP ${res.status}` };
    return { ok: true, bytes: Buffer.byteLength(content) };
  } catch (e) {
    return { ok: false, reason: `POST ${url.href} failed: ${(e as Error).cause ? String((e as { cause: Error }).cause.message) : (e as Error).message}` };
  }
}

/** The firmware version a downloaded image installs: its file name without the extension. */
export function versionFromLocation(location: string, fallback: string): string {
  try {
    const name = decodeURIComponent(new URL(location).pathname.split('/').filter(Boolean).pop() ?? '');
    const stem = name.replace(/\.(bin|img|hex|zip|tar|gz|tgz|fw|swu|json)$/gi, '');
    return (stem || fallback).slice(0, 50);
  } catch {
    return fallback.slice(0, 50);
  }
}
