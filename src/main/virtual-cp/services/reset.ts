// Reset: the reboot behind Reset (Soft or Hard), a power cycle and a firmware install: transactions
// stopped with the right reason, the power down, scheduled availability applied, a boot 2 s later.
import { sleep } from '../../clock';
import type { Model } from '../model';

/** How long the charger takes to come back. */
const REBOOT_MS = 2_000;

export type RebootReason = 'SoftReset' | 'HardReset' | 'PowerLoss' | 'Reboot';

export class ResetService {
  constructor(private readonly cp: Model) {}

  /**
   * Ends every session with `reason` and gives their StopTransactions (and the statuses) time to go out
   * while the charger still has power; false when it was stopped or power-cycled meanwhile.
   */
  async endSessions(reason: RebootReason): Promise<boolean> {
    const { cp } = this;
    const before = cp.epoch;
    for (const c of cp.connectors.all) if (c.tx) cp.transactions.stop(c, reason);
    cp.refresh();
    for (let i = 0; i < 50 && cp.transactions.queued && cp.isAccepted; i++) await sleep(cp.clock, 100);
    return before === cp.epoch;
  }

  /** graceful: transactions stop before the connection closes (soft reset, firmware, a power cut on back-up
   * power); otherwise the power goes first and their StopTransactions follow the next boot (hard reset, power loss). */
  async reboot(reason: RebootReason, graceful: boolean): Promise<void> {
    const { cp } = this;
    const connectors = cp.connectors.all;
    if (graceful) {
      // Stopped or power-cycled while the StopTransactions went out: nothing left to reboot.
      if (!(await this.endSessions(reason))) return;
      cp.powerDown();
    } else {
      cp.powerDown();
      for (const c of connectors) if (c.tx) cp.transactions.stop(c, reason);
    }
    const epoch = cp.epoch;
    for (const c of connectors) {
      if (c.scheduledAvailability) c.availability = c.scheduledAvailability;
      c.scheduledAvailability = null;
      c.finishing = false;
      c.startFailed = false;
      c.evSuspended = false;
    }
    cp.connection.state = 'rebooting';
    cp.changed();
    await sleep(cp.clock, REBOOT_MS);
    // Stopped, started again or power-cycled meanwhile: that power-on owns the charger now.
    if (!cp.isRunning || epoch !== cp.epoch) return;
    cp.connection.state = 'connecting';
    cp.connection.connect();
  }
}
