// The bench's record: a small facade over one repository per table. It opens the data directory (its
// lock, the database, the journal and the writer thread), gives every repository the same write queue,
// and answers for the record as a whole: whether it can be written, what it found at start, retention.
// Writes are data (a statement's name + parameters) group-committed on the writer thread; reads are
// plain queries on this thread's own connection, made after `settled()` where they must see the latest.
import { systemClock, type Clock } from '../clock';
import { BenchError } from '../errors';
import type { Db, OpenOptions } from './database';
import { databaseFile, ingestedSeq, openDatabase } from './database';
import { GroupCommitWriter, type WriterProblem } from './writer/writer';
import { RecordReader } from './reader/reader';
import { DataDirLock, ensureDataDir } from './data-dir';
import { plainSecrets, type SecretCodec } from './secrets';
import type { Chunkers, Store, Writes } from './repository';
import type { FrameToLog } from '../../shared/records';
import { pruneLog, pruneRows, retentionWrites, type PruneOptions } from './retention';
import { ChargersRepository, chargerWrites } from './repositories/chargers';
import { ConnectorsRepository, connectorWrites } from './repositories/connectors';
import { TransactionsRepository, transactionWrites } from './repositories/transactions';
import { MeterValuesRepository, meterValueChunkers, meterValueWrites } from './repositories/meter-values';
import { MessagesRepository, messageChunkers, messageWrites } from './repositories/messages';
import { OperationsRepository, operationWrites } from './repositories/operations';
import { ChargerEventsRepository, chargerEventWrites } from './repositories/charger-events';
import { ConnectionAttemptsRepository, connectionAttemptWrites } from './repositories/connection-attempts';
import { IdTagsRepository, idTagWrites } from './repositories/id-tags';
import { SettingsRepository, settingWrites } from './repositories/settings';
import { VirtualChargersRepository, virtualChargerWrites } from './repositories/virtual-chargers';
import { TestRunsRepository, testRunWrites } from './repositories/test-runs';
import { CommissioningsRepository, commissioningWrites } from './repositories/commissionings';
import { leftLockNote, stoppedUncleanly, uncleanStopWrites } from './unclean-stop';
import { putRightAtStart } from './unclean-stop-start';

export type { WriterProblem } from './writer/writer';
export type { SecretCodec } from './secrets';

export interface RecordOptions extends OpenOptions {
  /** Who holds the data directory, named to a second process that tries to open it. */
  face?: string;
  secrets?: SecretCodec;
  /** The time of what the record stamps itself (registrations). */
  clock?: Clock;
}

/** Every write the bench makes, by name: the writer thread prepares them once. */
const writes: Writes = {
  ...chargerWrites,
  ...connectorWrites,
  ...transactionWrites,
  ...meterValueWrites,
  ...messageWrites,
  ...operationWrites,
  ...chargerEventWrites,
  ...connectionAttemptWrites,
  ...idTagWrites,
  ...settingWrites,
  ...virtualChargerWrites,
  ...testRunWrites,
  ...commissioningWrites,
  ...retentionWrites,
  ...uncleanStopWrites,
};
const chunkers: Chunkers = { ...messageChunkers, ...meterValueChunkers };

/**
 * The order in which journals of earlier versions numbered the writes (they named them by position), so
 * one left by a killed older bench still replays onto the right statements. Never reordered.
 */
const LEGACY_ORDER = [
  'message',
  'chargerSeen',
  'chargerConnected',
  'heartbeat',
  'boot',
  'connector',
  'statusHistory',
  'txStart',
  'txStop',
  'meterValue',
  'event',
  'firmwareStatus',
  'diagnosticsStatus',
  'attempt',
  'opStart',
  'opFinish',
  'setting',
  'bootPolicy',
  'idTagPut',
  'idTagsClear',
  'idTagDelete',
  'allDisconnected',
  'chargerRegister',
  'chargerPassword',
  'chargerDelete',
  'chargerConnectorsDelete',
  'virtualChargerPut',
  'virtualChargerState',
  'virtualChargerDelete',
  'pruneMessages',
  'pruneMeterValues',
  'pruneChunks',
  'trimChunk',
  'txAbandon',
  'txStopFlagged',
  'pruneAttempts',
  'pruneStatusHistory',
  'pruneChargers',
  'pruneOrphanConnectors',
];

/** What keeps the record from being written, in words that say what to do; shared by the console, the API and the UI. */
export function recordProblemText(problem: WriterProblem | null, dataDir: string): string {
  if (!problem) return `Recording normally in ${dataDir}.`;
  switch (problem.kind) {
    case 'diskFull':
      return `No space left on the disk holding the data directory ${dataDir}. The bench cannot record, so it answers chargers with InternalError and takes no new work; nothing it answered before is lost. Free disk space there (at least 100 MB): recording resumes by itself, no restart needed.`;
    case 'journalFailed':
      return `The bench cannot write its journal in ${dataDir} (${problem.error}). It answers chargers with InternalError and takes no new work until it can; nothing it answered before is lost. Check that the directory is writable; recording resumes by itself.`;
    case 'recordStalled':
      return `SQLite cannot take new records in ${dataDir} (${problem.code}: ${problem.error}). Everything answered is safe in the journal and goes into the record by itself once SQLite can write again.`;
    case 'writerRestarting':
      return `The record's writer thread stopped and is being started again (${problem.error}). Everything answered is safe in the journal.`;
  }
}

export class BenchRecord {
  readonly chargers: ChargersRepository;
  readonly connectors: ConnectorsRepository;
  readonly transactions: TransactionsRepository;
  readonly meterValues: MeterValuesRepository;
  readonly messages: MessagesRepository;
  readonly operations: OperationsRepository;
  readonly events: ChargerEventsRepository;
  readonly connectionAttempts: ConnectionAttemptsRepository;
  readonly idTags: IdTagsRepository;
  readonly settings: SettingsRepository;
  readonly virtualChargers: VirtualChargersRepository;
  readonly testRuns: TestRunsRepository;
  readonly commissionings: CommissioningsRepository;
  private readonly store: Store;

  /**
   * Opens the record in `dataDir`: its lock, migrations, then whatever a killed process left in the journal;
   * after a bench that did not stop cleanly, the record is put right and a notice says so (unclean-stop.ts).
   */
  static async open(dataDir: string, options: RecordOptions = {}): Promise<BenchRecord> {
    ensureDataDir(dataDir);
    // Read before the lock is taken: taking it writes the note anew.
    const lockNote = leftLockNote(dataDir);
    const lock = DataDirLock.acquire(dataDir, options.face ?? 'another ChargeBench', options.nativeBinding);
    let db: Db;
    try {
      db = openDatabase(dataDir, options);
    } catch (e) {
      lock.release();
      throw e;
    }
    // Before the writer opens the journal (it begins a segment of its own).
    const unclean = stoppedUncleanly(dataDir, lockNote);
    const writer = new GroupCommitWriter(databaseFile(dataDir), dataDir, ingestedSeq(db), writes, chunkers, options, LEGACY_ORDER);
    await writer.settled();
    const reader = new RecordReader({ file: databaseFile(dataDir), nativeBinding: options.nativeBinding });
    const record = new BenchRecord(db, writer, reader, lock, dataDir, options.secrets ?? plainSecrets, options.clock ?? systemClock);
    // The journal's leftover entries are in SQLite now (settled above): what the killed process never wrote
    // is mended from them, and a repair an earlier start could not make is made now (unclean-stop-start.ts).
    const notice = await putRightAtStart(dataDir, db, writer, unclean, lockNote, options.clock ?? systemClock);
    if (notice) record.startNotices.push(notice);
    return record;
  }

  /** What opening the record found besides the journal's own notices (an unclean stop before). */
  private readonly startNotices: string[] = [];

  private constructor(
    readonly db: Db,
    readonly writer: GroupCommitWriter,
    readonly reader: RecordReader,
    private readonly lock: DataDirLock,
    readonly dataDir: string,
    secrets: SecretCodec,
    clock: Clock,
  ) {
    this.store = {
      db,
      reader,
      write: (name, params) => writer.write(name, params),
      writeTogether: (fn) => writer.together(fn),
      settled: () => writer.settled(),
      mustBeWritable: () => {
        if (!writer.writable) throw new BenchError(503, recordProblemText(writer.currentProblem, dataDir));
      },
      clock,
    };
    this.chargers = new ChargersRepository(this.store, secrets);
    this.connectors = new ConnectorsRepository(this.store);
    // Ids handed out are never handed out again: the journal may hold ids SQLite does not have yet (a
    // start with the disk still full), so both are asked.
    this.transactions = new TransactionsRepository(this.store, writer.maxLeftover('txStart', 0));
    this.operations = new OperationsRepository(this.store, writer.maxLeftover('opStart', 0));
    this.meterValues = new MeterValuesRepository(this.store, writer.maxLeftover('meterShape', 0));
    writer.dropLeftover();
    this.messages = new MessagesRepository(this.store);
    this.events = new ChargerEventsRepository(this.store);
    this.connectionAttempts = new ConnectionAttemptsRepository(this.store);
    this.idTags = new IdTagsRepository(this.store);
    this.settings = new SettingsRepository(this.store);
    this.virtualChargers = new VirtualChargersRepository(this.store, secrets);
    this.testRuns = new TestRunsRepository(this.store);
    this.commissionings = new CommissioningsRepository(this.store);
    // last_seen is written every few seconds per charger, not once per frame; reads overlay the latest.
    writer.beforeBatch = () => this.chargers.flushSeen();
    // What the virtual chargers' queues wrote since may be incomplete: their next saves write them whole.
    writer.onWritesDropped = () => this.virtualChargers.forgetWritten();
  }

  /** What the journal said at start (damage moved aside, gaps), and that the bench before did not stop cleanly, in words. */
  get notices(): readonly string[] {
    return [...this.writer.notices, ...this.startNotices];
  }

  /** Whether the bench can record now; while false, nothing new should be taken on. */
  get writable(): boolean {
    return this.writer.writable;
  }

  /** What keeps the record from being written, if anything. */
  get problem(): WriterProblem | null {
    return this.writer.currentProblem;
  }

  /** A frame to or from a charger: into the message log; one from the charger says it was seen now (its last contact). */
  logFrame(chargerId: string, frame: FrameToLog, ts: string): void {
    this.messages.add(chargerId, frame, ts);
    if (frame.direction === 'in') this.chargers.touch(chargerId, ts);
  }

  /** Resolves once every write queued so far is committed. */
  settled(): Promise<void> {
    return this.writer.settled();
  }

  async close(): Promise<void> {
    this.chargers.flushSeen(true);
    await this.reader.close();
    await this.writer.close();
    this.db.close();
    this.lock.release();
  }

  /**
   * Deletes what the bench recorded before `cutoff` (ISO time): frames and meter values (the sparse index
   * trimmed to match), connection attempts, status history, and chargers never registered that were last
   * seen before it (with no transactions). Transactions, operations and registered chargers stay.
   * `stop` ends it early between batches.
   */
  async pruneBefore(cutoff: string, opts: PruneOptions = {}): Promise<void> {
    await this.settled();
    // Chunk kinds are named after their log ('message/…', 'meter/…'), so new ones are pruned too.
    await pruneLog(this.store, 'messages', 'ts', 'pruneMessages', 'message/', cutoff, opts);
    await pruneLog(this.store, 'meter_values', 'received_at', 'pruneMeterValues', 'meter/', cutoff, opts);
    await pruneRows(this.store, 'connection_attempts', 'ts', 'pruneAttempts', cutoff, opts);
    await pruneRows(this.store, 'status_history', 'received_at', 'pruneStatusHistory', cutoff, opts);
    if (opts.stop?.()) return;
    // Identities seen before the cut and never registered, with nothing else to their name (a flood of
    // made-up ids, a charger tried once): their rows go with the frames that mentioned them.
    this.chargers.prune(cutoff);
    await this.settled();
  }
}
