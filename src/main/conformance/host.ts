// What the conformance engine needs of the bench for one charger (the runner gives it, a case's context
// uses it), and how a step gives way to the run's Stop.
import type { Clock } from '../clock';
import type { BehaviourRegistry } from '../central-system/behaviour';
import type { EitherPassword } from '../central-system/registry';
import type { CentralSystemAction, IdTagInfo } from '../../shared/ocpp16';
import type { OperationResult } from '../../shared/api/views';
import type { ChargerFrames } from './frames';
import type { StrayStop } from '../core/stray-stops';
import type { Operator } from './operator';
import { RunStopped } from './types';

/** What the engine needs of the bench for one charger. */
export interface CaseHost {
  chargerId: string;
  clock: Clock;
  frames: ChargerFrames;
  behaviours: BehaviourRegistry;
  operator: Operator;
  /** Sends an operation as the tool: the OCPP schema applies, the bench's rules for people do not. */
  operate(action: CentralSystemAction, payload: unknown, timeoutMs: number): Promise<OperationResult>;
  /** Sets the run's idTag answers: the test data's, with these changed for the case in progress. */
  idTagAnswers(overrides?: Record<string, IdTagInfo>): void;
  /** Drops the charger's connection and refuses it for `seconds`. */
  goOffline(seconds: number): void;
  /** The transactions the bench sees running on the charger (id, connector). */
  openTransactions(): Array<{ transactionId: number; connectorId: number; idTag: string }>;
  /** The transactions the record held open on the charger when the run began (ids), whether or not they run now. */
  transactionsBefore?(): number[];
  /** Those among them the run left as it is, its charger having lost them at a reboot (running-before), while the record holds them open. */
  leftOpen?(): Array<{ transactionId: number; connectorId: number; idTag: string }>;
  /** When a transaction of the charger's began as the record holds it (its StartTransaction's timestamp), or null when the record does not hold it. */
  transactionStartedAt?(transactionId: number): string | null;
  /** A StopTransaction with a wrong transactionId that came on the charger while the record held that transaction open (stray-stops), or null. */
  strayStop?(transactionId: number): StrayStop | null;
  /** When the bench last recorded a Heartbeat from the charger (ISO time), or null. */
  lastHeartbeat(): string | null;
  /** A connector's status as the charger last reported it (during the run, or before it), or null. */
  connectorStatus(connectorId: number): string | null;
  /** The connectors whose status the record holds from since the charger's last boot (before the run; all of them without a recorded boot). */
  connectorsSinceBoot?(): number[];
  /** The bench's own file locations: firmware it hosts, upload locations it receives diagnostics at. */
  files: BenchFiles;
  /**
   * Security profile 1: the password the bench checks for the charger (null: none checked), and changing it;
   * with `other`, the charger is let in with that one too until it connects with one of them, then keeps it.
   */
  password: { get(): string | null; set(password: string | null, other?: EitherPassword): Promise<void> };
  /** The run's Stop: the step in progress ends at once (RunStopped), and the case with it. */
  signal?: AbortSignal;
  /**
   * The charger's authorization cache is left as it is between cases (a commissioning on a live site: the
   * cache holds the cards that may charge offline); only a case that filled it itself clears it.
   */
  keepAuthorizationCache?: boolean;
}

export const noop = (): void => undefined;

/**
 * What `work` resolves to, unless `signal` aborts first: then RunStopped (`why`) at once, `onStop` is told,
 * and the work's own end is ignored.
 */
export function untilStopped<T>(work: Promise<T>, signal: AbortSignal | undefined, why = 'The run was stopped', onStop: () => void = noop): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new RunStopped(why));
  }
  return new Promise<T>((resolve, reject) => {
    const stop = () => {
      onStop();
      work.catch(() => undefined);
      reject(new RunStopped(why));
    };
    signal.addEventListener('abort', stop, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', stop);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(e as Error);
      },
    );
  });
}

/** Files the bench serves to the charger and receives from it, as the firmware and diagnostics cases use them. */
export interface BenchFiles {
  /** A firmware file the bench hosts: a dummy image, or one no charger can install ('unsupported'); its URL. */
  firmware(kind: 'valid' | 'unsupported', protocol: 'http' | 'ftp'): Promise<string>;
  /** A new upload location of the bench: its URL, and the files received through it so far. */
  uploadLocation(protocol: 'http' | 'ftp'): { url: string; received(): Array<{ name: string; bytes: number }> };
}
