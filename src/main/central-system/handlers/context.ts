// What a handler of a charge-point action may use: the charger it answers, the record, the idTag
// authorizer, the bench's settings and boot policies, the event bus and the clock.
import type { RegistrationStatus } from '../../../shared/ocpp16';
import type { BenchEvent, BenchSettings } from '../../../shared/api/views';
import type { BenchRecord } from '../../store/record';
import type { Authorizer } from '../authorizer';

export interface HandlerContext {
  chargerId: string;
  record: BenchRecord;
  auth: Authorizer;
  settings(): BenchSettings;
  bootPolicy(chargerId: string): RegistrationStatus;
  emit(event: BenchEvent): void;
  now(): string;
}
