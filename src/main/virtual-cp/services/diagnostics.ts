// Diagnostics: a ring of the charger's recent frames, and GetDiagnostics as a real upload of them with
// its state (HTTP multipart), retried as asked, with DiagnosticsStatusNotification along the way.
import type { FrameRecord } from '../../rpc/endpoint';
import type { DiagnosticsStatus, RequestOf } from '../../../shared/ocpp16';
import { sleep } from '../../clock';
import type { Model } from '../model';
import { upload } from './transfer';

/** How many recent frames the charger keeps for its diagnostics. */
const DIAGNOSTICS_LINES = 2_000;

export class DiagnosticsService {
  status: DiagnosticsStatus = 'Idle';
  /** An upload is on the wire (real I/O: a run on fake time waits for it). */
  transferring = false;
  private readonly recent: string[] = [];

  /** `keep` false: no ring of frames (large fleets). */
  constructor(
    private readonly cp: Model,
    private readonly keep: boolean,
  ) {}

  /** Every frame the charger sends or receives, at `ts`. */
  record(ts: string, rec: FrameRecord): void {
    if (!this.keep) return;
    this.recent.push(`${ts} ${rec.direction === 'out' ? '->' : '<-'} ${rec.raw}`);
    if (this.recent.length > DIAGNOSTICS_LINES) this.recent.splice(0, this.recent.length - DIAGNOSTICS_LINES);
  }

  /** The name GetDiagnostics answers with, for the upload that follows. */
  fileName(kind = 'diagnostics'): string {
    return `${kind}-${this.cp.id}-${this.cp.iso().replace(/[:.]/g, '-')}.txt`.slice(0, 255);
  }

  async upload(req: RequestOf<'GetDiagnostics'>, fileName: string): Promise<void> {
    const { cp } = this;
    const from = req.startTime ? Date.parse(req.startTime) : -Infinity;
    const to = req.stopTime ? Date.parse(req.stopTime) : Infinity;
    const lines = this.recent.filter((l) => {
      const t = Date.parse(l.slice(0, 24));
      return t >= from && t <= to;
    });
    const content = [`ChargeBench virtual charge point ${cp.id} diagnostics`, `firmware ${cp.firmware.version}`, JSON.stringify(cp.view(), null, 2), '', ...lines, ''].join('\n');
    const attempts = 1 + Math.max(0, req.retries ?? 0);
    const epoch = cp.epoch;
    for (let i = 0; i < attempts; i++) {
      if (epoch !== cp.epoch) return;
      this.setStatus('Uploading');
      this.transferring = true;
      const result = await upload(req.location, fileName, content).finally(() => (this.transferring = false));
      if (result.ok) return this.setStatus('Uploaded');
      cp.lastError = `Diagnostics upload failed: ${result.reason}`;
      if (i + 1 < attempts) await sleep(cp.clock, Math.max(1, req.retryInterval ?? 30) * 1000);
    }
    this.setStatus('UploadFailed');
  }

  /** GetLog (security extension): the log uploaded as GetDiagnostics does, reported with LogStatusNotification. */
  async uploadLog(req: RequestOf<'GetLog'>, fileName: string): Promise<void> {
    const { cp } = this;
    const security = req.logType === 'SecurityLog';
    // The security log: what a security event log records (connections, boots, refusals); the diagnostics log: every frame.
    const lines = security ? this.recent.filter((l) => /BootNotification|SecurityEventNotification|"Accepted"|"Rejected"/.test(l)) : this.recent;
    const content = [`ChargeBench virtual charge point ${cp.id} ${security ? 'security' : 'diagnostics'} log`, ...lines, ''].join('\n');
    const notify = (status: 'Uploading' | 'Uploaded' | 'UploadFailure') => {
      if (cp.isAccepted) void cp.call('LogStatusNotification', { status, requestId: req.requestId });
    };
    const attempts = 1 + Math.max(0, req.retries ?? 0);
    const epoch = cp.epoch;
    for (let i = 0; i < attempts; i++) {
      if (epoch !== cp.epoch) return;
      notify('Uploading');
      this.transferring = true;
      const result = await upload(req.log.remoteLocation, fileName, content).finally(() => (this.transferring = false));
      if (result.ok) return notify('Uploaded');
      cp.lastError = `Log upload failed: ${result.reason}`;
      if (i + 1 < attempts) await sleep(cp.clock, Math.max(1, req.retryInterval ?? 30) * 1000);
    }
    notify('UploadFailure');
  }

  /** TriggerMessage(DiagnosticsStatusNotification): Uploading while an upload runs, else Idle. */
  triggered(): void {
    void this.cp.call('DiagnosticsStatusNotification', { status: this.status === 'Uploading' ? 'Uploading' : 'Idle' });
  }

  private setStatus(status: DiagnosticsStatus): void {
    this.status = status;
    this.cp.changed();
    if (this.cp.isAccepted) void this.cp.call('DiagnosticsStatusNotification', { status });
  }
}
