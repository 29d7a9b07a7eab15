// The browser transport (serve mode): contract calls as POST /api/call/<method> with the API token,
// events over WS /api/events, reconnecting with back-off when the bench restarts.
import type { BenchEvent } from '../../../shared/api/views';
import { CallFailure, EventBatcher, LinkWatch, type BenchClient } from './client';

export function httpClient(origin: string, token: string): BenchClient {
  const batcher = new EventBatcher(50);
  const link = new LinkWatch();
  let ws: WebSocket | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let backoff = 500;

  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(origin + path, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
    } catch {
      throw new CallFailure({ status: 0, message: 'The bench is not reachable: is `chargebench serve` still running?' });
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
    link.set(link.state === 'unauthorised' ? 'unauthorised' : 'connecting');
    const url = new URL('/api/events', origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      backoff = 500;
      link.set('open');
    };
    socket.onmessage = (m) => {
      const event = JSON.parse(String(m.data)) as BenchEvent | { type: 'hello' };
      if (event.type !== 'hello') batcher.push([event]);
    };
    socket.onclose = () => {
      if (ws !== socket || closed) return;
      if (link.state !== 'unauthorised') link.set('closed');
      retry = setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 10_000);
    };
  };
  connect();

  return {
    face: 'serve',
    call: async (method, args) => {
      const res = await request(`/api/call/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args ?? {}) });
      return res.json();
    },
    subscribe: (listener) => batcher.subscribe(listener),
    onLink: (listener) => link.subscribe(listener),
    exportMessages: async () => {
      throw new CallFailure({ status: 501, message: 'Export is not available yet' });
    },
    hostFile: async () => {
      throw new CallFailure({ status: 501, message: 'Hosting a file is not available yet' });
    },
    close: () => {
      closed = true;
      if (retry) clearTimeout(retry);
      ws?.close();
      batcher.dispose();
    },
  };
}

/** Checks a token against the bench: true when it signs in. */
export async function tokenWorks(origin: string, token: string): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/api/call/bench:status`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
    return res.ok;
  } catch {
    return false;
  }
}
