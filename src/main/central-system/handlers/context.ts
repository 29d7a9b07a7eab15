// What a handler of a charge-point action may use: the charger it answers, the record, the idTag
// authorizer, the bench's decisions for this charger (its boot answer, an idTag's status, the time it is
// told: where a bench behaviour overrides them, the handlers follow it), the event bus and the clock.
import type { IdTagInfo, RegistrationStatus } from '../../../shared/ocpp16';
import type { BenchEvent, BenchSettings } from '../../../shared/api/views';
import type { BenchRecord } from '../../store/record';
import type { Authorizer } from '../authorizer';

export interface HandlerContext {
  chargerId: string;
  record: BenchRecord;
  auth: Authorizer;
  settings(): BenchSettings;
  /** The answer to this charger's BootNotification: its status and the heartbeat interval given. */
  bootAnswer(): { status: RegistrationStatus; interval: number };
  /** An idTag's status for this charger. */
  authorize(idTag: string): IdTagInfo;
  emit(event: BenchEvent): void;
  /** The bench's time, as recorded. */
  now(): string;
  /** The time the bench tells the charger (BootNotification, Heartbeat): now, unless its clock is set wrong on purpose. */
  toldTime(): string;
}
