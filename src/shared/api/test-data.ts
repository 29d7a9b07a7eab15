// The test data of a conformance run (the OCTT's <Configured …> values): its schema as a request gives it, as
// a run takes it, and as an earlier run kept it. Each idTag role is a card of its own: two roles naming the
// same card are refused (the bench would answer one of them as the other, and the charger would get a false
// verdict).
import { z } from 'zod';
import { EarlierIdToken, IdToken } from './input-rules';

/** A card of the test data: an idTag by the one rule (input-rules), refused rather than trimmed, as the UI's forms. */
const idTag = IdToken;

const testDataShape = z.strictObject({
  /** <Configured ConnectorId>. */
  connectorId: z.int().min(1).default(1),
  /** <Configured Valid IdTag>: Accepted by the bench. */
  validIdTag: idTag.default('OCTT-VALID'),
  /** A second valid idTag (a different driver). */
  validIdTag2: idTag.default('OCTT-VALID-2'),
  /** <Configured Invalid IdTag>: answered Invalid. */
  invalidIdTag: idTag.default('OCTT-INVALID'),
  blockedIdTag: idTag.default('OCTT-BLOCKED'),
  expiredIdTag: idTag.default('OCTT-EXPIRED'),
  /** <Configured ParentIdTag>: the parent of validIdTag and of validIdTag2 in the parent-tag cases. */
  parentIdTag: idTag.default('OCTT-PARENT'),
  /** <Configured Transaction Duration> (s): how long a charging session runs, and how long to wait to see none start. */
  transactionDurationS: z.int().min(1).max(3600).default(10),
  /** <Configured Heartbeat interval> (s), given in the BootNotification answers of the boot cases. */
  heartbeatIntervalS: z.int().min(1).max(86_400).default(60),
  /** <Configured Meter Value interval> (s): MeterValueSampleInterval in the cases that set it. */
  meterValueIntervalS: z.int().min(1).max(3600).default(10),
  /** <Configured Clock Aligned Data interval> (s). */
  clockAlignedIntervalS: z.int().min(1).max(3600).default(60),
  /** <Configured connectionTimeout> (s): ConnectionTimeOut in the cases that set it. */
  connectionTimeoutS: z.int().min(1).max(3600).default(30),
  /** <Configured Reservation Expiry Date Offset> (s). */
  reservationExpiryOffsetS: z.int().min(1).max(86_400).default(60),
  /** Firmware for UpdateFirmware (the bench hosts it when left out), and a location that fails. */
  firmwareLocation: z.string().min(1).optional(),
  badFirmwareLocation: z.string().min(1).default('http://127.0.0.1:9/firmware/missing.bin'),
  /** A file that downloads but is no firmware the charger can install (the bench hosts one when left out). */
  unsupportedFirmwareLocation: z.string().min(1).optional(),
  /** Where diagnostics are uploaded (the bench's own upload endpoint when left out), and a location that fails. */
  diagnosticsLocation: z.string().min(1).optional(),
  badDiagnosticsLocation: z.string().min(1).default('http://127.0.0.1:9/upload'),
  /** <Configured Charging Rate Unit> and limits for smart charging. */
  chargingRateUnit: z.enum(['A', 'W']).default('A'),
  chargingLimit: z.number().min(0).default(16),
  chargingLimit2: z.number().min(0).default(10),
  /** <Configured StackLevel>, <Configured duration> (s) and <Configured numberPhases> of the smart-charging cases' profiles. */
  stackLevel: z.int().min(0).max(100).default(0),
  chargingScheduleDurationS: z.int().min(1).max(86_400).default(300),
  numberPhases: z.int().min(1).max(3).default(3),
  /** <Configured Max Time Deviation> (s) for a schedule's start. */
  maxTimeDeviationS: z.int().min(0).max(3600).default(60),
  /** <Configured vendorId> for DataTransfer. */
  vendorId: z.string().min(1).max(255).default('ChargeBench'),
  /** A vendorId the charger does not support, for the DataTransfer the bench sends (TC_062_CS). */
  unsupportedVendorId: z.string().min(1).max(255).default('org.example.octt.unsupported'),
  /** Default time (s) to wait for a charger's message. */
  chargerTimeoutS: z.int().min(1).max(3600).default(30),
  /** Time (s) an operator has to do what is asked before the step times out. */
  operatorTimeoutS: z.int().min(5).max(3600).default(300),
});

/** The idTag roles of the test data, in the order the schema (and the start form) has them. */
export const idTagRoles = ['validIdTag', 'validIdTag2', 'invalidIdTag', 'blockedIdTag', 'expiredIdTag', 'parentIdTag'] as const;
export type IdTagRole = (typeof idTagRoles)[number];

/**
 * Two roles that may name the same card: the parent (group) idTag and a valid card, both answered Accepted,
 * a card its own group. Every other pair must differ: a card answered Accepted and also Invalid, Blocked or
 * Expired is answered as only one of them; and the second valid idTag is the different driver (the card that
 * must not stop another's session, nor take another's reservation).
 */
const mayShare = (a: IdTagRole, b: IdTagRole) => (a === 'parentIdTag' || b === 'parentIdTag') && (a.startsWith('valid') || b.startsWith('valid'));

/** OCPP 1.6 idTags are CiString20: a charger may take "card-1" and "CARD-1" as one card. */
const sameCard = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

export interface IdTagCollision {
  /** The role at fault (the later one in idTagRoles' order), and the earlier one it names the card of. */
  field: IdTagRole;
  other: IdTagRole;
  message: string;
}

/** The idTag roles of `data` that name a card another role names (each role at most once), in words. */
export function idTagCollisions(data: Partial<Record<IdTagRole, unknown>>): IdTagCollision[] {
  const out: IdTagCollision[] = [];
  for (const [i, field] of idTagRoles.entries()) {
    const tag = data[field];
    if (typeof tag !== 'string') continue;
    for (const other of idTagRoles.slice(0, i)) {
      const earlier = data[other];
      if (typeof earlier !== 'string' || mayShare(field, other) || !sameCard(tag, earlier)) continue;
      const both = tag === earlier ? `${tag} is used for both` : `${earlier} and ${tag} are one card: OCPP idTags ignore case`;
      out.push({ field, other, message: `must differ from ${other} (${both})` });
      break;
    }
  }
  return out;
}

/** Refuses test data whose idTag roles name the same card, on the field at fault. */
const distinctCards = (data: Partial<Record<IdTagRole, unknown>>, ctx: z.RefinementCtx) => {
  for (const c of idTagCollisions(data)) ctx.addIssue({ code: 'custom', path: [c.field], message: c.message, params: { other: c.other } });
};

export const TestData = testDataShape.superRefine(distinctCards);
export type TestData = z.infer<typeof TestData>;

/**
 * Test data an earlier run kept, as a re-run reads it: its cards by the rule that run took them under
 * (EarlierIdToken), so "Run again" of a run an older bench made is not refused for a card the idTag rule
 * now refuses; what a request gives is checked by TestData's rule first. Its roles must name distinct cards
 * all the same (a re-run with one card for two roles would give the same false verdicts again).
 */
export const EarlierTestData = testDataShape
  .extend({
    validIdTag: EarlierIdToken.default('OCTT-VALID'),
    validIdTag2: EarlierIdToken.default('OCTT-VALID-2'),
    invalidIdTag: EarlierIdToken.default('OCTT-INVALID'),
    blockedIdTag: EarlierIdToken.default('OCTT-BLOCKED'),
    expiredIdTag: EarlierIdToken.default('OCTT-EXPIRED'),
    parentIdTag: EarlierIdToken.default('OCTT-PARENT'),
  })
  .superRefine(distinctCards);
export type TestDataInput = z.input<typeof TestData>;

export const defaultTestData = (): TestData => TestData.parse({});

/**
 * Test data as a request gives it (the API's and the UI's start of a run): each field optional and none
 * filled in, so a field left out is told apart from one given (a re-run keeps the earlier run's value of a
 * field left out); the run fills in the rest from TestData's defaults. Two idTag roles given with one card
 * are refused here (one given against a default or an earlier run's is refused when the run fills them in).
 */
export const TestDataGiven = z
  .strictObject(Object.fromEntries(Object.entries(testDataShape.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? field.unwrap() : field).optional()])))
  .superRefine(distinctCards) as unknown as z.ZodType<Partial<TestData>, Partial<TestDataInput>>;
