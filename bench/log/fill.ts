// Fills a data directory with a fleet's message log, fast: the schema comes from BenchRecord.open (so
// migrations match), then the frames go straight into SQLite in write batches the way the writer
// thread ingests them, each batch with its sparse per-charger and per-action index rows (chunks).
import Database from 'better-sqlite3';
import { BenchRecord } from '../../src/main/store/record';
import { databaseFile } from '../../src/main/store/database';
import { seededRandom } from '../../test/helpers/random';

export interface FillOptions {
  frames: number;
  chargers: number;
  /** Frames per writer batch: the bench drains about once a second, so this is the frame rate. */
  framesPerBatch: number;
  /** When the first frame was logged (ms since the epoch). */
  startMs: number;
}

export interface FillResult {
  frames: number;
  firstTs: string;
  lastTs: string;
  byAction: Record<string, number>;
  flagged: number;
  /** Message ids spread through the log (the first in the middle), each for a search that finds just its CALL and answer. */
  rareTexts: string[];
  chargerIds: string[];
}

type Frame = [ts: string, chargerId: string, direction: 'in' | 'out', kind: string, messageId: string | null, action: string | null, raw: string, error: string | null];

/** What a fleet says, weighted: charger-initiated calls dominate, a few central-system commands. */
const mix: Array<[action: string, weight: number, from: 'CP' | 'CS']> = [
  ['MeterValues', 40, 'CP'],
  ['Heartbeat', 18, 'CP'],
  ['StatusNotification', 14, 'CP'],
  ['Authorize', 6, 'CP'],
  ['StartTransaction', 4, 'CP'],
  ['StopTransaction', 4, 'CP'],
  ['DataTransfer', 2, 'CP'],
  ['BootNotification', 1, 'CP'],
  ['RemoteStartTransaction', 2, 'CS'],
  ['RemoteStopTransaction', 2, 'CS'],
  ['GetConfiguration', 2, 'CS'],
  ['ChangeConfiguration', 2, 'CS'],
  ['TriggerMessage', 1, 'CS'],
  ['Reset', 0.5, 'CS'],
  ['SetChargingProfile', 1, 'CS'],
  ['ChangeAvailability', 0.5, 'CS'],
];
const totalWeight = mix.reduce((a, [, w]) => a + w, 0);

function payloads(action: string, rnd: () => number, iso: string, txId: number): [request: unknown, response: unknown] {
  const connectorId = 1 + Math.floor(rnd() * 2);
  switch (action) {
    case 'MeterValues': {
      const wh = Math.floor(rnd() * 9e6);
      return [
        {
          connectorId,
          transactionId: txId,
          meterValue: [
            {
              timestamp: iso,
              sampledValue: [
                { value: String(wh), context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
                { value: (rnd() * 22000).toFixed(0), context: 'Sample.Periodic', measurand: 'Power.Active.Import', unit: 'W' },
                { value: (rnd() * 32).toFixed(1), context: 'Sample.Periodic', measurand: 'Current.Import', phase: 'L1', unit: 'A' },
                { value: (225 + rnd() * 10).toFixed(1), context: 'Sample.Periodic', measurand: 'Voltage', phase: 'L1-N', unit: 'V' },
              ],
            },
          ],
        },
        {},
      ];
    }
    case 'Heartbeat':
      return [{}, { currentTime: iso }];
    case 'StatusNotification':
      return [{ connectorId, errorCode: 'NoError', status: ['Available', 'Preparing', 'Charging', 'SuspendedEV', 'Finishing'][Math.floor(rnd() * 5)], timestamp: iso }, {}];
    case 'Authorize':
      return [{ idTag: `TAG${Math.floor(rnd() * 500)}` }, { idTagInfo: { status: 'Accepted' } }];
    case 'StartTransaction':
      return [
        { connectorId, idTag: `TAG${Math.floor(rnd() * 500)}`, meterStart: Math.floor(rnd() * 1e6), timestamp: iso },
        { transactionId: txId, idTagInfo: { status: 'Accepted' } },
      ];
    case 'StopTransaction':
      return [{ transactionId: txId, meterStop: Math.floor(rnd() * 1e7), timestamp: iso, reason: 'Local' }, { idTagInfo: { status: 'Accepted' } }];
    case 'DataTransfer':
      return [{ vendorId: 'com.example', messageId: 'diag', data: 'temperature=41' }, { status: 'Accepted' }];
    case 'BootNotification':
      return [
        { chargePointVendor: 'Example', chargePointModel: 'AC22', firmwareVersion: '1.4.2' },
        { status: 'Accepted', currentTime: iso, interval: 300 },
      ];
    case 'RemoteStartTransaction':
      return [{ idTag: 'REMOTE1', connectorId }, { status: 'Accepted' }];
    case 'RemoteStopTransaction':
      return [{ transactionId: txId }, { status: 'Accepted' }];
    case 'GetConfiguration':
      return [{ key: ['HeartbeatInterval'] }, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] }];
    case 'ChangeConfiguration':
      return [{ key: 'MeterValueSampleInterval', value: '60' }, { status: 'Accepted' }];
    case 'TriggerMessage':
      return [{ requestedMessage: 'StatusNotification', connectorId }, { status: 'Accepted' }];
    case 'Reset':
      return [{ type: 'Soft' }, { status: 'Accepted' }];
    case 'SetChargingProfile':
      return [
        {
          connectorId,
          csChargingProfiles: {
            chargingProfileId: 3,
            stackLevel: 1,
            chargingProfilePurpose: 'TxDefaultProfile',
            chargingProfileKind: 'Absolute',
            chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
          },
        },
        { status: 'Accepted' },
      ];
    default:
      return [{ connectorId, type: 'Operative' }, { status: 'Accepted' }];
  }
}

/** Creates the record in `dataDir` and logs `frames` frames into it (closed when this resolves). */
export async function fillLog(dataDir: string, o: FillOptions): Promise<FillResult> {
  const record = await BenchRecord.open(dataDir);
  await record.close();

  const db = new Database(databaseFile(dataDir));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -65536');
  const insert = db.prepare('INSERT INTO messages (ts, charger_id, direction, kind, message_id, action, raw, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const addChunk = db.prepare('INSERT INTO chunks (kind, key, first_id, last_id, rows) VALUES (?, ?, ?, ?, ?)');
  const seen = db.prepare('INSERT INTO chargers (id, first_seen, last_seen) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen');

  const rnd = seededRandom(1610);
  const chargerIds = Array.from({ length: o.chargers }, (_, i) => `CB-${String(i + 1).padStart(4, '0')}`);
  const byAction: Record<string, number> = {};
  let flagged = 0;
  let messageSeq = 0;
  let txId = 1;
  // Frames arrive evenly: framesPerBatch of them a second.
  const msPerFrame = 1000 / o.framesPerBatch;
  // The middle first, then spread out: each search of a run reads the log afresh.
  const rareAt = [0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.1, 0.9, 0.35, 0.65, 0.15, 0.85, 0.45, 0.55, 0.25, 0.75, 0.05, 0.95, 0.5].map((f) => Math.floor(o.frames * f) + 1);
  const rareTexts: string[] = [];

  const frameAt = (i: number): string => new Date(o.startMs + Math.floor(i * msPerFrame)).toISOString();
  const pending: Frame[] = [];
  let frameNo = 0;
  const produce = (): void => {
    const pick = rnd() * totalWeight;
    let acc = 0;
    let entry = mix[0];
    for (const m of mix)
      if ((acc += m[1]) >= pick) {
        entry = m;
        break;
      }
    const [action, , from] = entry;
    const chargerId = chargerIds[Math.floor(rnd() * chargerIds.length)];
    const iso = frameAt(frameNo++);
    const [req, conf] = payloads(action, rnd, iso, txId);
    if (action === 'StopTransaction') txId++;
    const messageId = from === 'CP' ? `${chargerId}-${++messageSeq}` : `cs-${++messageSeq}`;
    const callDir = from === 'CP' ? 'in' : 'out';
    const answerDir = from === 'CP' ? 'out' : 'in';
    const callRaw = JSON.stringify([2, messageId, action, req]);
    pending.push([iso, chargerId, callDir, 'CALL', messageId, action, callRaw, null]);
    const roll = rnd();
    if (roll < 0.004) {
      const raw = JSON.stringify([4, messageId, 'NotSupported', `${action} is not supported here`, {}]);
      pending.push([frameAt(frameNo++), chargerId, answerDir, 'CALLERROR', messageId, action, raw, null]);
    } else if (roll < 0.005) {
      pending.push([
        frameAt(frameNo++),
        chargerId,
        answerDir,
        'CALLRESULT',
        messageId,
        action,
        JSON.stringify([3, messageId, { status: 'Sideways' }]),
        'TypeConstraintViolation: status: Invalid option',
      ]);
    } else {
      pending.push([frameAt(frameNo++), chargerId, answerDir, 'CALLRESULT', messageId, action, JSON.stringify([3, messageId, conf]), null]);
    }
  };

  const writeBatch = db.transaction((frames: Frame[]) => {
    const chunks = new Map<string, [string, string, number, number, number]>();
    const chunk = (kind: string, key: string | null, id: number): void => {
      if (key === null) return;
      const k = `${kind}\u0000${key}`;
      const c = chunks.get(k);
      if (c) {
        c[3] = id;
        c[4]++;
      } else chunks.set(k, [kind, key, id, id, 1]);
    };
    for (const f of frames) {
      const id = Number(insert.run(f).lastInsertRowid);
      byAction[f[5]!] = (byAction[f[5]!] ?? 0) + 1;
      if (f[3] === 'CALLERROR' || f[7] !== null) flagged++;
      const at = rareAt.indexOf(id);
      if (at >= 0) rareTexts[at] = f[4]!;
      chunk('message/charger', f[1], id);
      chunk('message/action', f[5], id);
    }
    for (const c of chunks.values()) addChunk.run(c);
  });

  let written = 0;
  while (written < o.frames) {
    while (pending.length < o.framesPerBatch) produce();
    const batch = pending.splice(0, Math.min(o.framesPerBatch, o.frames - written));
    writeBatch(batch);
    written += batch.length;
  }
  const lastTs = frameAt(o.frames - 1);
  db.transaction(() => {
    for (const id of chargerIds) seen.run(id, frameAt(0), lastTs);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { frames: written, firstTs: frameAt(0), lastTs, byAction, flagged, rareTexts, chargerIds };
}

/** Waits (reading the record beside the bench) until the search index holds every frame: how long it took. */
export async function searchIndexBuilt(dir: string, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  const db = new Database(databaseFile(dir), { readonly: true });
  try {
    const newest = (db.prepare('SELECT MAX(id) AS n FROM messages').pluck(true).get() as number | null) ?? 0;
    const reached = db.prepare('SELECT indexed_to FROM messages_search_state').pluck(true);
    while ((reached.get() as number) < newest) {
      if (performance.now() - t0 > timeoutMs) throw new Error('the search index was not built in time');
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    db.close();
  }
  return performance.now() - t0;
}
