// A virtual charge point on a FakeClock, tapped frame by frame, for tests against a central system.
// Every frame becomes a short label such as `out CALL StatusNotification(1:Preparing)` or
// `in CALLRESULT Authorize(Accepted)`, so tests can assert exact sequences; the payloads are kept too.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { createValidator } from 'ocpp-rpc';
import type { AddressInfo } from 'node:net';
import { VirtualChargePoint, type VcpFrame, type VirtualChargePointOptions } from '../../src/main/virtual-cp/charge-point';
import { FakeClock } from '../../src/main/clock';
import { VirtualChargerDefinition, type VirtualChargerDefinitionInput } from '../../src/shared/api/virtual-chargers';
import { afterEach, beforeAll, expect } from 'vitest';
import { useTestBench, waitFor, type TestBench } from './bench';

export interface TappedFrame {
  direction: 'in' | 'out';
  kind: string;
  action: string | null;
  messageId: string | null;
  payload: any;
  label: string;
  /** The charger's (fake) time when the frame went by. */
  ts: string;
  /** Which connection it went over (calls lost with a connection are not waited for). */
  connection: number;
}

/** `(…)` detail of a label: what a reader needs to tell two frames of one action apart. */
function detail(kind: string, action: string | null, p: any): string {
  if (!p || typeof p !== 'object') return '';
  if (kind === 'CALL') {
    switch (action) {
      case 'StatusNotification':
        return `(${p.connectorId}:${p.status}${p.errorCode && p.errorCode !== 'NoError' ? `/${p.errorCode}` : ''})`;
      case 'StopTransaction':
        return `(${p.reason ?? 'Local'})`;
      case 'FirmwareStatusNotification':
      case 'DiagnosticsStatusNotification':
        return `(${p.status})`;
      case 'Authorize':
        return `(${p.idTag})`;
      case 'StartTransaction':
        return `(${p.connectorId}:${p.idTag})`;
      case 'MeterValues':
        return `(${p.connectorId}:${p.meterValue?.[0]?.sampledValue?.[0]?.context ?? 'Sample.Periodic'})`;
      case 'Reset':
        return `(${p.type})`;
      case 'TriggerMessage':
        return `(${p.requestedMessage})`;
      default:
        return '';
    }
  }
  if (kind === 'CALLRESULT') {
    const status = typeof p.status === 'string' ? p.status : p.idTagInfo?.status;
    return status ? `(${status})` : '';
  }
  return '';
}

export function frameOf(f: VcpFrame, connection = 0): TappedFrame {
  let payload: any = null;
  let code = '';
  try {
    const arr = JSON.parse(f.raw);
    payload = f.kind === 'CALL' ? arr[3] : f.kind === 'CALLRESULT' ? arr[2] : f.kind === 'CALLERROR' ? arr[4] : null;
    if (f.kind === 'CALLERROR') code = `(${arr[2]})`;
  } catch {
    // INVALID frames keep a null payload.
  }
  const label = `${f.direction} ${f.kind} ${f.action ?? '?'}${f.kind === 'CALLERROR' ? code : detail(f.kind, f.action, payload)}`;
  return { direction: f.direction, kind: f.kind, action: f.action, messageId: f.messageId, payload, label, ts: f.ts, connection };
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The official OCPP 1.6 JSON schemas (shipped by ocpp-rpc): an oracle independent of the project's own.
const official = createValidator('ocpp1.6', createRequire(import.meta.url)('ocpp-rpc/lib/schemas/ocpp1_6.json'));

/** Why a frame breaks the official schema of its action, or null. */
export function schemaViolation(f: TappedFrame): string | null {
  if (!f.action || (f.kind !== 'CALL' && f.kind !== 'CALLRESULT')) return f.kind === 'INVALID' ? `${f.direction} INVALID frame` : null;
  try {
    official.validate(`urn:${f.action}.${f.kind === 'CALL' ? 'req' : 'conf'}`, f.payload);
    return null;
  } catch (e) {
    return `${f.label}: ${(e as Error).message} in ${JSON.stringify(f.payload)}`;
  }
}

export interface HarnessOptions extends Partial<Omit<VirtualChargePointOptions, 'definition' | 'url' | 'clock' | 'onFrame'>> {
  clock?: FakeClock;
  /** Central system URL without the identity; the test bench's by default. */
  url?: string;
}

export class VcpHarness {
  readonly frames: TappedFrame[] = [];
  /** Frames either side sent that break the official schemas (should stay empty). */
  readonly violations: string[] = [];
  readonly vcp: VirtualChargePoint;
  readonly clock: FakeClock;
  readonly id: string;

  constructor(
    readonly tb: TestBench | null,
    definition: VirtualChargerDefinitionInput,
    options: HarnessOptions = {},
  ) {
    const { clock, url, ...rest } = options;
    this.clock = clock ?? new FakeClock();
    this.id = definition.id;
    this.vcp = new VirtualChargePoint({
      callTimeoutMs: 5_000,
      random: () => 0,
      ...rest,
      definition: VirtualChargerDefinition.parse(definition),
      url: url ?? tb!.wsUrl(),
      clock: this.clock,
      onFrame: (f) => {
        const frame = frameOf(f, this.connectionNumber());
        this.frames.push(frame);
        const violation = schemaViolation(frame);
        if (violation) this.violations.push(violation);
      },
    });
  }

  private readonly connections = new WeakMap<object, number>();

  /** A number per RPC endpoint (one per WebSocket connection) of the charger; 0 when it has none. */
  private connectionNumber(): number {
    const endpoint = (this.vcp as unknown as { endpoint: object | null }).endpoint;
    if (!endpoint) return 0;
    if (!this.connections.has(endpoint)) this.connections.set(endpoint, this.frames.length + 1);
    return this.connections.get(endpoint)!;
  }

  /** Starts the charger and waits until it is Accepted and has said all it had to say. */
  async boot(): Promise<this> {
    this.vcp.start();
    await this.until(() => this.vcp.isAccepted);
    await this.quiet();
    return this;
  }

  /** Position in the frame log; `since(mark)` gives what came after it. */
  mark(): number {
    return this.frames.length;
  }

  /** Labels of the frames after `from`; `results: false` keeps only the CALLs (both ways). */
  since(from: number, opts: { results?: boolean } = {}): string[] {
    return this.frames
      .slice(from)
      .filter((f) => opts.results !== false || f.kind === 'CALL')
      .map((f) => f.label);
  }

  /** The charger's own CALLs after `from` (labels without the `out CALL ` prefix). */
  sent(from: number): string[] {
    return this.frames
      .slice(from)
      .filter((f) => f.direction === 'out' && f.kind === 'CALL')
      .map((f) => f.label.slice('out CALL '.length));
  }

  /** Payloads of the charger's CALLs of one action after `from`. */
  payloads(action: string, from = 0): any[] {
    return this.frames
      .slice(from)
      .filter((f) => f.direction === 'out' && f.kind === 'CALL' && f.action === action)
      .map((f) => f.payload);
  }

  /**
   * 1 while the charger's last call on its current connection waits for the central system's answer.
   * One call is outstanding at a time, so an earlier one without an answer has timed out.
   */
  outstanding(): number {
    const current = this.connectionNumber();
    if (!current) return 0;
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (f.connection !== current || f.direction !== 'out' || f.kind !== 'CALL') continue;
      return this.frames.slice(i + 1).some((r) => r.direction === 'in' && r.kind !== 'CALL' && r.messageId === f.messageId) ? 0 : 1;
    }
    return 0;
  }

  /** Waits until every call is answered and nothing has moved for `ms`. */
  async quiet(ms = 40, timeoutMs = 4_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen = -1;
    let stableSince = Date.now();
    for (;;) {
      await delay(5);
      if (this.frames.length !== seen) {
        seen = this.frames.length;
        stableSince = Date.now();
      }
      if (this.outstanding() === 0 && Date.now() - stableSince >= ms) return;
      if (Date.now() > deadline) throw new Error(`${this.id} did not go quiet; last frames:\n${this.since(Math.max(0, this.frames.length - 12)).join('\n')}`);
    }
  }

  /** Waits (in real time) for a condition. */
  async until(fn: () => unknown, timeoutMs = 4_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!fn()) {
      if (Date.now() > deadline) throw new Error(`${this.id}: ${what} not met in time; last frames:\n${this.since(Math.max(0, this.frames.length - 12)).join('\n')}`);
      await delay(5);
    }
  }

  /** Waits for a frame with this label after `from`. */
  async waitFor(label: string, from = 0, timeoutMs = 4_000): Promise<TappedFrame> {
    await this.until(() => this.frames.slice(from).some((f) => f.label === label), timeoutMs, `frame "${label}"`);
    return this.frames.slice(from).find((f) => f.label === label)!;
  }

  /**
   * Moves the fake clock on, then lets the frames it caused play out. With `stepMs`, in steps with the
   * frames played out after each, so that real I/O keeps pace with fake time (else a queued message can
   * be sent, and stamped, well after the moment it was due).
   */
  async advance(ms: number, stepMs = ms): Promise<void> {
    for (let done = 0; done < ms; done += stepMs) {
      await this.clock.advance(Math.min(stepMs, ms - done));
      await this.quiet(stepMs < ms ? 10 : 40);
    }
  }

  /** Moves the clock on in steps until the condition holds (for flows that mix timers and real I/O). */
  async advanceUntil(fn: () => unknown, stepMs = 500, maxMs = 600_000): Promise<void> {
    for (let t = 0; !fn(); t += stepMs) {
      if (t > maxMs) throw new Error(`${this.id}: condition not met within ${maxMs} ms of fake time; last frames:\n${this.since(Math.max(0, this.frames.length - 12)).join('\n')}`);
      await this.clock.advance(stepMs);
      await this.quiet(15);
    }
    await this.quiet();
  }

  /** Sends an operation through the bench's API; waits for the frames that follow its answer. */
  async op(action: string, payload: unknown = {}): Promise<{ outcome: string; response?: any; error?: any }> {
    const res = await this.tb!.request('POST', `/api/chargers/${encodeURIComponent(this.id)}/operations/${action}`, payload);
    if (res.status !== 200) throw new Error(`${action} answered HTTP ${res.status}: ${JSON.stringify(res.body)}`);
    await this.quiet();
    return res.body;
  }

  /** The bench's view of this charger's connector statuses: [[connectorId, status, errorCode]]. */
  async benchStatuses(): Promise<Array<[number, string, string]>> {
    const body = (await this.tb!.request('GET', `/api/chargers/${encodeURIComponent(this.id)}`)).body;
    return body.connectors.map((c: any) => [c.connectorId, c.status, c.errorCode]);
  }

  async benchTransactions(): Promise<any[]> {
    return (await this.tb!.request('GET', `/api/transactions?chargerId=${encodeURIComponent(this.id)}`)).body;
  }

  async benchMeterValues(query = ''): Promise<any[]> {
    return (await this.tb!.request('GET', `/api/chargers/${encodeURIComponent(this.id)}/meter-values${query}`)).body;
  }

  iso(offsetMs = 0): string {
    return new Date(this.clock.now() + offsetMs).toISOString();
  }

  async stop(): Promise<void> {
    await this.vcp.stop();
  }
}

/** One CALL the charger makes and the central system's answer, as labels. */
export function roundTrip(call: string, result = ''): string[] {
  const action = call.replace(/\(.*$/, '');
  return [`out CALL ${call}`, `in CALLRESULT ${action}${result ? `(${result})` : ''}`];
}

/** One CALL the central system makes and the charger's answer, as labels. */
export function answered(action: string, result = ''): string[] {
  return [`in CALL ${action}`, `out CALLRESULT ${action.replace(/\(.*$/, '')}${result ? `(${result})` : ''}`];
}

/** A local HTTP server on 127.0.0.1 for firmware downloads and diagnostics uploads. */
export async function fileServer(
  files: Record<string, Buffer | string>,
): Promise<{ url: string; uploads: Array<{ path: string; body: string; contentType: string }>; requests: string[]; close(): Promise<void> }> {
  const uploads: Array<{ path: string; body: string; contentType: string }> = [];
  const requests: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    requests.push(`${req.method} ${req.url}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url && files[req.url] !== undefined) {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        return void res.end(files[req.url]);
      }
      if (req.method === 'POST' || req.method === 'PUT') {
        uploads.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), contentType: String(req.headers['content-type'] ?? '') });
        res.writeHead(200);
        return void res.end('ok');
      }
      res.writeHead(404);
      res.end('not found');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    uploads,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * One bench per test file, chargers numbered `<prefix>1`, `<prefix>2`, ... Each test's chargers and
 * cleanups stop after it, and every frame they exchanged must have passed the official schemas.
 */
export function benchSuite(prefix: string, setup?: (tb: TestBench) => Promise<void>) {
  const bench = useTestBench();
  const running: VcpHarness[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  let n = 0;
  if (setup) beforeAll(() => setup(bench));
  afterEach(async () => {
    const done = running.splice(0);
    await Promise.all(done.map((h) => h.stop()));
    await Promise.all(cleanups.splice(0).map((f) => f()));
    for (const h of done) expect(h.violations, h.id).toEqual([]);
  });
  const suite = {
    get tb(): TestBench {
      return bench;
    },
    cleanups,
    nextId: () => `${prefix}${++n}`,
    /** A harness stopped and checked after the test. */
    track(h: VcpHarness): VcpHarness {
      running.push(h);
      return h;
    },
    harness: (def: Partial<VirtualChargerDefinitionInput> = {}, options: HarnessOptions = {}) => suite.track(new VcpHarness(bench, { id: suite.nextId(), connectors: 2, ...def }, options)),
    /** A booted virtual charger with a unique id on the shared bench. */
    charger: (def: Partial<VirtualChargerDefinitionInput> = {}) => suite.harness(def).boot(),
    /** A booted charger whose fake time runs a day ahead of the bench's real clock, for dates the bench wants in the future (a reservation's expiry). */
    chargerAhead: (def: Partial<VirtualChargerDefinitionInput> = {}, options: HarnessOptions = {}) => suite.harness(def, { clock: new FakeClock(Date.now() + 86_400_000), ...options }).boot(),
  };
  return suite;
}

/** Plugs a connector and starts a session with a card; returns the bench's transaction id once all is answered. */
export async function session(h: VcpHarness, idTag: string, connectorId = 1): Promise<number> {
  h.vcp.plug(connectorId);
  expect((await h.vcp.presentIdTag(connectorId, idTag)).accepted).toBe(true);
  await h.quiet();
  const id = h.vcp.view().connectors[connectorId - 1].transaction?.transactionId;
  expect(id).toBeTypeOf('number');
  return id!;
}

/** ChangeConfiguration through the bench, expected Accepted. */
export async function configure(h: VcpHarness, key: string, value: string): Promise<void> {
  expect(await h.op('ChangeConfiguration', { key, value })).toMatchObject({ outcome: 'completed', response: { status: 'Accepted' } });
}

/** Through the API: creates virtual charger `id` (one connector), waits for its boot Accepted, plugs in and presents `<id>-TAG`; the card's outcome. */
export async function chargingThroughApi(tb: TestBench, id: string): Promise<{ accepted: boolean; confirmed: boolean; transactionId: number }> {
  expect((await tb.request('POST', '/api/virtual-chargers', { id, connectors: 1 })).status).toBe(201);
  await waitFor(async () => (await tb.request('GET', `/api/virtual-chargers/${id}`)).body.registration === 'Accepted');
  await tb.request('POST', `/api/virtual-chargers/${id}/actions/plug`, { connectorId: 1 });
  return (await tb.request('POST', `/api/virtual-chargers/${id}/actions/present-id-tag`, { connectorId: 1, idTag: `${id}-TAG` })).body.result;
}
