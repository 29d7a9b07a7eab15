// A bench record (the current schema) in `dir`, filled by `fill` straight through SQL before a bench opens it:
// for tests of what an older bench left in the record (rows today's rules would not take).
import Database from 'better-sqlite3';
import { databaseFile } from '../../src/main/store/database';
import { migrations } from '../../src/main/store/migrations';

export function seedRecord(dir: string, fill: (db: Database.Database) => void): void {
  const db = new Database(databaseFile(dir));
  try {
    db.pragma('journal_mode = WAL');
    for (const m of migrations) db.exec(m);
    db.pragma(`user_version = ${migrations.length}`);
    fill(db);
  } finally {
    db.close();
  }
}
