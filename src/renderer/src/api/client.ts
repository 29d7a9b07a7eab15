// The one client interface the UI talks to; it never knows which face carries it. Two transports
// implement it: IPC in the desktop app (window.chargebench), and serve mode's HTTP + WebSocket API.
import type { BenchArgs, BenchMethod, CallError, MessageExportQuery, OperateArgs, ResultFor, TransactionExportQuery } from '../../../shared/api/contract';
import type { HostedFileView, OperationResult } from '../../../shared/api/views';
import type { CentralSystemAction } from '../../../shared/ocpp16/actions';
import type { BenchEvent } from '../../../shared/api/views';
import type { ReportFile } from '../../../shared/api/test-runs';
import type { CommissioningFile } from '../../../shared/api/commissioning';
import { EVENTS_SILENT_MS } from '../../../shared/api/methods';

/** A call the bench refused or could not answer, with the message to show and the field at fault. */
export class CallFailure extends Error {
  readonly status: number;
  readonly field?: string;
  constructor(error: CallError) {
    super(error.message);
    this.name = 'CallFailure';
    this.status = error.status;
    this.field = error.field;
  }
}

/**
 * The link between the UI and the bench core: open, being (re)established, or needing a token; `silent`:
 * open, but nothing has come from the bench for EVENTS_SILENT_MS (it is paused or hung).
 */
export type LinkState = 'connecting' | 'open' | 'silent' | 'closed' | 'unauthorised';

export interface BenchClient {
  readonly face: 'desktop' | 'serve';
  /** Runs a contract call; rejects with CallFailure. An operation answers with its action's response type. */
  call<M extends BenchMethod, Args extends BenchArgs<M>>(method: M, args: Args): Promise<ResultFor<M, Args>>;
  /** `chargers:operate` for an action known only as a type parameter: the answer is typed by it. */
  operate<A extends CentralSystemAction>(args: OperateArgs<A>): Promise<OperationResult<A>>;
  /** The bench's pushed events, delivered in batches (one state update per batch, not per frame). */
  subscribe(listener: (events: BenchEvent[]) => void): () => void;
  /**
   * The link's state as it changes, with since when (ms; for `silent`, when the bench was last heard) and
   * the state before (open after `silent` is not a reconnection: nothing was missed).
   */
  onLink(listener: (state: LinkState, since: number, from: LinkState) => void): () => void;
  /**
   * How far this window's clock is ahead of the bench's (ms; negative: behind), told at once and as it
   * changes, from the times the bench sends on its stream. Absent from a transport on the bench's own
   * machine (the desktop app): one clock.
   */
  onBenchClock?(listener: (skewMs: number) => void): () => void;
  /** Exports the message log under a filter: a save dialog on the desktop, a download in a browser. */
  exportMessages(query: MessageExportQuery): Promise<{ saved: boolean; where?: string }>;
  /** Exports every transaction matching as CSV (not only those a list holds): a save dialog on the desktop, a download in a browser. */
  exportTransactions(query: TransactionExportQuery): Promise<{ saved: boolean; where?: string }>;
  /**
   * Lets the user pick a file (e.g. firmware) that the bench then serves to chargers over HTTP and FTP;
   * resolves with the URLs a charger downloads it from, or null when the user cancelled.
   */
  hostFile(): Promise<HostedFileView | null>;
  /** Saves a file a charger uploaded: a save dialog on the desktop, a download in a browser. */
  downloadUpload(upload: { id: string; name: string }): Promise<{ saved: boolean; where?: string }>;
  /** Saves a report of a conformance run (or its evidence pack): a save dialog on the desktop, a download in a browser. */
  downloadReport(report: { runId: string; file: ReportFile }): Promise<{ saved: boolean; where?: string }>;
  /** Saves a commissioning's report (HTML, PDF, JSON) or diagnostic bundle: a save dialog on the desktop, a download in a browser. */
  downloadCommissioningFile(file: { id: string; file: CommissioningFile }): Promise<{ saved: boolean; where?: string }>;
  /**
   * Serve mode: the address a browser opens a commissioning's file, or a site's summary page, at (in its own tab, with the
   * session cookie). The desktop app opens no windows: it has none.
   */
  commissioningUrl?(what: { id: string; file: CommissioningFile } | { site: string }): string;
  /** Serve mode: a new API token (kept in the data directory); this browser stays signed in, every other tab and saved link must sign in again. */
  newApiToken?(): Promise<{ token: string; link: string }>;
  close(): void;
}

/** Delivers events to listeners in batches at most every `ms`, so bursts cost one render. */
export class EventBatcher {
  private queue: BenchEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(events: BenchEvent[]) => void>();

  constructor(private readonly ms = 50) {}

  push(events: BenchEvent[]): void {
    if (!events.length) return;
    for (const e of events) this.queue.push(e);
    this.timer ??= setTimeout(() => this.flush(), this.ms);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length) for (const l of this.listeners) l(batch);
  }

  subscribe(listener: (events: BenchEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }
}

/** Samples of the skew judged together: a minute of the bench's keep-alives. */
const SKEW_SAMPLES = 12;
/** A change of the skew by less than this (ms) is the messages' way over the network, not news: not told. */
const SKEW_STEP_MS = 1_000;

/**
 * How far this window's clock is ahead of the bench's (ms), from the bench's times as its messages come
 * (`heard`), told to listeners as it changes by a second or more.
 */
export class ClockSkew {
  private readonly listeners = new Set<(skewMs: number) => void>();
  private samples: number[] = [];
  skewMs = 0;

  /**
   * A message stamped `benchTime` (ISO; anything else, e.g. from an older bench, is no news) came now.
   * `fresh`: a new connection (the bench may have restarted, on another machine): older samples go.
   */
  heard(benchTime: unknown, fresh = false): void {
    if (fresh) this.samples = [];
    const t = typeof benchTime === 'string' ? Date.parse(benchTime) : NaN;
    if (!Number.isFinite(t)) return;
    this.samples.push(Date.now() - t);
    if (this.samples.length > SKEW_SAMPLES) this.samples.shift();
    // A message held up on its way (a busy stream, a slow network) makes the bench look further behind
    // than it is, never less: the least of the recent ones is the truest.
    const skew = Math.min(...this.samples);
    if (Math.abs(skew - this.skewMs) < SKEW_STEP_MS) return;
    this.skewMs = skew;
    for (const l of this.listeners) l(skew);
  }

  subscribe(listener: (skewMs: number) => void): () => void {
    this.listeners.add(listener);
    listener(this.skewMs);
    return () => void this.listeners.delete(listener);
  }

  dispose(): void {
    this.listeners.clear();
  }
}

/**
 * The link's state, told to listeners as it changes. While open, the transport says each time it hears
 * from the bench (`heard`); after `silentMs` without a word the link is `silent`, and open again at the
 * next word (the bench sends one every EVENTS_ALIVE_MS however quiet its chargers are).
 */
export class LinkWatch {
  private readonly listeners = new Set<(s: LinkState, since: number, from: LinkState) => void>();
  state: LinkState = 'connecting';
  /** Since when (ms) the link has been in its state. */
  since = Date.now();
  private lastHeard = 0;
  private lastCheck = 0;
  private watch: ReturnType<typeof setInterval> | null = null;
  private readonly checkMs: number;

  /** `silentMs`: Infinity never calls the link silent (a test's client that is not fed). */
  constructor(private readonly silentMs = EVENTS_SILENT_MS) {
    this.checkMs = Math.max(10, Math.round(silentMs / 5));
  }

  set(state: LinkState, since = Date.now()): void {
    if (state === 'open' && this.state !== 'silent') this.lastHeard = Date.now();
    const watching = (state === 'open' || state === 'silent') && Number.isFinite(this.silentMs);
    if (watching && !this.watch) {
      this.lastCheck = Date.now();
      this.watch = setInterval(() => this.check(), this.checkMs);
    }
    if (!watching) this.stopWatching();
    if (state === this.state) return;
    const from = this.state;
    this.state = state;
    this.since = since;
    for (const l of this.listeners) l(state, since, from);
  }

  /** Something came from the bench: it answers. */
  heard(): void {
    this.lastHeard = Date.now();
    if (this.state === 'silent') this.set('open');
  }

  /** `from`: the state before (a link open again after `silent` missed nothing: its connection stayed open). */
  subscribe(listener: (s: LinkState, since: number, from: LinkState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state, this.since, this.state);
    return () => void this.listeners.delete(listener);
  }

  dispose(): void {
    this.stopWatching();
    this.listeners.clear();
  }

  private check(): void {
    const now = Date.now();
    // This window itself was asleep (a laptop's lid closed, a frozen tab, a debugger): the checks were
    // held too, and what the bench sent meanwhile may still be queued. Count the silence from waking up.
    if (now - this.lastCheck > this.checkMs * 3) this.lastHeard = Math.max(this.lastHeard, now);
    this.lastCheck = now;
    if (this.state === 'open' && now - this.lastHeard > this.silentMs) this.set('silent', this.lastHeard);
  }

  private stopWatching(): void {
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
  }
}
