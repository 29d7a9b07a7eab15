// The test data of a run, as OCTT has it: the connector, the idTags of each kind, durations and offsets,
// file locations and charging profile values. Defaults suit the built-in virtual charger; a run against a
// real charger gives its own (a file with --data, or the Test runs screen).
import { z } from 'zod';

const idTag = z.string().trim().min(1).max(20);

export const TestData = z.strictObject({
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
  /** Default time (s) to wait for a charger's message. */
  chargerTimeoutS: z.int().min(1).max(3600).default(30),
  /** Time (s) an operator has to do what is asked before the step times out. */
  operatorTimeoutS: z.int().min(5).max(3600).default(300),
});
export type TestData = z.infer<typeof TestData>;
export type TestDataInput = z.input<typeof TestData>;

export const defaultTestData = (): TestData => TestData.parse({});
