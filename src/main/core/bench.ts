// The bench core every face drives: it owns the record (SQLite), the event bus, the settings, the clock,
// the central system with its operations, the bench's own virtual chargers, the files it hosts and the
// retention of old records. Runs in plain Node; the faces (desktop IPC, serve's API, the CLI) subscribe to
// its bus and call it, never the parts behind it.
import { ConformanceService } from '../conformance/service';
import { CommissioningService } from '../commissioning/service';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { BenchHealth, HostedFileView, UploadLocationView } from '../../shared/api/views';
import { every, systemClock, type Clock, type Timer } from '../clock';
import { BenchRecord, recordProblemText, type RecordOptions } from '../store/record';
import { applyV8Flags } from '../memory';
import { CentralSystem, type CentralSystemOptions } from '../central-system/central-system';
import { VirtualChargerManager } from '../virtual-cp/manager';
import { EventBus } from './event-bus';
import { SettingsStore } from './settings';
import { Operations } from './operations';
import { FileHost, type HostedFile } from './file-host';
import { UploadInbox, type UploadLocation } from './upload-inbox';
import { handleUploadRequest } from './upload-http';
import { BenchFtpServer } from './ftp-server';
import { hostedFileView, uploadLocationView } from './network';
import { writeMessages, writeTransactions } from './exports';
import type { MessageExportQuery, TransactionExportQuery } from '../../shared/api/contract';
import { htmlToPdf, type PdfPrinter } from '../conformance/reports/pdf';
import { refusedStoredIds } from './stored-ids';
import { RUNS_STOP_MS } from '../conformance/shutdown-put-back';

export interface BenchOptions extends CentralSystemOptions, RecordOptions {
  dataDir: string;
  /** The bench's clock (tests and conformance runs drive a fake one). */
  clock?: Clock;
  /** The virtual chargers' clock, when it is not the bench's (tests drive only the chargers' time). */
  virtualClock?: Clock;
  /**
   * When the OCPP port is taken: 'fail' (serve: the user picked it and should hear), or 'anyFree' (the
   * desktop app: open anyway on a free port, shown on screen, rather than not open at all).
   */
  portInUse?: 'fail' | 'anyFree';
  /** Where alarms go (the console by default): one line when recording stops, one when it resumes. */
  alarm?: (line: string) => void;
  /** The FTP server's port for this run, instead of the saved ftpPort setting (0: any free port). */
  ftpPort?: number;
  /** How reports become PDFs: the desktop app prints with Electron; by default a headless Chromium where one is installed. */
  printPdf?: PdfPrinter;
}

/** Old records are pruned at start and then this often. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 86_400_000;
export class Bench {
  private pruneTimer: Timer | null = null;
  private pruning: Promise<void> = Promise.resolve();
  private stopping = false;
  /** What the bench itself found at start (beside the record's), e.g. the FTP port it could not have. */
  private readonly notices: string[] = [];
  /** What is wrong with the FTP server now (another port than asked for, not running), or null. */
  private ftpCondition: string | null = null;
  private ftpStarting: Promise<void> = Promise.resolve();
  /** The FTP port was given for this run (BenchOptions.ftpPort): the saved setting does not move it. */
  ftpPortFixed = false;
  /** Why the central system listens on its port: given for this run, the saved one taken (a free one instead), or the saved setting. */
  ocppPortSource: 'option' | 'taken' | 'setting' = 'setting';
  readonly operations: Operations;
  /** Conformance runs (the OCTT test cases) started from the UI or the API. */
  readonly conformance: ConformanceService;
  /** Commissioning of newly installed chargers: the plan on the same engine, checklist, photos, handover. */
  readonly commissioning: CommissioningService;

  private constructor(
    readonly record: BenchRecord,
    readonly bus: EventBus,
    readonly settings: SettingsStore,
    readonly clock: Clock,
    readonly centralSystem: CentralSystem,
    readonly virtualChargers: VirtualChargerManager,
    readonly dataDir: string,
    /** Files served to chargers from the OCPP port and the FTP server (firmware for UpdateFirmware). */
    readonly files: FileHost,
    /** Files chargers upload to the bench (GetDiagnostics), over HTTP on the OCPP port and over FTP. */
    readonly uploads: UploadInbox,
    readonly ftp: BenchFtpServer,
    /** Prints a report's HTML to PDF (conformance runs, commissionings). */
    readonly printPdf: PdfPrinter,
  ) {
    this.operations = new Operations(centralSystem, record, settings, bus, clock);
    this.conformance = new ConformanceService(this);
    this.commissioning = new CommissioningService(this);
  }

  // ---- what the faces ask of the bench beyond the contract (they never reach the parts behind it) ----

  /** Where the central system listens for chargers. */
  ocppAddress(): { host: string; port: number } {
    return this.centralSystem.address();
  }

  /** The chargers connected now. */
  connectedChargers(): string[] {
    return this.centralSystem.connectedChargers();
  }

  /** Resolves once every write queued before the call is in the record, so a read that follows sees it. */
  settled(): Promise<void> {
    return this.record.settled();
  }

  /**
   * Resolves once `chargerId` is connected (at once when it is), or rejects when `timeoutMs` of the
   * bench's time pass first.
   */
  waitForCharger(chargerId: string, timeoutMs: number): Promise<void> {
    if (this.centralSystem.isConnected(chargerId)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const off = this.bus.subscribe((e) => {
        if (e.type !== 'chargerConnected' || e.chargerId !== chargerId) return;
        off();
        timer.cancel();
        resolve();
      });
      const timer = this.clock.after(timeoutMs, () => {
        off();
        reject(new Error(`${chargerId} did not connect within ${Math.round(timeoutMs / 1000)} s`));
      });
    });
  }

  /** A UI has opened (its event stream): the record's reader thread starts now, before the first screen that reads. */
  uiOpened(): void {
    this.record.reader.warm();
  }

  /** Bytes the record's reader thread made (a message page) are written out: their memory goes back to it. */
  released(bytes: Uint8Array): void {
    this.record.reader.giveBack(bytes);
  }

  /** Writes the frames matching the query to `out` (not ended here), read on the record's reader thread. */
  async exportMessages(query: MessageExportQuery, out: Writable): Promise<{ frames: number }> {
    // Everything answered before the export was asked for is in it.
    await this.record.settled();
    return writeMessages(this.record, query, out);
  }

  /** Streams every transaction matching the query to `out` as CSV (serve's download, the desktop's save). */
  async exportTransactions(query: TransactionExportQuery, out: Writable): Promise<{ transactions: number }> {
    await this.record.settled();
    // Each session read against the chargers' live connections, as the screens read it.
    return writeTransactions(this.record, query, out, (id) => this.centralSystem.isConnected(id));
  }

  /** A hosted file's URLs as chargers use them (HTTP and FTP, on this machine's LAN address). */
  hostedFileView(file: HostedFile): HostedFileView {
    return hostedFileView(file, this.centralSystem.address(), this.ftp.address());
  }

  /** An upload location's URLs as chargers use them. */
  uploadLocationView(location: UploadLocation): UploadLocationView {
    return uploadLocationView(location, this.centralSystem.address(), this.ftp.address());
  }

  /**
   * (Re)starts the FTP server where the central system listens. It is a side door: when it cannot listen
   * the bench runs on without it (its URLs are null) and says why.
   */
  startFtp(port: number): Promise<void> {
    this.ftpStarting = this.ftpStarting.then(async () => {
      try {
        // Already there (it fell back to this port before): a restart would only cut off uploads arriving.
        if (port !== 0 && this.ftp.address()?.port === port) this.ftpCondition = null;
        else this.ftpCondition = (await this.ftp.start(this.centralSystem.address().host, port, this.ftpPortFixed)).notice;
      } catch (e) {
        this.ftpCondition = `The bench's FTP server could not start (${(e as Error).message}): chargers can use the HTTP locations meanwhile.`;
      }
      if (this.ftpCondition) console.error(`chargebench: ${this.ftpCondition}`);
      const ts = new Date(this.clock.now()).toISOString();
      this.bus.publish({ type: 'healthChanged', health: this.health(), ts });
      this.bus.publish({ type: 'ftpChanged', ftp: { port: this.ftp.address()?.port ?? null, fixed: this.ftpPortFixed }, ts });
    });
    return this.ftpStarting;
  }

  /** Resolves once the FTP server has (re)started after the last change of its port. */
  ftpSettled(): Promise<void> {
    return this.ftpStarting;
  }

  private notice(line: string): void {
    this.notices.push(line);
    console.error(`chargebench: ${line}`);
  }

  /** Starts the bench; without `port`, the central system listens on the saved ocppPort setting. */
  static async start(options: BenchOptions): Promise<Bench> {
    applyV8Flags();
    const clock = options.clock ?? systemClock;
    const record = await BenchRecord.open(options.dataDir, { ...options, clock });
    const bus = new EventBus(clock);
    const settings = new SettingsStore(record);
    const files = new FileHost(join(options.dataDir, 'files'), { now: () => clock.now() });
    const uploads = new UploadInbox(join(options.dataDir, 'uploads'), {
      clock,
      onChange: (c) => {
        const ts = new Date(clock.now()).toISOString();
        bus.publish(c.type === 'changed' ? { type: 'uploadChanged', upload: c.upload, ts } : { type: 'uploadRemoved', id: c.id, chargerId: c.chargerId, ts });
      },
    });
    const port = options.port ?? settings.get().ocppPort;
    const httpHandler = (req: IncomingMessage, res: ServerResponse) => files.handle(req, res) || handleUploadRequest(uploads, req, res);
    const centralSystem = (p: number) => new CentralSystem({ record, settings, bus, clock }, { ...options, port: p, httpHandler });
    let cs = centralSystem(port);
    let portSource: Bench['ocppPortSource'] = options.port !== undefined ? 'option' : 'setting';
    try {
      try {
        await cs.start();
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.portInUse !== 'anyFree') throw e;
        console.error(`chargebench: port ${port} is in use; listening on a free port instead until the next start`);
        await cs.stop();
        cs = centralSystem(0);
        await cs.start();
        portSource = 'taken';
      }
    } catch (e) {
      uploads.close();
      await record.close();
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EADDRINUSE') throw new Error(`Port ${port} is already in use: another ChargeBench or central system is running. Pick another with --port.`, { cause: e });
      throw e;
    }
    const saved = record.virtualChargers;
    const store = {
      virtualChargers: () => saved.list(),
      saveVirtualCharger: (id: string, createdAt: string, definition: unknown, state: unknown) => saved.save(id, createdAt, definition, state),
      saveVirtualChargerState: (id: string, state: unknown) => saved.saveState(id, state),
      deleteVirtualCharger: (id: string) => saved.delete(id),
    };
    const virtualChargers = new VirtualChargerManager(store, {
      // Virtual chargers reach the central system over loopback unless it listens on one address only.
      url: () => {
        const { host, port } = cs.address();
        const reach = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
        return `ws://${reach}:${port}/ocpp`;
      },
      register: async (id, password) => void (await cs.registry.register(id, { virtual: true, ...(password !== undefined ? { password } : {}) })),
      emit: (e) => bus.publish(e),
      clock: options.virtualClock ?? clock,
    });
    await virtualChargers.load();
    const bench = new Bench(record, bus, settings, clock, cs, virtualChargers, options.dataDir, files, uploads, new BenchFtpServer(files, uploads), options.printPdf ?? htmlToPdf);
    bench.ftpPortFixed = options.ftpPort !== undefined;
    bench.ocppPortSource = portSource;
    for (const line of refusedStoredIds(record.chargers.ids())) bench.notice(line);
    await bench.startFtp(options.ftpPort ?? settings.get().ftpPort);
    // A new FTP port applies at once (a run started with its own port keeps it).
    if (options.ftpPort === undefined) settings.onChanged((now, before) => now.ftpPort !== before.ftpPort && void bench.startFtp(now.ftpPort));
    const alarm = options.alarm ?? ((line: string) => console.error(line));
    for (const notice of record.notices) alarm(`chargebench: at start: ${notice}`);
    record.writer.onProblem = (problem, recovered) => {
      if (problem) alarm(`chargebench: ALARM: ${recordProblemText(problem, options.dataDir)}`);
      else
        alarm(
          `chargebench: recording again in ${options.dataDir}: the trouble is over${recovered?.droppedWrites ? ` (${recovered.droppedWrites} records of calls refused meanwhile could not be kept)` : ''}.`,
        );
      bus.publish({ type: 'healthChanged', health: bench.health(), ts: new Date(clock.now()).toISOString() });
    };
    void bench.prune();
    // A shorter retention applies at once, not at the next hourly pass.
    settings.onChanged((now, before) => now.retentionDays !== before.retentionDays && void bench.prune());
    bench.pruneTimer = every(
      clock,
      () => PRUNE_EVERY_MS,
      () => void bench.prune(),
      { background: true },
    );
    return bench;
  }

  /** Whether the bench can record, what it found at start, and the connections it turned away. */
  health(): BenchHealth {
    const problem = this.record.problem;
    return {
      ok: problem === null,
      recording: problem?.kind ?? 'ok',
      message: recordProblemText(problem, this.dataDir),
      since: problem?.since ?? null,
      dataDir: this.dataDir,
      notices: [...this.record.notices, ...this.notices],
      conditions: this.ftpCondition ? [this.ftpCondition] : [],
      connections: this.centralSystem.connectionStats(),
    };
  }

  /**
   * Prunes what is older than the retentionDays setting (nothing when it is unset or 0), after any
   * pruning under way; resolves when done. Never rejects: a failure is logged.
   */
  prune(): Promise<void> {
    this.pruning = this.pruning.then(async () => {
      const days = this.settings.get().retentionDays;
      if (!days || this.stopping) return;
      const cutoff = new Date(this.clock.now() - days * DAY_MS).toISOString();
      try {
        await this.record.pruneBefore(cutoff, { stop: () => this.stopping });
        this.centralSystem.forgetAllBut(new Set(this.record.chargers.ids()));
      } catch (e) {
        console.error(`chargebench: pruning old records failed: ${(e as Error).message}`);
      }
    });
    return this.pruning;
  }

  /** `runsWithinMs`: how long the runs get to put their charger back and record their end (RUNS_STOP_MS unless told). */
  async stop(o: { runsWithinMs?: number } = {}): Promise<void> {
    // The runs are stopped, and given a moment (bounded) to put the charger back and record that they were
    // stopped: a run left recorded as running would read as running after a restart. One still going then is
    // recorded as cut short by the shutdown, not put back, with what it left changed.
    const within = o.runsWithinMs ?? RUNS_STOP_MS;
    const stopped = Promise.all([this.conformance.stopAll(), this.commissioning.stopAll()]).then(() => true);
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([stopped, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), within)))]);
    clearTimeout(timer);
    if (!inTime) await Promise.all([this.conformance.cutShort(within), this.commissioning.cutShort(within)]);
    this.stopping = true;
    this.pruneTimer?.cancel();
    await this.pruning;
    await this.virtualChargers.close();
    await this.ftpStarting;
    await this.ftp.stop();
    this.uploads.close();
    await this.centralSystem.stop();
    await this.record.close();
  }
}
