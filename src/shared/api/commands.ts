// The bench contract's inputs: every command argument as a zod schema, checked at each face's boundary
// (HTTP API, IPC) so bad input gets a message that names the field.
import { z } from 'zod';
import { AuthorizationStatus, DateTime, RegistrationStatus } from '../ocpp16';

export { SettingsPatch } from './settings';

/**
 * A security profile 1 password (the charger's AuthorizationKey): at least the security whitepaper's 16
 * characters, at most 40 (its passwordString bound). Printable ASCII only, because chargers' setup pages
 * and Basic auth headers mangle the rest. The messages never echo the value.
 */
export const AuthorizationKey = z
  .string({ error: "must be a string of 16 to 40 printable ASCII characters (the charger's AuthorizationKey)" })
  .min(16, { error: "must be at least 16 characters (the security whitepaper's minimum for an AuthorizationKey)" })
  .max(40, { error: 'must be at most 40 characters' })
  .regex(/^[\x20-\x7e]*$/, { error: 'must be printable ASCII only (letters, digits, punctuation, space)' });

/** The charge point identity: the last path segment of the URL it connects to, at most 48 characters. */
export const ChargePointIdentity = z
  .string({ error: 'must be a string: the charge point identity' })
  .min(1, { error: 'must not be empty' })
  .max(48, { error: "must be at most 48 characters (the security whitepaper's limit for a charge point identity)" })
  .regex(/^[^\p{C}\p{Zl}\p{Zp}]*$/u, { error: 'must be printable characters only (no control characters such as line breaks, escapes or NUL)' });

export const ChargerPatch = z.strictObject({
  /** null: use the bench default. */
  bootPolicy: RegistrationStatus.nullable().optional(),
  /** null: no password (the charger connects without auth unless requirePassword is on). */
  password: AuthorizationKey.nullable().optional(),
});
export type ChargerPatch = z.infer<typeof ChargerPatch>;

/** POST /api/chargers: registers a charger before (or after) its first connection. */
export const ChargerRegistration = z.strictObject({
  id: ChargePointIdentity,
  password: AuthorizationKey.nullable().optional(),
  bootPolicy: RegistrationStatus.nullable().optional(),
});
export type ChargerRegistration = z.infer<typeof ChargerRegistration>;

export const IdTagEntrySchema = z.strictObject({
  idTag: z.string().min(1, { error: 'must not be empty' }).max(20, { error: 'must be at most 20 characters (the OCPP 1.6 limit of an IdToken)' }),
  status: AuthorizationStatus,
  expiryDate: DateTime.nullable().optional(),
  parentIdTag: z.string().max(20, { error: 'must be at most 20 characters (the OCPP 1.6 limit of an IdToken)' }).nullable().optional(),
});

export const IdTagList = z.array(IdTagEntrySchema).max(100_000);

const limit = (max: number) => z.coerce.number().int().min(1).max(max).optional();
const id = z.coerce.number().int().min(1).optional();

export const MessagesQuery = z.strictObject({ chargerId: z.string().optional(), action: z.string().optional(), limit: limit(10_000), beforeId: id });
export const TransactionsQuery = z.strictObject({ chargerId: z.string().optional(), active: z.enum(['true', 'false']).optional(), limit: limit(10_000) });
export const MeterValuesQuery = z.strictObject({ transactionId: id, connectorId: z.coerce.number().int().min(0).optional(), limit: limit(100_000) });
export const ListQuery = z.strictObject({ chargerId: z.string().optional(), limit: limit(10_000) });
