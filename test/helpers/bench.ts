// Starts a real bench (central system + automation API) on free loopback ports in a temp data dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll } from 'vitest';
import { Bench, type BenchOptions } from '../../src/main/core/bench';
import { ApiServer } from '../../src/main/api-server/server';

export interface TestBench {
  bench: Bench;
  api: ApiServer;
  dataDir: string;
  token: string;
  port: number;
  apiPort: number;
  wsUrl(id?: string): string;
  /** Calls the automation API; returns status and parsed JSON body. */
  request(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startTestBench(options: Partial<BenchOptions> = {}): Promise<TestBench> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'chargebench-test-'));
  // Free ports for the OCPP and FTP servers: test files run in parallel.
  const bench = await Bench.start({ host: '127.0.0.1', port: 0, ftpPort: 0, ...options, dataDir });
  const token = 'test-token';
  const api = new ApiServer(bench, { host: '127.0.0.1', port: 0, token });
  await api.start();
  const port = bench.centralSystem.address().port;
  const apiPort = api.address().port;
  return {
    bench,
    api,
    dataDir,
    token,
    port,
    apiPort,
    wsUrl: (id) => `ws://127.0.0.1:${port}/ocpp${id ? `/${id}` : ''}`,
    async request(method, path, body, tok = token) {
      const res = await fetch(`http://127.0.0.1:${apiPort}${path}`, {
        method,
        headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async stop() {
      await api.stop();
      await bench.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One bench for a whole test file: started before its tests, stopped after them. The object handed back
 * stands for it, so tests write `tb.request(...)` as with startTestBench.
 */
export function useTestBench(options: Partial<BenchOptions> = {}): TestBench {
  let started: TestBench | null = null;
  beforeAll(async () => {
    started = await startTestBench(options);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return new Proxy({} as TestBench, {
    get(_target, key) {
      if (!started) throw new Error('The test bench starts in beforeAll; use it inside a test');
      const value = (started as unknown as Record<string | symbol, unknown>)[key];
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
}

/** The part of ocpp-rpc's client the tests use, loosely typed (its own typings want every option). */
export interface PeerClient {
  call(method: string, params?: unknown, options?: { callTimeoutMs?: number }): Promise<any>;
  handle(method: string, handler: (ctx: { params: any }) => unknown): void;
  connect(): Promise<unknown>;
  close(options?: { force?: boolean; code?: number }): Promise<unknown>;
  on(event: string, listener: (...args: any[]) => void): unknown;
}

/**
 * An independent charge point: ocpp-rpc in strict mode, collecting every schema violation it sees.
 * `password` makes it use security profile 1 (HTTP Basic auth, user = identity); `headers` go on the
 * WebSocket upgrade as given.
 */
export async function strictCharger(url: string, identity: string, options: { password?: string | Buffer; headers?: Record<string, string> } = {}) {
  const client = new RPCClient({ endpoint: url, identity, protocols: ['ocpp1.6'], strictMode: true, reconnect: false, callTimeoutMs: 5000, ...options } as never) as unknown as PeerClient;
  const violations: unknown[] = [];
  const badMessages: unknown[] = [];
  client.on('strictValidationFailure', (e: unknown) => violations.push(e));
  client.on('badMessage', (e: unknown) => badMessages.push(e));
  return { client, violations, badMessages, connect: () => client.connect() };
}

/** A raw WebSocket charger for sending malformed frames; collects every frame it receives. */
export async function rawCharger(url: string, protocols: string[] = ['ocpp1.6']) {
  const ws = new WebSocket(url, protocols);
  const received: any[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    received.push(JSON.parse(String(data)));
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    received,
    send(frame: unknown) {
      ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    },
    /** Waits until a frame with this message id arrives. */
    async reply(messageId: string, timeoutMs = 3000): Promise<any[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const f = received.find((r) => r[1] === messageId);
        if (f) return f;
        if (Date.now() > deadline) throw new Error(`no reply to ${messageId}; got ${JSON.stringify(received)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
    close() {
      ws.close();
    },
  };
}

/** Opens a WebSocket (OCPP 1.6, `headers` on the upgrade) and resolves with the HTTP status of a refused upgrade, 101 once open (closed again), or -1 when it could not connect. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, ['ocpp1.6'], { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

export const waitFor = async <T>(fn: () => T | Promise<T>, timeoutMs = 3000): Promise<NonNullable<T>> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};
