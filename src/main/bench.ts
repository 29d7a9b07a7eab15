// The bench core every face drives: the record (SQLite) and the central system. Runs in plain Node.
import type { OpenOptions } from './store/database';
import { BenchRecord } from './store/record';
import { CentralSystem, type CentralSystemOptions } from './central-system/central-system';

export interface BenchOptions extends CentralSystemOptions, OpenOptions {
  dataDir: string;
}

export class Bench {
  private constructor(
    readonly record: BenchRecord,
    readonly centralSystem: CentralSystem,
  ) {}

  static async start(options: BenchOptions): Promise<Bench> {
    const record = await BenchRecord.open(options.dataDir, options);
    const cs = new CentralSystem(record, options);
    try {
      await cs.start();
    } catch (e) {
      await record.close();
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EADDRINUSE') throw new Error(`Port ${options.port} is already in use: another ChargeBench or central system is running. Pick another with --port.`);
      throw e;
    }
    return new Bench(record, cs);
  }

  async stop(): Promise<void> {
    await this.centralSystem.stop();
    await this.record.close();
  }
}
