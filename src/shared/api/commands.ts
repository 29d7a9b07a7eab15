// The bench contract's inputs: every command argument as a zod schema, checked at each face's boundary
// (HTTP API, IPC) so bad input gets a message that names the field.
import { z } from 'zod';
import { AuthorizationStatus, DateTime, RegistrationStatus } from '../ocpp16';
import { ChargePointIdentity, StoredIdToken, StoredIdTokenOrEmpty } from './input-rules';

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

/** The charge point identity: the one rule of input-rules (the WebSocket upgrade checks it too). */
export { ChargePointIdentity };

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

/**
 * What `chargers:register` takes: a new charger's id gets the identity rule (the bench applies it when the
 * charger is new), while a charger the bench already knows is named by its id as stored, so one an older
 * bench recorded under an id the rule now refuses (e.g. with a space at its end) can still be registered.
 */
export const ChargerRegistrationArgs = ChargerRegistration.extend({ id: z.string({ error: 'must be a string: the charge point identity' }).min(1, { error: 'must not be empty' }) });

/**
 * An OCPP 1.6 IdTagInfo entry of the bench's list. A card may be its own parent (OCPP 1.6 does not forbid
 * it, and central systems commonly send parentIdTag = idTag). Its cards by the rule an older bench took them
 * under (StoredIdToken), so a card already in the list can be updated, restored and named as a parent; the
 * bench applies the idTag rule (IdToken) to an idTag or parentIdTag new to it, with the same 400 naming the field.
 */
export const IdTagEntrySchema = z.strictObject({
  idTag: StoredIdToken,
  status: AuthorizationStatus,
  expiryDate: DateTime.nullable().optional(),
  parentIdTag: StoredIdTokenOrEmpty.nullable().optional(),
});

export const IdTagList = z.array(IdTagEntrySchema).max(100_000);

const limit = (max: number) => z.coerce.number().int().min(1).max(max).optional();
const id = z.coerce.number().int().min(1).optional();

export const MessagesQuery = z.strictObject({ chargerId: z.string().optional(), action: z.string().optional(), limit: limit(10_000), beforeId: id });
export const TransactionsQuery = z.strictObject({ chargerId: z.string().optional(), active: z.enum(['true', 'false']).optional(), limit: limit(10_000) });
export const MeterValuesQuery = z.strictObject({ transactionId: id, connectorId: z.coerce.number().int().min(0).optional(), limit: limit(100_000) });
export const ListQuery = z.strictObject({ chargerId: z.string().optional(), limit: limit(10_000) });
