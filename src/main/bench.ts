// The bench core every face drives: the record (SQLite), the central system and the bench's own
// virtual chargers. Runs in plain Node.
import type { OpenOptions } from './store/database';
import { BenchRecord } from './store/record';
import { CentralSystem, type CentralSystemOptions } from './central-system/central-system';
import { VirtualChargerManager } from './virtual-cp/manager';
import type { Clock } from './virtual-cp/clock';

export interface BenchOptions extends CentralSystemOptions, OpenOptions {
  dataDir: string;
  /** Clock of the virtual chargers (tests drive it). */
  virtualClock?: Clock;
}

export class Bench {
  private constructor(
    readonly record: BenchRecord,
    readonly centralSystem: CentralSystem,
    readonly virtualChargers: VirtualChargerManager,
    readonly dataDir: string,
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
    const virtualChargers = new VirtualChargerManager(record, {
      // Virtual chargers reach the central system over loopback unless it listens on one address only.
      url: () => {
        const { host, port } = cs.address();
        const reach = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
        return `ws://${reach}:${port}/ocpp`;
      },
      register: async (id, password) => void (await cs.registerCharger(id, password ? { password } : {})),
      emit: (e) => cs.publish(e),
      clock: options.virtualClock,
    });
    await virtualChargers.load();
    return new Bench(record, cs, virtualChargers, options.dataDir);
  }

  async stop(): Promise<void> {
    await this.virtualChargers.close();
    await this.centralSystem.stop();
    await this.record.close();
  }
}
