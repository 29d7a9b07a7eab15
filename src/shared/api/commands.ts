// The bench contract's inputs: every command argument as a zod schema, checked at each face's boundary
// (HTTP API, IPC) so bad input gets a message that names the field.
import { z } from 'zod';
import { AuthorizationStatus, DateTime, RegistrationStatus } from '../ocpp16';

export const SettingsPatch = z.strictObject({
  defaultBootStatus: RegistrationStatus.optional(),
  heartbeatInterval: z.int().min(1).max(86_400).optional(),
  authorization: z.enum(['acceptAll', 'localList']).optional(),
  callTimeout: z.int().min(1).max(3_600).optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const ChargerPatch = z.strictObject({
  /** null: use the bench default. */
  bootPolicy: RegistrationStatus.nullable().optional(),
});
export type ChargerPatch = z.infer<typeof ChargerPatch>;

export const IdTagEntrySchema = z.strictObject({
  idTag: z.string().min(1).max(20),
  status: AuthorizationStatus,
  expiryDate: DateTime.nullable().optional(),
  parentIdTag: z.string().max(20).nullable().optional(),
});

export const IdTagList = z.array(IdTagEntrySchema).max(100_000);

const limit = (max: number) => z.coerce.number().int().min(1).max(max).optional();
const id = z.coerce.number().int().min(1).optional();

export const MessagesQuery = z.strictObject({ chargerId: z.string().optional(), action: z.string().optional(), limit: limit(10_000), beforeId: id });
export const TransactionsQuery = z.strictObject({ chargerId: z.string().optional(), active: z.enum(['true', 'false']).optional(), limit: limit(10_000) });
export const MeterValuesQuery = z.strictObject({ transactionId: id, connectorId: z.coerce.number().int().min(0).optional(), limit: limit(100_000) });
export const ListQuery = z.strictObject({ chargerId: z.string().optional(), limit: limit(10_000) });
