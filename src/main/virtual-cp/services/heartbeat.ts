// Heartbeat: a Heartbeat every HeartbeatInterval while registered (the interval BootNotification gave,
// or one the central system set since).
import { every, type Timer } from '../../clock';
import { ownKeys, type OwnedKeys } from '../configuration';
import type { Model } from '../model';

/** The configuration keys the heartbeat owns. */
export const heartbeatKeys = ['HeartbeatInterval'] as const;

/** The longest interval the charger takes from a BootNotification answer: a day. */
const MAX_INTERVAL_S = 86_400;

export class HeartbeatService {
  private timer: Timer | null = null;
  private readonly keys: OwnedKeys<(typeof heartbeatKeys)[number]>;

  constructor(private readonly cp: Model) {
    this.keys = ownKeys(cp.config, heartbeatKeys);
    this.keys.onChange('HeartbeatInterval', () => {
      if (cp.isAccepted) this.start();
    });
  }

  /** (Re)starts the heartbeats; the interval is read again before each. */
  start(): void {
    this.timer?.cancel();
    this.timer = every(
      this.cp.clock,
      () => this.keys.HeartbeatInterval * 1000,
      () => {
        if (this.cp.isAccepted) void this.cp.call('Heartbeat', {});
      },
    );
  }

  /** The interval a BootNotification answer gave. */
  useInterval(seconds: number): void {
    this.keys.setInternal('HeartbeatInterval', String(Math.min(seconds, MAX_INTERVAL_S)));
  }

  stop(): void {
    this.timer?.cancel();
  }

  powerDown(): void {
    this.timer?.cancel();
    this.timer = null;
  }
}
