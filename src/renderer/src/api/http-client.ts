// The browser transport (serve mode): contract calls as POST /api/call/<method>, events over
// WS /api/events?batched (a message holds the events of up to 50 ms, so a flood of frames costs the page
// a few messages a second), reconnecting with back-off when the bench restarts. The browser is signed in by an
// HttpOnly session cookie the bench sets in exchange for the token: the page's code never holds the
// token, and no URL carries it.
import type { BenchEvent, HostedFileView } from '../../../shared/api/views';
import { MessageExportQuery, TransactionExportQuery } from '../../../shared/api/contract';
import { firstIssue } from '../../../shared/api/issues';
import type { z } from 'zod';
import { CallFailure, ClockSkew, EventBatcher, LinkWatch, type BenchClient } from './client';

/** An export's query as checked before the download starts (a download's error page would not be seen); a bad one is a CallFailure naming the field. */
function exportable<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const checked = schema.safeParse(query);
  if (checked.success) return checked.data;
  const { field, message } = firstIssue(checked.error);
  throw new CallFailure({ status: 400, message: `Cannot export: ${message}`, field: field || undefined });
}

/** How long a socket that stays silent while the bench answers over HTTP is given before a new one is opened. */
const SOCKET_GRACE_MS = 1_000;

export function httpClient(origin: string): BenchClient {
  // The bench batches the stream already: this only joins what arrives within a frame.
  const batcher = new EventBatcher(16);
  const link = new LinkWatch();
  // The bench's time on its hello (`now`) and keep-alives (`ts`): this browser's clock may be off it.
  const clock = new ClockSkew();
  let ws: WebSocket | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let backoff = 500;

  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(origin + path, { credentials: 'same-origin', ...init });
    } catch {
      throw new CallFailure({ status: 0, message: 'The bench is not reachable: is chargebench serve still running?' });
    }
    if (res.status === 401) link.set('unauthorised');
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: string; field?: string } | null;
      throw new CallFailure({ status: res.status, message: body?.error ?? `The bench answered HTTP ${res.status}`, field: body?.field });
    }
    return res;
  };

  const connect = () => {
    if (closed) return;
    // A retry after the link was lost leaves it closed (and since when) until a socket opens: swapping to
    // 'connecting' at each try would make "unreachable since" the last try, not the loss.
    if (link.state !== 'unauthorised' && link.state !== 'closed') link.set('connecting');
    const url = new URL('/api/events?batched', origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      backoff = 500;
      link.set('open');
    };
    socket.onmessage = (m) => {
      link.heard();
      const data = JSON.parse(String(m.data)) as BenchEvent[] | BenchEvent | { type: 'hello'; now?: string } | { type: 'alive'; ts?: string };
      if (Array.isArray(data)) batcher.push(data);
      else if (data.type === 'hello') clock.heard(data.now, true);
      else if (data.type === 'alive') clock.heard(data.ts);
      else batcher.push([data]);
    };
    socket.onclose = () => {
      if (ws !== socket || closed) return;
      if (link.state !== 'unauthorised') link.set('closed');
      // A browser never sees the 401 of a refused upgrade: ask over HTTP, where a 401 marks the link
      // unauthorised (the token changed, which ends the session) and an unreachable bench changes nothing.
      request('/api/call/bench:status', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(() => undefined);
      retry = setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 10_000);
    };
  };
  connect();

  // Silent: the bench may be paused, or this socket dead while the bench is fine (a laptop woke up on
  // another network, a VPN came up: the browser can take minutes to notice). Ask over HTTP; if the bench
  // answers and the socket still brings nothing a moment later, open a new one.
  link.subscribe((state) => {
    if (state !== 'silent') return;
    const socket = ws;
    request('/api/call/bench:status', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      .then(() => new Promise((r) => setTimeout(r, SOCKET_GRACE_MS)))
      .then(() => {
        if (closed || ws !== socket || link.state !== 'silent' || !socket) return;
        ws = null;
        socket.close();
        connect();
      })
      .catch(() => undefined);
  });

  /** Fetches a file first (so a refusal is an error on screen), then hands it to the browser as a download under its own name. */
  const fetchDownload = async (path: string, fallbackName: string): Promise<{ saved: boolean; where?: string }> => {
    const res = await request(path);
    const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
    const url = URL.createObjectURL(await res.blob());
    try {
      clickDownload(url, name);
    } finally {
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    }
    return { saved: true, where: "the browser's downloads" };
  };

  return {
    face: 'serve',
    call: async (method, args) => {
      const res = await request(`/api/call/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args ?? {}) });
      return res.json();
    },
    operate: async (args) => {
      const res = await request('/api/call/chargers:operate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
      return res.json();
    },
    newApiToken: async () => {
      const { token } = (await (await request('/api/session/token', { method: 'POST' })).json()) as { token: string };
      return { token, link: `${origin}/?token=${token}` };
    },
    subscribe: (listener) => batcher.subscribe(listener),
    onLink: (listener) => link.subscribe(listener),
    onBenchClock: (listener) => clock.subscribe(listener),
    // A plain download link, so the browser streams a million frames to disk rather than into memory;
    // the session cookie goes with it.
    exportMessages: async (query) => {
      const checked = exportable(MessageExportQuery, query);
      const url = new URL('/api/messages/export', origin);
      url.searchParams.set('format', checked.format);
      url.searchParams.set('filter', JSON.stringify(checked.filter));
      clickDownload(url.toString());
      return { saved: true, where: "the browser's downloads" };
    },
    // The same: every matching transaction streams to disk, however many the bench keeps.
    exportTransactions: async (query) => {
      const checked = exportable(TransactionExportQuery, query);
      const url = new URL('/api/transactions/export', origin);
      if (checked.chargerId !== undefined) url.searchParams.set('chargerId', checked.chargerId);
      if (checked.active !== undefined) url.searchParams.set('active', String(checked.active));
      clickDownload(url.toString());
      return { saved: true, where: "the browser's downloads" };
    },
    hostFile: async () => {
      const file = await pickFile(FIRMWARE_TYPES);
      if (!file) return null;
      const res = await request(`/api/files?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: file });
      return (await res.json()) as HostedFileView;
    },
    // A plain download link as well: the browser streams the file to disk with the session cookie.
    downloadUpload: async ({ id }) => {
      clickDownload(new URL(`/api/uploads/${encodeURIComponent(id)}/content`, origin).toString());
      return { saved: true, where: "the browser's downloads" };
    },
    // Fetched first, so a report the bench cannot make (a PDF without Chromium) is an error on screen, not a failed download.
    downloadReport: ({ runId, file }) => fetchDownload(`/api/test-runs/${encodeURIComponent(runId)}/${file}`, file),
    downloadCommissioningFile: ({ id, file }) => fetchDownload(`/api/commissioning/${encodeURIComponent(id)}/${file}`, file),
    commissioningUrl: (what) =>
      new URL('site' in what ? `/api/commissioning-sites/${encodeURIComponent(what.site)}/summary.html` : `/api/commissioning/${encodeURIComponent(what.id)}/${what.file}`, origin).toString(),
    close: () => {
      closed = true;
      if (retry) clearTimeout(retry);
      ws?.close();
      batcher.dispose();
      link.dispose();
      clock.dispose();
    },
  };
}

/** Starts a download of `url` as a link the user clicked would. */
function clickDownload(url: string, name = ''): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** What the file picker offers first; "All files" stays available in the browser's own dialog. */
const FIRMWARE_TYPES = '.bin,.img,.zip,.gz,.tgz,.tar,.hex,.fw,.swu';

/** The browser's own file dialog, from a hidden input made for the occasion; null when the user cancels. */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.append(input);
    input.click();
  });
}

/** Trades the token for the session cookie: true when the bench took it. */
export async function signIn(origin: string, token: string): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/api/session`, { method: 'POST', credentials: 'same-origin', headers: { Authorization: `Bearer ${token}` } });
    return res.ok;
  } catch {
    return false;
  }
}

/** Whether this browser is signed in (its session cookie still works). */
export async function signedIn(origin: string): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/api/call/bench:status`, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return res.ok;
  } catch {
    return false;
  }
}
