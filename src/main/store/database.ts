// The bench's SQLite record: one database per data directory, WAL, versioned migrations, and a group
// commit: writes queued during one turn of the event loop go into one transaction, and the frames
// waiting on them (our answers) go out only after that transaction has committed.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrations } from './migrations';

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (the Electron app uses this). */
  nativeBinding?: string;
  /** 'NORMAL' survives a killed process (WAL); 'FULL' also survives power loss, at some speed. */
  synchronous?: 'NORMAL' | 'FULL';
}

export type Db = Database.Database;

export class GroupCommit {
  private writes: Array<() => void> = [];
  private after: Array<() => void> = [];
  private scheduled = false;
  private readonly tx: (ops: Array<() => void>) => void;
  onError: (e: Error) => void = (e) => console.error('chargebench: writing the record failed:', e);

  constructor(db: Db) {
    this.tx = db.transaction((ops: Array<() => void>) => {
      for (const op of ops) op();
    });
  }

  /** Queues a write for the next commit. */
  write(op: () => void): void {
    this.writes.push(op);
    this.schedule();
  }

  /** Runs `fn` once everything queued so far is committed. */
  afterCommit(fn: () => void): void {
    this.after.push(fn);
    this.schedule();
  }

  /** Commits now (used on shutdown and by tests). */
  flush(): void {
    this.scheduled = false;
    const writes = this.writes;
    const after = this.after;
    this.writes = [];
    this.after = [];
    if (writes.length > 0) {
      try {
        this.tx(writes);
      } catch (e) {
        this.onError(e as Error);
      }
    }
    for (const fn of after) fn();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}

export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'chargebench.sqlite'), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new Error(`This record was written by a newer ChargeBench (schema ${current}; this version knows ${migrations.length}). Update ChargeBench or use another --data-dir.`);
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
