// src/main/cli/index.ts
import { Command as Command3 } from "commander";

// src/main/version.ts
var version = "0.1.0";

// src/main/cli/serve.ts
import { Option } from "commander";
import { existsSync as existsSync4 } from "node:fs";
import { fileURLToPath } from "node:url";
import { join as join10, resolve as resolve2 } from "node:path";

// src/shared/ocpp16/primitives.ts
import { z } from "zod";
var RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;
function isRfc3339(s) {
  const m = RFC3339.exec(s);
  if (!m) return false;
  const [, y, mo, d, h, mi, sec, , , oh, om] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day > days || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 60) return false;
  return oh === void 0 || Number(oh) <= 23 && Number(om) <= 59;
}
var DateTime = z.string().check(z.refine(isRfc3339, { message: "must be an RFC 3339 date-time with an offset, e.g. 2024-05-01T12:00:00Z", params: { ocpp: "PropertyConstraintViolation" } }));
var Integer = z.number().check(z.refine(Number.isInteger, { message: "expected an integer, got a number with a fraction", params: { ocpp: "TypeConstraintViolation" } }));
var Decimal = z.number();
var Uri = z.url();

// src/shared/api/issues.ts
function issueWords(error, options = {}) {
  const out = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue.path, options);
    if (field in out) continue;
    let message = options.messages?.[field] ?? (options.plain ? plainWords(issue, valueAt(options.plain.input, issue.path), leafAt(options.plain.schema, issue.path)) : issue.message);
    if (options.labels) message = `${options.labels[field] ?? field} ${message}`;
    out[field] = options.sentence ? sentence(message) : message;
  }
  return out;
}
function firstIssue(error, options = {}) {
  const [field, message] = Object.entries(issueWords({ issues: error.issues.slice(0, 1) }, options))[0] ?? ["", "is not valid"];
  return { field, message };
}
function fieldOf(path, { key: key2 = "path", whole = "" }) {
  if (!path.length) return whole;
  if (key2 === "first") return String(path[0]);
  if (key2 === "last") return String(path[path.length - 1]);
  return path.map(String).join(".");
}
var sentence = (m) => `${m.charAt(0).toUpperCase()}${m.slice(1)}${/[.!?)]$/.test(m) ? "" : "."}`;
function plainWords(issue, value, leaf) {
  if (value === void 0 && issue.code !== "unrecognized_keys") return issue.code === "too_small" && issue.origin === "array" ? `Add at least ${String(issue.minimum)}` : "Required";
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "int" || isIntSchema(leaf)) return "Enter a whole number";
      if (issue.expected === "number") return "Enter a number";
      if (issue.expected === "string") return "Enter text";
      return `Expected ${issue.expected}`;
    case "too_big":
      if (issue.origin === "string") return `At most ${String(issue.maximum)} characters (this one has ${typeof value === "string" ? value.length : "?"})`;
      if (issue.origin === "array") return `At most ${String(issue.maximum)} entries`;
      if (Number(issue.maximum) >= Number.MAX_SAFE_INTEGER) return "Too large: enter a smaller number";
      return `At most ${String(issue.maximum)}`;
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) === 1 ? "Required" : `At least ${String(issue.minimum)} characters`;
      if (issue.origin === "array") return `Add at least ${String(issue.minimum)}`;
      if (Number(issue.minimum) <= Number.MIN_SAFE_INTEGER) return "Too small: enter a larger number";
      return `At least ${String(issue.minimum)}`;
    case "invalid_format":
      if (issue.format === "datetime") return "Enter a date and time";
      if (issue.format === "url") return "Enter a full URL, e.g. ftp://host/path or https://host/file.bin";
      return `Not a valid ${issue.format}`;
    case "invalid_value":
      return `Choose one of: ${issue.values.map(String).join(", ")}`;
    case "not_multiple_of":
      return `Use steps of ${String(issue.divisor)}`;
    case "unrecognized_keys":
      return `Not an OCPP field: ${issue.keys.join(", ")}`;
    case "custom":
      if (leaf === Integer) return "Enter a whole number";
      if (leaf === DateTime) return "Enter a date and time";
      return issue.message;
    default:
      return issue.message;
  }
}
function valueAt(input, path) {
  let v = input;
  for (const k of path) v = v !== null && typeof v === "object" ? v[k] : void 0;
  return v;
}
var defOf = (s) => s?._zod?.def;
function unwrap(s) {
  let d = defOf(s);
  while (d && (d.type === "optional" || d.type === "default" || d.type === "nullable")) {
    s = d.innerType;
    d = defOf(s);
  }
  return s;
}
function leafAt(schema, path) {
  let s = schema;
  for (const k of path) {
    const d = defOf(unwrap(s));
    if (d?.type === "object" && d.shape) s = d.shape[String(k)];
    else if (d?.type === "array") s = d.element;
    else return void 0;
  }
  return unwrap(s);
}
var isIntSchema = (s) => s === Integer || s?.isInt === true;

// src/main/errors.ts
var BenchError = class extends Error {
  constructor(status, message, extra = {}) {
    super(message);
    this.status = status;
    this.extra = extra;
    this.name = "BenchError";
  }
  status;
  extra;
};
function parse(schema, value, where) {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const { field, message } = firstIssue(r.error);
  throw new BenchError(400, `Invalid ${where}${field ? ` field "${field}"` : ""}: ${message}`, { field: field || where });
}

// src/shared/ocpp16/enums.ts
import { z as z2 } from "zod";
var AuthorizationStatus = z2.enum(["Accepted", "Blocked", "Expired", "Invalid", "ConcurrentTx"]);
var AvailabilityStatus = z2.enum(["Accepted", "Rejected", "Scheduled"]);
var AvailabilityType = z2.enum(["Inoperative", "Operative"]);
var CertificateUse = z2.enum(["CentralSystemRootCertificate", "ManufacturerRootCertificate"]);
var ChargePointErrorCode = z2.enum([
  "ConnectorLockFailure",
  "EVCommunicationError",
  "GroundFailure",
  "HighTemperature",
  "InternalError",
  "LocalListConflict",
  "NoError",
  "OtherError",
  "OverCurrentFailure",
  "PowerMeterFailure",
  "PowerSwitchFailure",
  "ReaderFailure",
  "ResetFailure",
  "UnderVoltage",
  "OverVoltage",
  "WeakSignal"
]);
var ChargePointStatus = z2.enum(["Available", "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV", "Finishing", "Reserved", "Unavailable", "Faulted"]);
var ChargingProfileKindType = z2.enum(["Absolute", "Recurring", "Relative"]);
var ChargingProfilePurposeType = z2.enum(["ChargePointMaxProfile", "TxDefaultProfile", "TxProfile"]);
var ChargingProfileStatus = z2.enum(["Accepted", "Rejected", "NotSupported"]);
var ChargingRateUnitType = z2.enum(["A", "W"]);
var ClearChargingProfileStatus = z2.enum(["Accepted", "Unknown"]);
var ConfigurationStatus = z2.enum(["Accepted", "Rejected", "RebootRequired", "NotSupported"]);
var DataTransferStatus = z2.enum(["Accepted", "Rejected", "UnknownMessageId", "UnknownVendorId"]);
var DeleteCertificateStatus = z2.enum(["Accepted", "Failed", "NotFound"]);
var DiagnosticsStatus = z2.enum(["Idle", "Uploaded", "UploadFailed", "Uploading"]);
var ExtendedMessageTrigger = z2.enum([
  "BootNotification",
  "LogStatusNotification",
  "FirmwareStatusNotification",
  "Heartbeat",
  "MeterValues",
  "SignChargePointCertificate",
  "StatusNotification"
]);
var FirmwareStatus = z2.enum(["Downloaded", "DownloadFailed", "Downloading", "Idle", "InstallationFailed", "Installing", "Installed"]);
var GenericStatus = z2.enum(["Accepted", "Rejected"]);
var GetInstalledCertificateStatus = z2.enum(["Accepted", "NotFound"]);
var HashAlgorithm = z2.enum(["SHA256", "SHA384", "SHA512"]);
var InstallCertificateStatus = z2.enum(["Accepted", "Failed", "Rejected"]);
var Location = z2.enum(["Cable", "EV", "Inlet", "Outlet", "Body"]);
var LogStatus = z2.enum(["Accepted", "Rejected", "AcceptedCanceled"]);
var LogType = z2.enum(["DiagnosticsLog", "SecurityLog"]);
var Measurand = z2.enum([
  "Energy.Active.Export.Register",
  "Energy.Active.Import.Register",
  "Energy.Reactive.Export.Register",
  "Energy.Reactive.Import.Register",
  "Energy.Active.Export.Interval",
  "Energy.Active.Import.Interval",
  "Energy.Reactive.Export.Interval",
  "Energy.Reactive.Import.Interval",
  "Power.Active.Export",
  "Power.Active.Import",
  "Power.Offered",
  "Power.Reactive.Export",
  "Power.Reactive.Import",
  "Power.Factor",
  "Current.Import",
  "Current.Export",
  "Current.Offered",
  "Voltage",
  "Frequency",
  "Temperature",
  "SoC",
  "RPM"
]);
var MessageTrigger = z2.enum(["BootNotification", "DiagnosticsStatusNotification", "FirmwareStatusNotification", "Heartbeat", "MeterValues", "StatusNotification"]);
var Phase = z2.enum(["L1", "L2", "L3", "N", "L1-N", "L2-N", "L3-N", "L1-L2", "L2-L3", "L3-L1"]);
var ReadingContext = z2.enum(["Interruption.Begin", "Interruption.End", "Sample.Clock", "Sample.Periodic", "Transaction.Begin", "Transaction.End", "Trigger", "Other"]);
var Reason = z2.enum(["EmergencyStop", "EVDisconnected", "HardReset", "Local", "Other", "PowerLoss", "Reboot", "Remote", "SoftReset", "UnlockCommand", "DeAuthorized"]);
var RecurrencyKindType = z2.enum(["Daily", "Weekly"]);
var RegistrationStatus = z2.enum(["Accepted", "Pending", "Rejected"]);
var ReservationStatus = z2.enum(["Accepted", "Faulted", "Occupied", "Rejected", "Unavailable"]);
var ResetType = z2.enum(["Hard", "Soft"]);
var SignedFirmwareStatus = z2.enum([
  "Downloaded",
  "DownloadFailed",
  "Downloading",
  "DownloadScheduled",
  "DownloadPaused",
  "Idle",
  "InstallationFailed",
  "Installing",
  "Installed",
  "InstallRebooting",
  "InstallScheduled",
  "InstallVerificationFailed",
  "InvalidSignature",
  "SignatureVerified"
]);
var TriggerMessageStatus = z2.enum(["Accepted", "Rejected", "NotImplemented"]);
var UnitOfMeasure = z2.enum(["Wh", "kWh", "varh", "kvarh", "W", "kW", "VA", "kVA", "var", "kvar", "A", "V", "K", "Celcius", "Celsius", "Fahrenheit", "Percent"]);
var UnlockStatus = z2.enum(["Unlocked", "UnlockFailed", "NotSupported"]);
var UpdateFirmwareStatus = z2.enum(["Accepted", "Rejected", "AcceptedCanceled", "InvalidCertificate", "RevokedCertificate"]);
var UpdateStatus = z2.enum(["Accepted", "Failed", "NotSupported", "VersionMismatch"]);
var UpdateType = z2.enum(["Differential", "Full"]);
var UploadLogStatus = z2.enum(["BadMessage", "Idle", "NotSupportedOperation", "PermissionDenied", "Uploaded", "UploadFailure", "Uploading"]);
var ValueFormat = z2.enum(["Raw", "SignedData"]);

// src/shared/ocpp16/types.ts
import { z as z3 } from "zod";
var IdTagInfo = z3.strictObject({
  expiryDate: DateTime.optional(),
  parentIdTag: z3.string().max(20).optional(),
  status: AuthorizationStatus
});
var CertificateHashData = z3.strictObject({
  hashAlgorithm: HashAlgorithm,
  issuerNameHash: z3.string().max(128),
  issuerKeyHash: z3.string().max(128),
  serialNumber: z3.string().max(40)
});
var ChargingSchedulePeriod = z3.strictObject({
  startPeriod: Integer,
  limit: Decimal.multipleOf(0.1),
  numberPhases: Integer.optional()
});
var ChargingSchedule = z3.strictObject({
  duration: Integer.optional(),
  startSchedule: DateTime.optional(),
  chargingRateUnit: ChargingRateUnitType,
  chargingSchedulePeriod: z3.array(ChargingSchedulePeriod).min(1),
  minChargingRate: Decimal.multipleOf(0.1).optional()
});
var LogParameters = z3.strictObject({
  remoteLocation: z3.string().max(512),
  oldestTimestamp: DateTime.optional(),
  latestTimestamp: DateTime.optional()
});
var SampledValue = z3.strictObject({
  value: z3.string(),
  context: ReadingContext.optional(),
  format: ValueFormat.optional(),
  measurand: Measurand.optional(),
  phase: Phase.optional(),
  location: Location.optional(),
  unit: UnitOfMeasure.optional()
});
var MeterValue = z3.strictObject({
  timestamp: DateTime,
  sampledValue: z3.array(SampledValue).min(1)
});
var ChargingProfile = z3.strictObject({
  chargingProfileId: Integer,
  transactionId: Integer.optional(),
  stackLevel: Integer,
  chargingProfilePurpose: ChargingProfilePurposeType,
  chargingProfileKind: ChargingProfileKindType,
  recurrencyKind: RecurrencyKindType.optional(),
  validFrom: DateTime.optional(),
  validTo: DateTime.optional(),
  chargingSchedule: ChargingSchedule
});
var AuthorizationData = z3.strictObject({
  idTag: z3.string().max(20),
  idTagInfo: IdTagInfo.optional()
});
var Firmware = z3.strictObject({
  location: z3.string().max(512),
  retrieveDateTime: DateTime,
  installDateTime: DateTime.optional(),
  signingCertificate: z3.string().max(5500),
  signature: z3.string().max(800)
});

// src/shared/ocpp16/messages/Authorize.ts
import { z as z4 } from "zod";
var AuthorizeRequest = z4.strictObject({
  idTag: z4.string().max(20)
});
var AuthorizeResponse = z4.strictObject({
  idTagInfo: IdTagInfo
});

// src/shared/ocpp16/messages/BootNotification.ts
import { z as z5 } from "zod";
var BootNotificationRequest = z5.strictObject({
  chargePointVendor: z5.string().max(20),
  chargePointModel: z5.string().max(20),
  chargePointSerialNumber: z5.string().max(25).optional(),
  chargeBoxSerialNumber: z5.string().max(25).optional(),
  firmwareVersion: z5.string().max(50).optional(),
  iccid: z5.string().max(20).optional(),
  imsi: z5.string().max(20).optional(),
  meterType: z5.string().max(25).optional(),
  meterSerialNumber: z5.string().max(25).optional()
});
var BootNotificationResponse = z5.strictObject({
  status: RegistrationStatus,
  currentTime: DateTime,
  interval: Integer
});

// src/shared/ocpp16/messages/CancelReservation.ts
import { z as z6 } from "zod";
var CancelReservationRequest = z6.strictObject({
  reservationId: Integer
});
var CancelReservationResponse = z6.strictObject({
  status: GenericStatus
});

// src/shared/ocpp16/messages/CertificateSigned.ts
import { z as z7 } from "zod";
var CertificateSignedRequest = z7.strictObject({
  certificateChain: z7.string().max(1e4)
});
var CertificateSignedResponse = z7.strictObject({
  status: GenericStatus
});

// src/shared/ocpp16/messages/ChangeAvailability.ts
import { z as z8 } from "zod";
var ChangeAvailabilityRequest = z8.strictObject({
  connectorId: Integer,
  type: AvailabilityType
});
var ChangeAvailabilityResponse = z8.strictObject({
  status: AvailabilityStatus
});

// src/shared/ocpp16/messages/ChangeConfiguration.ts
import { z as z9 } from "zod";
var ChangeConfigurationRequest = z9.strictObject({
  key: z9.string().max(50),
  value: z9.string().max(500)
});
var ChangeConfigurationResponse = z9.strictObject({
  status: ConfigurationStatus
});

// src/shared/ocpp16/messages/ClearCache.ts
import { z as z10 } from "zod";
var ClearCacheRequest = z10.strictObject({});
var ClearCacheResponse = z10.strictObject({
  status: GenericStatus
});

// src/shared/ocpp16/messages/ClearChargingProfile.ts
import { z as z11 } from "zod";
var ClearChargingProfileRequest = z11.strictObject({
  id: Integer.optional(),
  connectorId: Integer.optional(),
  chargingProfilePurpose: ChargingProfilePurposeType.optional(),
  stackLevel: Integer.optional()
});
var ClearChargingProfileResponse = z11.strictObject({
  status: ClearChargingProfileStatus
});

// src/shared/ocpp16/messages/DataTransfer.ts
import { z as z12 } from "zod";
var DataTransferRequest = z12.strictObject({
  vendorId: z12.string().max(255),
  messageId: z12.string().max(50).optional(),
  data: z12.string().optional()
});
var DataTransferResponse = z12.strictObject({
  status: DataTransferStatus,
  data: z12.string().optional()
});

// src/shared/ocpp16/messages/DeleteCertificate.ts
import { z as z13 } from "zod";
var DeleteCertificateRequest = z13.strictObject({
  certificateHashData: CertificateHashData
});
var DeleteCertificateResponse = z13.strictObject({
  status: DeleteCertificateStatus
});

// src/shared/ocpp16/messages/DiagnosticsStatusNotification.ts
import { z as z14 } from "zod";
var DiagnosticsStatusNotificationRequest = z14.strictObject({
  status: DiagnosticsStatus
});
var DiagnosticsStatusNotificationResponse = z14.strictObject({});

// src/shared/ocpp16/messages/ExtendedTriggerMessage.ts
import { z as z15 } from "zod";
var ExtendedTriggerMessageRequest = z15.strictObject({
  requestedMessage: ExtendedMessageTrigger,
  connectorId: Integer.optional()
});
var ExtendedTriggerMessageResponse = z15.strictObject({
  status: TriggerMessageStatus
});

// src/shared/ocpp16/messages/FirmwareStatusNotification.ts
import { z as z16 } from "zod";
var FirmwareStatusNotificationRequest = z16.strictObject({
  status: FirmwareStatus
});
var FirmwareStatusNotificationResponse = z16.strictObject({});

// src/shared/ocpp16/messages/GetCompositeSchedule.ts
import { z as z17 } from "zod";
var GetCompositeScheduleRequest = z17.strictObject({
  connectorId: Integer,
  duration: Integer,
  chargingRateUnit: ChargingRateUnitType.optional()
});
var GetCompositeScheduleResponse = z17.strictObject({
  status: GenericStatus,
  connectorId: Integer.optional(),
  scheduleStart: DateTime.optional(),
  chargingSchedule: ChargingSchedule.optional()
});

// src/shared/ocpp16/messages/GetConfiguration.ts
import { z as z18 } from "zod";
var GetConfigurationRequest = z18.strictObject({
  key: z18.array(z18.string().max(50)).optional()
});
var GetConfigurationResponse = z18.strictObject({
  configurationKey: z18.array(z18.strictObject({
    key: z18.string().max(50),
    readonly: z18.boolean(),
    value: z18.string().max(500).optional()
  })).optional(),
  unknownKey: z18.array(z18.string().max(50)).optional()
});

// src/shared/ocpp16/messages/GetDiagnostics.ts
import { z as z19 } from "zod";
var GetDiagnosticsRequest = z19.strictObject({
  location: Uri,
  retries: Integer.optional(),
  retryInterval: Integer.optional(),
  startTime: DateTime.optional(),
  stopTime: DateTime.optional()
});
var GetDiagnosticsResponse = z19.strictObject({
  fileName: z19.string().max(255).optional()
});

// src/shared/ocpp16/messages/GetInstalledCertificateIds.ts
import { z as z20 } from "zod";
var GetInstalledCertificateIdsRequest = z20.strictObject({
  certificateType: CertificateUse
});
var GetInstalledCertificateIdsResponse = z20.strictObject({
  certificateHashData: z20.array(CertificateHashData).min(1).optional(),
  status: GetInstalledCertificateStatus
});

// src/shared/ocpp16/messages/GetLocalListVersion.ts
import { z as z21 } from "zod";
var GetLocalListVersionRequest = z21.strictObject({});
var GetLocalListVersionResponse = z21.strictObject({
  listVersion: Integer
});

// src/shared/ocpp16/messages/GetLog.ts
import { z as z22 } from "zod";
var GetLogRequest = z22.strictObject({
  log: LogParameters,
  logType: LogType,
  requestId: Integer,
  retries: Integer.optional(),
  retryInterval: Integer.optional()
});
var GetLogResponse = z22.strictObject({
  status: LogStatus,
  filename: z22.string().max(255).optional()
});

// src/shared/ocpp16/messages/Heartbeat.ts
import { z as z23 } from "zod";
var HeartbeatRequest = z23.strictObject({});
var HeartbeatResponse = z23.strictObject({
  currentTime: DateTime
});

// src/shared/ocpp16/messages/InstallCertificate.ts
import { z as z24 } from "zod";
var InstallCertificateRequest = z24.strictObject({
  certificateType: CertificateUse,
  certificate: z24.string().max(5500)
});
var InstallCertificateResponse = z24.strictObject({
  status: InstallCertificateStatus
});

// src/shared/ocpp16/messages/LogStatusNotification.ts
import { z as z25 } from "zod";
var LogStatusNotificationRequest = z25.strictObject({
  status: UploadLogStatus,
  requestId: Integer.optional()
});
var LogStatusNotificationResponse = z25.strictObject({});

// src/shared/ocpp16/messages/MeterValues.ts
import { z as z26 } from "zod";
var MeterValuesRequest = z26.strictObject({
  connectorId: Integer,
  transactionId: Integer.optional(),
  meterValue: z26.array(MeterValue).min(1)
});
var MeterValuesResponse = z26.strictObject({});

// src/shared/ocpp16/messages/RemoteStartTransaction.ts
import { z as z27 } from "zod";
var RemoteStartTransactionRequest = z27.strictObject({
  connectorId: Integer.optional(),
  idTag: z27.string().max(20),
  chargingProfile: ChargingProfile.optional()
});
var RemoteStartTransactionResponse = z27.strictObject({
  status: GenericStatus
});

// src/shared/ocpp16/messages/RemoteStopTransaction.ts
import { z as z28 } from "zod";
var RemoteStopTransactionRequest = z28.strictObject({
  transactionId: Integer
});
var RemoteStopTransactionResponse = z28.strictObject({
  status: GenericStatus
});

// src/shared/ocpp16/messages/ReserveNow.ts
import { z as z29 } from "zod";
var ReserveNowRequest = z29.strictObject({
  connectorId: Integer,
  expiryDate: DateTime,
  idTag: z29.string().max(20),
  parentIdTag: z29.string().max(20).optional(),
  reservationId: Integer
});
var ReserveNowResponse = z29.strictObject({
  status: ReservationStatus
});

// src/shared/ocpp16/messages/Reset.ts
import { z as z30 } from "zod";
var ResetRequest = z30.strictObject({
  type: ResetType
});
var ResetResponse = z30.strictObject({
  status: GenericStatus
});

// src/shared/ocpp16/messages/SecurityEventNotification.ts
import { z as z31 } from "zod";
var SecurityEventNotificationRequest = z31.strictObject({
  type: z31.string().max(50),
  timestamp: DateTime,
  techInfo: z31.string().max(255).optional()
});
var SecurityEventNotificationResponse = z31.strictObject({});

// src/shared/ocpp16/messages/SendLocalList.ts
import { z as z32 } from "zod";
var SendLocalListRequest = z32.strictObject({
  listVersion: Integer,
  localAuthorizationList: z32.array(AuthorizationData).optional(),
  updateType: UpdateType
});
var SendLocalListResponse = z32.strictObject({
  status: UpdateStatus
});

// src/shared/ocpp16/messages/SetChargingProfile.ts
import { z as z33 } from "zod";
var SetChargingProfileRequest = z33.strictObject({
  connectorId: Integer,
  csChargingProfiles: ChargingProfile
});
var SetChargingProfileResponse = z33.strictObject({
  status: ChargingProfileStatus
});

// src/shared/ocpp16/messages/SignCertificate.ts
import { z as z34 } from "zod";
var SignCertificateRequest = z34.strictObject({
  csr: z34.string().max(5500)
});
var SignCertificateResponse = z34.strictObject({
  status: GenericStatus
});

// src/shared/ocpp16/messages/SignedFirmwareStatusNotification.ts
import { z as z35 } from "zod";
var SignedFirmwareStatusNotificationRequest = z35.strictObject({
  status: SignedFirmwareStatus,
  requestId: Integer.optional()
});
var SignedFirmwareStatusNotificationResponse = z35.strictObject({});

// src/shared/ocpp16/messages/SignedUpdateFirmware.ts
import { z as z36 } from "zod";
var SignedUpdateFirmwareRequest = z36.strictObject({
  retries: Integer.optional(),
  retryInterval: Integer.optional(),
  requestId: Integer,
  firmware: Firmware
});
var SignedUpdateFirmwareResponse = z36.strictObject({
  status: UpdateFirmwareStatus
});

// src/shared/ocpp16/messages/StartTransaction.ts
import { z as z37 } from "zod";
var StartTransactionRequest = z37.strictObject({
  connectorId: Integer,
  idTag: z37.string().max(20),
  meterStart: Integer,
  reservationId: Integer.optional(),
  timestamp: DateTime
});
var StartTransactionResponse = z37.strictObject({
  idTagInfo: IdTagInfo,
  transactionId: Integer
});

// src/shared/ocpp16/messages/StatusNotification.ts
import { z as z38 } from "zod";
var StatusNotificationRequest = z38.strictObject({
  connectorId: Integer,
  errorCode: ChargePointErrorCode,
  info: z38.string().max(50).optional(),
  status: ChargePointStatus,
  timestamp: DateTime.optional(),
  vendorId: z38.string().max(255).optional(),
  vendorErrorCode: z38.string().max(50).optional()
});
var StatusNotificationResponse = z38.strictObject({});

// src/shared/ocpp16/messages/StopTransaction.ts
import { z as z39 } from "zod";
var StopTransactionRequest = z39.strictObject({
  idTag: z39.string().max(20).optional(),
  meterStop: Integer,
  timestamp: DateTime,
  transactionId: Integer,
  reason: Reason.optional(),
  transactionData: z39.array(MeterValue).optional()
});
var StopTransactionResponse = z39.strictObject({
  idTagInfo: IdTagInfo.optional()
});

// src/shared/ocpp16/messages/TriggerMessage.ts
import { z as z40 } from "zod";
var TriggerMessageRequest = z40.strictObject({
  requestedMessage: MessageTrigger,
  connectorId: Integer.optional()
});
var TriggerMessageResponse = z40.strictObject({
  status: TriggerMessageStatus
});

// src/shared/ocpp16/messages/UnlockConnector.ts
import { z as z41 } from "zod";
var UnlockConnectorRequest = z41.strictObject({
  connectorId: Integer
});
var UnlockConnectorResponse = z41.strictObject({
  status: UnlockStatus
});

// src/shared/ocpp16/messages/UpdateFirmware.ts
import { z as z42 } from "zod";
var UpdateFirmwareRequest = z42.strictObject({
  location: Uri,
  retries: Integer.optional(),
  retrieveDate: DateTime,
  retryInterval: Integer.optional()
});
var UpdateFirmwareResponse = z42.strictObject({});

// src/shared/ocpp16/actions.ts
var featureProfiles = ["Core", "FirmwareManagement", "LocalAuthListManagement", "Reservation", "SmartCharging", "RemoteTrigger"];
var def = (request, response, initiator, profile2) => ({
  request,
  response,
  initiator,
  profile: profile2
});
var actions = {
  // Charge point to central system
  Authorize: def(AuthorizeRequest, AuthorizeResponse, "CP", "Core"),
  BootNotification: def(BootNotificationRequest, BootNotificationResponse, "CP", "Core"),
  DataTransfer: def(DataTransferRequest, DataTransferResponse, "both", "Core"),
  DiagnosticsStatusNotification: def(DiagnosticsStatusNotificationRequest, DiagnosticsStatusNotificationResponse, "CP", "FirmwareManagement"),
  FirmwareStatusNotification: def(FirmwareStatusNotificationRequest, FirmwareStatusNotificationResponse, "CP", "FirmwareManagement"),
  Heartbeat: def(HeartbeatRequest, HeartbeatResponse, "CP", "Core"),
  MeterValues: def(MeterValuesRequest, MeterValuesResponse, "CP", "Core"),
  StartTransaction: def(StartTransactionRequest, StartTransactionResponse, "CP", "Core"),
  StatusNotification: def(StatusNotificationRequest, StatusNotificationResponse, "CP", "Core"),
  StopTransaction: def(StopTransactionRequest, StopTransactionResponse, "CP", "Core"),
  // Central system to charge point
  CancelReservation: def(CancelReservationRequest, CancelReservationResponse, "CS", "Reservation"),
  ChangeAvailability: def(ChangeAvailabilityRequest, ChangeAvailabilityResponse, "CS", "Core"),
  ChangeConfiguration: def(ChangeConfigurationRequest, ChangeConfigurationResponse, "CS", "Core"),
  ClearCache: def(ClearCacheRequest, ClearCacheResponse, "CS", "Core"),
  ClearChargingProfile: def(ClearChargingProfileRequest, ClearChargingProfileResponse, "CS", "SmartCharging"),
  GetCompositeSchedule: def(GetCompositeScheduleRequest, GetCompositeScheduleResponse, "CS", "SmartCharging"),
  GetConfiguration: def(GetConfigurationRequest, GetConfigurationResponse, "CS", "Core"),
  GetDiagnostics: def(GetDiagnosticsRequest, GetDiagnosticsResponse, "CS", "FirmwareManagement"),
  GetLocalListVersion: def(GetLocalListVersionRequest, GetLocalListVersionResponse, "CS", "LocalAuthListManagement"),
  RemoteStartTransaction: def(RemoteStartTransactionRequest, RemoteStartTransactionResponse, "CS", "Core"),
  RemoteStopTransaction: def(RemoteStopTransactionRequest, RemoteStopTransactionResponse, "CS", "Core"),
  ReserveNow: def(ReserveNowRequest, ReserveNowResponse, "CS", "Reservation"),
  Reset: def(ResetRequest, ResetResponse, "CS", "Core"),
  SendLocalList: def(SendLocalListRequest, SendLocalListResponse, "CS", "LocalAuthListManagement"),
  SetChargingProfile: def(SetChargingProfileRequest, SetChargingProfileResponse, "CS", "SmartCharging"),
  TriggerMessage: def(TriggerMessageRequest, TriggerMessageResponse, "CS", "RemoteTrigger"),
  UnlockConnector: def(UnlockConnectorRequest, UnlockConnectorResponse, "CS", "Core"),
  UpdateFirmware: def(UpdateFirmwareRequest, UpdateFirmwareResponse, "CS", "FirmwareManagement"),
  // Security extension, charge point to central system
  LogStatusNotification: def(LogStatusNotificationRequest, LogStatusNotificationResponse, "CP", "Security"),
  SecurityEventNotification: def(SecurityEventNotificationRequest, SecurityEventNotificationResponse, "CP", "Security"),
  SignCertificate: def(SignCertificateRequest, SignCertificateResponse, "CP", "Security"),
  SignedFirmwareStatusNotification: def(SignedFirmwareStatusNotificationRequest, SignedFirmwareStatusNotificationResponse, "CP", "Security"),
  // Security extension, central system to charge point
  CertificateSigned: def(CertificateSignedRequest, CertificateSignedResponse, "CS", "Security"),
  DeleteCertificate: def(DeleteCertificateRequest, DeleteCertificateResponse, "CS", "Security"),
  ExtendedTriggerMessage: def(ExtendedTriggerMessageRequest, ExtendedTriggerMessageResponse, "CS", "Security"),
  GetInstalledCertificateIds: def(GetInstalledCertificateIdsRequest, GetInstalledCertificateIdsResponse, "CS", "Security"),
  GetLog: def(GetLogRequest, GetLogResponse, "CS", "Security"),
  InstallCertificate: def(InstallCertificateRequest, InstallCertificateResponse, "CS", "Security"),
  SignedUpdateFirmware: def(SignedUpdateFirmwareRequest, SignedUpdateFirmwareResponse, "CS", "Security")
};
var isAction = (name) => Object.prototype.hasOwnProperty.call(actions, name);
var isCentralSystemAction = (name) => isAction(name) && actions[name].initiator !== "CP";
var isChargePointAction = (name) => isAction(name) && actions[name].initiator !== "CS";
var allActions = Object.keys(actions);
var chargePointActions = allActions.filter(isChargePointAction);
var centralSystemActions = allActions.filter(isCentralSystemAction);

// src/shared/ocpp16/frames.ts
var errorCodes = [
  "NotImplemented",
  "NotSupported",
  "InternalError",
  "ProtocolError",
  "SecurityError",
  "FormationViolation",
  "PropertyConstraintViolation",
  "OccurenceConstraintViolation",
  "TypeConstraintViolation",
  "GenericError"
];
function normalizeErrorCode(code) {
  return code === "OccurrenceConstraintViolation" ? "OccurenceConstraintViolation" : code;
}
var MAX_MESSAGE_ID_LENGTH = 36;
var OcppError = class extends Error {
  constructor(code, message, details = {}) {
    super(message);
    this.code = code;
    this.details = details;
    this.name = "OcppError";
  }
  code;
  details;
  toInfo() {
    return { code: this.code, description: this.message, details: this.details };
  }
};
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var kindOf = (t) => t === 2 ? "CALL" : t === 3 ? "CALLRESULT" : t === 4 ? "CALLERROR" : void 0;
var SCAN_BEFORE_PARSE_BYTES = 16 * 1024;
function parseFrame(text) {
  if (text.length >= SCAN_BEFORE_PARSE_BYTES && textNestsDeeperThan(text, MAX_NESTING)) {
    const head = /^\s*\[\s*(\d+)\s*,\s*"([^"\\]{1,36})"(?:\s*,\s*"([^"\\]{1,100})")?/.exec(text);
    const kind2 = head ? kindOf(Number(head[1])) : void 0;
    const parsed = bad(
      "FormationViolation",
      `Frame is nested deeper than ${MAX_NESTING} levels of arrays and objects; no OCPP 1.6 message is`,
      kind2 === "CALL" || !head,
      kind2,
      head?.[2],
      kind2 === "CALL" ? head?.[3] : void 0
    );
    if (!parsed.ok) parsed.error.details = { issue: "nesting" };
    return parsed;
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return bad("FormationViolation", `Frame is not valid JSON: ${e.message}`, true);
  }
  if (!Array.isArray(data)) return bad("FormationViolation", "Frame must be a JSON array [MessageTypeId, UniqueId, ...]", true);
  const [type, messageId] = data;
  const kind = kindOf(type);
  if (kind === void 0) {
    return {
      ok: false,
      messageId: typeof messageId === "string" ? messageId : void 0,
      error: { code: "ProtocolError", description: `Unknown MessageTypeId ${JSON.stringify(type)}: expected 2 (CALL), 3 (CALLRESULT) or 4 (CALLERROR)` },
      reply: false
    };
  }
  const reply = kind === "CALL";
  if (typeof messageId !== "string" || messageId.length === 0) return bad("FormationViolation", "UniqueId (element 2) must be a non-empty string", reply, kind);
  if (messageId.length > MAX_MESSAGE_ID_LENGTH) return bad("FormationViolation", `UniqueId is ${messageId.length} characters; OCPP-J allows at most ${MAX_MESSAGE_ID_LENGTH}`, reply, kind, messageId);
  if (kind === "CALL") {
    const [, , action, payload] = data;
    if (data.length !== 4)
      return bad("FormationViolation", `CALL must have 4 elements [2, UniqueId, Action, Payload], got ${data.length}`, true, kind, messageId, typeof action === "string" ? action : void 0);
    if (typeof action !== "string" || action.length === 0) return bad("FormationViolation", "Action (element 3) must be a non-empty string", true, kind, messageId);
    if (!isObject(payload)) return bad("FormationViolation", `Payload (element 4) must be a JSON object, got ${describe(payload)}`, true, kind, messageId, action);
    return { ok: true, kind, messageId, action, payload };
  }
  if (kind === "CALLRESULT") {
    if (data.length !== 3) return bad("FormationViolation", `CALLRESULT must have 3 elements [3, UniqueId, Payload], got ${data.length}`, false, kind, messageId);
    if (!isObject(data[2])) return bad("FormationViolation", `CALLRESULT payload must be a JSON object, got ${describe(data[2])}`, false, kind, messageId);
    return { ok: true, kind, messageId, payload: data[2] };
  }
  const [, , code, description, details] = data;
  if (data.length !== 5 && data.length !== 4)
    return bad("FormationViolation", `CALLERROR must have 5 elements [4, UniqueId, ErrorCode, ErrorDescription, ErrorDetails], got ${data.length}`, false, kind, messageId);
  if (typeof code !== "string" || typeof description !== "string" || details !== void 0 && !isObject(details)) {
    return bad("FormationViolation", "CALLERROR needs a string ErrorCode, a string ErrorDescription and an object ErrorDetails", false, kind, messageId);
  }
  return { ok: true, kind, messageId, error: { code: normalizeErrorCode(code), description, details: details ?? {} } };
}
function bad(code, description, reply, kind, messageId, action) {
  return { ok: false, kind, messageId, action, error: { code, description }, reply };
}
function describe(v) {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;
}
var MAX_NESTING = 32;
function nestsDeeperThan(value, limit2 = MAX_NESTING) {
  const stack = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop();
    if (typeof v !== "object" || v === null) continue;
    if (depth + 1 > limit2) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
function textNestsDeeperThan(text, limit2 = MAX_NESTING) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit2) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}
function excerpt(v, max = 40) {
  if (typeof v === "string") return JSON.stringify(v.length > max ? `${v.slice(0, max)}\u2026` : v);
  if (typeof v === "number" || typeof v === "boolean" || v === null) {
    const s = String(v);
    return s.length > max ? `${s.slice(0, max)}\u2026` : s;
  }
  return describe(v);
}
function errorForIssues(issues, payload) {
  const issue = issues[0];
  let field = issue.path.map(String).join(".");
  let code;
  let what;
  if (issue.code !== "unrecognized_keys" && issue.path.length > 0 && isMissing(payload, issue.path)) {
    code = "OccurenceConstraintViolation";
    what = "required field is missing";
  } else {
    switch (issue.code) {
      case "invalid_type":
        code = "TypeConstraintViolation";
        what = `expected ${issue.expected}, got ${describe(valueAt2(payload, issue.path))}`;
        break;
      case "too_big":
      case "too_small":
        code = issue.origin === "array" ? "OccurenceConstraintViolation" : "PropertyConstraintViolation";
        what = issue.message;
        break;
      case "unrecognized_keys":
        code = "FormationViolation";
        field = [...issue.path.map(String), issue.keys[0]].join(".");
        what = `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.slice(0, 5).map((k) => excerpt(k)).join(", ")}${issue.keys.length > 5 ? ", \u2026" : ""} (not in the schema)`;
        break;
      case "invalid_value": {
        const value = valueAt2(payload, issue.path);
        const sameType = issue.values.some((allowed) => typeof allowed === typeof value && value !== null);
        code = sameType ? "PropertyConstraintViolation" : "TypeConstraintViolation";
        what = sameType ? `${excerpt(value)} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}` : `expected ${typeof issue.values[0]}, got ${describe(value)}`;
        break;
      }
      case "invalid_format":
      case "not_multiple_of":
        code = "PropertyConstraintViolation";
        what = issue.message;
        break;
      case "custom":
        code = issue.params?.ocpp ?? "PropertyConstraintViolation";
        what = issue.message;
        break;
      default:
        code = "FormationViolation";
        what = issue.message;
    }
  }
  if (field.length > 120) field = `${field.slice(0, 120)}\u2026`;
  return { code, description: `${field || "payload"}: ${what}`, details: { field: field || "payload", issue: issue.code } };
}
function valueAt2(payload, path) {
  let v = payload;
  for (const k of path) v = isObject(v) || Array.isArray(v) ? v[k] : void 0;
  return v;
}
function isMissing(payload, path) {
  if (path.length === 0) return payload === void 0;
  const parent = valueAt2(payload, path.slice(0, -1));
  return isObject(parent) && !Object.prototype.hasOwnProperty.call(parent, path[path.length - 1]);
}

// src/shared/ocpp16/redact.ts
var SECRET_KEYS = /* @__PURE__ */ new Set(["AuthorizationKey"]);
var REDACTED = "[redacted]";
function redactPayload(payload) {
  if (!mentionsSecret(payload)) return payload;
  return redactValue(payload, 0);
}
function redactFrameText(raw) {
  if (!raw.includes("AuthorizationKey")) return raw;
  try {
    return JSON.stringify(redactValue(JSON.parse(raw), 0));
  } catch {
    return raw.replace(/("key"\s*:\s*"AuthorizationKey"\s*,\s*"value"\s*:\s*)"(?:[^"\\]|\\.)*"?/g, `$1"${REDACTED}"`).replace(/("value"\s*:\s*)"(?:[^"\\]|\\.)*"(\s*,\s*"key"\s*:\s*"AuthorizationKey")/g, `$1"${REDACTED}"$2`);
  }
}
function mentionsSecret(v) {
  try {
    return JSON.stringify(v)?.includes("AuthorizationKey") ?? false;
  } catch {
    return false;
  }
}
function redactValue(v, depth) {
  if (depth > 32 || typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => redactValue(x, depth + 1));
  const o = v;
  const out = {};
  for (const [k, x] of Object.entries(o)) out[k] = redactValue(x, depth + 1);
  if (typeof o.key === "string" && SECRET_KEYS.has(o.key) && "value" in o) out.value = REDACTED;
  return out;
}

// src/main/conformance/pics.ts
async function readPics(host, declared, timeoutMs) {
  const r = await host.operate("GetConfiguration", {}, timeoutMs);
  if (r.outcome !== "completed") throw new Error(`GetConfiguration got no answer (${r.outcome}): the charger's capabilities cannot be read`);
  const config = {};
  const readOnly = [];
  for (const k of r.response.configurationKey ?? []) {
    config[k.key] = k.value ?? null;
    if (k.readonly) readOnly.push(k.key);
  }
  const reported = (config.SupportedFeatureProfiles ?? "").split(",").map((s) => s.trim()).filter((s) => featureProfiles.includes(s));
  return {
    profiles: declared.profiles ?? (reported.length ? reported : ["Core"]),
    connectors: Math.max(1, Number(config.NumberOfConnectors) || 1),
    fixedCable: declared.fixedCable ?? false,
    connectorLock: declared.connectorLock ?? true,
    reader: declared.reader ?? true,
    backupPower: declared.backupPower ?? false,
    config,
    readOnly,
    basicAuth: host.password.get() !== null
  };
}
function profileMissing(pics, profile2) {
  return pics.profiles.includes(profile2) ? null : `The charger does not support the ${profile2} profile (SupportedFeatureProfiles)`;
}
function keyMissing(pics, key2) {
  return key2 in pics.config ? null : `The charger does not report the configuration key ${key2}`;
}
function keyNotWritable(pics, key2, wanted) {
  const missing = keyMissing(pics, key2);
  if (missing) return missing;
  if (pics.readOnly.includes(key2) && (wanted === void 0 || pics.config[key2] !== wanted)) return `${key2} is read-only here${pics.config[key2] !== null ? ` with value ${pics.config[key2]}` : ""}`;
  return null;
}

// src/main/conformance/octt16/cases.ts
var all = (...rules) => (p) => {
  for (const r of rules) {
    const why2 = r(p);
    if (why2) return why2;
  }
  return null;
};
var profile = (name) => (p) => profileMissing(p, name);
var writable = (name, wanted) => (p) => keyNotWritable(p, name, wanted);
var socket = (p) => p.fixedCable ? "The charger has a fixed cable (the case is for a socket)" : null;
var fixedCable = (p) => p.fixedCable ? null : "The charger has a socket (the case is for a fixed cable)";
var reader = (p) => p.reader ? null : "The charger has no card reader or start button to present an idTag";
async function bootStatuses(t, expected = () => "Available", along = []) {
  const list = Array.from({ length: t.pics.connectors + 1 }, (_, c) => ({
    action: "StatusNotification",
    where: { connectorId: c },
    checks: { status: expected(c) }
  }));
  const also = along.map((a) => a.action).join(" and ");
  await t.expectAll([...along, ...list], `Charger sends ${also ? `${also} and ` : ""}StatusNotification for connector 0 and each of its ${t.pics.connectors} connectors, in any order`);
}
var secondsBetween = (a, b) => (Date.parse(b.ts) - Date.parse(a.ts)) / 1e3;
async function configureIfWritable(t, key2, value) {
  if (!t.pics.readOnly.includes(key2)) await t.configureIfPresent(key2, value);
}

// src/main/conformance/octt16/boot.ts
var RETRY_S = 10;
var bootCases = [
  {
    id: "TC_001_CS",
    title: "Cold Boot Charge Point",
    profile: "Core",
    section: "2.1.1",
    decisions: [`The Rejected BootNotification answer gives an interval of ${RETRY_S} s (the document does not state it); the retry must not come earlier.`],
    async run(t) {
      t.behave({ boot: { status: "Rejected", interval: RETRY_S } });
      await t.operator({ kind: "powerCycle" });
      const first = await t.expect("BootNotification", { within: 120, title: "Charger sends BootNotification (answered Rejected)" });
      t.behave({ boot: { status: "Accepted", interval: t.data.heartbeatIntervalS } });
      const second = await t.expect("BootNotification", { within: RETRY_S * 3, title: `Charger sends BootNotification again, not before ${RETRY_S} s` });
      t.check(secondsBetween(first, second) >= RETRY_S, `the second BootNotification at least ${RETRY_S} s after the first`, `it came after ${secondsBetween(first, second)} s`);
      await bootStatuses(t);
      const hb = await t.expect("Heartbeat", { within: t.data.heartbeatIntervalS * 1.5, title: `Charger sends Heartbeat within the interval (${t.data.heartbeatIntervalS} s)` });
      const hb2 = await t.expect("Heartbeat", { within: t.data.heartbeatIntervalS * 1.5, title: "Charger sends the next Heartbeat one interval later" });
      const gap = secondsBetween(hb, hb2);
      t.check(Math.abs(gap - t.data.heartbeatIntervalS) <= Math.max(2, t.data.heartbeatIntervalS * 0.1), `Heartbeats every ${t.data.heartbeatIntervalS} s`, `they came ${gap} s apart`);
    }
  },
  {
    id: "TC_002_CS",
    title: "Cold Boot Charge Point - Pending",
    profile: "Core",
    section: "2.1.2",
    decisions: [`The Pending answer gives an interval of ${RETRY_S} s (not stated); the charger is configured while Pending, then accepted at its next BootNotification.`],
    async run(t) {
      t.behave({ boot: { status: "Pending", interval: RETRY_S } });
      await t.operator({ kind: "powerCycle" });
      const first = await t.expect("BootNotification", { within: 120, title: "Charger sends BootNotification (answered Pending)" });
      await t.send("GetConfiguration", {}, { title: "Bench reads every configuration key while the charger is Pending" });
      await t.configure("MeterValueSampleInterval", String(t.data.meterValueIntervalS));
      t.behave({ boot: { status: "Accepted", interval: t.data.heartbeatIntervalS } });
      const second = await t.expect("BootNotification", { within: RETRY_S * 3, title: `Charger sends BootNotification again after ${RETRY_S} s (answered Accepted)` });
      t.check(secondsBetween(first, second) >= RETRY_S, `the second BootNotification at least ${RETRY_S} s after the first`, `it came after ${secondsBetween(first, second)} s`);
      await bootStatuses(t);
      const hb = await t.expect("Heartbeat", { within: t.data.heartbeatIntervalS * 1.5 });
      const hb2 = await t.expect("Heartbeat", { within: t.data.heartbeatIntervalS * 1.5 });
      const gap = secondsBetween(hb, hb2);
      t.check(Math.abs(gap - t.data.heartbeatIntervalS) <= Math.max(2, t.data.heartbeatIntervalS * 0.1), `Heartbeats every ${t.data.heartbeatIntervalS} s`, `they came ${gap} s apart`);
    }
  }
];

// src/main/clock.ts
function isoTime(clock) {
  const ms3 = clock.now();
  if (ms3 !== lastMs) {
    lastMs = ms3;
    lastIso = new Date(ms3).toISOString();
  }
  return lastIso;
}
var lastMs = -1;
var lastIso = "";
var MAX_TIMEOUT_MS = 2 ** 31 - 1;
var systemClock = {
  now: () => Date.now(),
  after(ms3, fn, options) {
    const due = Date.now() + Math.max(0, ms3);
    let t;
    const arm = () => {
      const left = due - Date.now();
      t = setTimeout(left > MAX_TIMEOUT_MS ? arm : fn, Math.min(Math.max(0, left), MAX_TIMEOUT_MS));
      if (options?.background) t.unref();
    };
    arm();
    return { cancel: () => clearTimeout(t) };
  }
};
function every(clock, ms3, fn, options) {
  let current = null;
  let cancelled = false;
  const arm = () => {
    const period = ms3();
    if (cancelled || !(period > 0)) return;
    current = clock.after(
      period,
      () => {
        if (cancelled) return;
        arm();
        fn();
      },
      options
    );
  };
  arm();
  return {
    cancel() {
      cancelled = true;
      current?.cancel();
    }
  };
}
function sleep(clock, ms3) {
  return new Promise((resolve6) => clock.after(ms3, resolve6));
}
var FakeClock = class {
  time;
  seq = 0;
  pending = [];
  constructor(start = "2026-01-01T00:00:00.000Z") {
    this.time = typeof start === "number" ? start : Date.parse(start);
  }
  now() {
    return this.time;
  }
  after(ms3, fn, options) {
    const p = { at: this.time + Math.max(0, ms3), seq: this.seq++, fn, cancelled: false, background: options?.background === true };
    this.pending.push(p);
    return { cancel: () => void (p.cancelled = true) };
  }
  /** Timers still to fire (housekeeping left out). */
  get timers() {
    return this.pending.filter((p) => !p.cancelled && !p.background).length;
  }
  /** When the next timer fires (epoch ms), or null when none is set (housekeeping left out). */
  get nextAt() {
    let next = null;
    for (const p of this.pending) if (!p.cancelled && !p.background && (next === null || p.at < next)) next = p.at;
    return next;
  }
  /** Moves time forward by `ms`, firing each due timer at its own moment. */
  async advance(ms3) {
    const target = this.time + ms3;
    for (; ; ) {
      this.pending = this.pending.filter((p) => !p.cancelled);
      const due = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.pending.splice(this.pending.indexOf(due), 1);
      this.time = Math.max(this.time, due.at);
      due.fn();
      await new Promise((r) => setImmediate(r));
    }
    this.time = target;
    await new Promise((r) => setImmediate(r));
  }
};

// src/main/conformance/operator.ts
function operatorText(a) {
  switch (a.kind) {
    case "plug":
      return `Plug the EV cable into connector ${a.connectorId}, then press Done.`;
    case "plugHalfway":
      return `Push the EV cable into connector ${a.connectorId} only halfway, so that the connector lock cannot close, then press Done.`;
    case "jamLock":
      return `Make the lock of connector ${a.connectorId} unable to open (block it, or hold the plug so it cannot be released), then press Done.`;
    case "unplug":
      return `Unplug the EV cable from connector ${a.connectorId} (the EV side if the cable is fixed), then press Done.`;
    case "presentIdTag":
      return `Present the card with idTag ${a.idTag} at connector ${a.connectorId} (or press its start/stop button), then press Done.`;
    case "suspendEv":
      return `Make the EV on connector ${a.connectorId} stop drawing power (suspend charging in the EV), then press Done.`;
    case "resumeEv":
      return `Let the EV on connector ${a.connectorId} draw power again, then press Done.`;
    case "fault":
      return `Cause a ${a.errorCode} fault on connector ${a.connectorId}, then press Done.`;
    case "clearFault":
      return `Clear the fault on connector ${a.connectorId}, then press Done.`;
    case "powerCycle":
      return "Switch the charger off at the mains, wait 10 seconds, switch it on again, then press Done.";
    case "powerOff":
      return "Switch the charger off at the mains (cut its power supply) and leave it off, then press Done.";
    case "powerOn":
      return "Switch the charger on again at the mains, then press Done.";
    case "disconnectNetwork":
      return "Disconnect the charger's network (unplug its Ethernet cable or switch off its modem), then press Done.";
    case "reconnectNetwork":
      return "Reconnect the charger's network, then press Done.";
    case "confirm":
      return a.question;
  }
}
var VirtualOperator = class {
  constructor(vcp) {
    this.vcp = vcp;
  }
  vcp;
  automatic = true;
  /** What the operator did to the charger since the last restore (faults, a jammed lock, no network, power off): the restore undoes only that. */
  done = /* @__PURE__ */ new Set();
  async perform({ action: a }) {
    const cp = this.vcp();
    this.done.add(a.kind);
    switch (a.kind) {
      case "plug":
        cp.plug(a.connectorId);
        break;
      case "plugHalfway":
        cp.setFault(a.connectorId, "ConnectorLockFailure", "Cable not fully inserted");
        break;
      case "jamLock":
        cp.setFaults({ stuckConnector: true });
        break;
      case "unplug":
        cp.unplug(a.connectorId);
        break;
      case "presentIdTag":
        void cp.presentIdTag(a.connectorId, a.idTag).catch(() => void 0);
        break;
      case "suspendEv":
        cp.suspend(a.connectorId);
        break;
      case "resumeEv":
        cp.resume(a.connectorId);
        break;
      case "fault":
        cp.setFault(a.connectorId, a.errorCode);
        break;
      case "clearFault":
        cp.clearFault(a.connectorId);
        break;
      case "powerCycle":
        cp.powerCycle();
        break;
      case "powerOff":
        await cp.powerOff();
        break;
      case "powerOn":
        cp.start();
        break;
      case "disconnectNetwork":
        cp.setFaults({ offline: true, offlineSeconds: 0 });
        break;
      case "reconnectNetwork":
        cp.setFaults({ offline: false });
        break;
      case "confirm":
        return "done";
    }
    return "done";
  }
};
var PromptOperator = class {
  constructor(ask) {
    this.ask = ask;
  }
  ask;
  automatic = false;
  perform(prompt) {
    return this.ask(prompt);
  }
};

// src/main/conformance/types.ts
var StepFailure = class extends Error {
  constructor(expected, actual) {
    super(`Expected ${expected}; ${actual}`);
    this.expected = expected;
    this.actual = actual;
  }
  expected;
  actual;
};
var NotApplicable = class extends Error {
};
var Inconclusive = class extends Error {
};

// src/main/conformance/context.ts
var UNSOLICITED = /* @__PURE__ */ new Set(["Heartbeat", "MeterValues", "StatusNotification", "DataTransfer"]);
var get = (p, path) => path.split(".").reduce((o, k) => o && typeof o === "object" ? o[k] : void 0, p);
var show = (v) => typeof v === "string" ? v : JSON.stringify(v);
function matches(p, where) {
  if (!where) return true;
  if (typeof where === "function") return where(p);
  return Object.entries(where).every(([k, v]) => Array.isArray(v) ? v.includes(get(p, k)) : get(p, k) === v);
}
function describeWhere(where) {
  if (!where || typeof where === "function") return "";
  return ` (${Object.entries(where).map(([k, v]) => `${k} ${Array.isArray(v) ? `one of ${v.join(", ")}` : show(v)}`).join(", ")})`;
}
function problems(p, checks) {
  if (!checks) return [];
  if (Array.isArray(checks)) return checks.map((c) => c(p)).filter((x) => x !== null);
  const out = [];
  for (const [path, want] of Object.entries(checks)) {
    const got = get(p, path);
    if (Array.isArray(want) ? !want.includes(got) : got !== want)
      out.push(`${path} ${Array.isArray(want) ? `one of ${want.join(", ")}` : show(want)} (got ${got === void 0 ? "nothing" : show(got)})`);
  }
  return out;
}
function allChecks(a, b) {
  const fns = (c) => !c ? [] : Array.isArray(c) ? c : Object.entries(c).map(
    ([k, v]) => (p) => problems(p, { [k]: v })[0] ?? null
  );
  return !b ? a ?? {} : !a ? b : [...fns(a), ...fns(b)];
}
var CaseContext = class {
  constructor(caseId, host, data, pics, onStep) {
    this.caseId = caseId;
    this.host = host;
    this.data = data;
    this.pics = pics;
    this.onStep = onStep;
  }
  caseId;
  host;
  data;
  pics;
  onStep;
  steps = [];
  observations = [];
  measurements = [];
  /** What the case changed on the charger, so the end of the case can put it back. */
  touched = {
    config: /* @__PURE__ */ new Map(),
    reservations: /* @__PURE__ */ new Set(),
    profiles: false,
    localList: false,
    availability: false,
    cache: false,
    /** The charger's AuthorizationKey was changed (security profile 1): the bench's password before and the key given. */
    password: null
  };
  failedStep = null;
  get clock() {
    return this.host.clock;
  }
  get connectorId() {
    return this.data.connectorId;
  }
  get decidingStep() {
    return this.failedStep;
  }
  iso() {
    return new Date(this.clock.now()).toISOString();
  }
  /** Runs one step: its timing, its frames' message ids, and its outcome in the record of the case. */
  async step(by, title, fn) {
    const step2 = { n: this.steps.length + 1, by, title, status: "passed", startedAt: this.iso(), ms: 0, messageIds: [] };
    this.steps.push(step2);
    this.onStep?.(step2);
    const t0 = this.clock.now();
    try {
      return await fn(step2.messageIds);
    } catch (e) {
      if (e instanceof StepFailure) {
        step2.status = "failed";
        step2.expected = e.expected;
        step2.actual = e.actual;
      } else if (e instanceof Inconclusive || e instanceof NotApplicable) step2.status = "skipped";
      else {
        step2.status = "error";
        step2.actual = e.message;
      }
      this.failedStep ??= step2.n;
      throw e;
    } finally {
      step2.ms = this.clock.now() - t0;
    }
  }
  /** Records a value the step read or measured (ok: within what is wanted; null: for information). */
  measure(label, value, ok = null, wanted) {
    this.measurements.push({ label, value: value === null || value === void 0 ? "\u2014" : String(value), ok, ...wanted !== void 0 ? { wanted: String(wanted) } : {} });
  }
  observe(text, messageId = null) {
    this.observations.push({ at: this.iso(), text, messageId });
  }
  /**
   * Takes the next message the charger sent, if it is the one wanted; messages that may come at any time
   * are observations; anything else ahead of it is out of order.
   */
  take(wanted) {
    const { pending } = this.host.frames;
    while (pending.length > 0) {
      const call2 = pending[0];
      const index = wanted.findIndex((w) => w.action === call2.action && matches(call2.payload, w.where));
      pending.shift();
      if (index >= 0) return { call: call2, index };
      if (UNSOLICITED.has(call2.action)) {
        this.observe(
          `${call2.action}${call2.action === "StatusNotification" ? ` ${show(call2.payload.status)} on connector ${show(call2.payload.connectorId)}${call2.payload.errorCode && call2.payload.errorCode !== "NoError" ? ` (${show(call2.payload.errorCode)})` : ""}` : ""} outside the script`,
          call2.messageId
        );
        continue;
      }
      return { outOfOrder: call2 };
    }
    return null;
  }
  checkCall(call2, label, checks) {
    if (call2.invalid) throw new StepFailure(`${label} valid under the OCPP 1.6 schema`, `it broke it: ${call2.invalid}`);
    const wrong = problems(call2.payload, checks);
    if (wrong.length) throw new StepFailure(`${label} with ${wrong.map((w) => w.replace(/ \(got .*\)$/, "")).join(", ")}`, `it had ${wrong.map((w) => /\(got (.*)\)$/.exec(w)?.[1] ?? w).join(", ")}`);
  }
  /** Expects the charger to send `action` next (Heartbeats, MeterValues and other StatusNotifications aside). */
  async expect(action, opts = {}) {
    const label = `${action}${describeWhere(opts.where)}`;
    return this.step("charger", opts.title ?? `Charger sends ${label}`, async (ids) => {
      const [call2] = await this.awaitCalls([{ action, ...opts }], opts.within, ids);
      this.checkCall(call2, action, opts.checks);
      return call2;
    });
  }
  /** Expects several messages in any order (the document's allowed reorderings); an optional one that did not come is undefined. */
  async expectAll(list, title) {
    const label = list.map((w) => `${w.action}${describeWhere(w.where)}${w.optional ? " (if sent)" : ""}`).join(" and ");
    return this.step("charger", title ?? `Charger sends ${label}, in either order`, async (ids) => {
      const calls = await this.awaitCalls(list, Math.max(...list.map((l) => l.within ?? 0)) || void 0, ids);
      calls.forEach((c, i) => c && this.checkCall(c, list[i].action, list[i].checks));
      return calls;
    });
  }
  /** Expects the first of several messages (where the document allows either next); returns the one that came. */
  async expectAny(list, title) {
    const label = list.map((w) => `${w.action}${describeWhere(w.where)}`).join(" or ");
    return this.step("charger", title ?? `Charger sends ${label}`, async (ids) => {
      const within = Math.max(...list.map((l) => l.within ?? 0)) || this.data.chargerTimeoutS;
      const got = await this.host.frames.waitFor(this.clock, within * 1e3, () => this.take(list));
      if (!got) throw new StepFailure(`${label} within ${within} s`, this.host.frames.connected ? "nothing came" : "nothing came (the charger is not connected)");
      if ("outOfOrder" in got) {
        ids.push(got.outOfOrder.messageId);
        throw new StepFailure(`${label} next`, `the charger sent ${got.outOfOrder.action} ${show(got.outOfOrder.payload)} first`);
      }
      ids.push(got.call.messageId);
      this.checkCall(got.call, got.call.action, list[got.index].checks);
      return got.call;
    });
  }
  async awaitCalls(list, within, ids) {
    const queued = [];
    for (const w of list)
      if (w.answer) {
        const q = { action: w.action, matches: (p) => matches(p, w.where), policy: w.answer };
        this.host.behaviours.queue(this.host.chargerId, q);
        queued.push(q);
      }
    const found = list.map(() => void 0);
    const left = () => list.map((w, i) => found[i] ? null : { ...w, i }).filter((x) => x !== null);
    const timeoutMs = (within ?? this.data.chargerTimeoutS) * 1e3;
    try {
      while (left().some((w) => !w.optional)) {
        const open = left();
        const got = await this.host.frames.waitFor(this.clock, timeoutMs, () => this.take(open));
        if (!got) {
          const missing = open.filter((w) => !w.optional).map((w) => `${w.action}${describeWhere(w.where)}`).join(" and ");
          throw new StepFailure(`${missing} within ${timeoutMs / 1e3} s`, this.host.frames.connected ? "nothing came" : "nothing came (the charger is not connected)");
        }
        if ("outOfOrder" in got) {
          ids.push(got.outOfOrder.messageId);
          throw new StepFailure(`${open.map((w) => `${w.action}${describeWhere(w.where)}`).join(" and ")} next`, `the charger sent ${got.outOfOrder.action} ${show(got.outOfOrder.payload)} first`);
        }
        found[open[got.index].i] = got.call;
        ids.push(got.call.messageId);
      }
      if (left().length > 0) {
        await this.host.frames.settle();
        const { pending } = this.host.frames;
        for (let k = 0; k < pending.length; k++) {
          const call2 = pending[k];
          const w = left().find((o) => o.action === call2.action && matches(call2.payload, o.where));
          if (w) {
            pending.splice(k--, 1);
            found[w.i] = call2;
            ids.push(call2.messageId);
          } else if (!UNSOLICITED.has(call2.action)) break;
        }
      }
      for (const [i, call2] of found.entries()) {
        const policy = list[i].answer;
        if (policy?.withhold || !call2) continue;
        await this.host.frames.waitFor(
          this.clock,
          (policy?.delayMs ?? 0) + 1e4,
          () => this.host.frames.frames.some((f) => f.direction === "out" && f.kind !== "CALL" && f.messageId === call2.messageId) || null
        );
      }
      return found;
    } finally {
      for (const q of queued) this.host.behaviours.dropQueued(this.host.chargerId, q);
    }
  }
  /** Expects the charger to send none of these (an action, or an action with `where`; `where` also for bare actions) for `seconds` (e.g. no StartTransaction after an invalid card). */
  async expectNone(unwanted, seconds, title, where) {
    const list = unwanted.map((u) => typeof u === "string" ? { action: u, where } : u);
    const what = list.map((u) => `${u.action}${describeWhere(u.where)}`).join(" or ");
    await this.step("charger", title ?? `Charger sends no ${what} for ${seconds} s`, async (ids) => {
      const got = await this.host.frames.waitFor(
        this.clock,
        seconds * 1e3,
        () => this.host.frames.pending.find((c) => list.some((u) => u.action === c.action && matches(c.payload, u.where))) ?? null
      );
      if (got) {
        ids.push(got.messageId);
        throw new StepFailure(`no ${what} for ${seconds} s`, `the charger sent ${got.action} ${show(got.payload)}`);
      }
    });
  }
  /** Takes messages the document allows but does not script (e.g. an Authorize it leaves open) out of the queue, as observations. */
  tolerate(action, where, why2) {
    const { pending } = this.host.frames;
    for (let k = 0; k < pending.length; k++) {
      const call2 = pending[k];
      if (call2.action !== action || !matches(call2.payload, where)) continue;
      pending.splice(k--, 1);
      this.observe(`${action} ${show(call2.payload)}: ${why2}`, call2.messageId);
    }
  }
  /** Sends an operation as the tool and checks its answer. */
  async send(action, payload, opts = {}) {
    const what = (opts.checks && !Array.isArray(opts.checks) ? ` expecting ${Object.entries(opts.checks).map(([k, v]) => `${k} ${Array.isArray(v) ? `one of ${v.join(", ")}` : show(v)}`).join(", ")}` : "") + (opts.callErrors === "any" ? ", or any CALLERROR" : opts.callErrors?.length ? `, or a CALLERROR ${opts.callErrors.join(" or ")}` : "");
    return this.step("tool", opts.title ?? `Bench sends ${action}${what}`, async (ids) => {
      const before = this.host.frames.lastSeq;
      const result = await this.host.operate(action, payload, (opts.within ?? this.data.chargerTimeoutS) * 1e3);
      const sent = this.host.frames.since(before).find((f) => f.direction === "out" && f.kind === "CALL" && f.action === action);
      if (sent?.messageId) ids.push(sent.messageId);
      if (result.outcome === "callError" && (opts.callErrors === "any" || opts.callErrors?.includes(result.error.code))) return { callError: result.error.code };
      if (result.outcome === "callError") this.contradicts(action, `CALLERROR ${result.error.code}`, result.error.code, sent?.messageId ?? null);
      if (result.outcome !== "completed")
        throw new StepFailure(
          `an answer to ${action}`,
          `${result.outcome === "callError" ? `a CALLERROR ${result.error.code}` : result.outcome === "invalidResponse" ? "an answer that broke the schema" : result.outcome === "timeout" ? "no answer" : "the charger was not connected"}${"error" in result && result.error?.description ? `: ${result.error.description}` : ""}`
        );
      const response = result.response;
      const wrong = problems(response, opts.checks);
      if (wrong.length) this.contradicts(action, `status ${show(response.status)}`, response.status, sent?.messageId ?? null);
      if (wrong.length) throw new StepFailure(`${action} answered with ${wrong.map((w) => w.replace(/ \(got .*\)$/, "")).join(", ")}`, `it answered ${show(response)}`);
      return response;
    });
  }
  /**
   * A refusal as not implemented or not supported (`code`), where the case wanted another answer, of an
   * operation the charger declares it has: its feature profile (SupportedFeatureProfiles, or as the person
   * corrected it), or for UnlockConnector a socket with a lock. Flagged beside the verdict.
   */
  contradicts(action, answer2, code, messageId) {
    if (code !== "NotImplemented" && code !== "NotSupported") return;
    const profile2 = actions[action].profile;
    const declared = action === "UnlockConnector" ? this.pics.connectorLock && !this.pics.fixedCable && "a socket with a lock" : this.pics.profiles.includes(profile2) && `the ${profile2} profile (SupportedFeatureProfiles)`;
    if (declared) this.observe(`Declared capability contradicted: ${action} answered ${answer2} although the charger declares ${declared}`, messageId);
  }
  /** Asks the operator (or the virtual charger's hands) to do something; a skip makes the case Inconclusive. */
  async operator(action) {
    const text = operatorText(action);
    await this.step("operator", text.replace(/,? then press Done\.$/, "."), async () => {
      const answer2 = await this.host.operator.perform({ caseId: this.caseId, step: this.steps.length, action, text, timeoutS: this.data.operatorTimeoutS });
      this.host.frames.holdFor(150);
      if (answer2 === "done") return;
      throw new Inconclusive(
        answer2 === "skip" ? `The operator skipped: ${text}` : answer2 === "cannot" ? `The operator could not: ${text}` : `Nobody acted within ${this.data.operatorTimeoutS} s: ${text}`
      );
    });
  }
  /** Waits on the run's clock. */
  async wait(seconds, why2) {
    await this.step("bench", `Wait ${seconds} s: ${why2}`, () => sleep(this.clock, seconds * 1e3));
  }
  /** How the bench answers these idTags for the rest of the case (e.g. a shared parentIdTag). */
  answerIdTags(overrides) {
    this.host.idTagAnswers(overrides);
  }
  /** The bench's standing behaviour toward the charger for the rest of the case. */
  behave(behaviour) {
    this.host.behaviours.setStanding(this.host.chargerId, behaviour);
  }
  /** Sets a configuration key (ChangeConfiguration, Accepted or RebootRequired), to be put back after the case. */
  async configure(key2, value) {
    if (!this.touched.config.has(key2)) this.touched.config.set(key2, this.pics.config[key2] ?? null);
    await this.send("ChangeConfiguration", { key: key2, value }, { checks: { status: ["Accepted", "RebootRequired"] }, title: `Bench sets ${key2} to ${value}` });
    this.pics.config[key2] = value;
  }
  /** Sets a key only where the charger has it ("if implemented"). */
  async configureIfPresent(key2, value) {
    if (key2 in this.pics.config && this.pics.config[key2] !== value) await this.configure(key2, value);
  }
  /** Waits for the charger to be connected (after a reboot, a drop). */
  async connected(within) {
    await this.step("charger", "Charger connects", async () => {
      const ok = await this.host.frames.waitFor(this.clock, (within ?? this.data.chargerTimeoutS) * 1e3, () => this.host.frames.connected || null);
      if (!ok) throw new StepFailure(`the charger to connect within ${within ?? this.data.chargerTimeoutS} s`, "it did not");
    });
  }
  /** The bench drops the charger and refuses it for `seconds`: the central system is unreachable. */
  async goOffline(seconds) {
    await this.step("bench", `Bench drops the connection and refuses the charger for ${seconds} s`, async () => {
      this.host.goOffline(seconds);
      await this.host.frames.waitFor(this.clock, 5e3, () => !this.host.frames.connected || null);
    });
  }
  /** The bench lets the charger connect again after goOffline (connectivity restored). */
  async backOnline() {
    await this.step("bench", "Bench lets the charger connect again", async () => {
      this.host.behaviours.refuseFor(this.host.chargerId, 0);
    });
  }
  /** Checks the script makes on what it has gathered, as a step of their own (so a failure names it). */
  async verify(title, fn) {
    await this.step("bench", title, async () => fn());
  }
  /** A check the script makes itself. */
  check(ok, expected, actual) {
    if (!ok) throw new StepFailure(expected, actual);
  }
  notApplicable(reason) {
    throw new NotApplicable(reason);
  }
  /** The id of the transaction running on a connector, as the bench saw it start. */
  transactionOn(connectorId = this.connectorId) {
    return this.host.openTransactions().find((t) => t.connectorId === connectorId)?.transactionId ?? null;
  }
};

// src/main/conformance/states.ts
async function readKey(t, key2) {
  const answer2 = await t.send("GetConfiguration", { key: [key2] }, { title: `Bench reads ${key2}` });
  const found = answer2.configurationKey?.find((k) => k.key === key2);
  return found?.value ?? null;
}
async function authorized(t, idTag3 = t.data.validIdTag, connectorId = t.connectorId) {
  await t.operator({ kind: "presentIdTag", connectorId, idTag: idTag3 });
  await t.expectAll([
    { action: "Authorize", checks: { idTag: idTag3 } },
    { action: "StatusNotification", where: { connectorId, status: "Preparing" } }
  ]);
}
async function charging(t, o = {}) {
  const idTag3 = o.idTag ?? t.data.validIdTag;
  const connectorId = o.connectorId ?? t.connectorId;
  const authorizeRemote = await readKey(t, "AuthorizeRemoteTxRequests") === "true";
  await t.operator({ kind: "plug", connectorId });
  if (!o.reserved) await t.expect("StatusNotification", { where: { connectorId, status: "Preparing" } });
  await t.send("RemoteStartTransaction", { connectorId, idTag: idTag3, ...o.chargingProfile ? { chargingProfile: o.chargingProfile } : {} }, { checks: { status: "Accepted" } });
  const preparing = { where: { connectorId, status: "Preparing" } };
  if (o.reserved && authorizeRemote)
    await t.expectAll([
      { action: "StatusNotification", ...preparing },
      { action: "Authorize", checks: { idTag: idTag3 }, optional: true }
    ]);
  else if (o.reserved) await t.expect("StatusNotification", preparing);
  else if (authorizeRemote) await t.expect("Authorize", { checks: { idTag: idTag3 } });
  const [start] = await startedCharging(t, connectorId, idTag3, o.startChecks);
  return start;
}
async function startedCharging(t, connectorId, idTag3, startChecks) {
  await t.expectAll([
    { action: "StartTransaction", checks: allChecks({ connectorId, idTag: idTag3 }, startChecks) },
    { action: "StatusNotification", where: { connectorId, status: "Charging" } }
  ]);
  const id2 = t.transactionOn(connectorId);
  t.check(id2 !== null, "the bench to have given the session a transaction id", "it has none");
  return [id2];
}
async function stoppedCharging(t, transactionId, checks = {}, connectorId = t.connectorId) {
  await t.expectAll([
    { action: "StopTransaction", checks: { transactionId, ...checks } },
    { action: "StatusNotification", where: { connectorId, status: "Finishing" } }
  ]);
}
async function stopLocally(t, transactionId, idTag3 = t.data.validIdTag, connectorId = t.connectorId) {
  await t.operator({ kind: "presentIdTag", connectorId, idTag: idTag3 });
  await stoppedCharging(t, transactionId, { reason: ["Local", void 0] }, connectorId);
  await t.operator({ kind: "unplug", connectorId });
  await t.expect("StatusNotification", { where: { connectorId, status: "Available" } });
}
async function idTagCached(t, idTag3 = t.data.validIdTag) {
  await t.configureIfPresent("AuthorizationCacheEnabled", "true");
  t.touched.cache = true;
  const tx = await charging(t, { idTag: idTag3 });
  await stopLocally(t, tx, idTag3);
}
async function idTagInLocalList(t, version2 = 1, idTag3 = t.data.validIdTag) {
  await t.configureIfPresent("LocalAuthListEnabled", "true");
  t.touched.localList = true;
  await t.send("SendLocalList", { listVersion: version2, updateType: "Full", localAuthorizationList: [{ idTag: idTag3, idTagInfo: { status: "Accepted" } }] }, { checks: { status: "Accepted" } });
}
async function reserved(t, reservationId = 1, connectorId = t.connectorId, idTag3 = t.data.validIdTag, parentIdTag) {
  t.touched.reservations.add(reservationId);
  const expiry = t.clock.now() + t.data.reservationExpiryOffsetS * 1e3;
  await t.send("ReserveNow", { connectorId, expiryDate: new Date(expiry).toISOString(), idTag: idTag3, reservationId, ...parentIdTag ? { parentIdTag } : {} }, { checks: { status: "Accepted" } });
  if (connectorId > 0) await t.expect("StatusNotification", { where: { connectorId, status: "Reserved" } });
  return expiry;
}
async function connectorUnavailable(t, connectorId = t.connectorId) {
  t.touched.availability = true;
  await t.send("ChangeAvailability", { connectorId, type: "Inoperative" }, { checks: { status: "Accepted" } });
  await t.expect("StatusNotification", { where: { connectorId, status: "Unavailable" } });
}
async function unusedConnectorsUnavailable(t) {
  for (let c = 1; c <= t.pics.connectors; c++) if (c !== t.connectorId) await connectorUnavailable(t, c);
}
async function chargePointUnavailable(t) {
  t.touched.availability = true;
  await t.send("ChangeAvailability", { connectorId: 0, type: "Inoperative" }, { checks: { status: "Accepted" } });
  await everyConnector(t, "Unavailable");
}
async function chargePointFaulted(t) {
  await t.operator({ kind: "fault", connectorId: 0, errorCode: "GroundFailure" });
  await everyConnector(t, "Faulted");
}
async function everyConnector(t, status) {
  await t.expectAll(
    Array.from({ length: t.pics.connectors + 1 }, (_, connectorId) => ({ action: "StatusNotification", where: { connectorId }, checks: { status } })),
    `Charger sends StatusNotification ${status} for connector 0 and each of its ${t.pics.connectors} connectors, in any order`
  );
}
async function connectorFaulted(t, connectorId = t.connectorId) {
  await t.operator({ kind: "fault", connectorId, errorCode: "GroundFailure" });
  await t.expect("StatusNotification", { where: { connectorId, status: "Faulted" } });
}
async function connectorOccupied(t, connectorId = t.connectorId) {
  await t.operator({ kind: "plug", connectorId });
  await t.expect("StatusNotification", { where: { connectorId, status: "Preparing" } });
}

// src/main/conformance/octt16/start.ts
var startCases = [
  {
    id: "TC_003_CS",
    title: "Regular Charging Session - Plugin First",
    profile: "Core",
    section: "2.2.1",
    appliesTo: reader,
    async run(t) {
      const c = t.connectorId;
      await t.operator({ kind: "plug", connectorId: c });
      await t.expect("StatusNotification", { where: { connectorId: c, status: "Preparing" } });
      await t.operator({ kind: "presentIdTag", connectorId: c, idTag: t.data.validIdTag });
      await t.expect("Authorize", { checks: { idTag: t.data.validIdTag } });
      await startedCharging(t, c, t.data.validIdTag);
    }
  },
  {
    id: "TC_004_1_CS",
    title: "Regular Charging Session \u2013 Identification First",
    profile: "Core",
    section: "2.2.2",
    appliesTo: reader,
    async run(t) {
      await t.configureIfPresent("MeterValueSampleInterval", String(t.data.meterValueIntervalS));
      await authorized(t);
      await t.operator({ kind: "plug", connectorId: t.connectorId });
      await startedCharging(t, t.connectorId, t.data.validIdTag);
    }
  },
  {
    id: "TC_004_2_CS",
    title: "Regular Charging Session \u2013 Identification First - ConnectionTimeOut",
    profile: "Core",
    section: "2.2.3",
    appliesTo: all(reader),
    decisions: ["The charger must be back to Available within ConnectionTimeOut plus 10 s."],
    async run(t) {
      await t.configure("ConnectionTimeOut", String(t.data.connectionTimeoutS));
      await authorized(t);
      await t.expectNone(["StartTransaction"], Math.max(1, t.data.connectionTimeoutS - 5), "No cable: no StartTransaction while ConnectionTimeOut runs");
      await t.expect("StatusNotification", { where: { connectorId: t.connectorId, status: "Available" }, within: 20, title: "Charger goes back to Available once ConnectionTimeOut has passed" });
    }
  }
];

// src/main/conformance/octt16/stop.ts
var CABLE_GONE = "Available is accepted where the document has Finishing: when the unplug leaves no cable at the charger (the virtual charger takes the cable out at both ends), OCPP 1.6 has the connector Available at once.";
var stopCases = [
  {
    id: "TC_068_CS",
    title: "Stop transaction - IdTag in StopTransaction matches IdTag in StartTransaction",
    profile: "Core",
    section: "2.3.1",
    appliesTo: reader,
    decisions: ["Another card on the running connector must cause neither Authorize nor StopTransaction for 5 s (the document gives no time)."],
    async run(t) {
      const tx = await charging(t);
      await t.operator({ kind: "presentIdTag", connectorId: t.connectorId, idTag: t.data.validIdTag2 });
      await t.expectNone(["Authorize", "StopTransaction"], 5, "A different card: no Authorize and no StopTransaction");
      await t.operator({ kind: "presentIdTag", connectorId: t.connectorId, idTag: t.data.validIdTag });
      await stoppedCharging(t, tx, { idTag: [t.data.validIdTag, void 0] });
    }
  },
  {
    id: "TC_069_CS",
    title: "Stop transaction - ParentIdTag in StopTransaction matches ParentIdTag in StartTransaction",
    profile: "Core",
    section: "2.3.2",
    appliesTo: reader,
    decisions: [
      "The bench answers both valid idTags with the same parentIdTag (<Configured ParentIdTag>), at the start and at the stop (elsewhere it gives no parentIdTag, as the Charging state has it)."
    ],
    async run(t) {
      const shared = { status: "Accepted", parentIdTag: t.data.parentIdTag };
      t.answerIdTags({ [t.data.validIdTag]: shared, [t.data.validIdTag2]: shared });
      const tx = await charging(t);
      await t.operator({ kind: "presentIdTag", connectorId: t.connectorId, idTag: t.data.validIdTag2 });
      await t.expect("Authorize", { checks: { idTag: t.data.validIdTag2 } });
      await stoppedCharging(t, tx, { idTag: t.data.validIdTag2 });
    }
  },
  {
    id: "TC_005_1_CS",
    title: "EV Side Disconnected - StopTransactionOnEVSideDisconnect = true - UnlockConnectorOnEVSideDisconnect = true",
    profile: "Core",
    section: "2.3.3",
    appliesTo: all(socket, writable("StopTransactionOnEVSideDisconnect", "true"), writable("UnlockConnectorOnEVSideDisconnect", "true")),
    decisions: [CABLE_GONE],
    async run(t) {
      await t.configure("StopTransactionOnEVSideDisconnect", "true");
      await t.configure("UnlockConnectorOnEVSideDisconnect", "true");
      const tx = await charging(t);
      await t.operator({ kind: "unplug", connectorId: t.connectorId });
      await t.expectAll([
        { action: "StopTransaction", checks: { transactionId: tx, reason: "EVDisconnected" } },
        { action: "StatusNotification", where: { connectorId: t.connectorId, status: ["Finishing", "Available"] } }
      ]);
    }
  },
  {
    id: "TC_005_2_CS",
    title: "EV Side Disconnected - StopTransactionOnEVSideDisconnect = true - UnlockConnectorOnEVSideDisconnect = false",
    profile: "Core",
    section: "2.3.4",
    appliesTo: all(writable("StopTransactionOnEVSideDisconnect", "true"), writable("UnlockConnectorOnEVSideDisconnect", "false")),
    decisions: ["UnlockConnector goes to <Configured ConnectorId> (the document does not say)."],
    async run(t) {
      await t.configure("StopTransactionOnEVSideDisconnect", "true");
      await t.configure("UnlockConnectorOnEVSideDisconnect", "false");
      const tx = await charging(t);
      await t.operator({ kind: "unplug", connectorId: t.connectorId });
      await t.expectAll([
        { action: "StopTransaction", checks: { transactionId: tx, reason: "EVDisconnected" } },
        { action: "StatusNotification", where: { connectorId: t.connectorId, status: ["Finishing", "Available"] } }
      ]);
      await t.send("UnlockConnector", { connectorId: t.connectorId }, { checks: { status: ["Unlocked", "NotSupported"] } });
    }
  },
  {
    id: "TC_005_3_CS",
    title: "EV Side Disconnected - StopTransactionOnEVSideDisconnect = false - UnlockConnectorOnEVSideDisconnect = false",
    profile: "Core",
    section: "2.3.5",
    appliesTo: all(writable("StopTransactionOnEVSideDisconnect", "false"), writable("UnlockConnectorOnEVSideDisconnect", "false")),
    decisions: ['The info field "EV side disconnected" is recorded as an observation, not required (its wording is free text in OCPP).', CABLE_GONE],
    async run(t) {
      await t.configure("StopTransactionOnEVSideDisconnect", "false");
      await t.configure("UnlockConnectorOnEVSideDisconnect", "false");
      const tx = await charging(t);
      await t.operator({ kind: "unplug", connectorId: t.connectorId });
      const suspended = await t.expect("StatusNotification", { where: { connectorId: t.connectorId, status: ["SuspendedEV", "SuspendedEVSE"] } });
      if (suspended.payload.info !== "EV side disconnected")
        t.observe(`The suspended status carried info ${JSON.stringify(suspended.payload.info ?? null)}, not "EV side disconnected"`, suspended.messageId);
      await t.send("RemoteStopTransaction", { transactionId: tx });
      await t.expectAll([
        { action: "StopTransaction", checks: { transactionId: tx, reason: "Remote" } },
        { action: "StatusNotification", where: { connectorId: t.connectorId, status: ["Finishing", "Available"] } }
      ]);
    }
  }
];

// src/main/conformance/octt16/remote.ts
async function remoteStartFirst(t) {
  const authorizeRemote = await readKey(t, "AuthorizeRemoteTxRequests") === "true";
  await t.send("RemoteStartTransaction", { connectorId: t.connectorId, idTag: t.data.validIdTag }, { checks: { status: "Accepted" } });
  const preparing = { action: "StatusNotification", where: { connectorId: t.connectorId, status: "Preparing" } };
  if (authorizeRemote) await t.expectAll([{ action: "Authorize", checks: { idTag: t.data.validIdTag } }, preparing]);
  else await t.expect(preparing.action, preparing);
}
var remoteCases = [
  {
    id: "TC_010_CS",
    title: "Remote Start Charging Session \u2013 Cable Plugged in First",
    profile: "Core",
    section: "2.5.1",
    async run(t) {
      await charging(t);
    }
  },
  {
    id: "TC_011_1_CS",
    title: "Remote Start Charging Session \u2013 Remote Start First",
    profile: "Core",
    section: "2.5.2",
    decisions: ["Authorize and Preparing may come in either order after the RemoteStartTransaction (as in the Authorized state)."],
    async run(t) {
      await remoteStartFirst(t);
      await t.operator({ kind: "plug", connectorId: t.connectorId });
      await startedCharging(t, t.connectorId, t.data.validIdTag);
    }
  },
  {
    id: "TC_011_2_CS",
    title: "Remote Start Charging Session \u2013 Time Out",
    profile: "Core",
    section: "2.5.3",
    decisions: ["The charger must be back to Available within ConnectionTimeOut plus 10 s, with no StartTransaction."],
    async run(t) {
      await t.configure("ConnectionTimeOut", String(t.data.connectionTimeoutS));
      await remoteStartFirst(t);
      await t.expectNone(["StartTransaction"], Math.max(1, t.data.connectionTimeoutS - 5), "No cable: no StartTransaction while ConnectionTimeOut runs");
      await t.expect("StatusNotification", { where: { connectorId: t.connectorId, status: "Available" }, within: 20, title: "Charger goes back to Available once ConnectionTimeOut has passed" });
    }
  },
  {
    id: "TC_012_CS",
    title: "Remote Stop Charging Session",
    profile: "Core",
    section: "2.5.4",
    async run(t) {
      const tx = await charging(t);
      await t.send("RemoteStopTransaction", { transactionId: tx }, { checks: { status: "Accepted" } });
      await stoppedCharging(t, tx, { reason: "Remote" });
    }
  }
];

// src/main/conformance/octt16/reset.ts
async function resetKeepsUnavailable(t, type) {
  const c = t.connectorId;
  t.touched.availability = true;
  await t.send("ChangeAvailability", { connectorId: c, type: "Inoperative" }, { checks: { status: "Accepted" } });
  await t.expect("StatusNotification", { where: { connectorId: c, status: "Unavailable" } });
  await t.send("Reset", { type }, { checks: { status: "Accepted" } });
  if (type === "Hard") {
    await t.expect("BootNotification", { within: 120 });
    await bootStatuses(t, (id2) => id2 === c ? "Unavailable" : "Available");
  } else {
    const booted = await t.host.frames.waitFor(t.clock, 6e4, () => t.host.frames.pending.some((p) => p.action === "BootNotification") || null);
    if (booted) {
      await t.expect("BootNotification");
      await bootStatuses(t, (id2) => id2 === c ? "Unavailable" : "Available");
    }
  }
  await t.send("ChangeAvailability", { connectorId: c, type: "Operative" }, { checks: { status: "Accepted" } });
  await t.expect("StatusNotification", { where: { connectorId: c, status: "Available" } });
}
async function resetStopsSession(t, type) {
  const c = t.connectorId;
  const tx = await charging(t);
  await t.send("Reset", { type }, { checks: { status: "Accepted" } });
  const reason = type === "Hard" ? "HardReset" : "SoftReset";
  await bootStatuses(t, (id2) => id2 === c ? ["Finishing", "Preparing"] : "Available", [
    { action: "StopTransaction", checks: { transactionId: tx, reason }, within: 120 },
    { action: "BootNotification", within: 120 }
  ]);
}
var resetCases = [
  {
    id: "TC_013_CS",
    title: "Hard Reset Without transaction",
    profile: "Core",
    section: "2.6.1",
    async run(t) {
      await resetKeepsUnavailable(t, "Hard");
    }
  },
  {
    id: "TC_014_CS",
    title: "Soft Reset Without Transaction",
    profile: "Core",
    section: "2.6.2",
    decisions: ["The bench waits 60 s for the optional BootNotification of a soft reset, then goes on."],
    async run(t) {
      await resetKeepsUnavailable(t, "Soft");
    }
  },
  {
    id: "TC_015_CS",
    title: "Hard Reset With Transaction",
    profile: "Core",
    section: "2.6.3",
    decisions: ["StopTransaction (reason HardReset) and the BootNotification may come in either order; a Finishing before the reboot is an observation."],
    async run(t) {
      await resetStopsSession(t, "Hard");
    }
  },
  {
    id: "TC_016_CS",
    title: "Soft Reset With Transaction",
    profile: "Core",
    section: "2.6.4",
    decisions: ["The bench expects the reboot of the soft reset within 120 s after StopTransaction (reason SoftReset); chargers that do not reboot on a soft reset fail at that step."],
    async run(t) {
      await resetStopsSession(t, "Soft");
    }
  }
];

// src/main/conformance/octt16/unlock.ts
var unlockCases = [
  {
    id: "TC_017_1_CS",
    title: "Unlock connector - no charging session running (Not fixed cable)",
    profile: "Core",
    section: "2.7.1",
    appliesTo: socket,
    async run(t) {
      await t.send("UnlockConnector", { connectorId: t.connectorId }, { checks: { status: "Unlocked" } });
    }
  },
  {
    id: "TC_017_2_CS",
    title: "Unlock connector - no charging session running (Fixed cable)",
    profile: "Core",
    section: "2.7.2",
    appliesTo: fixedCable,
    async run(t) {
      await t.send("UnlockConnector", { connectorId: t.connectorId }, { checks: { status: "NotSupported" } });
    }
  },
  {
    id: "TC_018_1_CS",
    title: "Unlock Connector - With Charging Session (Not fixed cable)",
    profile: "Core",
    section: "2.7.3",
    appliesTo: socket,
    async run(t) {
      const tx = await charging(t);
      await t.send("UnlockConnector", { connectorId: t.connectorId }, { checks: { status: "Unlocked" } });
      await stoppedCharging(t, tx, { reason: "UnlockCommand" });
      await t.operator({ kind: "unplug", connectorId: t.connectorId });
      await t.expect("StatusNotification", { where: { connectorId: t.connectorId, status: "Available" } });
    }
  },
  {
    id: "TC_018_2_CS",
    title: "Unlock Connector - With Charging Session (Fixed cable)",
    profile: "Core",
    section: "2.7.4",
    appliesTo: fixedCable,
    decisions: ["The session keeps running after NotSupported; the end of the case stops it."],
    async run(t) {
      await charging(t);
      await t.send("UnlockConnector", { connectorId: t.connectorId }, { checks: { status: "NotSupported" } });
    }
  }
];

// src/main/conformance/octt16/local-list.ts
var listOn = all(profile("LocalAuthListManagement"), (p) => "LocalAuthListEnabled" in p.config ? writable("LocalAuthListEnabled", "true")(p) : null);
var accepted = (idTag3) => ({ idTag: idTag3, idTagInfo: { status: "Accepted" } });
async function enableList(t) {
  await t.configureIfPresent("LocalAuthListEnabled", "true");
  t.touched.localList = true;
}
async function listVersion(t, expected) {
  await t.send("GetLocalListVersion", {}, { checks: { listVersion: expected } });
}
var withoutProfile = (p) => p.profiles.includes("LocalAuthListManagement") ? "The charger supports the LocalAuthListManagement profile (the case is for a charger without it)" : null;
var localListCases = [
  {
    id: "TC_042_1_CS",
    title: "Get Local List Version (not supported)",
    profile: "LocalAuthListManagement",
    section: "2.17.1",
    // A charger without the profile, or one that lets the list be switched off.
    appliesTo: (p) => p.profiles.includes("LocalAuthListManagement") ? writable("LocalAuthListEnabled", "false")(p) : null,
    decisions: ["A CALLERROR NotSupported passes as the document says; so does NotImplemented from a charger without the profile (OCPP-J answers an action it does not implement so)."],
    async run(t) {
      await t.configureIfPresent("LocalAuthListEnabled", "false");
      await t.send(
        "GetLocalListVersion",
        {},
        { checks: { listVersion: -1 }, callErrors: ["NotSupported", "NotImplemented"], title: "Bench sends GetLocalListVersion expecting listVersion -1 or a CALLERROR NotSupported" }
      );
    }
  },
  {
    id: "TC_042_2_CS",
    title: "Get Local List Version (empty)",
    profile: "LocalAuthListManagement",
    section: "2.17.1",
    appliesTo: listOn,
    decisions: ["The list is sent with listVersion 1 and no entries, and reported as version 0: OCPP 1.6 reserves 0 for an empty list, whatever version it was sent with."],
    async run(t) {
      await enableList(t);
      await t.send("SendLocalList", { listVersion: 1, updateType: "Full" }, { checks: { status: "Accepted" } });
      await listVersion(t, 0);
    }
  },
  {
    id: "TC_043_CS",
    title: "Send Local Authorization List",
    profile: "LocalAuthListManagement",
    section: "2.17.2",
    appliesTo: listOn,
    decisions: [
      "The full update (listVersion 1) holds <Configured Valid IdTag>, the differential one (listVersion 2) adds <Configured Valid IdTag 2>, both Accepted (the document gives no versions or entries)."
    ],
    async run(t) {
      await enableList(t);
      await t.send("SendLocalList", { listVersion: 1, updateType: "Full", localAuthorizationList: [accepted(t.data.validIdTag)] }, { checks: { status: "Accepted" } });
      await t.send("SendLocalList", { listVersion: 2, updateType: "Differential", localAuthorizationList: [accepted(t.data.validIdTag2)] }, { checks: { status: "Accepted" } });
    }
  },
  {
    id: "TC_043_1_CS",
    title: "Send Local Authorization List - NotSupported",
    profile: "LocalAuthListManagement",
    section: "2.17.2",
    appliesTo: withoutProfile,
    decisions: ["The full update holds <Configured Valid IdTag> (listVersion 1). A CALLERROR NotImplemented passes too: OCPP-J answers an action a charger does not implement so."],
    async run(t) {
      t.touched.localList = true;
      const answer2 = await t.send(
        "SendLocalList",
        { listVersion: 1, updateType: "Full", localAuthorizationList: [accepted(t.data.validIdTag)] },
        { checks: { status: "NotSupported" }, callErrors: ["NotSupported", "NotImplemented"], title: "Bench sends SendLocalList expecting status NotSupported or a CALLERROR NotSupported" }
      );
      if ("callError" in answer2) t.touched.localList = false;
    }
  },
  {
    id: "TC_043_2_CS",
    title: "Send Local Authorization List - VersionMismatch",
    profile: "LocalAuthListManagement",
    section: "2.17.2",
    appliesTo: listOn,
    decisions: [
      "Each update carries an entry (version 2: <Configured Valid IdTag>; 5: <Configured Valid IdTag 2>; 4: <Configured Valid IdTag> again), so the list is never empty and its version is not reported as 0."
    ],
    async run(t) {
      await enableList(t);
      await t.send("SendLocalList", { listVersion: 2, updateType: "Full", localAuthorizationList: [accepted(t.data.validIdTag)] }, { checks: { status: "Accepted" } });
      await listVersion(t, 2);
      await t.send("SendLocalList", { listVersion: 5, updateType: "Differential", localAuthorizationList: [accepted(t.data.validIdTag2)] }, { checks: { status: "Accepted" } });
      await listVersion(t, 5);
      await t.send("SendLocalList", { listVersion: 4, updateType: "Differential", localAuthorizationList: [accepted(t.data.validIdTag)] }, { checks: { status: "VersionMismatch" } });
      await listVersion(t, 5);
    }
  },
  {
    id: "TC_043_3_CS",
    title: "Send Local Authorization List - Failed",
    profile: "LocalAuthListManagement",
    section: "2.17.2",
    appliesTo: listOn,
    decisions: [
      "Where the charger reports LocalAuthListMaxLength, the bench brings about the failure itself: the full update holds one entry more than the list can hold. Otherwise the operator is asked to bring the charger into a state in which storing a list fails."
    ],
    async run(t) {
      await enableList(t);
      const max = Number(t.pics.config.LocalAuthListMaxLength);
      let list = [accepted(t.data.validIdTag)];
      if (Number.isInteger(max) && max >= 0 && max < 1e4) list = Array.from({ length: max + 1 }, (_, i) => accepted(`OCTT-LIST-${i + 1}`));
      else await t.operator({ kind: "confirm", question: "Bring the charger into a state in which storing a local authorization list will fail (e.g. its list storage full), then press Done." });
      await t.send(
        "SendLocalList",
        { listVersion: 2, updateType: "Full", localAuthorizationList: list },
        { checks: { status: "Failed" }, title: `Bench sends SendLocalList (${list.length} entries) expecting status Failed` }
      );
    }
  },
  {
    id: "TC_008_CS",
    title: "Regular Start Charging Session \u2013 Id in Local Authorization List",
    profile: "LocalAuthListManagement",
    section: "2.17.3",
    appliesTo: all(listOn, writable("LocalPreAuthorize", "true"), writable("AuthorizeRemoteTxRequests", "true")),
    decisions: [
      "The full update has listVersion 1; the remote start names <Configured ConnectorId> and <Configured Valid IdTag>.",
      "An Authorize.req before StartTransaction fails the case: the idTag is in the local list and LocalPreAuthorize is true, and the document shows none."
    ],
    async run(t) {
      const c = t.connectorId;
      const idTag3 = t.data.validIdTag;
      await t.configure("LocalPreAuthorize", "true");
      await t.configureIfPresent("AuthorizationCacheEnabled", "false");
      await enableList(t);
      await t.configure("AuthorizeRemoteTxRequests", "true");
      await t.send("GetLocalListVersion", {});
      await t.send("SendLocalList", { listVersion: 1, updateType: "Full", localAuthorizationList: [accepted(idTag3)] }, { checks: { status: "Accepted" } });
      await t.operator({ kind: "plug", connectorId: c });
      await t.expect("StatusNotification", { where: { connectorId: c, status: "Preparing" } });
      await t.send("RemoteStartTransaction", { connectorId: c, idTag: idTag3 }, { checks: { status: "Accepted" } });
      await startedCharging(t, c, idTag3);
    }
  }
];

// src/main/conformance/octt16/firmware.ts
var TRANSFER_S = 300;
var REBOOT_S = 300;
function protocolFor(pics) {
  const listed = (pics.config.SupportedFileTransferProtocols ?? "").toUpperCase().split(",").map((s) => s.trim());
  return listed.includes("FTP") && !listed.includes("HTTP") ? "ftp" : "http";
}
var LOCATIONS = "The bench serves the firmware itself (HTTP on the OCPP port, or FTP where the charger's SupportedFileTransferProtocols lists FTP and not HTTP) unless the test data names a location; retrieveDate is now and retries are left out unless the document gives them.";
async function updateFirmware(t, location, retries) {
  await t.send(
    "UpdateFirmware",
    { location, retrieveDate: new Date(t.clock.now()).toISOString(), ...retries !== void 0 ? { retries } : {} },
    { title: `Bench sends UpdateFirmware (location ${location.replace(/\/\/[^@/]*@/, "//")})` }
  );
}
var firmwareStatus = (t, status) => t.expect("FirmwareStatusNotification", { where: { status }, within: TRANSFER_S });
var firmwareCases = [
  {
    id: "TC_044_1_CS",
    title: "Firmware Update - Download and Install",
    profile: "FirmwareManagement",
    section: "2.18.1",
    appliesTo: profile("FirmwareManagement"),
    decisions: [
      LOCATIONS,
      "BootNotification, the StatusNotifications Available of connector 0 and every connector, and FirmwareStatusNotification Installed may come in any order (steps 9-13); Unavailable before the download is an observation."
    ],
    async run(t) {
      const location = t.data.firmwareLocation ?? await t.host.files.firmware("valid", protocolFor(t.pics));
      await updateFirmware(t, location);
      await firmwareStatus(t, "Downloading");
      await firmwareStatus(t, "Downloaded");
      await firmwareStatus(t, "Installing");
      await bootStatuses(t, () => "Available", [
        { action: "BootNotification", within: REBOOT_S },
        { action: "FirmwareStatusNotification", where: { status: "Installed" }, within: REBOOT_S }
      ]);
    }
  },
  {
    id: "TC_044_2_CS",
    title: "Firmware Update - Download Failed",
    profile: "FirmwareManagement",
    section: "2.18.2",
    appliesTo: profile("FirmwareManagement"),
    decisions: [
      "The location that fails is the test data's badFirmwareLocation (by default http://127.0.0.1:9/firmware/missing.bin: the charger's own loopback, where nothing listens, as the document's ftp://127.0.0.1:21/download_fail.fwi means it), with retries 0.",
      "Downloading is optional (the download may fail at once)."
    ],
    async run(t) {
      await updateFirmware(t, t.data.badFirmwareLocation, 0);
      const first = await firmwareStatus(t, ["Downloading", "DownloadFailed"]);
      if (first.payload.status === "Downloading") await firmwareStatus(t, "DownloadFailed");
    }
  },
  {
    id: "TC_044_3_CS",
    title: "Firmware Update - Installation Failed",
    profile: "FirmwareManagement",
    section: "2.18.3",
    appliesTo: profile("FirmwareManagement"),
    decisions: [
      `The unsupported file is the test data's unsupportedFirmwareLocation, or one the bench hosts (a short text file, no firmware for any charger). ${LOCATIONS}`,
      "The case requires the FirmwareManagement profile, which the document leaves out here.",
      "Installing is optional; a reboot is optional and, when it comes, its BootNotification, the StatusNotifications Available and InstallationFailed may come in any order. Without a reboot the case ends at InstallationFailed."
    ],
    async run(t) {
      const location = t.data.unsupportedFirmwareLocation ?? await t.host.files.firmware("unsupported", protocolFor(t.pics));
      await updateFirmware(t, location);
      await firmwareStatus(t, "Downloading");
      await firmwareStatus(t, "Downloaded");
      let next = await t.expectAny([
        { action: "FirmwareStatusNotification", where: { status: ["Installing", "InstallationFailed"] }, within: TRANSFER_S },
        { action: "BootNotification", within: TRANSFER_S }
      ]);
      if (next.action === "FirmwareStatusNotification" && next.payload.status === "Installing")
        next = await t.expectAny([
          { action: "FirmwareStatusNotification", where: { status: "InstallationFailed" }, within: REBOOT_S },
          { action: "BootNotification", within: REBOOT_S }
        ]);
      if (next.action === "BootNotification") await bootStatuses(t, () => "Available", [{ action: "FirmwareStatusNotification", where: { status: "InstallationFailed" }, within: REBOOT_S }]);
    }
  }
];
var UPLOADS = "The charger uploads to a new upload location of the bench (HTTP, or FTP where the charger's SupportedFileTransferProtocols lists FTP and not HTTP) unless the test data names a location; there the bench also checks that the file arrived.";
var diagnosticsCases = [
  {
    id: "TC_045_1_CS",
    title: "Get Diagnostics",
    profile: "FirmwareManagement",
    section: "2.19.1",
    appliesTo: profile("FirmwareManagement"),
    decisions: [UPLOADS, "GetDiagnostics is part of the FirmwareManagement profile in OCPP 1.6 (the document files it in a section of its own)."],
    async run(t) {
      const own = t.data.diagnosticsLocation ? null : t.host.files.uploadLocation(protocolFor(t.pics));
      const location = t.data.diagnosticsLocation ?? own.url;
      const answer2 = await t.send("GetDiagnostics", { location }, { title: `Bench sends GetDiagnostics (location ${location.replace(/\/\/[^@/]*@/, "//")})` });
      if (answer2.fileName === void 0) t.observe("GetDiagnostics.conf named no file (the charger says it has no diagnostics)");
      await t.expect("DiagnosticsStatusNotification", { where: { status: "Uploading" }, within: TRANSFER_S });
      await t.expect("DiagnosticsStatusNotification", { where: { status: "Uploaded" }, within: TRANSFER_S });
      if (!own) return t.observe(`The bench cannot see whether the file arrived at ${location} (not its own location)`);
      await t.step("bench", "The diagnostics file is at the location", async () => {
        const got = own.received();
        t.check(got.length > 0, "the uploaded file at the bench's location", "no file arrived there");
        t.observe(`Received ${got.map((f) => `${f.name} (${f.bytes} bytes)`).join(", ")}`);
      });
    }
  },
  {
    id: "TC_045_2_CS",
    title: "Get Diagnostics - Upload Failed",
    profile: "FirmwareManagement",
    section: "2.19.2",
    appliesTo: profile("FirmwareManagement"),
    decisions: [
      "The location that fails is the test data's badDiagnosticsLocation (by default http://127.0.0.1:9/upload: the charger's own loopback, where nothing listens, as the document's ftp://127.0.0.1:21/files/failedLocation means it), with retries 0.",
      "Uploading is required before UploadFailed, as the document has it here (unlike the optional Downloading of TC_044_2_CS)."
    ],
    async run(t) {
      await t.send("GetDiagnostics", { location: t.data.badDiagnosticsLocation, retries: 0 });
      await t.expect("DiagnosticsStatusNotification", { where: { status: "Uploading" }, within: TRANSFER_S });
      await t.expect("DiagnosticsStatusNotification", { where: { status: "UploadFailed" }, within: TRANSFER_S });
    }
  }
];

// src/main/conformance/octt16/trigger.ts
var WATCH_S = 10;
var triggerCases = [
  {
    id: "TC_054_CS",
    title: "Trigger Message",
    profile: "RemoteTrigger",
    section: "2.21.1",
    appliesTo: profile("RemoteTrigger"),
    decisions: [
      "The triggered MeterValues and StatusNotification must be those of <Configured ConnectorId>.",
      "The DiagnosticsStatusNotification trigger must be Accepted even from a charger without the FirmwareManagement profile, as the document has it."
    ],
    async run(t) {
      const c = t.connectorId;
      await t.send("TriggerMessage", { requestedMessage: "MeterValues", connectorId: c }, { checks: { status: "Accepted" } });
      await t.expect("MeterValues", { where: { connectorId: c } });
      await t.send("TriggerMessage", { requestedMessage: "Heartbeat" }, { checks: { status: "Accepted" } });
      await t.expect("Heartbeat");
      await t.send("TriggerMessage", { requestedMessage: "StatusNotification", connectorId: c }, { checks: { status: "Accepted" } });
      await t.expect("StatusNotification", { where: { connectorId: c } });
      await t.send("TriggerMessage", { requestedMessage: "DiagnosticsStatusNotification" }, { checks: { status: "Accepted" } });
      await t.expect("DiagnosticsStatusNotification", { checks: { status: "Idle" } });
      const firmware = await t.send("TriggerMessage", { requestedMessage: "FirmwareStatusNotification" }, { checks: { status: ["Accepted", "NotImplemented"] } });
      if (firmware.status === "Accepted") await t.expect("FirmwareStatusNotification", { checks: { status: "Idle" } });
    }
  },
  {
    id: "TC_055_CS",
    title: "Trigger Message - Rejected",
    profile: "RemoteTrigger",
    section: "2.21.2",
    appliesTo: profile("RemoteTrigger"),
    decisions: [
      "The connector is NumberOfConnectors + 1. A CALLERROR of any code passes (the document names none).",
      `No MeterValues of that connector may come for ${WATCH_S} s after the answer (the document gives no time).`
    ],
    async run(t) {
      const connectorId = t.pics.connectors + 1;
      await t.send(
        "TriggerMessage",
        { requestedMessage: "MeterValues", connectorId },
        { checks: { status: "Rejected" }, callErrors: "any", title: `Bench sends TriggerMessage (MeterValues, connector ${connectorId}) expecting status Rejected or a CALLERROR` }
      );
      await t.expectNone(["MeterValues"], WATCH_S, void 0, { connectorId });
    }
  }
];

// src/main/conformance/octt16/data-transfer.ts
var dataTransferCases = [
  {
    id: "TC_062_CS",
    title: "Data Transfer to a Charge Point",
    profile: "Core",
    section: "2.23.1",
    decisions: [
      "The vendorId is the test data's unsupportedVendorId (by default org.example.octt.unsupported), with no messageId or data.",
      "Status Accepted passes with a warning in the observations, as the document has it (the vendor should hear of it); any other answer than Rejected, UnknownMessageId or UnknownVendorId fails."
    ],
    async run(t) {
      const answer2 = await t.send("DataTransfer", { vendorId: t.data.unsupportedVendorId }, { checks: { status: ["Rejected", "UnknownMessageId", "UnknownVendorId", "Accepted"] } });
      if (answer2.status === "Accepted") t.observe(`Warning: the charger answered Accepted to a DataTransfer with the unsupported vendorId ${t.data.unsupportedVendorId}`);
    }
  }
];

// src/main/conformance/octt16/security.ts
var OCTT_AUTHORIZATION_KEY = "4F43415F4F4354545F61646D696E5F74657374";
var REBOOT_S2 = 120;
var basicAuth = (p) => p.basicAuth ? null : "The bench checks no password for this charger (security profile 0): set its password on the bench, the same as its AuthorizationKey, to run the Basic auth cases";
async function reconnected(t, title, connections2, within) {
  const frames = t.host.frames;
  const refusals = frames.refusals.length;
  await t.step("charger", title, async () => {
    const ok = await frames.waitFor(t.clock, within * 1e3, () => frames.connected && frames.connections > connections2 || null);
    if (ok) return;
    const refused = frames.refusals.slice(refusals).pop();
    t.check(
      false,
      `a new connection the bench lets in within ${within} s`,
      refused ? `the bench refused it: ${refused.reason}` : frames.connected ? "the charger kept its old connection" : "the charger did not connect"
    );
  });
}
var TLS = "Not supported yet: the case needs TLS (security profile 2 or 3), which the bench does not offer yet";
var CERTIFICATES = "Not supported yet: the case needs certificate operations (certificates to install, hash and check), which the bench does not have yet";
var CSR = "Not supported yet: the case needs TLS with client certificates (security profile 3) and the bench acting as a CA to sign the charger's CSR, which the bench does not have yet";
var SIGNED = "Not supported yet: the case needs certificate operations (a signing certificate and a firmware signature for the charger to check), which the bench does not have yet";
var later = (id2, title, section, why2) => ({
  id: id2,
  title,
  profile: "Security",
  section,
  notSupported: why2,
  async run() {
    throw new Error(why2);
  }
});
var securityCases = [
  {
    id: "TC_073_CS",
    title: "Update Charge Point Password for HTTP Basic Authentication",
    profile: "Security",
    section: "2.24.1",
    appliesTo: basicAuth,
    decisions: [
      `The key is AuthorizationKey (the validation's name; the description's "BasicAuthPassword" is the OCPP 2.0.1 name).`,
      `The bench expects the new password from the charger's next connection on: the hex AuthorizationKey as its text, or as the bytes it stands for ("OCA_OCTT_admin_test", the Security Whitepaper's reading); a reconnection with the old password is refused, and the refusal is the reason the case fails.`,
      "The charger has <chargerTimeoutS> to drop the connection and reconnect (the document gives no time). Afterwards the bench sets the old key again and the charger reconnects with it."
    ],
    async run(t) {
      const before = t.host.password.get();
      t.touched.password = { before, given: OCTT_AUTHORIZATION_KEY };
      const connections2 = t.host.frames.connections;
      await t.host.password.set(OCTT_AUTHORIZATION_KEY);
      await t.send(
        "ChangeConfiguration",
        { key: "AuthorizationKey", value: OCTT_AUTHORIZATION_KEY },
        { checks: { status: "Accepted" }, title: "Bench sets AuthorizationKey to 4F43415F\u20267374 expecting status Accepted" }
      );
      await reconnected(t, "Charger drops the connection and reconnects with the new password", connections2, t.data.chargerTimeoutS);
    }
  },
  later("TC_074_CS", "Update Charge Point Certificate by request of Central System", "2.24.1", CSR),
  later("TC_075_1_CS", "Install a certificate on the Charge Point - ManufacturerRootCertificate", "2.24.1", CERTIFICATES),
  later("TC_075_2_CS", "Install a certificate on the Charge Point - CentralSystemRootCertificate", "2.24.1", CERTIFICATES),
  later("TC_076_CS", "Delete a specific certificate from the Charge Point", "2.24.1", CERTIFICATES),
  later("TC_077_CS", "Invalid ChargePointCertificate Security Event", "2.24.2", CSR),
  later("TC_078_CS", "Invalid CentralSystemCertificate Security Event", "2.24.2", CERTIFICATES),
  {
    id: "TC_079_CS",
    title: "Get Security Log",
    profile: "Security",
    section: "2.24.2",
    appliesTo: basicAuth,
    decisions: [
      "The log goes to a new upload location of the bench's own (HTTP, or FTP where the charger lists only FTP), unless the test data names one; the bench also checks the file arrived.",
      "requestId (not stated) is 79; both LogStatusNotifications must carry it when they carry one."
    ],
    async run(t) {
      const own = t.data.diagnosticsLocation ? null : t.host.files.uploadLocation(protocolFor(t.pics));
      const remoteLocation = t.data.diagnosticsLocation ?? own.url;
      await t.send("GetLog", { log: { remoteLocation }, logType: "SecurityLog", requestId: 79 }, { checks: { status: "Accepted" }, title: "Bench sends GetLog (SecurityLog)" });
      const sameRequest = (p) => p.requestId === void 0 || p.requestId === 79 ? null : `requestId 79 (got ${String(p.requestId)})`;
      await t.expect("LogStatusNotification", { where: { status: "Uploading" }, checks: [sameRequest], within: 120 });
      await t.expect("LogStatusNotification", {
        where: (p) => p.status !== "Uploading" && p.status !== "Idle",
        checks: { status: "Uploaded" },
        within: 300,
        title: "Charger sends LogStatusNotification (status Uploaded)"
      });
      if (!own) return t.observe(`The bench cannot see whether the log arrived at ${remoteLocation} (not its own location)`);
      await t.step("bench", "The security log is at the location", async () => {
        const got = own.received();
        t.check(got.length > 0, "the uploaded log at the bench's location", "no file arrived there");
        t.observe(`Received ${got.map((f) => `${f.name} (${f.bytes} bytes)`).join(", ")}`);
      });
    }
  },
  later("TC_080_CS", "Secure Firmware Update", "2.24.3", SIGNED),
  later("TC_081_CS", "Secure Firmware Update - Invalid Signature", "2.24.3", SIGNED),
  later("TC_083_CS", "Upgrade security profile", "2.24.3", `${TLS} (the next profile up from 1 is TLS)`),
  later("TC_084_CS", "Downgrade security profile - Rejected", "2.24.3", `${TLS} (the charger must be connected at profile 2 or 3)`),
  {
    id: "TC_085_CS",
    title: "Basic Authentication - Valid username/password combination",
    profile: "Security",
    section: "2.24.3",
    appliesTo: basicAuth,
    decisions: [
      'The reset is triggered by the bench: Reset Hard ("The Charge Point is triggered to reset" is not a defined state).',
      "<Configured AuthorizationKey> is the password the bench has for the charger. The bench's admission checks the header (Basic, the user is the charge point id at the end of the URL, the password that key as its text or, for a hex key, the bytes it stands for); a refusal is the reason the case fails.",
      "The two length rules are read together as: the key has 16 to 40 characters (at least 16, as the document says; at most 40, the hex form of 20 bytes).",
      "The BootNotification is answered Accepted; the StatusNotifications that follow are not checked for a status (the document checks none)."
    ],
    async run(t) {
      const key2 = t.host.password.get();
      await t.step("bench", "The configured AuthorizationKey has 16 to 40 characters", async () => {
        t.check(key2.length >= 16 && key2.length <= 40, "an AuthorizationKey of 16 to 40 characters", `it has ${key2.length}`);
      });
      const connections2 = t.host.frames.connections;
      await t.send("Reset", { type: "Hard" }, { checks: { status: "Accepted" } });
      await reconnected(t, "Charger reconnects with a valid Basic Authorization header", connections2, REBOOT_S2);
      await t.expect("BootNotification");
      await bootStatuses(t, () => [...ChargePointStatus.options]);
    }
  },
  later("TC_086_CS", "TLS - server-side certificate - Valid certificate", "2.24.3", TLS),
  later(
    "TC_087_CS",
    "TLS - Client-side certificate - valid certificate",
    "2.24.3",
    "Not supported yet: the case needs TLS with client certificates (security profile 3), which the bench does not offer yet"
  )
];

// src/main/conformance/octt16/cache.ts
var authorizesRemoteStarts = (p) => p.readOnly.includes("AuthorizeRemoteTxRequests") && p.config.AuthorizeRemoteTxRequests === "false" ? "AuthorizeRemoteTxRequests is read-only with value false" : null;
var cacheCases = [
  {
    id: "TC_007_CS",
    title: "Regular Start Charging Session \u2013 Cached Id",
    profile: "Core",
    section: "2.4.1",
    appliesTo: all(reader, writable("AuthorizationCacheEnabled", "true"), writable("LocalPreAuthorize", "true"), authorizesRemoteStarts),
    decisions: [
      "The RemoteStartTransaction carries <Configured ConnectorId> and the cached <Configured Valid IdTag> (the document gives no payload).",
      "An Authorize for the cached idTag fails the case: the document leaves it out of the sequence, and the case exists to show the charger starts from its cache without asking."
    ],
    async run(t) {
      const c = t.connectorId;
      await t.configure("AuthorizationCacheEnabled", "true");
      await t.configureIfPresent("AuthorizeRemoteTxRequests", "true");
      await t.configure("LocalPreAuthorize", "true");
      await idTagCached(t);
      await t.operator({ kind: "plug", connectorId: c });
      await t.expect("StatusNotification", { where: { connectorId: c, status: "Preparing" } });
      await t.send("RemoteStartTransaction", { connectorId: c, idTag: t.data.validIdTag }, { checks: { status: "Accepted" } });
      await startedCharging(t, c, t.data.validIdTag);
    }
  },
  {
    id: "TC_061_CS",
    title: "Clear Authorization Data in Authorization Cache",
    profile: "Core",
    section: "2.4.2",
    appliesTo: all(reader, writable("AuthorizationCacheEnabled", "true"), writable("LocalPreAuthorize", "true"), writable("ConnectionTimeOut")),
    decisions: [
      "Step 1 (Preparing) is the Preparing of the Authorized state, not a second one.",
      "The card is not presented a second time to de-authorize: the bench waits for ConnectionTimeOut (the alternative the document gives), then Available within ConnectionTimeOut plus 10 s.",
      "The card presented after ClearCache is <Configured Valid IdTag> (the one used in the Authorized state)."
    ],
    async run(t) {
      const c = t.connectorId;
      await t.configure("AuthorizationCacheEnabled", "true");
      await t.configure("LocalPreAuthorize", "true");
      await t.configure("ConnectionTimeOut", String(t.data.connectionTimeoutS));
      await authorized(t);
      await t.expect("StatusNotification", {
        where: { connectorId: c, status: "Available" },
        within: t.data.connectionTimeoutS + 10,
        title: "Charger goes back to Available once ConnectionTimeOut has passed"
      });
      await t.send("ClearCache", {}, { checks: { status: "Accepted" } });
      await t.operator({ kind: "presentIdTag", connectorId: c, idTag: t.data.validIdTag });
      await t.expect("Authorize", { checks: { idTag: t.data.validIdTag }, title: "Charger sends Authorize for the card it had cached (the cache is empty now)" });
    }
  }
];

// src/main/conformance/octt16/configuration.ts
var REQUIRED = {
  Core: {
    AuthorizeRemoteTxRequests: "R or RW",
    ClockAlignedDataInterval: "RW",
    ConnectionTimeOut: "RW",
    ConnectorPhaseRotation: "RW",
    GetConfigurationMaxKeys: "R",
    HeartbeatInterval: "RW",
    LocalAuthorizeOffline: "RW",
    LocalPreAuthorize: "RW",
    MeterValuesAlignedData: "RW",
    MeterValuesSampledData: "RW",
    MeterValueSampleInterval: "RW",
    NumberOfConnectors: "R",
    ResetRetries: "RW",
    StopTransactionOnInvalidId: "RW",
    StopTxnAlignedData: "RW",
    StopTxnSampledData: "RW",
    SupportedFeatureProfiles: "R",
    TransactionMessageAttempts: "RW",
    TransactionMessageRetryInterval: "RW",
    UnlockConnectorOnEVSideDisconnect: "R or RW"
  },
  LocalAuthListManagement: { LocalAuthListEnabled: "RW", LocalAuthListMaxLength: "R", SendLocalListMaxLength: "R" },
  SmartCharging: { ChargeProfileMaxStackLevel: "R", ChargingScheduleAllowedChargingRateUnit: "R", ChargingScheduleMaxPeriods: "R", MaxChargingProfilesInstalled: "R" }
};
var keysOf = (answer2) => answer2.configurationKey ?? [];
var unknownOf = (answer2) => answer2.unknownKey ?? [];
var find = (keys, name) => keys.find((k) => k.key.toLowerCase() === name.toLowerCase());
var noUnknownKeys = (p) => unknownOf(p).length ? `no unknownKey (got ${unknownOf(p).join(", ")})` : null;
var configurationCases = [
  {
    id: "TC_019_CS",
    title: "Retrieve configuration",
    profile: "Core",
    section: "2.8.1",
    decisions: [
      'The required keys of the optional profiles the charger reports (LocalAuthListManagement, SmartCharging) are checked like the Core keys, present with the accessibility listed (the document validates them by hand "for now"; its first check asks for every required key of the profiles reported).',
      "Step 7 asks for the first keys of the step 4 answer, as many as GetConfigurationMaxKeys allows.",
      "Keys are compared without case (CiString)."
    ],
    async run(t) {
      const first = await t.send(
        "GetConfiguration",
        { key: ["SupportedFeatureProfiles"] },
        {
          title: "Bench sends GetConfiguration for SupportedFeatureProfiles",
          checks: [noUnknownKeys, (p) => find(keysOf(p), "SupportedFeatureProfiles") ? null : "configurationKey SupportedFeatureProfiles (got none)"]
        }
      );
      const profiles = (find(keysOf(first), "SupportedFeatureProfiles")?.value ?? "").split(",").map((s) => s.trim());
      const all2 = await t.send("GetConfiguration", {}, { title: "Bench sends GetConfiguration for every key" });
      const keys = keysOf(all2);
      await t.verify(`Every required key of the profiles reported (${profiles.join(", ")}) is there, with its accessibility`, () => {
        const wrong = [];
        for (const profile2 of ["Core", ...profiles])
          for (const [name, access] of Object.entries(REQUIRED[profile2] ?? {})) {
            const k = find(keys, name);
            if (!k) wrong.push(`${name} missing (${profile2})`);
            else if (access === "R" && !k.readonly || access === "RW" && k.readonly) wrong.push(`${name} ${k.readonly ? "R" : "RW"}, not ${access}`);
          }
        t.check(wrong.length === 0, "every required key present with its accessibility", [...new Set(wrong)].join("; "));
      });
      const maxKeys = Number(await readKey(t, "GetConfigurationMaxKeys"));
      const wanted = keys.slice(0, Math.min(Number.isInteger(maxKeys) && maxKeys > 0 ? maxKeys : keys.length, keys.length)).map((k) => k.key);
      await t.send(
        "GetConfiguration",
        { key: wanted },
        {
          title: `Bench sends GetConfiguration for ${wanted.length} keys of that answer (GetConfigurationMaxKeys ${Number.isNaN(maxKeys) ? "unknown" : maxKeys})`,
          checks: [
            noUnknownKeys,
            (p) => {
              const missing = wanted.filter((w) => !find(keysOf(p), w));
              return missing.length ? `every key asked for (got none for ${missing.join(", ")})` : null;
            }
          ]
        }
      );
    }
  },
  {
    id: "TC_021_CS",
    title: "Change/set Configuration",
    profile: "Core",
    section: "2.8.2",
    appliesTo: writable("MeterValueSampleInterval"),
    decisions: ["Where MeterValueSampleInterval already holds <Configured Meter Value interval>, the bench first sets it to that value plus 1 (the configuration state wants another value)."],
    async run(t) {
      const interval = String(t.data.meterValueIntervalS);
      if (t.pics.config.MeterValueSampleInterval === interval) await t.configure("MeterValueSampleInterval", String(t.data.meterValueIntervalS + 1));
      if (!t.touched.config.has("MeterValueSampleInterval")) t.touched.config.set("MeterValueSampleInterval", t.pics.config.MeterValueSampleInterval ?? null);
      await t.send(
        "ChangeConfiguration",
        { key: "MeterValueSampleInterval", value: interval },
        { checks: { status: "Accepted" }, title: `Bench sends ChangeConfiguration MeterValueSampleInterval ${interval} expecting status Accepted` }
      );
      t.pics.config.MeterValueSampleInterval = interval;
      await t.send(
        "GetConfiguration",
        { key: ["MeterValueSampleInterval"] },
        {
          title: `Bench sends GetConfiguration for MeterValueSampleInterval expecting value ${interval}`,
          checks: [
            (p) => {
              const k = find(keysOf(p), "MeterValueSampleInterval");
              return !k ? "configurationKey MeterValueSampleInterval (got none)" : k.value !== interval ? `MeterValueSampleInterval ${interval} (got ${k.value ?? "no value"})` : null;
            }
          ]
        }
      );
    }
  }
];
var configurationKeyCases = [
  {
    id: "TC_040_1_CS",
    title: "Configuration key - NotSupported",
    profile: "Core",
    section: "2.15.1",
    async run(t) {
      await t.send(
        "ChangeConfiguration",
        { key: "Testing", value: "true" },
        { checks: { status: "NotSupported" }, title: "Bench sends ChangeConfiguration for the unknown key Testing expecting status NotSupported" }
      );
    }
  },
  {
    id: "TC_040_2_CS",
    title: "Configuratoin key - Invalid value",
    profile: "Core",
    section: "2.15.2",
    async run(t) {
      if (!t.touched.config.has("MeterValueSampleInterval")) t.touched.config.set("MeterValueSampleInterval", t.pics.config.MeterValueSampleInterval ?? null);
      await t.send(
        "ChangeConfiguration",
        { key: "MeterValueSampleInterval", value: "-1" },
        {
          title: "Bench sends ChangeConfiguration MeterValueSampleInterval -1 expecting status Rejected, or a CALLERROR PropertyConstraintViolation",
          callErrors: ["PropertyConstraintViolation"],
          checks: [(p) => p.callError || p.status === "Rejected" ? null : `status Rejected or a CALLERROR PropertyConstraintViolation (got ${String(p.status)})`]
        }
      );
    }
  }
];

// src/main/conformance/octt16/meter-values.ts
var meterToleranceS = (intervalS) => Math.max(2, intervalS * 0.1);
var DEFAULT_MEASURAND = "Energy.Active.Import.Register";
var measurandsOf = (value) => {
  const list = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return list.length ? list : [DEFAULT_MEASURAND];
};
var meterValuesOf = (call2) => call2.payload.meterValue ?? [];
function meterValueChecks(context, measurands2) {
  return [
    (p) => {
      const contexts = (p.meterValue ?? []).flatMap((mv) => mv.sampledValue.map((s) => s.context ?? "Sample.Periodic"));
      const other = contexts.filter((c) => c !== context);
      return other.length ? `sampledValue.context ${context} (got ${[...new Set(other)].join(", ")})` : null;
    },
    (p) => {
      for (const mv of p.meterValue ?? []) {
        const got = mv.sampledValue.map((s) => s.measurand ?? DEFAULT_MEASURAND);
        const missing = measurands2.filter((m) => !got.includes(m));
        const extra = [...new Set(got.filter((m) => !measurands2.includes(m)))];
        if (missing.length || extra.length) return `a sampledValue for each of ${measurands2.join(", ")} and no other (got ${[...new Set(got)].join(", ")})`;
      }
      return null;
    }
  ];
}
async function threeMeterValues(t, intervalS, context, measurands2, what) {
  const calls = [];
  for (let i = 1; i <= 3; i++)
    calls.push(
      await t.expect("MeterValues", {
        where: { connectorId: t.connectorId },
        within: intervalS + meterToleranceS(intervalS),
        checks: meterValueChecks(context, measurands2),
        title: `Charger sends ${what} MeterValues ${i} of 3 for connector ${t.connectorId} (${context}, ${measurands2.join(", ")})`
      })
    );
  return calls;
}
function spacing(t, calls, intervalS) {
  const stamps = calls.map((c) => Date.parse(meterValuesOf(c)[0]?.timestamp ?? ""));
  const gaps = stamps.slice(1).map((s, i) => (s - stamps[i]) / 1e3);
  t.check(
    gaps.every((g) => Math.abs(g - intervalS) <= meterToleranceS(intervalS)),
    `the meter values' timestamps ${intervalS} s apart (\xB1 ${meterToleranceS(intervalS)} s)`,
    `they are ${gaps.map((g) => Number.isNaN(g) ? "unreadable" : `${g} s`).join(", ")} apart`
  );
}
var meterValueCases = [
  {
    id: "TC_070_CS",
    title: "Sampled Meter Values",
    profile: "Core",
    section: "2.9.1",
    appliesTo: all(writable("MeterValueSampleInterval"), writable("ClockAlignedDataInterval", "0")),
    decisions: [
      `The bench waits for three MeterValues, each within one MeterValueSampleInterval plus a tolerance of max(2 s, 10 %) (the document gives none), and checks the timestamps of consecutive ones with that tolerance.`,
      "A sampledValue without context counts as Sample.Periodic (the schema default); without measurand, as Energy.Active.Import.Register.",
      "Each configured measurand must appear in each meter value, and no other; several sampledValues of one measurand (phases) are accepted."
    ],
    async run(t) {
      const interval = t.data.meterValueIntervalS;
      await t.configure("MeterValueSampleInterval", String(interval));
      await t.configureIfPresent("ClockAlignedDataInterval", "0");
      const measurands2 = measurandsOf(await readKey(t, "MeterValuesSampledData"));
      await charging(t);
      const calls = await threeMeterValues(t, interval, "Sample.Periodic", measurands2, "sampled");
      await t.verify(`Consecutive MeterValues are ${interval} s apart`, () => spacing(t, calls, interval));
    }
  },
  {
    id: "TC_071_CS",
    title: "Clock-aligned Meter Values",
    profile: "Core",
    section: "2.9.2",
    appliesTo: all(writable("MeterValueSampleInterval", "0"), writable("ClockAlignedDataInterval")),
    decisions: [
      "The bench waits for three MeterValues, each within one ClockAlignedDataInterval plus a tolerance of max(2 s, 10 %), and checks their spacing and their alignment (timestamps a whole number of intervals after midnight UTC) with that tolerance.",
      "Without measurand, a sampledValue counts as Energy.Active.Import.Register; each configured measurand must appear in each meter value, and no other."
    ],
    async run(t) {
      const interval = t.data.clockAlignedIntervalS;
      await t.configure("MeterValueSampleInterval", "0");
      await t.configure("ClockAlignedDataInterval", String(interval));
      const measurands2 = measurandsOf(await readKey(t, "MeterValuesAlignedData"));
      await charging(t);
      const calls = await threeMeterValues(t, interval, "Sample.Clock", measurands2, "clock-aligned");
      await t.verify(`Consecutive MeterValues are ${interval} s apart, on the clock`, () => {
        spacing(t, calls, interval);
        const offsets = calls.map((c) => {
          const sinceMidnight = Date.parse(meterValuesOf(c)[0]?.timestamp ?? "") % 864e5 / 1e3;
          const off2 = sinceMidnight % interval;
          return Math.min(off2, interval - off2);
        });
        t.check(
          offsets.every((o) => o <= meterToleranceS(interval)),
          `timestamps on multiples of ${interval} s after midnight (\xB1 ${meterToleranceS(interval)} s)`,
          `they are ${offsets.map((o) => Number.isNaN(o) ? "unreadable" : `${Math.round(o * 1e3) / 1e3} s`).join(", ")} off`
        );
      });
    }
  }
];

// src/main/conformance/octt16/core-non-happy.ts
var lock = (p) => p.connectorLock ? null : "The charger has no connector lock";
var noTransaction = (t, why2) => t.expectNone(["StartTransaction"], t.data.transactionDurationS, `${why2}: no StartTransaction for ${t.data.transactionDurationS} s`);
var basicNonHappyCases = [
  {
    id: "TC_023_CS",
    title: "Start Charging Session \u2013 Authorize invalid",
    profile: "Core",
    section: "2.10.1",
    appliesTo: reader,
    decisions: [
      "No StartTransaction may come within <Configured Transaction Duration> after the Invalid answer (the document gives no time; TC_041_CS uses this one).",
      "MinimumStatusDuration 10 and LocalPreAuthorize true are set where the charger has them writable."
    ],
    async run(t) {
      const c = t.connectorId;
      await configureIfWritable(t, "MinimumStatusDuration", "10");
      await configureIfWritable(t, "LocalPreAuthorize", "true");
      await t.operator({ kind: "plug", connectorId: c });
      await t.expect("StatusNotification", { where: { connectorId: c, status: "Preparing" } });
      await t.operator({ kind: "presentIdTag", connectorId: c, idTag: t.data.invalidIdTag });
      await t.expect("Authorize", { title: "Charger sends Authorize (answered Invalid)" });
      await noTransaction(t, "An invalid card");
    }
  },
  {
    id: "TC_024_CS",
    title: "Start Charging Session - Lock Failure",
    profile: "Core",
    section: "2.10.2",
    appliesTo: all(socket, lock),
    decisions: [
      "The RemoteStartTransaction carries <Configured ConnectorId> and <Configured Valid IdTag>; Authorize and Preparing may come in either order (as in the Authorized state).",
      "After the Faulted report, no StartTransaction may come within <Configured Transaction Duration> (the verdict says no transaction starts; no step gives a time)."
    ],
    async run(t) {
      const c = t.connectorId;
      const authorizeRemote = await readKey(t, "AuthorizeRemoteTxRequests") === "true";
      await t.send("RemoteStartTransaction", { connectorId: c, idTag: t.data.validIdTag }, { checks: { status: "Accepted" } });
      const preparing = { action: "StatusNotification", where: { connectorId: c, status: "Preparing" } };
      if (authorizeRemote) await t.expectAll([{ action: "Authorize", checks: { idTag: t.data.validIdTag } }, preparing]);
      else await t.expect(preparing.action, preparing);
      await t.operator({ kind: "plugHalfway", connectorId: c });
      await t.expect("StatusNotification", { where: { connectorId: c, status: "Faulted" }, checks: { errorCode: "ConnectorLockFailure" } });
      await noTransaction(t, "The lock failed");
    }
  }
];
var remoteNonHappyCases = [
  {
    id: "TC_026_CS",
    title: "Remote Start Charging Session \u2013 Rejected",
    profile: "Core",
    section: "2.11.1",
    appliesTo: writable("LocalPreAuthorize", "false"),
    decisions: ["The RemoteStartTransaction carries <Configured Valid IdTag> (the document names only the connector)."],
    async run(t) {
      await t.configure("LocalPreAuthorize", "false");
      await charging(t);
      await t.send("RemoteStartTransaction", { connectorId: t.connectorId, idTag: t.data.validIdTag }, { checks: { status: "Rejected" } });
    }
  },
  {
    id: "TC_027_CS",
    title: "Remote start transaction - connector id shall not be 0",
    profile: "Core",
    section: "2.11.2",
    decisions: ["A CALLERROR of any code passes, as does status Rejected (the scenario allows a CallError and names no code).", "The request carries <Configured Valid IdTag>."],
    async run(t) {
      await t.send(
        "RemoteStartTransaction",
        { connectorId: 0, idTag: t.data.validIdTag },
        {
          title: "Bench sends RemoteStartTransaction for connector 0 expecting status Rejected, or a CALLERROR",
          callErrors: "any",
          checks: [(p) => p.callError || p.status === "Rejected" ? null : `status Rejected or a CALLERROR (got ${String(p.status)})`]
        }
      );
    }
  },
  {
    id: "TC_028_CS",
    title: "Remote Stop Transaction \u2013 Rejected",
    profile: "Core",
    section: "2.11.3",
    decisions: ["<Unknown transactionId> is the highest transaction id the bench knows on the charger plus 1000."],
    async run(t) {
      const tx = await charging(t);
      const unknown = Math.max(tx, ...t.host.openTransactions().map((o) => o.transactionId)) + 1e3;
      await t.send(
        "RemoteStopTransaction",
        { transactionId: unknown },
        { checks: { status: "Rejected" }, title: `Bench sends RemoteStopTransaction for unknown transaction ${unknown} expecting status Rejected` }
      );
    }
  }
];
var unlockNonHappyCases = [
  {
    id: "TC_030_CS",
    title: "Unlock Connector \u2013 Unlock Failure",
    profile: "Core",
    section: "2.12.1",
    appliesTo: all(socket, lock),
    decisions: ["UnlockConnector goes to <Configured ConnectorId>; the operator makes its lock unable to open first (the prerequisite)."],
    async run(t) {
      await t.operator({ kind: "jamLock", connectorId: t.connectorId });
      await t.send("UnlockConnector", { connectorId: t.connectorId }, { checks: { status: "UnlockFailed" } });
    }
  },
  {
    id: "TC_031_CS",
    title: "Unlock Connector \u2013 Unknown Connector",
    profile: "Core",
    section: "2.12.2",
    decisions: ["<Unknown connectorId> is NumberOfConnectors plus 1."],
    async run(t) {
      const unknown = t.pics.connectors + 1;
      await t.send(
        "UnlockConnector",
        { connectorId: unknown },
        { checks: { status: "NotSupported" }, title: `Bench sends UnlockConnector for connector ${unknown} (there is none) expecting status NotSupported` }
      );
    }
  }
];
var faultCases = [
  {
    id: "TC_041_CS",
    title: "Fault Behavior",
    profile: "Core",
    section: "2.16.1",
    decisions: [
      "The fault is caused on <Configured ConnectorId> (the SetConnectorFaulted state); the driver then plugs in and, where the charger has a reader, presents <Configured Valid IdTag>.",
      "The end of the case clears the fault on the virtual charger (the document does not say); on a real charger the operator clears it by hand before the next case."
    ],
    async run(t) {
      const c = t.connectorId;
      await connectorFaulted(t, c);
      await t.operator({ kind: "plug", connectorId: c });
      if (t.pics.reader) await t.operator({ kind: "presentIdTag", connectorId: c, idTag: t.data.validIdTag });
      await noTransaction(t, "The connector is faulted");
    }
  }
];

// src/main/conformance/octt16/power-failure.ts
var backupPower = (p) => p.backupPower ? null : "The charger has no back-up power source (declared) to stop its transactions before it goes down";
var noBackupPower = (p) => p.backupPower ? "The charger has a back-up power source (declared): TC_032_1_CS applies instead" : null;
var powerFailureCases = [
  {
    id: "TC_032_1_CS",
    title: "Power failure boot charging point - configured to stop transaction(s) before going down",
    profile: "Core",
    section: "2.13.1",
    appliesTo: backupPower,
    decisions: ["StopTransaction (PowerLoss) and Finishing may come in either order (the standing exception); the BootNotification may come up to 120 s after the power is back."],
    async run(t) {
      const c = t.connectorId;
      const tx = await charging(t);
      await t.operator({ kind: "powerOff" });
      await stoppedCharging(t, tx, { reason: "PowerLoss" });
      await t.operator({ kind: "powerOn" });
      await t.expect("BootNotification", { within: 120 });
      await bootStatuses(t, (id2) => id2 === c ? ["Finishing", "Preparing"] : "Available");
    }
  },
  {
    id: "TC_032_2_CS",
    title: "Power failure boot charging point-configured to stop transaction(s)",
    profile: "Core",
    section: "2.13.2",
    appliesTo: noBackupPower,
    decisions: [
      "After the boot, the connector that had the transaction reports Preparing, Finishing or Charging (an Unavailable or Available before it is an observation); a StopTransaction (PowerLoss) may come among these statuses.",
      "When the connector reports Charging (the transaction resumed), the operator presents <Configured Valid IdTag> and the StopTransaction must have reason Local or none; otherwise the charger must stop it by itself with PowerLoss.",
      "Step 7 is needed only when neither Preparing nor Finishing was reported for the connector after the boot."
    ],
    async run(t) {
      const c = t.connectorId;
      const tx = await charging(t);
      await t.operator({ kind: "powerCycle" });
      await t.expect("BootNotification", { within: 120 });
      const statuses = Array.from(
        { length: t.pics.connectors + 1 },
        (_, id2) => id2 === c ? { action: "StatusNotification", where: { connectorId: id2, status: ["Preparing", "Finishing", "Charging"] } } : { action: "StatusNotification", where: { connectorId: id2 }, checks: { status: "Available" } }
      );
      const got = await t.expectAll(
        [...statuses, { action: "StopTransaction", optional: true, checks: { transactionId: tx, reason: "PowerLoss" } }],
        `Charger sends StatusNotification for connector 0 and each of its ${t.pics.connectors} connectors (connector ${c} Preparing, Finishing or Charging), and maybe StopTransaction (PowerLoss), in any order`
      );
      const status = got[c].payload.status;
      const rest = [];
      if (!got[statuses.length]) {
        if (status === "Charging") {
          await t.operator({ kind: "presentIdTag", connectorId: c, idTag: t.data.validIdTag });
          rest.push({ action: "StopTransaction", checks: { transactionId: tx, reason: ["Local", void 0] } });
        } else rest.push({ action: "StopTransaction", checks: { transactionId: tx, reason: "PowerLoss" } });
      }
      if (status === "Charging") rest.push({ action: "StatusNotification", where: { connectorId: c, status: ["Preparing", "Finishing"] } });
      if (rest.length)
        await t.expectAll(
          rest,
          `Charger sends ${rest.map((r) => r.action === "StopTransaction" ? `StopTransaction (${status === "Charging" ? "Local or no reason" : "PowerLoss"})` : "StatusNotification (Preparing or Finishing)").join(" and ")}${rest.length > 1 ? ", in either order" : ""}`
        );
    }
  },
  {
    id: "TC_034_CS",
    title: "Power Failure with Unavailable Status",
    profile: "Core",
    section: "2.13.3",
    decisions: ["The end of the case sets the charger Operative again (the document does not; the general post-conditions want connectors available)."],
    async run(t) {
      const unavailable = (when) => t.expectAll(
        Array.from({ length: t.pics.connectors + 1 }, (_, id2) => ({ action: "StatusNotification", where: { connectorId: id2 }, checks: { status: "Unavailable" } })),
        `Charger sends StatusNotification Unavailable for connector 0 and each of its ${t.pics.connectors} connectors ${when}, in any order`
      );
      t.touched.availability = true;
      await t.send(
        "ChangeAvailability",
        { connectorId: 0, type: "Inoperative" },
        { checks: { status: "Accepted" }, title: "Bench sends ChangeAvailability Inoperative for the whole charger (connector 0) expecting status Accepted" }
      );
      await unavailable("once Inoperative");
      await t.operator({ kind: "powerCycle" });
      await t.expect("BootNotification", { within: 120 });
      await unavailable("after the power cycle");
    }
  }
];

// src/main/conformance/octt16/offline.ts
var OFFLINE = "The bench removes the connectivity itself (drops the connection and refuses the charger until it restores it), so no operator is needed for it.";
var offlineStart = (p) => p.profiles.includes("LocalAuthListManagement") && "LocalAuthListEnabled" in p.config || "AuthorizationCacheEnabled" in p.config || "AllowOfflineTxForUnknownId" in p.config ? null : "The charger has no local list, authorization cache or AllowOfflineTxForUnknownId to start a transaction offline";
async function knownOffline(t, idTag3) {
  await t.configure("LocalAuthorizeOffline", "true");
  for (const key2 of ["LocalAuthListEnabled", "AuthorizationCacheEnabled", "AllowOfflineTxForUnknownId"]) await configureIfWritable(t, key2, "true");
  if (t.pics.profiles.includes("LocalAuthListManagement") && t.pics.config.LocalAuthListEnabled === "true") await idTagInLocalList(t, 1, idTag3);
  if (t.pics.config.AuthorizationCacheEnabled === "true") await idTagCached(t, idTag3);
}
var goOffline = (t) => t.goOffline(t.data.operatorTimeoutS);
async function backOnline(t) {
  await t.backOnline();
  await t.connected(60);
  return t.clock.now();
}
function transactionIdOf(t, start) {
  const answer2 = t.host.frames.frames.find((f) => f.direction === "out" && f.kind === "CALLRESULT" && f.messageId === start.messageId);
  try {
    return answer2 ? JSON.parse(answer2.raw)[2].transactionId : void 0;
  } catch {
    return void 0;
  }
}
var stampOf = (call2) => Date.parse(call2.payload.meterValue?.[0]?.timestamp ?? "");
async function offlineSession(t, idTag3, then = async () => {
}) {
  const c = t.connectorId;
  await goOffline(t);
  await t.operator({ kind: "presentIdTag", connectorId: c, idTag: idTag3 });
  await t.operator({ kind: "plug", connectorId: c });
  await then(c);
  await backOnline(t);
}
async function invalidKnownOffline(t, stopOnInvalid) {
  t.answerIdTags({ [t.data.invalidIdTag]: { status: "Accepted" } });
  await knownOffline(t, t.data.invalidIdTag);
  await t.configure("StopTransactionOnInvalidId", String(stopOnInvalid));
  await configureIfWritable(t, "MaxEnergyOnInvalidId", "0");
  t.answerIdTags({});
  await offlineSession(t, t.data.invalidIdTag);
}
var INVALID_KNOWN = "The memory states for <Configured invalid IdTag> make it known locally as Accepted (local list entry, and a session with it while the bench answers it Accepted); from then on the bench answers it Invalid.";
var offlineCases = [
  {
    id: "TC_036_CS",
    title: "Connection Loss During Transaction",
    profile: "Core",
    section: "2.14.1",
    appliesTo: writable("MeterValueSampleInterval"),
    decisions: [
      OFFLINE,
      "The bench stays unreachable for 3.5 MeterValueSampleIntervals, then waits for the queued MeterValues of the connector until one stamped after the reconnection arrives (or none comes for an interval plus 30 s).",
      "Queued means stamped before the reconnection (by the bench clock); at least 3 are required, in chronological order, MeterValueSampleInterval apart within max(2 s, 10 %), and before the first new one."
    ],
    async run(t) {
      const c = t.connectorId;
      const interval = t.data.meterValueIntervalS;
      const tol = meterToleranceS(interval);
      await t.configure("MeterValueSampleInterval", String(interval));
      await charging(t);
      await goOffline(t);
      await t.wait(interval * 3.5, "the charger produces at least 3 meter values while offline");
      const backAt = await backOnline(t);
      const calls = await t.step("charger", "Charger sends the MeterValues it queued while offline, then new ones", async (ids) => {
        const got = [];
        const { pending } = t.host.frames;
        const next = () => {
          const i = pending.findIndex((p) => p.action === "MeterValues" && p.payload.connectorId === c);
          return i >= 0 ? pending.splice(i, 1)[0] : null;
        };
        for (; ; ) {
          const call2 = await t.host.frames.waitFor(t.clock, (interval + tol + t.data.chargerTimeoutS) * 1e3, next);
          if (!call2) break;
          ids.push(call2.messageId);
          got.push(call2);
          if (stampOf(call2) >= backAt || got.length >= 100) break;
        }
        return got;
      });
      await t.verify("The queued MeterValues came in chronological order, before new ones, MeterValueSampleInterval apart", () => {
        const stamps = calls.map(stampOf);
        const queued = stamps.filter((s) => s < backAt);
        t.check(queued.length >= 3, "at least 3 MeterValues queued while offline", `${queued.length} came (of ${calls.length} MeterValues after the reconnection)`);
        const backwards = stamps.findIndex((s, i) => i > 0 && !(s >= stamps[i - 1]));
        t.check(
          backwards < 0,
          "the MeterValues in chronological order, the queued ones before new ones",
          `MeterValues ${backwards + 1} is stamped before the one ahead of it (${calls.map((x) => x.payload.meterValue[0]?.timestamp).join(", ")})`
        );
        const gaps = queued.slice(1).map((s, i) => (s - queued[i]) / 1e3);
        t.check(
          gaps.every((g) => Math.abs(g - interval) <= tol),
          `the queued MeterValues ${interval} s apart (\xB1 ${tol} s)`,
          `they are ${gaps.map((g) => `${g} s`).join(", ")} apart`
        );
      });
    }
  },
  {
    id: "TC_037_1_CS",
    title: "Offline Start Transaction - Valid IdTag",
    profile: "Core",
    section: "2.14.2",
    appliesTo: all(reader, offlineStart, writable("LocalAuthorizeOffline", "true")),
    decisions: [OFFLINE, "The memory states run where their keys are there: the local list (LocalAuthListManagement), then the cache (AuthorizationCacheEnabled)."],
    async run(t) {
      await knownOffline(t, t.data.validIdTag);
      await offlineSession(t, t.data.validIdTag);
      await startedCharging(t, t.connectorId, t.data.validIdTag);
    }
  },
  {
    id: "TC_037_2_CS",
    title: "Offline Start Transaction - Invalid IdTag - StopTransactionOnInvalidId = false",
    profile: "Core",
    section: "2.14.3",
    appliesTo: all(reader, offlineStart, writable("LocalAuthorizeOffline", "true"), writable("StopTransactionOnInvalidId", "false")),
    decisions: [OFFLINE, INVALID_KNOWN, "After SuspendedEVSE, no StopTransaction may come within <Configured Transaction Duration> (the verdict: the transaction is kept)."],
    async run(t) {
      const c = t.connectorId;
      await invalidKnownOffline(t, false);
      await startedCharging(t, c, t.data.invalidIdTag);
      await t.expect("StatusNotification", { where: { connectorId: c, status: "SuspendedEVSE" }, title: "Charger sends StatusNotification (status SuspendedEVSE) after the Invalid answer" });
      await t.expectNone(["StopTransaction"], t.data.transactionDurationS, "The transaction is kept: no StopTransaction");
    }
  },
  {
    id: "TC_037_3_CS",
    title: "Offline Start Transaction - Invalid IdTag - StopTransactionOnInvalidId = true",
    profile: "Core",
    section: "2.14.4",
    appliesTo: all(reader, offlineStart, writable("LocalAuthorizeOffline", "true"), writable("StopTransactionOnInvalidId", "true")),
    decisions: [OFFLINE, INVALID_KNOWN, "StopTransaction (DeAuthorized) and Finishing may come in either order (the standing exception)."],
    async run(t) {
      const c = t.connectorId;
      await invalidKnownOffline(t, true);
      const [tx] = await startedCharging(t, c, t.data.invalidIdTag);
      await stoppedCharging(t, tx, { reason: "DeAuthorized" });
    }
  },
  {
    id: "TC_038_CS",
    title: "Offline Stop Transaction",
    profile: "Core",
    section: "2.14.5",
    appliesTo: reader,
    decisions: [OFFLINE, "The driver stops the transaction with <Configured Valid IdTag>, the card that started it."],
    async run(t) {
      const c = t.connectorId;
      const tx = await charging(t);
      await goOffline(t);
      await t.operator({ kind: "presentIdTag", connectorId: c, idTag: t.data.validIdTag });
      await backOnline(t);
      await stoppedCharging(t, tx, { reason: ["Local", void 0] });
    }
  },
  {
    id: "TC_039_CS",
    title: "Offline Transaction",
    profile: "Core",
    section: "2.14.6",
    appliesTo: all(reader, offlineStart, writable("LocalAuthorizeOffline", "true")),
    decisions: [OFFLINE, "StatusNotifications after the reconnection are observations (the document lists none); the StopTransaction must name the transactionId the bench gave the StartTransaction."],
    async run(t) {
      const idTag3 = t.data.validIdTag;
      await knownOffline(t, idTag3);
      await offlineSession(t, idTag3, async (c) => {
        await t.operator({ kind: "presentIdTag", connectorId: c, idTag: idTag3 });
        await t.operator({ kind: "unplug", connectorId: c });
      });
      const start = await t.expect("StartTransaction", { checks: { connectorId: t.connectorId, idTag: idTag3 }, title: "Charger sends the StartTransaction it queued while offline (answered Accepted)" });
      const transactionId = transactionIdOf(t, start);
      await t.expect("StopTransaction", { checks: { transactionId, reason: ["Local", void 0] }, title: "Charger sends the StopTransaction it queued while offline" });
    }
  }
];

// src/main/conformance/octt16/reservation.ts
var RID = 7;
var OTHER_RID = RID + 1;
var RID_DECISION = `The bench reserves with reservationId ${RID} (the document does not state the value).`;
var noReservationProfile = (p) => p.profiles.includes("Reservation") ? "The charger supports the Reservation profile (the case is for a charger without it)" : null;
var zeroSupported = (p) => p.config.ReserveConnectorZeroSupported?.toLowerCase() === "true" ? null : `ReserveConnectorZeroSupported is ${p.config.ReserveConnectorZeroSupported === void 0 ? "not reported" : p.config.ReserveConnectorZeroSupported ?? "empty"} (the case needs true)`;
var ZERO_DECISION = "ReserveConnectorZeroSupported must be reported true; the bench does not set it (it is read-only on most chargers): otherwise the case is not applicable.";
async function refusedReservation(t, connectorId, status) {
  t.touched.reservations.add(RID);
  const expiryDate = new Date(t.clock.now() + t.data.reservationExpiryOffsetS * 1e3).toISOString();
  await t.send("ReserveNow", { connectorId, expiryDate, idTag: t.data.validIdTag, reservationId: RID }, { checks: { status } });
}
async function clearFault(t, connectorId) {
  await t.operator({ kind: "clearFault", connectorId });
  if (connectorId === 0) await everyConnector(t, "Available");
  else await t.expect("StatusNotification", { where: { connectorId, status: "Available" }, title: `Charger sends StatusNotification Available for connector ${connectorId} once the fault is gone` });
}
var FAULT_DECISION = "The case ends by asking for the fault to be cleared and expecting Available again (the general post-conditions have no faults; the document leaves it in place).";
var reservationCases = [
  {
    id: "TC_046_1_CS",
    title: "Reservation of a Connector - Local start transaction",
    profile: "Reservation",
    section: "2.20.1",
    appliesTo: all(profile("Reservation")),
    decisions: [
      RID_DECISION,
      "The card that is not the reserved one is <Configured Valid IdTag 2> (the bench answers it Accepted, without a parentIdTag). For 5 s after it the charger must send no StartTransaction and no status other than Reserved for the connector; an Authorize of that card is allowed (a charger may need its parentIdTag) and recorded as an observation.",
      "The Authorize of the reserved idTag is optional, as the document says; it may come after Preparing (as in the Authorized state)."
    ],
    async run(t) {
      const c = t.connectorId;
      await unusedConnectorsUnavailable(t);
      await reserved(t, RID);
      await t.operator({ kind: "presentIdTag", connectorId: c, idTag: t.data.validIdTag2 });
      await t.expectNone(
        ["StartTransaction", { action: "StatusNotification", where: (p) => p.connectorId === c && p.status !== "Reserved" }],
        5,
        `A card that is not the reserved one: no StartTransaction and connector ${c} stays Reserved`
      );
      t.tolerate("Authorize", { idTag: t.data.validIdTag2 }, "the charger asked about the card that is not the reserved one (allowed)");
      await t.operator({ kind: "presentIdTag", connectorId: c, idTag: t.data.validIdTag });
      await t.expectAll([
        { action: "Authorize", checks: { idTag: t.data.validIdTag }, optional: true },
        { action: "StatusNotification", where: { connectorId: c, status: "Preparing" } }
      ]);
      await t.operator({ kind: "plug", connectorId: c });
      await startedCharging(t, c, t.data.validIdTag, { reservationId: RID });
    }
  },
  {
    id: "TC_046_2_CS",
    title: "Reservation of a Connector - Remote start transaction",
    profile: "Reservation",
    section: "2.20.1",
    appliesTo: all(profile("Reservation")),
    decisions: [RID_DECISION, "In the Charging state on the reserved connector the Authorize is optional even where AuthorizeRemoteTxRequests is true."],
    async run(t) {
      await reserved(t, RID);
      await charging(t, { reserved: true, startChecks: { reservationId: RID } });
    }
  },
  {
    id: "TC_047_CS",
    title: "Reservation of a Connector - Expire",
    profile: "Reservation",
    section: "2.20.1",
    appliesTo: all(profile("Reservation")),
    decisions: [
      RID_DECISION,
      "The connector must be Available again within <Configured Chargers timeout> after the expiry date, and not earlier than <Configured Max Time Deviation> before it.",
      '"Another valid idTag" is <Configured Valid IdTag 2>.'
    ],
    async run(t) {
      const c = t.connectorId;
      await unusedConnectorsUnavailable(t);
      const expiry = await reserved(t, RID);
      const available = await t.expect("StatusNotification", {
        where: { connectorId: c, status: "Available" },
        within: t.data.reservationExpiryOffsetS + t.data.chargerTimeoutS,
        title: `Nobody uses the reservation: charger sends StatusNotification Available for connector ${c} once it expires (${t.data.reservationExpiryOffsetS} s)`
      });
      const early = (expiry - Date.parse(available.ts)) / 1e3;
      t.check(early <= t.data.maxTimeDeviationS, "the connector Available once the reservation expired", `it was Available ${Math.round(early)} s before the expiry date`);
      await charging(t, { idTag: t.data.validIdTag2 });
    }
  },
  {
    id: "TC_048_1_CS",
    title: "Reservation of a Connector - Faulted",
    profile: "Reservation",
    section: "2.20.1",
    appliesTo: all(profile("Reservation")),
    decisions: [FAULT_DECISION],
    async run(t) {
      await connectorFaulted(t);
      await refusedReservation(t, t.connectorId, "Faulted");
      await clearFault(t, t.connectorId);
    }
  },
  {
    id: "TC_048_2_CS",
    title: "Reservation of a Connector - Occupied",
    profile: "Reservation",
    section: "2.20.1",
    appliesTo: all(profile("Reservation")),
    async run(t) {
      await connectorOccupied(t);
      await refusedReservation(t, t.connectorId, "Occupied");
    }
  },
  {
    id: "TC_048_3_CS",
    title: "Reservation of a Connector - Unavailable",
    profile: "Reservation",
    section: "2.20.1",
    appliesTo: all(profile("Reservation")),
    async run(t) {
      await connectorUnavailable(t);
      await refusedReservation(t, t.connectorId, "Unavailable");
    }
  },
  {
    id: "TC_048_4_CS",
    title: "Reservation of a Connector - Rejected",
    profile: "Reservation",
    section: "2.20.1",
    appliesTo: noReservationProfile,
    decisions: [
      'Only a ReserveNow answer with status Rejected passes (OCPP 1.6: "not configured to accept reservations"); a CALLERROR NotSupported or NotImplemented fails, as the document lists no alternative.'
    ],
    async run(t) {
      await refusedReservation(t, t.connectorId, "Rejected");
    }
  },
  {
    id: "TC_049_CS",
    title: "Reservation of a Charge Point - Transaction",
    profile: "Reservation",
    section: "2.20.2",
    appliesTo: all(profile("Reservation"), zeroSupported),
    decisions: [
      ZERO_DECISION,
      RID_DECISION,
      "The Reserved status is expected for <Configured ConnectorId>, the only connector left available (OCPP 1.6 has no Reserved status for connector 0).",
      "In the Charging state on the reserved connector the Authorize is optional even where AuthorizeRemoteTxRequests is true."
    ],
    async run(t) {
      await unusedConnectorsUnavailable(t);
      await reserved(t, RID, 0);
      await t.expect("StatusNotification", { where: { connectorId: t.connectorId, status: "Reserved" } });
      await charging(t, { reserved: true, startChecks: { reservationId: RID } });
    }
  },
  {
    id: "TC_050_1_CS",
    title: "Reservation of a Charge Point - Faulted",
    profile: "Reservation",
    section: "2.20.2",
    appliesTo: all(profile("Reservation"), zeroSupported),
    decisions: [ZERO_DECISION, "The charger-wide fault must show as Faulted for connector 0 and for each connector (SetChargePointFaulted).", FAULT_DECISION],
    async run(t) {
      await chargePointFaulted(t);
      await refusedReservation(t, 0, "Faulted");
      await clearFault(t, 0);
    }
  },
  {
    id: "TC_050_2_CS",
    title: "Reservation of a Charge Point - Occupied",
    profile: "Reservation",
    section: "2.20.2",
    appliesTo: all(profile("Reservation"), zeroSupported),
    decisions: [ZERO_DECISION],
    async run(t) {
      for (let c = 1; c <= t.pics.connectors; c++) await connectorOccupied(t, c);
      await refusedReservation(t, 0, "Occupied");
    }
  },
  {
    id: "TC_050_3_CS",
    title: "Reservation of a Charge Point - Unavailable",
    profile: "Reservation",
    section: "2.20.2",
    appliesTo: all(profile("Reservation"), zeroSupported),
    decisions: [ZERO_DECISION],
    async run(t) {
      await chargePointUnavailable(t);
      await refusedReservation(t, 0, "Unavailable");
    }
  },
  {
    id: "TC_050_4_CS",
    title: "Reservation of a Charge Point - Rejected",
    profile: "Reservation",
    section: "2.20.2",
    appliesTo: noReservationProfile,
    decisions: ["Only a ReserveNow answer with status Rejected passes; a CALLERROR NotSupported or NotImplemented fails, as the document lists no alternative."],
    async run(t) {
      await refusedReservation(t, 0, "Rejected");
    }
  },
  {
    id: "TC_051_CS",
    title: "Cancel Reservation",
    profile: "Reservation",
    section: "2.20.3",
    appliesTo: all(profile("Reservation")),
    decisions: [RID_DECISION],
    async run(t) {
      await reserved(t, RID);
      await t.send("CancelReservation", { reservationId: RID }, { checks: { status: "Accepted" } });
      await t.expect("StatusNotification", { where: { connectorId: t.connectorId, status: "Available" } });
      await charging(t, { idTag: t.data.validIdTag2, startChecks: [(p) => p.reservationId === void 0 ? null : `reservationId omitted (got ${JSON.stringify(p.reservationId)})`] });
    }
  },
  {
    id: "TC_052_CS",
    title: "Cancel Reservation - Rejected",
    profile: "Reservation",
    section: "2.20.3",
    appliesTo: all(profile("Reservation")),
    decisions: [
      `${RID_DECISION} The unknown one is ${OTHER_RID}.`,
      "That the reservation stays in place is checked as no StatusNotification Available for the connector within 5 s of the answer; the end of the case cancels it."
    ],
    async run(t) {
      await reserved(t, RID);
      await t.send("CancelReservation", { reservationId: OTHER_RID }, { checks: { status: "Rejected" } });
      await t.expectNone([{ action: "StatusNotification", where: { connectorId: t.connectorId, status: "Available" } }], 5, `The reservation stays: connector ${t.connectorId} does not go Available`);
    }
  },
  {
    id: "TC_053_CS",
    title: "Use a reserved Connector with parentIdTag",
    profile: "Reservation",
    section: "2.20.4",
    appliesTo: all(profile("Reservation")),
    decisions: [
      RID_DECISION,
      "The reservation is for <Configured ConnectorId> (the document does not say which).",
      "The bench answers <Configured Valid IdTag> and <Configured Valid IdTag 2> Accepted with parentIdTag <Configured ParentIdTag>, so the charger can match card 2 to the reservation (the document leaves the Authorize answer open)."
    ],
    async run(t) {
      const c = t.connectorId;
      const shared = { status: "Accepted", parentIdTag: t.data.parentIdTag };
      t.answerIdTags({ [t.data.validIdTag]: shared, [t.data.validIdTag2]: shared });
      await unusedConnectorsUnavailable(t);
      await reserved(t, RID, c, t.data.validIdTag, t.data.parentIdTag);
      await authorized(t, t.data.validIdTag2);
      await t.operator({ kind: "plug", connectorId: c });
      await startedCharging(t, c, t.data.validIdTag2, { reservationId: RID });
    }
  }
];

// src/main/conformance/octt16/schedules.ts
var inUnit = (t, amps) => t.data.chargingRateUnit === "W" ? amps * 1e3 : amps;
var iso = (ms3) => new Date(ms3).toISOString();
function chargingProfile(t, p) {
  return {
    chargingProfileId: p.id,
    ...p.transactionId !== void 0 ? { transactionId: p.transactionId } : {},
    stackLevel: p.stackLevel,
    chargingProfilePurpose: p.purpose,
    chargingProfileKind: "Absolute",
    ...p.validFrom !== void 0 ? { validFrom: iso(p.validFrom) } : {},
    ...p.validTo !== void 0 ? { validTo: iso(p.validTo) } : {},
    chargingSchedule: {
      ...p.duration !== void 0 ? { duration: p.duration } : {},
      startSchedule: iso(p.start),
      chargingRateUnit: t.data.chargingRateUnit,
      chargingSchedulePeriod: p.periods.map(([startPeriod, limit2]) => ({ startPeriod, limit: inUnit(t, limit2), numberPhases: t.data.numberPhases }))
    }
  };
}
function profileLimit(p, at) {
  if (!valid(p, at) || at < p.start) return null;
  const elapsed = (at - p.start) / 1e3;
  if (p.duration !== void 0 && elapsed >= p.duration) return null;
  let limit2 = null;
  for (const [start, l] of p.periods) if (start <= elapsed) limit2 = l;
  return limit2;
}
var valid = (p, at) => (p.validFrom === void 0 || at >= p.validFrom) && (p.validTo === void 0 || at < p.validTo);
function stacked(list, at) {
  for (const p of [...list].sort((a, b) => b.stackLevel - a.stackLevel)) {
    const l = profileLimit(p, at);
    if (l !== null) return l;
  }
  return null;
}
function limitAt(profiles, connectorId, at, transaction) {
  const of = (purpose, c) => profiles.filter((p) => p.purpose === purpose && p.connectorId === c);
  const cpMax = stacked(of("ChargePointMaxProfile", 0), at);
  const txProfiles = transaction ? of("TxProfile", connectorId) : [];
  const tx = txProfiles.some((p) => valid(p, at)) ? stacked(txProfiles, at) : stacked(of("TxDefaultProfile", connectorId), at) ?? stacked(of("TxDefaultProfile", 0), at);
  if (cpMax === null) return tx;
  return tx === null ? cpMax : Math.min(tx, cpMax);
}
function expectedSegments(profiles, connectorId, start, duration, transaction) {
  const cuts = /* @__PURE__ */ new Set([0, duration]);
  for (const p of profiles) {
    const moments = [p.start, ...p.periods.map(([s]) => p.start + s * 1e3), ...p.duration !== void 0 ? [p.start + p.duration * 1e3] : [], p.validFrom, p.validTo];
    for (const m of moments) if (m !== void 0 && m > start && m < start + duration * 1e3) cuts.add((m - start) / 1e3);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i];
    const to = sorted[i + 1];
    const limit2 = limitAt(profiles, connectorId, start + (from + to) / 2 * 1e3, transaction);
    const last = out[out.length - 1];
    if (last && last.limit === limit2) last.to = to;
    else out.push({ from, to, limit: limit2 });
  }
  return out;
}
var TOLERANCE_S = 2;
var showPeriods = (list) => list.map((p) => `(${p.startPeriod}, ${p.limit === null ? "its own limit" : p.limit})`).join(", ") || "none";
function compositeChecks(t, e) {
  const schedule = (p) => p.chargingSchedule ?? {};
  const startOf = (p) => schedule(p).startSchedule ?? p.scheduleStart;
  return [
    (p) => p.status === "Accepted" ? null : `status Accepted (got ${String(p.status)})`,
    (p) => p.connectorId === e.connectorId ? null : `connectorId ${e.connectorId} (got ${p.connectorId === void 0 ? "nothing" : String(p.connectorId)})`,
    (p) => p.chargingSchedule ? null : "a chargingSchedule (got nothing)",
    (p) => schedule(p).duration === e.duration ? null : `chargingSchedule.duration ${e.duration} (got ${schedule(p).duration ?? "nothing"})`,
    (p) => schedule(p).chargingRateUnit === t.data.chargingRateUnit ? null : `chargingSchedule.chargingRateUnit ${t.data.chargingRateUnit} (got ${schedule(p).chargingRateUnit ?? "nothing"})`,
    (p) => {
      const start = startOf(p);
      const off2 = start === void 0 ? NaN : Math.abs(Date.parse(start) - t.clock.now()) / 1e3;
      return off2 <= t.data.maxTimeDeviationS ? null : `startSchedule within ${t.data.maxTimeDeviationS} s of now (got ${start ?? "nothing"}${Number.isNaN(off2) ? "" : `, ${Math.round(off2)} s off`})`;
    },
    (p) => {
      const start = startOf(p);
      const got = schedule(p).chargingSchedulePeriod ?? [];
      if (start === void 0 || Number.isNaN(Date.parse(start)) || !p.chargingSchedule) return null;
      const segments = expectedSegments(e.profiles, e.connectorId, Date.parse(start), e.duration, e.transaction);
      const expected = segments.map((s) => ({ startPeriod: Math.round(s.from), limit: s.limit === null ? null : inUnit(t, s.limit) }));
      const wrong = (() => {
        if (e.profiles.length === 0 && (got.length !== 1 || got[0].startPeriod !== 0)) return true;
        const limitAtS = (s) => [...got].reverse().find((g) => g.startPeriod <= s)?.limit;
        const end = Math.min(e.duration, schedule(p).duration ?? e.duration);
        for (let s = 0; s < e.duration; s++) {
          const mid = s + 0.5;
          const seg = segments.find((x2) => mid >= x2.from && mid < x2.to);
          if (!seg || seg.limit === null) continue;
          if (segments.some((x2) => x2.from > 0 && Math.abs(mid - x2.from) < TOLERANCE_S + 0.5)) continue;
          const want = inUnit(t, seg.limit);
          const have = s < end ? limitAtS(s) : void 0;
          if (have === void 0 || Math.abs(have - want) > Math.max(0.1, want * 1e-3)) return true;
        }
        return false;
      })();
      const x = e.profiles.length ? ` (scheduleStart ${Math.round((Date.parse(start) - Math.min(...e.profiles.map((q) => q.start))) / 1e3)} s after the profiles' startSchedule)` : "";
      return wrong ? `chargingSchedulePeriod ${e.profiles.length === 0 ? "one period from 0 (the charger\u2019s own limit)" : showPeriods(expected)}${x} (got ${showPeriods(got)})` : null;
    }
  ];
}
function refusalObservation(t, p, installed) {
  const cfg = t.pics.config;
  const n = (k) => cfg[k] === void 0 || cfg[k] === null || Number.isNaN(Number(cfg[k])) ? null : Number(cfg[k]);
  const periods = p.chargingSchedule.chargingSchedulePeriod.length;
  const unit = p.chargingSchedule.chargingRateUnit === "A" ? "Current" : "Power";
  const facts = [
    {
      text: `ChargingScheduleMaxPeriods ${cfg.ChargingScheduleMaxPeriods ?? "not reported"}, the profile has ${periods}`,
      within: n("ChargingScheduleMaxPeriods") === null ? null : periods <= n("ChargingScheduleMaxPeriods")
    },
    {
      text: `ChargeProfileMaxStackLevel ${cfg.ChargeProfileMaxStackLevel ?? "not reported"}, stackLevel ${p.stackLevel}`,
      within: n("ChargeProfileMaxStackLevel") === null ? null : p.stackLevel <= n("ChargeProfileMaxStackLevel")
    },
    {
      text: `ChargingScheduleAllowedChargingRateUnit ${cfg.ChargingScheduleAllowedChargingRateUnit ?? "not reported"}, unit ${p.chargingSchedule.chargingRateUnit}`,
      within: cfg.ChargingScheduleAllowedChargingRateUnit == null ? null : cfg.ChargingScheduleAllowedChargingRateUnit.split(",").some((u) => u.trim() === unit)
    },
    {
      text: `MaxChargingProfilesInstalled ${cfg.MaxChargingProfilesInstalled ?? "not reported"}, ${installed + 1} installed with it`,
      within: n("MaxChargingProfilesInstalled") === null ? null : installed + 1 <= n("MaxChargingProfilesInstalled")
    }
  ];
  const outside = facts.filter((f) => f.within === false);
  return outside.length ? `The profile ${p.chargingProfileId} was refused; it is outside what the charger declares: ${outside.map((f) => f.text).join("; ")}` : `Declared capability contradicted: the charger refused profile ${p.chargingProfileId} although it is within what it declares (${facts.map((f) => f.text).join("; ")})`;
}

// src/main/conformance/octt16/smart-charging.ts
var UNKNOWN_TX = 987654;
var atLeast = (key2, n) => (p) => {
  const v = p.config[key2];
  if (v === void 0) return `The charger does not report ${key2} (the case needs at least ${n})`;
  return Number(v) >= n ? null : `${key2} is ${v ?? "empty"} (the case needs at least ${n})`;
};
var START_DECISION = "Profiles start at now - <Configured Max Time Deviation> (startSchedule), as the memory states of TC_066_CS, TC_067_CS and TC_072_CS have it, so that a charger clock up to that much behind still has them started.";
var PERIODS_DECISION = '"Calculated accordingly": the bench works the composite schedule out from the profiles it installed (min of ChargePointMaxProfile and the TxProfile, else TxDefaultProfile; the highest stack level with a running schedule) and compares it second by second, with 2 s either side of each boundary; where no profile sets a limit the charger\u2019s own limit is accepted.';
var IDS_DECISION = "chargingProfileIds are 1, 2, 3 in the order the document lists the profiles (it does not state them).";
var X_DECISION = 'The document\u2019s "x" is taken as the time between the profiles\u2019 startSchedule and the schedule\u2019s start in the answer, so the expected periods follow from whatever <Configured Max Time Deviation> is; with a deviation of 0 and an immediate request they are the document\u2019s list.';
var profileStart = (t) => t.clock.now() - t.data.maxTimeDeviationS * 1e3;
async function setProfile(t, planned, installed = 0) {
  t.touched.profiles = true;
  const cp = chargingProfile(t, planned);
  await t.send(
    "SetChargingProfile",
    { connectorId: planned.connectorId, csChargingProfiles: cp },
    {
      title: `Bench sends SetChargingProfile (${planned.purpose} ${planned.id}, stackLevel ${planned.stackLevel}, connector ${planned.connectorId}) expecting status Accepted`,
      checks: [
        (p) => {
          if (p.status === "Accepted") return null;
          t.observe(refusalObservation(t, cp, installed));
          return `status Accepted (got ${String(p.status)})`;
        }
      ]
    }
  );
}
async function composite(t, e, what) {
  await t.send(
    "GetCompositeSchedule",
    { connectorId: e.connectorId, duration: e.duration, chargingRateUnit: t.data.chargingRateUnit },
    { checks: compositeChecks(t, e), title: `Bench sends GetCompositeSchedule (connector ${e.connectorId}, ${e.duration} s, ${t.data.chargingRateUnit}): ${what}` }
  );
}
function sixAmps(t, purpose, o = {}) {
  return { id: 1, connectorId: t.connectorId, purpose, stackLevel: t.data.stackLevel, start: profileStart(t), periods: [[0, 6]], ...o };
}
var sc = profile("SmartCharging");
var smartChargingCases = [
  {
    id: "TC_056_CS",
    title: "Central Smart Charging - TxDefaultProfile",
    profile: "SmartCharging",
    section: "2.22.1",
    appliesTo: sc,
    decisions: ["chargingProfileId 1.", START_DECISION, PERIODS_DECISION],
    async run(t) {
      const planned = sixAmps(t, "TxDefaultProfile", { duration: t.data.chargingScheduleDurationS });
      await setProfile(t, planned);
      await composite(t, { connectorId: t.connectorId, duration: t.data.chargingScheduleDurationS, profiles: [planned], transaction: false }, "the TxDefaultProfile");
    }
  },
  {
    id: "TC_057_CS",
    title: "Central Smart Charging - TxProfile",
    profile: "SmartCharging",
    section: "2.22.1",
    appliesTo: sc,
    decisions: ["chargingProfileId 1; the profile has no duration, as the document lists none.", START_DECISION, PERIODS_DECISION],
    async run(t) {
      const tx = await charging(t);
      const planned = sixAmps(t, "TxProfile", { transactionId: tx });
      await setProfile(t, planned);
      await composite(t, { connectorId: t.connectorId, duration: t.data.chargingScheduleDurationS, profiles: [planned], transaction: true }, "the TxProfile of the transaction");
    }
  },
  {
    id: "TC_058_1_CS",
    title: "Central Smart Charging - No ongoing transaction",
    profile: "SmartCharging",
    section: "2.22.1",
    appliesTo: sc,
    decisions: [`The TxProfile goes to <Configured ConnectorId> with transactionId ${UNKNOWN_TX}; its schedule is that of TC_056_CS.`],
    async run(t) {
      t.touched.profiles = true;
      const cp = chargingProfile(t, sixAmps(t, "TxProfile", { transactionId: UNKNOWN_TX, duration: t.data.chargingScheduleDurationS }));
      await t.send("SetChargingProfile", { connectorId: t.connectorId, csChargingProfiles: cp }, { checks: { status: "Rejected" }, callErrors: ["PropertyConstraintViolation"] });
    }
  },
  {
    id: "TC_058_2_CS",
    title: "Central Smart Charging - Wrong transactionId",
    profile: "SmartCharging",
    section: "2.22.1",
    appliesTo: sc,
    decisions: [
      'The prerequisite "no transaction is running" contradicts the Before section; the bench follows the Before section (state Charging) and sends a TxProfile for the running connector with the running transactionId + 1.'
    ],
    async run(t) {
      const tx = await charging(t);
      t.touched.profiles = true;
      const cp = chargingProfile(t, sixAmps(t, "TxProfile", { transactionId: tx + 1, duration: t.data.chargingScheduleDurationS }));
      await t.send("SetChargingProfile", { connectorId: t.connectorId, csChargingProfiles: cp }, { checks: { status: "Rejected" } });
    }
  },
  {
    id: "TC_082_CS",
    title: "Central Smart Charging - TxDefaultProfile - with ongoing transaction",
    profile: "SmartCharging",
    section: "2.22.1",
    appliesTo: sc,
    decisions: ["chargingProfileId 1.", START_DECISION, PERIODS_DECISION],
    async run(t) {
      await charging(t);
      const planned = sixAmps(t, "TxDefaultProfile", { duration: t.data.chargingScheduleDurationS });
      await setProfile(t, planned);
      await composite(t, { connectorId: t.connectorId, duration: t.data.chargingScheduleDurationS, profiles: [planned], transaction: true }, "the TxDefaultProfile during the transaction");
    }
  },
  {
    id: "TC_066_CS",
    title: "Get Composite Schedule",
    profile: "SmartCharging",
    section: "2.22.2",
    appliesTo: all(sc, atLeast("MaxChargingProfilesInstalled", 3), atLeast("ChargingScheduleMaxPeriods", 5)),
    decisions: [
      "Profile 1 is a ChargePointMaxProfile (the document writes the OCPP 2.0.1 name ChargingStationMaxProfile).",
      "The TxProfile carries the running transaction\u2019s id.",
      IDS_DECISION,
      "The three profiles share one reference time (now - <Configured Max Time Deviation>), taken before the first is sent.",
      "A valid TxProfile overrules the TxDefaultProfile for the whole transaction, after its own schedule ends too (OCPP 1.6, 3.13.1): from 260 s only the ChargePointMaxProfile limits, which is why the document\u2019s last period is (240 - x, 10).",
      X_DECISION,
      PERIODS_DECISION
    ],
    async run(t) {
      const c = t.connectorId;
      const tx = await charging(t);
      const start = profileStart(t);
      const window = { validFrom: start, validTo: start + 401e3 };
      const profiles = [
        { id: 1, connectorId: 0, purpose: "ChargePointMaxProfile", stackLevel: 0, start, duration: 86400, periods: [[0, 10]] },
        {
          id: 2,
          connectorId: c,
          purpose: "TxDefaultProfile",
          stackLevel: 0,
          start,
          ...window,
          duration: 300,
          periods: [
            [0, 6],
            [60, 10],
            [120, 8],
            [180, 15],
            [260, 8]
          ]
        },
        {
          id: 3,
          connectorId: c,
          purpose: "TxProfile",
          stackLevel: 0,
          transactionId: tx,
          start,
          ...window,
          duration: 260,
          periods: [
            [0, 8],
            [50, 11],
            [140, 16],
            [200, 6],
            [240, 12]
          ]
        }
      ];
      for (const [i, p] of profiles.entries()) await setProfile(t, p, i);
      await composite(t, { connectorId: c, duration: 400, profiles, transaction: true }, "the three profiles combined");
    }
  },
  {
    id: "TC_067_CS",
    title: "Clear Charging Profile",
    profile: "SmartCharging",
    section: "2.22.3",
    appliesTo: sc,
    decisions: [
      IDS_DECISION,
      "GetCompositeSchedule asks for 350 s in <Configured Charging Rate Unit> on <Configured ConnectorId> (the document gives only the answers\u2019 duration).",
      "After the last clear the bench cannot know the charger\u2019s own limit: one period from 0 with any limit passes.",
      X_DECISION,
      PERIODS_DECISION
    ],
    async run(t) {
      const c = t.connectorId;
      const start = profileStart(t);
      const window = { validFrom: start, validTo: start + 401e3 };
      const [p1, p2, p3] = [
        {
          id: 1,
          connectorId: c,
          purpose: "TxDefaultProfile",
          stackLevel: 1,
          start,
          duration: 400,
          periods: [
            [0, 6],
            [60, 8],
            [200, 10]
          ]
        },
        {
          id: 2,
          connectorId: c,
          purpose: "TxDefaultProfile",
          stackLevel: 0,
          start,
          ...window,
          duration: 400,
          periods: [
            [0, 7],
            [100, 9]
          ]
        },
        {
          id: 3,
          connectorId: 0,
          purpose: "ChargePointMaxProfile",
          stackLevel: 0,
          start,
          ...window,
          duration: 86400,
          periods: [
            [0, 11],
            [200, 12]
          ]
        }
      ];
      for (const [i, p] of [p1, p2, p3].entries()) await setProfile(t, p, i);
      const expect = (profiles) => ({ connectorId: c, duration: 350, profiles, transaction: false });
      await t.send("ClearChargingProfile", { id: p1.id }, { checks: { status: "Accepted" }, title: `Bench clears profile ${p1.id} by its id, expecting status Accepted` });
      await composite(t, expect([p2, p3]), `profiles ${p2.id} and ${p3.id} left`);
      await t.send(
        "ClearChargingProfile",
        { chargingProfilePurpose: "TxDefaultProfile", stackLevel: 0 },
        { checks: { status: "Accepted" }, title: "Bench clears the TxDefaultProfile of stackLevel 0, expecting status Accepted" }
      );
      await composite(t, expect([p3]), `profile ${p3.id} left`);
      await t.send("ClearChargingProfile", {}, { checks: { status: "Accepted" }, title: "Bench clears every profile, expecting status Accepted" });
      await composite(t, expect([]), "no profile left: the charger\u2019s own limit");
    }
  },
  {
    id: "TC_072_CS",
    title: "Stacking Charging Profiles",
    profile: "SmartCharging",
    section: "2.22.4",
    appliesTo: sc,
    decisions: [IDS_DECISION, "Within one purpose, a lower stack level takes over where a higher one\u2019s schedule has ended (the document\u2019s (150 - x, 8)).", X_DECISION, PERIODS_DECISION],
    async run(t) {
      const c = t.connectorId;
      const start = profileStart(t);
      const window = { validFrom: start, validTo: start + 401e3 };
      const profiles = [
        {
          id: 1,
          connectorId: c,
          purpose: "TxDefaultProfile",
          stackLevel: 0,
          start,
          ...window,
          duration: 400,
          periods: [
            [0, 6],
            [100, 8],
            [200, 10]
          ]
        },
        {
          id: 2,
          connectorId: c,
          purpose: "TxDefaultProfile",
          stackLevel: 1,
          start,
          ...window,
          duration: 150,
          periods: [
            [0, 7],
            [100, 9]
          ]
        }
      ];
      for (const [i, p] of profiles.entries()) await setProfile(t, p, i);
      await composite(t, { connectorId: c, duration: 350, profiles, transaction: false }, "the two stacked");
    }
  },
  {
    id: "TC_059_CS",
    title: "Remote Start Transaction with Charging Profile",
    profile: "SmartCharging",
    section: "2.22.5",
    appliesTo: sc,
    decisions: [
      "The TxProfile sent with the remote start is that of TC_057_CS (chargingProfileId 1, 6 A or 6000 W, <Configured duration>, no transactionId): the document does not give it.",
      START_DECISION,
      PERIODS_DECISION
    ],
    async run(t) {
      const planned = sixAmps(t, "TxProfile", { duration: t.data.chargingScheduleDurationS });
      t.touched.profiles = true;
      await charging(t, { chargingProfile: chargingProfile(t, planned) });
      await composite(t, { connectorId: t.connectorId, duration: t.data.chargingScheduleDurationS, profiles: [planned], transaction: true }, "the TxProfile of the remote start");
    }
  },
  {
    id: "TC_060_CS",
    title: "Remote Start Transaction with Charging Profile - Rejected",
    profile: "SmartCharging",
    section: "2.22.5",
    appliesTo: sc,
    decisions: ['The profile sent is a TxDefaultProfile (the document says only "not TxProfile"), for <Configured ConnectorId> and <Configured Valid IdTag>.'],
    async run(t) {
      t.touched.profiles = true;
      const cp = chargingProfile(t, sixAmps(t, "TxDefaultProfile", { duration: t.data.chargingScheduleDurationS }));
      await t.send(
        "RemoteStartTransaction",
        { connectorId: t.connectorId, idTag: t.data.validIdTag, chargingProfile: cp },
        { checks: { status: "Rejected" }, callErrors: ["PropertyConstraintViolation"] }
      );
    }
  }
];

// src/main/conformance/octt16/index.ts
var octt16Cases = [
  ...bootCases,
  ...startCases,
  ...stopCases,
  ...cacheCases,
  ...remoteCases,
  ...resetCases,
  ...unlockCases,
  ...configurationCases,
  ...meterValueCases,
  ...basicNonHappyCases,
  ...remoteNonHappyCases,
  ...unlockNonHappyCases,
  ...powerFailureCases,
  ...offlineCases,
  ...configurationKeyCases,
  ...faultCases,
  ...localListCases,
  ...firmwareCases,
  ...diagnosticsCases,
  ...reservationCases,
  ...triggerCases,
  ...smartChargingCases,
  ...dataTransferCases,
  ...securityCases
];
function findCases(ids) {
  const unknown = ids.filter((id2) => !octt16Cases.some((c) => c.id === id2));
  if (unknown.length) throw new Error(`Unknown test case${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`);
  return octt16Cases.filter((c) => ids.includes(c.id));
}

// src/main/conformance/attended.ts
function virtualBusy(bench, id2) {
  const cp = () => bench.virtualChargers.charger(id2);
  return () => bench.virtualChargers.has(id2) && (bench.virtualChargers.get(id2).connection === "connecting" && !cp().connection.offline || cp().firmware.transferring || cp().diagnostics.transferring);
}
function runOperator(bench, chargerId, signal, publish) {
  if (bench.virtualChargers.has(chargerId)) {
    return { operator: new VirtualOperator(() => bench.virtualChargers.charger(chargerId)), virtual: true, busy: virtualBusy(bench, chargerId), prompt: () => null, answer: () => false };
  }
  let waiting = null;
  const operator = new PromptOperator(
    (prompt) => new Promise((resolve6) => {
      const timer = setTimeout(() => done("timeout"), prompt.timeoutS * 1e3);
      const done = (a) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", skip);
        waiting = null;
        publish(null);
        resolve6(a);
      };
      const skip = () => done("skip");
      waiting = { prompt, answer: done };
      signal.addEventListener("abort", skip, { once: true });
      publish(prompt);
    })
  );
  return {
    operator,
    virtual: false,
    prompt: () => waiting?.prompt ?? null,
    answer: (a) => {
      if (!waiting) return false;
      waiting.answer(a);
      return true;
    }
  };
}

// src/main/conformance/runner.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// src/main/virtual-cp/services/transfer.ts
import { Readable, Writable } from "node:stream";
import { Client as FtpClient } from "basic-ftp";
var HEAD_BYTES = 64;
function counter() {
  let bytes = 0;
  const head = [];
  let kept = 0;
  return {
    add(chunk) {
      bytes += chunk.length;
      if (kept < HEAD_BYTES) {
        const part = Buffer.from(chunk.subarray(0, HEAD_BYTES - kept));
        head.push(part);
        kept += part.length;
      }
    },
    result: () => ({ ok: true, bytes, head: Buffer.concat(head) })
  };
}
var TRANSFER_TIMEOUT_MS = 3e4;
function checkScheme(location) {
  let url;
  try {
    url = new URL(location);
  } catch {
    return `"${location}" is not a URL`;
  }
  if (!["http:", "https:", "ftp:"].includes(url.protocol))
    return `${url.protocol.replace(":", "").toUpperCase()} transfers are not supported by the virtual charger; use an http://, https:// or ftp:// location`;
  return url;
}
function why(e) {
  const err = e;
  return err.cause ? String(err.cause.message) : err?.message ?? String(e);
}
function shown(url) {
  const copy = new URL(url.href);
  if (copy.password) copy.password = "***";
  return copy.href;
}
async function download(location) {
  const url = checkScheme(location);
  if (typeof url === "string") return { ok: false, reason: url };
  if (url.protocol === "ftp:") return ftpDownload(url);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TRANSFER_TIMEOUT_MS) });
    if (!res.ok) return { ok: false, reason: `GET ${url.href} answered HTTP ${res.status}` };
    const count2 = counter();
    for await (const chunk of res.body ?? []) count2.add(chunk);
    return count2.result();
  } catch (e) {
    return { ok: false, reason: `GET ${url.href} failed: ${why(e)}` };
  }
}
async function upload(location, fileName, content) {
  const url = checkScheme(location);
  if (typeof url === "string") return { ok: false, reason: url };
  if (url.protocol === "ftp:") return ftpUpload(url, fileName, content);
  try {
    const form = new FormData();
    form.append("file", new Blob([content], { type: "text/plain" }), fileName);
    const res = await fetch(url, { method: "POST", body: form, signal: AbortSignal.timeout(TRANSFER_TIMEOUT_MS) });
    if (!res.ok) return { ok: false, reason: `POST ${url.href} answered HTTP ${res.status}${await detail(res)}` };
    return { ok: true, bytes: Buffer.byteLength(content) };
  } catch (e) {
    return { ok: false, reason: `POST ${url.href} failed: ${why(e)}` };
  }
}
async function detail(res) {
  const text = (await res.text().catch(() => "")).trim().split("\n")[0];
  return text ? `: ${text.slice(0, 200)}` : "";
}
async function withFtp(url, work) {
  const client = new FtpClient(TRANSFER_TIMEOUT_MS);
  try {
    await client.access({
      host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: url.port ? Number(url.port) : 21,
      user: url.username ? decodeURIComponent(url.username) : "anonymous",
      password: url.password ? decodeURIComponent(url.password) : "anonymous@"
    });
    return await work(client);
  } finally {
    client.close();
  }
}
function splitPath(url) {
  const path = decodeURIComponent(url.pathname);
  const cut = path.lastIndexOf("/");
  return { dir: path.slice(0, cut + 1) || "/", name: path.slice(cut + 1) };
}
async function ftpDownload(url) {
  const { dir, name } = splitPath(url);
  if (!name) return { ok: false, reason: `${shown(url)} names a folder, not a firmware file` };
  try {
    const count2 = counter();
    const sink = new Writable({
      write(chunk, _encoding, done) {
        count2.add(chunk);
        done();
      }
    });
    await withFtp(url, async (client) => {
      if (dir !== "/") await client.cd(dir);
      await client.downloadTo(sink, name);
    });
    return count2.result();
  } catch (e) {
    return { ok: false, reason: `FTP download of ${shown(url)} failed: ${why(e)}` };
  }
}
async function ftpUpload(url, fileName, content) {
  const { dir, name } = splitPath(url);
  try {
    await withFtp(url, async (client) => {
      if (dir !== "/") await client.cd(dir);
      await client.uploadFrom(Readable.from([Buffer.from(content)]), name || fileName);
    });
    return { ok: true, bytes: Buffer.byteLength(content) };
  } catch (e) {
    return { ok: false, reason: `FTP upload to ${shown(url)} failed: ${why(e)}` };
  }
}
function versionFromLocation(location, fallback) {
  try {
    const name = decodeURIComponent(new URL(location).pathname.split("/").filter(Boolean).pop() ?? "");
    const stem = name.replace(/\.(bin|img|hex|zip|tar|gz|tgz|fw|swu|json)$/gi, "");
    return (stem || fallback).slice(0, 50);
  } catch {
    return fallback.slice(0, 50);
  }
}

// src/main/virtual-cp/services/firmware.ts
var STEP_MS = 1e3;
var UNSUPPORTED_FIRMWARE_HEADER = "CHARGEBENCH-UNSUPPORTED-FIRMWARE";
var FirmwareService = class {
  constructor(cp, version2) {
    this.cp = cp;
    this.version = version2;
  }
  cp;
  /** The firmware-install-failure fault: the image downloads but does not install. */
  installFails = false;
  version;
  status = "Idle";
  /** A download is on the wire (real I/O: a run on fake time waits for it). */
  transferring = false;
  /** Firmware installed but not yet reported (Installed follows the boot that runs it). */
  installedPending = false;
  run = 0;
  async update(req) {
    const { cp } = this;
    const run = ++this.run;
    const epoch = cp.epoch;
    const current = () => run === this.run && epoch === cp.epoch;
    const wait = Date.parse(req.retrieveDate) - cp.clock.now();
    if (wait > 0) await sleep(cp.clock, wait);
    const attempts = 1 + Math.max(0, req.retries ?? 0);
    let image = null;
    for (let i = 0; i < attempts; i++) {
      if (!current()) return;
      void this.setStatus("Downloading");
      this.transferring = true;
      image = await download(req.location).finally(() => this.transferring = false);
      if (!current()) return;
      if (image.ok) break;
      cp.lastError = `Firmware download failed: ${image.reason}`;
      if (i + 1 < attempts) await sleep(cp.clock, Math.max(1, req.retryInterval ?? 30) * 1e3);
    }
    if (!image?.ok) return this.setStatus("DownloadFailed");
    void this.setStatus("Downloaded");
    while (cp.connectors.all.some((c) => c.tx)) {
      await sleep(cp.clock, STEP_MS);
      if (!current()) return;
    }
    await this.setStatus("Installing");
    await sleep(cp.clock, STEP_MS);
    if (!current()) return;
    if (this.installFails) {
      cp.lastError = "Firmware installation failed (fault); the old firmware keeps running";
      return this.setStatus("InstallationFailed");
    }
    if (image.head.subarray(0, UNSUPPORTED_FIRMWARE_HEADER.length).toString("latin1") === UNSUPPORTED_FIRMWARE_HEADER) {
      cp.lastError = "Firmware installation failed: the image is made for other hardware; the old firmware keeps running";
      return this.setStatus("InstallationFailed");
    }
    this.version = versionFromLocation(req.location, `${this.version}+1`);
    this.installedPending = true;
    await cp.reset.reboot("Reboot", true);
  }
  /** Registered after a boot: a new firmware says it is Installed. */
  booted() {
    if (!this.installedPending) return;
    this.installedPending = false;
    void this.setStatus("Installed");
  }
  /** TriggerMessage(FirmwareStatusNotification): the status while an update runs, else Idle. */
  triggered() {
    void this.cp.call("FirmwareStatusNotification", { status: ["Downloading", "Downloaded", "Installing"].includes(this.status) ? this.status : "Idle" });
  }
  /** Reports a new status; resolves once the central system has answered it (or could not). */
  async setStatus(status) {
    this.status = status;
    this.cp.changed();
    if (this.cp.isAccepted) await this.cp.call("FirmwareStatusNotification", { status });
  }
};

// src/main/conformance/frames.ts
var ChargerFrames = class {
  constructor(bus, chargerId, connected) {
    this.chargerId = chargerId;
    this.connected = connected;
    this.off = bus.subscribe((e) => {
      if (e.type === "frameLogged" && e.message.chargerId === chargerId) this.onFrame(e.message);
      else if (e.type === "chargerConnected" && e.chargerId === chargerId) {
        this.connections++;
        this.setConnected(true);
      } else if (e.type === "connectionRefused" && e.chargerId === chargerId) {
        this.refusals.push({ ts: e.ts, reason: e.reason });
        this.lastActivity = Date.now();
        this.wake();
      } else if (e.type === "chargerDisconnected" && e.chargerId === chargerId) this.setConnected(false);
    });
  }
  chargerId;
  frames = [];
  /** CALLs from the charger not yet consumed by a step. */
  pending = [];
  connected;
  /** While above 0, a fake clock is not moved on (the engine waits for the wire to settle). */
  holds = 0;
  /** When the last frame passed (wall clock), for the fake-time driver's "all quiet". */
  lastActivity = Date.now();
  /** Transactions the bench started for the charger (from its StartTransaction answers), until their StopTransaction. */
  transactions = /* @__PURE__ */ new Map();
  /** How many times the charger connected while watched (a reconnection shows as a new count). */
  connections = 0;
  /** The bench's refusals of the charger's connection attempts while watched (the reasons, newest last). */
  refusals = [];
  /** Transactions stopped while watched (so an older record of them running is not believed). */
  stopped = /* @__PURE__ */ new Set();
  starts = /* @__PURE__ */ new Map();
  seq = 0;
  waiters = /* @__PURE__ */ new Set();
  off;
  onFrame(m) {
    const frame = { ...m, seq: ++this.seq };
    this.frames.push(frame);
    this.lastActivity = Date.now();
    if (m.direction === "in" && m.kind === "CALL" && m.messageId !== null && m.action !== null) {
      let payload = {};
      try {
        const parsed = JSON.parse(m.raw);
        if (parsed[3] && typeof parsed[3] === "object") payload = parsed[3];
      } catch {
      }
      this.pending.push({ seq: frame.seq, ts: m.ts, messageId: m.messageId, action: m.action, payload, invalid: m.error });
      if (m.action === "StartTransaction") this.starts.set(m.messageId, { connectorId: Number(payload.connectorId), idTag: String(payload.idTag) });
      if (m.action === "StopTransaction" && typeof payload.transactionId === "number") {
        this.transactions.delete(payload.transactionId);
        this.stopped.add(payload.transactionId);
      }
    } else if (m.direction === "out" && m.kind === "CALLRESULT" && m.messageId !== null && this.starts.has(m.messageId)) {
      const start = this.starts.get(m.messageId);
      this.starts.delete(m.messageId);
      try {
        const id2 = JSON.parse(m.raw)[2].transactionId;
        if (typeof id2 === "number") this.transactions.set(id2, start);
      } catch {
      }
    }
    this.wake();
  }
  setConnected(on) {
    this.connected = on;
    this.lastActivity = Date.now();
    this.wake();
  }
  wake() {
    for (const w of [...this.waiters]) w();
  }
  /** Resolves when `ready()` returns something, or with null after `ms` on the run's clock. */
  waitFor(clock, ms3, ready) {
    const now = ready();
    if (now !== null && now !== void 0) return Promise.resolve(now);
    return new Promise((resolve6) => {
      const done = (v) => {
        this.waiters.delete(check);
        timer.cancel();
        resolve6(v);
      };
      const check = () => {
        const v = ready();
        if (v !== null && v !== void 0) done(v);
      };
      const timer = clock.after(ms3, () => done(null));
      this.waiters.add(check);
    });
  }
  /** Keeps a fake clock still for up to `ms` of wall time, or until the returned function is called. */
  holdFor(ms3) {
    this.holds++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      this.holds--;
    };
    const timer = setTimeout(release, ms3);
    return release;
  }
  /** Resolves once nothing has passed on the wire for `quietMs` (wall clock), or after `maxMs`. */
  async settle(quietMs = 60, maxMs = 3e3) {
    const end = Date.now() + maxMs;
    this.holds++;
    try {
      while (Date.now() < end && Date.now() - this.lastActivity < quietMs) await new Promise((r) => setTimeout(r, 10));
    } finally {
      this.holds--;
    }
  }
  /** Frames after `seq` (exclusive). */
  since(seq) {
    return this.frames.filter((f) => f.seq > seq);
  }
  get lastSeq() {
    return this.seq;
  }
  close() {
    this.off();
    this.wake();
  }
};

// src/main/conformance/restore.ts
async function restorePreconditions(t) {
  const problems2 = [];
  const host = t.host;
  host.behaviours.reset(host.chargerId);
  const attempt = async (what, fn) => {
    try {
      await fn();
    } catch (e) {
      problems2.push(`${what}: ${e.message}`);
    }
  };
  if (host.operator instanceof VirtualOperator && !host.operator.vcp().isRunning) host.operator.vcp().start();
  if (t.touched.password) {
    const problem = await restorePassword(t, t.touched.password);
    if (problem) return [problem];
  }
  if (!host.frames.connected) {
    await host.frames.waitFor(t.clock, t.data.chargerTimeoutS * 1e3 * 2, () => host.frames.connected || null);
    if (!host.frames.connected) return ["The charger did not reconnect after the case"];
  }
  for (const tx of host.openTransactions()) {
    await attempt(`stopping transaction ${tx.transactionId}`, async () => {
      const r = await host.operate("RemoteStopTransaction", { transactionId: tx.transactionId }, t.data.chargerTimeoutS * 1e3);
      if (r.outcome !== "completed") throw new Error(r.outcome);
      await host.frames.waitFor(t.clock, t.data.chargerTimeoutS * 1e3, () => !host.openTransactions().some((o) => o.transactionId === tx.transactionId) || null);
    });
  }
  {
    await attempt("resetting the virtual charger", async () => {
      if (!(host.operator instanceof VirtualOperator)) return;
      await host.frames.settle();
      const cp = host.operator.vcp();
      const done = host.operator.done;
      if (done.has("disconnectNetwork")) cp.setFaults({ offline: false });
      if (done.has("jamLock")) cp.setFaults({ stuckConnector: false });
      const faulted = done.has("fault") || done.has("plugHalfway");
      if (faulted && cp.view().chargerFault) cp.clearFault(0);
      for (const c of cp.view().connectors) {
        if (faulted && cp.connectors.get(c.connectorId).fault) cp.clearFault(c.connectorId);
        if (c.plugged) cp.unplug(c.connectorId);
        const waiting = cp.connectors.get(c.connectorId);
        if (waiting.authorized) {
          cp.transactions.dropAuthorized(waiting);
          cp.refresh();
        }
      }
      done.clear();
      await host.frames.settle();
      for (let i = 0; i < 60 && cp.view().queuedMessages > 0; i++) await sleep(t.clock, 1e4);
    });
  }
  for (const reservationId of t.touched.reservations)
    await attempt(`cancelling reservation ${reservationId}`, () => host.operate("CancelReservation", { reservationId }, t.data.chargerTimeoutS * 1e3));
  if (t.touched.availability)
    for (let connectorId = 0; connectorId <= t.pics.connectors; connectorId++)
      await attempt(`making connector ${connectorId} Operative`, () => host.operate("ChangeAvailability", { connectorId, type: "Operative" }, t.data.chargerTimeoutS * 1e3));
  if (t.touched.profiles) await attempt("clearing charging profiles", () => host.operate("ClearChargingProfile", {}, t.data.chargerTimeoutS * 1e3));
  if (t.touched.localList)
    await attempt("emptying the local list", () => host.operate("SendLocalList", { listVersion: 1, updateType: "Full", localAuthorizationList: [] }, t.data.chargerTimeoutS * 1e3));
  if (t.touched.cache || "AuthorizationCacheEnabled" in t.pics.config) await attempt("clearing the cache", () => host.operate("ClearCache", {}, t.data.chargerTimeoutS * 1e3));
  for (const [key2, value] of t.touched.config) {
    if (value === null) continue;
    await attempt(`putting ${key2} back to ${value}`, async () => {
      const r = await host.operate("ChangeConfiguration", { key: key2, value }, t.data.chargerTimeoutS * 1e3);
      if (r.outcome !== "completed" || !["Accepted", "RebootRequired"].includes(String(r.response.status)))
        throw new Error(`answered ${JSON.stringify("response" in r ? r.response : r.outcome)}`);
      t.pics.config[key2] = value;
    });
  }
  await host.frames.settle();
  host.frames.pending.length = 0;
  return problems2;
}
async function restorePassword(t, { before, given }) {
  const { host } = t;
  const limit2 = t.data.chargerTimeoutS * 1e3;
  const connectedWith = async (password) => {
    await host.password.set(password);
    return Boolean(await host.frames.waitFor(t.clock, limit2, () => host.frames.connected || null));
  };
  if (!host.frames.connected && !await connectedWith(given) && !await connectedWith(before)) return "The charger did not reconnect with either password after the case";
  const connections2 = host.frames.connections;
  await host.password.set(before);
  const r = await host.operate("ChangeConfiguration", { key: "AuthorizationKey", value: before }, limit2);
  if (r.outcome !== "completed" || r.response.status !== "Accepted") {
    await host.password.set(given);
    return `putting the AuthorizationKey back: the charger answered ${JSON.stringify("response" in r ? r.response : r.outcome)}; the bench now expects the key the case set`;
  }
  await host.frames.waitFor(t.clock, limit2, () => host.frames.connected && host.frames.connections > connections2 || null);
  return host.frames.connected ? null : "The charger did not reconnect with its old AuthorizationKey after the case";
}

// src/main/conformance/runner.ts
var emptySummary = () => ({ pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 });
var QUIET_MS = 40;
async function runConformance(bench, o) {
  const started = Date.now();
  const clock = bench.clock;
  const iso2 = () => new Date(clock.now()).toISOString();
  const t0 = clock.now();
  const frames = new ChargerFrames(bench.bus, o.chargerId, bench.centralSystem.isConnected(o.chargerId));
  const runningBefore = bench.record.transactions.list({ chargerId: o.chargerId, active: true }).map((t) => ({ transactionId: t.transactionId, connectorId: t.connectorId, idTag: t.idTag }));
  const behaviours = bench.centralSystem.behaviours;
  const host = {
    chargerId: o.chargerId,
    clock,
    frames,
    behaviours,
    operator: o.operator,
    operate: (action, payload, timeoutMs) => {
      const release = frames.holdFor(3e3);
      return bench.operations.operateByName(o.chargerId, action, payload, { timeoutMs, skipBenchRules: true }).finally(release);
    },
    goOffline: (seconds) => bench.centralSystem.goOffline(o.chargerId, seconds),
    idTagAnswers: (overrides) => behaviours.setIdTags(o.chargerId, idTagTable(o.data, overrides)),
    openTransactions: () => {
      const seen = [...frames.transactions].map(([transactionId, t]) => ({ transactionId, ...t }));
      const before = runningBefore.filter((t) => !frames.stopped.has(t.transactionId) && !frames.transactions.has(t.transactionId));
      return [...seen.reverse(), ...before];
    },
    files: benchFiles(bench, o.chargerId),
    password: {
      get: () => {
        const p = bench.centralSystem.registry.passwordOf(o.chargerId);
        return p === "unreadable" ? null : p ?? null;
      },
      set: (password) => bench.centralSystem.registry.setPassword(o.chargerId, password)
    }
  };
  await bench.record.settled();
  const boot = bench.record.chargers.get(o.chargerId)?.boot ?? null;
  const run = {
    id: o.id ?? `run-${iso2().replace(/[:.]/g, "-")}`,
    chargerId: o.chargerId,
    charger: { vendor: boot?.chargePointVendor ?? null, model: boot?.chargePointModel ?? null, firmware: boot?.firmwareVersion ?? null, serial: boot?.chargePointSerialNumber ?? null },
    virtual: o.virtual,
    startedAt: iso2(),
    finishedAt: null,
    ms: 0,
    wallMs: 0,
    benchVersion: version,
    data: o.data,
    pics: null,
    planned: o.cases.map((c) => c.id),
    cases: [],
    summary: emptySummary(),
    state: "running",
    ...o.suite ? { notYetSupported: notYetSupported(o.suite, o.cases) } : {}
  };
  o.onEvent?.({ type: "runStarted", run });
  let driving = clock instanceof FakeClock;
  const driver = driving ? driveFakeClock(clock, frames, () => driving, o.busy) : Promise.resolve();
  let minimumStatusDuration = null;
  try {
    const connected = await frames.waitFor(clock, o.data.operatorTimeoutS * 1e3, () => frames.connected || null);
    if (!connected) throw new Error(`${o.chargerId} did not connect within ${o.data.operatorTimeoutS} s`);
    const release = frames.holdFor(3e3);
    const pics = await readPics(host, o.declared ?? {}, o.data.chargerTimeoutS * 1e3).finally(release);
    run.pics = pics;
    if ("MinimumStatusDuration" in pics.config && pics.config.MinimumStatusDuration !== "0") {
      minimumStatusDuration = pics.config.MinimumStatusDuration;
      await host.operate("ChangeConfiguration", { key: "MinimumStatusDuration", value: "0" }, o.data.chargerTimeoutS * 1e3);
      pics.config.MinimumStatusDuration = "0";
    }
    frames.pending.length = 0;
    for (const def2 of o.cases) {
      if (o.signal?.aborted) break;
      o.onEvent?.({ type: "caseStarted", runId: run.id, caseId: def2.id });
      const result = await runCase(def2, host, o.data, pics, (step2) => o.onEvent?.({ type: "stepStarted", runId: run.id, caseId: def2.id, step: `Step ${step2.n}: ${step2.title}` }));
      run.cases.push(result);
      run.summary[result.verdict]++;
      o.onEvent?.({ type: "caseFinished", runId: run.id, result });
    }
    if (minimumStatusDuration !== null) await host.operate("ChangeConfiguration", { key: "MinimumStatusDuration", value: minimumStatusDuration }, o.data.chargerTimeoutS * 1e3);
    const end = await host.operate("GetConfiguration", {}, o.data.chargerTimeoutS * 1e3);
    if (end.outcome === "completed")
      run.configAtEnd = Object.fromEntries((end.response.configurationKey ?? []).map((k) => [k.key, k.value ?? null]));
    run.state = o.signal?.aborted ? "stopped" : "finished";
  } finally {
    behaviours.setIdTags(o.chargerId, null);
    behaviours.reset(o.chargerId);
    driving = false;
    await driver;
    frames.close();
    run.finishedAt = iso2();
    run.ms = clock.now() - t0;
    run.wallMs = Date.now() - started;
  }
  o.onEvent?.({ type: "runFinished", run });
  return run;
}
function notYetSupported(suite, cases) {
  const included = new Set(cases.map((c) => c.id));
  return suite.filter((c) => c.notSupported && !included.has(c.id)).map((c) => ({ id: c.id, title: c.title, profile: c.profile, section: c.section, reason: c.notSupported }));
}
var FIRMWARE = {
  valid: { name: "chargebench-octt-1.0.1.bin", content: () => Buffer.concat([Buffer.from("ChargeBench OCTT dummy firmware image\n"), Buffer.alloc(4096, 90)]) },
  unsupported: {
    name: "chargebench-octt-unsupported.bin",
    content: () => Buffer.from(`${UNSUPPORTED_FIRMWARE_HEADER}
This file is not a firmware image for any charger (OCTT TC_044_3_CS: installation must fail).
`)
  }
};
function benchFiles(bench, chargerId) {
  return {
    async firmware(kind, protocol) {
      const { name, content } = FIRMWARE[kind];
      const dir = join(bench.dataDir, "conformance");
      mkdirSync(dir, { recursive: true });
      const path = join(dir, name);
      writeFileSync(path, content());
      const view = bench.hostedFileView(await bench.files.host(path, name));
      return protocol === "ftp" && view.ftpUrl ? view.ftpUrl : view.url;
    },
    uploadLocation(protocol) {
      const location = bench.uploads.newLocation(chargerId);
      const view = bench.uploadLocationView(location);
      return {
        url: protocol === "ftp" && view.ftp ? view.ftp : view.http,
        received: () => bench.uploads.received(location.id).map((u) => ({ name: u.name, bytes: u.bytes }))
      };
    }
  };
}
function idTagTable(data, overrides = {}) {
  const tags = /* @__PURE__ */ new Map([
    [data.validIdTag, { status: "Accepted" }],
    [data.validIdTag2, { status: "Accepted" }],
    [data.parentIdTag, { status: "Accepted" }],
    [data.invalidIdTag, { status: "Invalid" }],
    [data.blockedIdTag, { status: "Blocked" }],
    [data.expiredIdTag, { status: "Expired" }]
  ]);
  for (const [tag, info] of Object.entries(overrides)) tags.set(tag, info);
  return { tags, otherwise: { status: "Invalid" } };
}
async function runCase(def2, host, data, pics, onStep) {
  host.idTagAnswers();
  const clock = host.clock;
  const startedAt = new Date(clock.now()).toISOString();
  const t0 = clock.now();
  const base = { id: def2.id, title: def2.title, profile: def2.profile, section: def2.section, decisions: def2.decisions ?? [], startedAt };
  const early = (verdict2, reason2) => ({
    ...base,
    verdict: verdict2,
    reason: reason2,
    decidingStep: null,
    steps: [],
    observations: [],
    cleanupProblems: [],
    frames: [],
    measurements: [],
    ms: 0
  });
  if (def2.notSupported) return early("notSupported", def2.notSupported);
  const why2 = def2.appliesTo?.(pics, data) ?? null;
  if (why2) return early("notApplicable", why2);
  const t = new CaseContext(def2.id, host, data, pics, onStep);
  const firstSeq = host.frames.lastSeq;
  let verdict = "pass";
  let reason = null;
  try {
    await def2.run(t);
  } catch (e) {
    if (e instanceof StepFailure) {
      verdict = "fail";
      reason = e.message;
    } else if (e instanceof NotApplicable) {
      verdict = "notApplicable";
      reason = e.message;
    } else if (e instanceof Inconclusive) {
      verdict = "inconclusive";
      reason = e.message;
    } else {
      verdict = "error";
      reason = `The bench failed: ${e.message}`;
    }
  }
  const cleanupProblems = await restorePreconditions(t);
  const frames = host.frames.since(firstSeq).map((f) => ({ ts: f.ts, direction: f.direction, kind: f.kind, messageId: f.messageId, action: f.action, raw: f.raw.length > 2048 ? `${f.raw.slice(0, 2048)}\u2026` : f.raw, error: f.error }));
  return {
    ...base,
    verdict,
    reason,
    decidingStep: verdict === "pass" ? null : t.decidingStep,
    steps: t.steps,
    observations: t.observations,
    measurements: t.measurements,
    cleanupProblems,
    frames,
    ms: clock.now() - t0
  };
}
async function driveFakeClock(clock, frames, going, busy) {
  while (going()) {
    await new Promise((r) => setTimeout(r, 5));
    if (busy?.()) frames.lastActivity = Date.now();
    if (frames.holds > 0 || Date.now() - frames.lastActivity < QUIET_MS) continue;
    const next = clock.nextAt;
    if (next === null) continue;
    await clock.advance(Math.max(0, next - clock.now()));
  }
}

// src/shared/api/test-runs.ts
import { z as z43 } from "zod";
var idTag = z43.string().trim().min(1).max(20);
var TestData = z43.strictObject({
  /** <Configured ConnectorId>. */
  connectorId: z43.int().min(1).default(1),
  /** <Configured Valid IdTag>: Accepted by the bench. */
  validIdTag: idTag.default("OCTT-VALID"),
  /** A second valid idTag (a different driver). */
  validIdTag2: idTag.default("OCTT-VALID-2"),
  /** <Configured Invalid IdTag>: answered Invalid. */
  invalidIdTag: idTag.default("OCTT-INVALID"),
  blockedIdTag: idTag.default("OCTT-BLOCKED"),
  expiredIdTag: idTag.default("OCTT-EXPIRED"),
  /** <Configured ParentIdTag>: the parent of validIdTag and of validIdTag2 in the parent-tag cases. */
  parentIdTag: idTag.default("OCTT-PARENT"),
  /** <Configured Transaction Duration> (s): how long a charging session runs, and how long to wait to see none start. */
  transactionDurationS: z43.int().min(1).max(3600).default(10),
  /** <Configured Heartbeat interval> (s), given in the BootNotification answers of the boot cases. */
  heartbeatIntervalS: z43.int().min(1).max(86400).default(60),
  /** <Configured Meter Value interval> (s): MeterValueSampleInterval in the cases that set it. */
  meterValueIntervalS: z43.int().min(1).max(3600).default(10),
  /** <Configured Clock Aligned Data interval> (s). */
  clockAlignedIntervalS: z43.int().min(1).max(3600).default(60),
  /** <Configured connectionTimeout> (s): ConnectionTimeOut in the cases that set it. */
  connectionTimeoutS: z43.int().min(1).max(3600).default(30),
  /** <Configured Reservation Expiry Date Offset> (s). */
  reservationExpiryOffsetS: z43.int().min(1).max(86400).default(60),
  /** Firmware for UpdateFirmware (the bench hosts it when left out), and a location that fails. */
  firmwareLocation: z43.string().min(1).optional(),
  badFirmwareLocation: z43.string().min(1).default("http://127.0.0.1:9/firmware/missing.bin"),
  /** A file that downloads but is no firmware the charger can install (the bench hosts one when left out). */
  unsupportedFirmwareLocation: z43.string().min(1).optional(),
  /** Where diagnostics are uploaded (the bench's own upload endpoint when left out), and a location that fails. */
  diagnosticsLocation: z43.string().min(1).optional(),
  badDiagnosticsLocation: z43.string().min(1).default("http://127.0.0.1:9/upload"),
  /** <Configured Charging Rate Unit> and limits for smart charging. */
  chargingRateUnit: z43.enum(["A", "W"]).default("A"),
  chargingLimit: z43.number().min(0).default(16),
  chargingLimit2: z43.number().min(0).default(10),
  /** <Configured StackLevel>, <Configured duration> (s) and <Configured numberPhases> of the smart-charging cases' profiles. */
  stackLevel: z43.int().min(0).max(100).default(0),
  chargingScheduleDurationS: z43.int().min(1).max(86400).default(300),
  numberPhases: z43.int().min(1).max(3).default(3),
  /** <Configured Max Time Deviation> (s) for a schedule's start. */
  maxTimeDeviationS: z43.int().min(0).max(3600).default(60),
  /** <Configured vendorId> for DataTransfer. */
  vendorId: z43.string().min(1).max(255).default("ChargeBench"),
  /** A vendorId the charger does not support, for the DataTransfer the bench sends (TC_062_CS). */
  unsupportedVendorId: z43.string().min(1).max(255).default("org.example.octt.unsupported"),
  /** Default time (s) to wait for a charger's message. */
  chargerTimeoutS: z43.int().min(1).max(3600).default(30),
  /** Time (s) an operator has to do what is asked before the step times out. */
  operatorTimeoutS: z43.int().min(5).max(3600).default(300)
});
var defaultTestData = () => TestData.parse({});
var PicsDeclaration = z43.strictObject({
  profiles: z43.array(z43.enum(featureProfiles)).min(1).optional(),
  fixedCable: z43.boolean().optional(),
  connectorLock: z43.boolean().optional(),
  reader: z43.boolean().optional(),
  backupPower: z43.boolean().optional()
});

// src/main/conformance/virtual.ts
var VIRTUAL_PASSWORD = "OCTT-virtual-profile-1";
async function virtualTarget(bench, id2 = "OCTT-VIRTUAL", connectors = 2) {
  if (!bench.virtualChargers.has(id2)) await bench.virtualChargers.create({ id: id2, connectors, autoStart: true, password: VIRTUAL_PASSWORD });
  else if (!bench.virtualChargers.get(id2).running) bench.virtualChargers.start(id2);
  const deadline = Date.now() + 15e3;
  for (; ; ) {
    const view = bench.virtualChargers.get(id2);
    if (view.connection === "connected" && view.registration === "Accepted") break;
    if (Date.now() > deadline) throw new Error(`The virtual charger ${id2} did not connect and boot within 15 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { id: id2, operator: new VirtualOperator(() => bench.virtualChargers.charger(id2)), busy: virtualBusy(bench, id2), declared: virtualDeclaration(bench, id2) };
}
function virtualDeclaration(bench, id2) {
  const { fixedCable: fixedCable2, backupPower: backupPower2 } = bench.virtualChargers.get(id2).definition;
  return { fixedCable: fixedCable2, backupPower: backupPower2 };
}

// src/main/conformance/reports/html.ts
var esc = (s) => String(s ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
var verdictLabel = {
  pass: "Pass",
  fail: "Fail",
  notApplicable: "Not applicable",
  inconclusive: "Inconclusive",
  error: "Error",
  notSupported: "Not supported yet"
};
var ms = (n) => n < 1e3 ? `${n} ms` : `${(n / 1e3).toFixed(1)} s`;
function payloadOf(f) {
  try {
    const parsed = JSON.parse(f.raw);
    const body = f.kind === "CALL" ? parsed[3] : f.kind === "CALLRESULT" ? parsed[2] : parsed.slice(2);
    const text = JSON.stringify(body);
    return text.length > 160 ? `${text.slice(0, 160)}\u2026` : text;
  } catch {
    return f.raw.slice(0, 160);
  }
}
function sequence(c) {
  if (c.frames.length === 0) return "";
  const failing = new Set(c.steps.find((s) => s.n === c.decidingStep)?.messageIds ?? []);
  const rows = c.frames.map((f) => {
    const fromCharger = f.direction === "in";
    const label = `${f.kind === "CALL" ? f.action : `${f.kind === "CALLRESULT" ? "\u21A9" : "\u2715"} ${f.action ?? ""}`}`;
    const cls = `${fromCharger ? "ltr" : "rtl"}${f.messageId && failing.has(f.messageId) ? " failing" : ""}${f.error ? " bad" : ""}`;
    return `<tr class="${cls}"><td class="t">${esc(f.ts.slice(11, 23))}</td><td class="arrow"><div class="msg"><b>${esc(label)}</b> <code>${esc(payloadOf(f))}</code>${f.error ? `<div class="err">${esc(f.error)}</div>` : ""}</div><div class="line">${fromCharger ? "\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u25B6" : "\u25C0\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500"}</div></td><td class="id">${esc(f.messageId ?? "")}</td></tr>`;
  });
  return `<details${c.verdict === "fail" ? " open" : ""}><summary>Sequence of ${c.frames.length} frames</summary><table class="seq"><thead><tr><th>Time</th><th><span>Charger</span><span>Bench (central system)</span></th><th>Message id</th></tr></thead><tbody>${rows.join("")}</tbody></table></details>`;
}
function caseSection(c) {
  const steps2 = c.steps.map(
    (s) => `<tr class="${s.status}"><td>${s.n}</td><td>${esc(s.by)}</td><td>${esc(s.title)}${s.status === "failed" ? `<div class="why">Expected ${esc(s.expected)}; ${esc(s.actual)}</div>` : s.status === "error" ? `<div class="why">${esc(s.actual)}</div>` : ""}</td><td>${esc(s.status)}</td><td class="num">${ms(s.ms)}</td></tr>`
  ).join("");
  return `<section class="case" id="${esc(c.id)}">
  <h3><span class="v ${c.verdict}">${verdictLabel[c.verdict]}</span> ${esc(c.id)} ${esc(c.title)}</h3>
  <p class="meta">Section ${esc(c.section)} \xB7 ${esc(c.profile)} \xB7 ${ms(c.ms)}${c.decidingStep ? ` \xB7 decided at step ${c.decidingStep}` : ""}</p>
  ${c.reason ? `<p class="reason">${esc(c.reason)}</p>` : ""}
  ${c.decisions.length ? `<div class="decisions"><b>Where the document is open, the bench decided:</b><ul>${c.decisions.map((d) => `<li>${esc(d)}</li>`).join("")}</ul></div>` : ""}
  ${steps2 ? `<table class="steps"><thead><tr><th>#</th><th>By</th><th>Step</th><th>Result</th><th>Time</th></tr></thead><tbody>${steps2}</tbody></table>` : ""}
  ${c.measurements.length ? `<table class="steps"><thead><tr><th>Measured</th><th>Value</th><th>Wanted</th><th></th></tr></thead><tbody>${c.measurements.map((m) => `<tr class="${m.ok === false ? "failed" : ""}"><td>${esc(m.label)}</td><td><code>${esc(m.value)}</code></td><td>${esc(m.wanted ?? "")}</td><td>${m.ok === null ? "" : m.ok ? "\u2713" : "\u2717"}</td></tr>`).join("")}</tbody></table>` : ""}
  ${c.observations.length ? `<div class="obs"><b>Observations</b><ul>${c.observations.map((o) => `<li>${esc(o.text)}${o.messageId ? ` <code>${esc(o.messageId)}</code>` : ""}</li>`).join("")}</ul></div>` : ""}
  ${c.cleanupProblems.length ? `<p class="warn">Could not put back afterwards: ${esc(c.cleanupProblems.join("; "))}</p>` : ""}
  ${sequence(c)}
</section>`;
}
function notYetSupportedSection(run) {
  const list = run.notYetSupported ?? [];
  if (!list.length) return "";
  return `<h2 id="not-yet-supported">Not yet supported</h2>
<p class="meta">${list.length} case${list.length === 1 ? "" : "s"} of the suite the bench cannot run yet, with why. Not run, and counted neither as passed nor as failed.</p>
<table><thead><tr><th>Case</th><th>Title</th><th>Profile</th><th>Why</th></tr></thead><tbody>${list.map((c) => `<tr><td>${esc(c.id)}</td><td>${esc(c.title)}</td><td>${esc(c.profile)}</td><td>${esc(c.reason)}</td></tr>`).join("")}</tbody></table>`;
}
function htmlReport(run, title = "OCTT 1.6 charge-point test run") {
  const s = run.summary;
  const rows = run.cases.map(
    (c) => `<tr><td><a href="#${esc(c.id)}">${esc(c.id)}</a></td><td>${esc(c.title)}</td><td>${esc(c.profile)}</td><td><span class="v ${c.verdict}">${verdictLabel[c.verdict]}</span></td><td>${esc(c.reason ?? "")}</td></tr>`
  ).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}: ${esc(run.chargerId)} (${esc(run.id)})</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:32px auto;max-width:1100px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:15px;margin:0 0 4px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top}
th{font-weight:600;background:#f6f8fa}.num{text-align:right;white-space:nowrap}
.v{display:inline-block;border-radius:10px;padding:0 8px;font-weight:600;font-size:12px;white-space:nowrap}
.v.pass{background:#d7f5dd;color:#105b22}.v.fail{background:#ffd9d6;color:#8a1010}.v.error{background:#ffe3c2;color:#7a3b00}
.v.notApplicable,.v.notSupported{background:#eceff2;color:#444}.v.inconclusive{background:#fff3b0;color:#665200}
.summary{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.summary div{border:1px solid #e3e6ea;border-radius:8px;padding:8px 14px}
.summary b{display:block;font-size:20px}.case{border:1px solid #e3e6ea;border-radius:8px;padding:12px 16px;margin:14px 0;break-inside:avoid}
.meta{color:#57606a;margin:0 0 6px}.reason{font-weight:600}.why{color:#8a1010}.steps tr.failed td{background:#fff1f0}.steps tr.skipped td{color:#777}
.decisions,.obs{background:#f6f8fa;border-radius:6px;padding:6px 10px;margin:8px 0}.decisions ul,.obs ul{margin:4px 0 0 18px;padding:0}
.warn{color:#7a3b00}code{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.seq td.t,.seq td.id{font:11px ui-monospace,Menlo,monospace;color:#57606a;white-space:nowrap}.seq th span:last-child{float:right}
.seq .line{font:12px monospace;color:#8c959f}.seq tr.rtl .msg,.seq tr.rtl .line{text-align:right}
.seq tr.failing td{background:#ffebe9}.seq .err{color:#8a1010;font-size:12px}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}dt{color:#57606a}
</style></head><body>
<h1>${esc(title)}</h1>
<p class="meta">${esc(run.id)} \xB7 ChargeBench ${esc(run.benchVersion)} \xB7 ${esc(run.state)}${run.error ? ` \xB7 stopped: ${esc(run.error)}` : ""}</p>
<dl>
${Object.entries(run.job ?? {}).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}
<dt>Charger</dt><dd>${esc(run.chargerId)}${run.virtual ? " (built-in virtual charger)" : ""}</dd>
<dt>Vendor, model</dt><dd>${esc(run.charger.vendor ?? "\u2014")} ${esc(run.charger.model ?? "")}</dd>
<dt>Firmware</dt><dd>${esc(run.charger.firmware ?? "\u2014")}</dd><dt>Serial</dt><dd>${esc(run.charger.serial ?? "\u2014")}</dd>
<dt>Started</dt><dd>${esc(run.startedAt)}</dd><dt>Finished</dt><dd>${esc(run.finishedAt ?? "\u2014")}</dd>
<dt>Duration</dt><dd>${ms(run.wallMs)}${run.virtual ? ` (${ms(run.ms)} of charger time on a fake clock)` : ""}</dd>
<dt>Profiles</dt><dd>${esc(run.pics?.profiles.join(", ") ?? "\u2014")}</dd>
</dl>
<div class="summary">${["pass", "fail", "error", "inconclusive", "notApplicable", "notSupported"].map((k) => `<div><b>${s[k]}</b>${verdictLabel[k]}</div>`).join("")}</div>
<h2>Cases</h2>
<table><thead><tr><th>Case</th><th>Title</th><th>Profile</th><th>Verdict</th><th>Reason</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Details</h2>
${run.cases.map(caseSection).join("\n")}
${notYetSupportedSection(run)}
<h2>Test data</h2>
<table><tbody>${Object.entries(run.data).map(([k, v]) => `<tr><th>${esc(k)}</th><td><code>${esc(v)}</code></td></tr>`).join("")}</tbody></table>
</body></html>
`;
}

// src/main/conformance/reports/junit.ts
var esc2 = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
function testcase(c) {
  const head = `    <testcase classname="octt16.${esc2(c.profile)}" name="${esc2(`${c.id} ${c.title}`)}" time="${(c.ms / 1e3).toFixed(3)}"`;
  const step2 = c.steps.find((s) => s.n === c.decidingStep);
  const detail2 = step2 ? `Step ${step2.n} (${step2.title}): expected ${step2.expected ?? "?"}; ${step2.actual ?? ""}${step2.messageIds.length ? ` [message ids ${step2.messageIds.join(", ")}]` : ""}` : c.reason ?? "";
  switch (c.verdict) {
    case "pass":
      return `${head}/>`;
    case "fail":
      return `${head}>
      <failure message="${esc2(c.reason ?? "failed")}">${esc2(detail2)}</failure>
    </testcase>`;
    case "error":
      return `${head}>
      <error message="${esc2(c.reason ?? "error")}">${esc2(detail2)}</error>
    </testcase>`;
    default:
      return `${head}>
      <skipped message="${esc2(`${c.verdict}: ${c.reason ?? ""}`)}"/>
    </testcase>`;
  }
}
function testsuite(run, name, cases) {
  const count2 = (v) => cases.filter((c) => v.includes(c.verdict)).length;
  return `  <testsuite name="OCTT 1.6 ${esc2(name)} (${esc2(run.chargerId)})" tests="${cases.length}" failures="${count2(["fail"])}" errors="${count2(["error"])}" skipped="${count2(["notApplicable", "notSupported", "inconclusive"])}" time="${(cases.reduce((a, c) => a + c.ms, 0) / 1e3).toFixed(3)}" timestamp="${esc2(run.startedAt)}">
${cases.map(testcase).join("\n")}
  </testsuite>`;
}
var notRun = (c) => ({ ...c, verdict: "notSupported", steps: [], decidingStep: null, ms: 0 });
function junitReport(run) {
  const groups = /* @__PURE__ */ new Map();
  for (const c of run.cases) groups.set(c.profile, [...groups.get(c.profile) ?? [], c]);
  const later2 = (run.notYetSupported ?? []).map(notRun);
  const suites = [...groups].map(([profile2, cases]) => testsuite(run, profile2, cases));
  if (later2.length) suites.push(testsuite(run, "not yet supported", later2));
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="ChargeBench OCTT 1.6 run ${esc2(run.id)}" tests="${run.cases.length + later2.length}" failures="${run.summary.fail}" errors="${run.summary.error}">
${suites.join("\n")}
</testsuites>
`;
}

// src/main/conformance/reports/evidence.ts
import { createHash } from "node:crypto";
import { strToU8, zipSync } from "fflate";
function evidencePack({ run, framesJsonl, pdf, title }) {
  const json2 = (v) => `${JSON.stringify(v, null, 2)}
`;
  const files = {
    "report.html": strToU8(htmlReport(run, title)),
    "report.json": strToU8(json2(run)),
    "junit.xml": strToU8(junitReport(run)),
    "frames.jsonl": strToU8(framesJsonl),
    "charger.json": strToU8(json2({ id: run.chargerId, virtual: run.virtual, bootNotification: run.charger })),
    "configuration-start.json": strToU8(json2(run.pics?.config ?? null)),
    "configuration-end.json": strToU8(json2(run.configAtEnd ?? null)),
    "test-data.json": strToU8(json2(run.data)),
    "pics.json": strToU8(json2(run.pics ? { ...run.pics, config: void 0 } : null)),
    "version.txt": strToU8(`ChargeBench ${run.benchVersion}
Node ${process.versions.node}
`)
  };
  if (pdf) files["report.pdf"] = pdf;
  const manifest2 = Object.entries(files).map(([name, data]) => `${createHash("sha256").update(data).digest("hex")}  ${name}`).join("\n");
  files["SHA256SUMS"] = strToU8(`${manifest2}
`);
  const fixed = new Date(run.finishedAt ?? run.startedAt);
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime: fixed }]])));
}

// src/main/conformance/service.ts
var ConformanceService = class {
  constructor(bench) {
    this.bench = bench;
  }
  bench;
  active = /* @__PURE__ */ new Map();
  cases() {
    return octt16Cases.map((c) => ({ id: c.id, title: c.title, profile: c.profile, section: c.section, decisions: c.decisions ?? [], notSupported: c.notSupported ?? null }));
  }
  /** The test run running on a charger now, if any. */
  runningOn(chargerId) {
    for (const a of this.active.values()) if (a.run.chargerId === chargerId) return a.run.id;
    return null;
  }
  /** Starts a run; resolves with its id once it has begun (the run goes on in the background). */
  start(args) {
    const { bench } = this;
    bench.centralSystem.registry.mustKnow(args.chargerId);
    if (this.runningOn(args.chargerId)) throw new BenchError(409, `A test run is already running on ${args.chargerId}: stop it first`, { field: "chargerId" });
    const commissioning = bench.commissioning.runningOn(args.chargerId);
    if (commissioning) throw new BenchError(409, `${args.chargerId} is being commissioned (${commissioning}): wait for it, or stop it first`, { field: "chargerId" });
    let cases = octt16Cases;
    if (args.rerunFailedOf) {
      const before = this.get(args.rerunFailedOf);
      const failed = new Set(before.cases.filter((c) => c.verdict === "fail" || c.verdict === "error" || c.verdict === "inconclusive").map((c) => c.id));
      cases = cases.filter((c) => failed.has(c.id));
    }
    if (args.cases) {
      const unknown = args.cases.filter((id2) => !octt16Cases.some((c) => c.id === id2));
      if (unknown.length) throw new BenchError(400, `Unknown test case${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`, { field: "cases" });
      cases = cases.filter((c) => args.cases.includes(c.id));
    }
    if (args.profile) cases = cases.filter((c) => c.profile === args.profile);
    if (cases.length === 0) throw new BenchError(400, "No test case is left to run under this choice", { field: "cases" });
    const parsed = TestData.safeParse(args.data ?? {});
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error);
      throw new BenchError(400, `Test data: ${field}: ${message}`, { field: `data.${field}` });
    }
    const virtual = bench.virtualChargers.has(args.chargerId);
    const abort = new AbortController();
    const ts = () => new Date(bench.clock.now()).toISOString();
    const runId = `run-${ts().replace(/[:.]/g, "-")}-${args.chargerId}`;
    const placeholder = {
      id: runId,
      chargerId: args.chargerId,
      charger: { vendor: null, model: null, firmware: null, serial: null },
      virtual,
      startedAt: ts(),
      finishedAt: null,
      ms: 0,
      wallMs: 0,
      benchVersion: version,
      data: parsed.data,
      pics: null,
      cases: [],
      planned: cases.map((c) => c.id),
      summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
      state: "running",
      notYetSupported: notYetSupported(octt16Cases, cases)
    };
    const entry2 = { run: placeholder, abort, caseId: null, step: null, operator: null };
    this.active.set(runId, entry2);
    const publish = () => {
      bench.bus.publish({ type: "testRunChanged", run: { ...listItem(entry2.run), caseId: entry2.caseId, step: entry2.step }, ts: ts() });
    };
    const attended = runOperator(bench, args.chargerId, abort.signal, (prompt) => bench.bus.publish({ type: "testPrompt", runId, prompt, ts: ts() }));
    entry2.operator = attended;
    const onEvent = (e) => {
      if (e.type === "runStarted") {
        entry2.run = e.run;
        this.active.set(runId, entry2);
        publish();
      } else if (e.type === "caseStarted") {
        entry2.caseId = e.caseId;
        entry2.step = null;
        publish();
      } else if (e.type === "stepStarted") {
        entry2.step = e.step;
        publish();
      } else if (e.type === "caseFinished") {
        bench.bus.publish({ type: "testCaseFinished", runId, result: e.result, ts: ts() });
        void bench.record.testRuns.save(entry2.run).catch(() => void 0);
      }
    };
    entry2.done = runConformance(bench, {
      id: runId,
      chargerId: args.chargerId,
      cases,
      data: parsed.data,
      // A built-in virtual charger's fixed cable and back-up power are known; what the person declares goes over them.
      declared: virtual ? { ...virtualDeclaration(bench, args.chargerId), ...defined(args.declared ?? {}) } : args.declared,
      operator: attended.operator,
      busy: attended.busy,
      virtual,
      onEvent,
      signal: abort.signal,
      suite: octt16Cases
    }).then(async (run) => {
      entry2.run = run;
      await bench.record.testRuns.save(run).catch((e) => console.error(`chargebench: the test run ${runId} could not be recorded: ${e.message}`));
    }).catch(async (e) => {
      entry2.run.state = "stopped";
      entry2.run.error = e.message;
      await bench.record.testRuns.save(entry2.run).catch(() => void 0);
    }).finally(() => {
      entry2.caseId = null;
      publish();
      this.active.delete(runId);
    }).then(() => entry2.run);
    return { runId };
  }
  /** Resolves with the run once it has ended and is kept in the record (a face that waits for it: the CLI). */
  settled(runId) {
    return this.active.get(runId)?.done ?? Promise.resolve(this.get(runId));
  }
  stop(runId) {
    const a = this.active.get(runId);
    if (!a) throw new BenchError(404, `No test run ${runId} is running`, { field: "runId" });
    a.abort.abort();
  }
  answer(runId, answer2) {
    if (!this.active.get(runId)?.operator?.answer(answer2)) throw new BenchError(409, `Test run ${runId} is not waiting for the operator`, { field: "runId" });
  }
  /** The prompt a run waits on, if any (a page opened mid-run shows it). */
  prompt(runId) {
    return this.active.get(runId)?.operator?.prompt() ?? null;
  }
  list(chargerId) {
    const running = [...this.active.values()].filter((a) => !chargerId || a.run.chargerId === chargerId).map((a) => listItem(a.run));
    const stored = this.bench.record.testRuns.list({ chargerId }).filter((r) => !this.active.has(r.id));
    return [...running, ...stored];
  }
  get(runId) {
    const a = this.active.get(runId);
    if (a) return a.run;
    const stored = this.bench.record.testRuns.get(runId);
    if (!stored) throw new BenchError(404, `No test run ${runId}`, { field: "runId" });
    return stored;
  }
  /** A report of a run in one of its forms; the evidence pack holds them all with every frame. */
  report(runId, kind) {
    return this.reportOf(this.get(runId), kind);
  }
  /** A report of a run at hand (one that just ended: the CLI writes its reports even when the record could not keep it). */
  async reportOf(run, kind) {
    const base = `octt16-${run.chargerId}-${run.startedAt.replace(/[:.]/g, "-")}`.replace(/[^A-Za-z0-9_.-]/g, "_");
    switch (kind) {
      case "html":
        return { body: htmlReport(run), contentType: "text/html; charset=utf-8", fileName: `${base}.html` };
      case "json":
        return { body: `${JSON.stringify(run, null, 2)}
`, contentType: "application/json; charset=utf-8", fileName: `${base}.json` };
      case "junit":
        return { body: junitReport(run), contentType: "application/xml; charset=utf-8", fileName: `${base}.junit.xml` };
      case "pdf": {
        const printed = await this.bench.printPdf(htmlReport(run));
        if (!printed.pdf) throw new BenchError(501, printed.reason);
        return { body: printed.pdf, contentType: "application/pdf", fileName: `${base}.pdf` };
      }
      case "evidence": {
        const printed = await this.bench.printPdf(htmlReport(run)).catch(() => ({ pdf: null }));
        return { body: evidencePack({ run, framesJsonl: await this.framesJsonl(run), pdf: printed.pdf }), contentType: "application/zip", fileName: `${base}.evidence.zip` };
      }
    }
  }
  /** Every frame of the charger while the run ran (or while each of several runs ran), from the record, one JSON object per line. */
  async framesJsonl(run, more = []) {
    await this.bench.record.settled();
    const lines = [];
    for (const window of [run, ...more]) {
      const filter = { chargerId: run.chargerId, from: window.startedAt, ...window.finishedAt ? { to: window.finishedAt } : {} };
      for await (const batch of this.bench.record.messages.batches(filter)) for (const m of batch) lines.push(JSON.stringify(m));
    }
    return lines.length ? `${lines.join("\n")}
` : "";
  }
  /** Stops every run (the bench is stopping). */
  stopAll() {
    for (const a of this.active.values()) a.abort.abort();
  }
};
var defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== void 0));
function listItem(run) {
  return { id: run.id, chargerId: run.chargerId, startedAt: run.startedAt, finishedAt: run.finishedAt, state: run.state, summary: run.summary };
}

// src/main/commissioning/service.ts
import { createHash as createHash3, randomUUID } from "node:crypto";

// src/shared/api/commissioning.ts
import { z as z44 } from "zod";
var offlinePolicies = ["noCharging", "localListOnly", "knownCards", "anyCard"];
var offlinePolicyWords = {
  noCharging: "nobody can charge while the back office is unreachable",
  localListOnly: "only cards in the local list can charge while the back office is unreachable",
  knownCards: "cards in the local list or the cache (cards seen before) can charge while the back office is unreachable",
  anyCard: "any card can charge while the back office is unreachable"
};
var CommissioningTemplate = z44.strictObject({
  name: z44.string().min(1).max(80),
  /** Configuration keys and the values the site requires. */
  keys: z44.record(z44.string().min(1).max(50), z44.string().max(500)).default({}),
  offlinePolicy: z44.enum(offlinePolicies).default("knownCards"),
  /** The installer's test card, exactly as the charger must send it. */
  testIdTag: z44.string().trim().min(1).max(20).default("COMMISSION-1"),
  /** How long the test session delivers meter values (s); shorter than 300 is allowed and noted. */
  sessionSeconds: z44.int().min(10).max(3600).default(300),
  /** The least power (W) that counts as charging, and the charger's rating (W) it must stay under. */
  minPowerW: z44.number().min(0).default(1e3),
  ratedPowerW: z44.number().min(1e3).max(4e5).default(22e3),
  /** The largest clock difference (s) with this laptop that passes. */
  maxClockSkewS: z44.int().min(0).max(3600).default(60),
  /**
   * The site's load limit (optional): set as a TxDefaultProfile, read back as a composite schedule, and the
   * test session's power must stay under it. Amperes are per phase (W = A x 230 V x phases).
   */
  loadLimit: z44.strictObject({ limit: z44.number().positive().max(4e5), unit: z44.enum(["A", "W"]), phases: z44.int().min(1).max(3).default(3) }).nullable().default(null)
});
var builtInTemplates = [
  CommissioningTemplate.parse({
    name: "Public AC (recommended)",
    keys: {
      HeartbeatInterval: "300",
      MeterValueSampleInterval: "60",
      MeterValuesSampledData: "Energy.Active.Import.Register,Power.Active.Import",
      StopTransactionOnEVSideDisconnect: "true",
      LocalAuthorizeOffline: "true",
      AuthorizationCacheEnabled: "true",
      AllowOfflineTxForUnknownId: "false"
    },
    offlinePolicy: "knownCards"
  }),
  CommissioningTemplate.parse({
    name: "Private home charger",
    keys: { HeartbeatInterval: "900", MeterValueSampleInterval: "300", MeterValuesSampledData: "Energy.Active.Import.Register", AllowOfflineTxForUnknownId: "true" },
    offlinePolicy: "anyCard"
  })
];
var SiteJob = z44.strictObject({
  site: z44.string().trim().min(1, "Name the site").max(120),
  address: z44.string().trim().max(300).default(""),
  /** Where the charger is on the site (e.g. parking bay 4). */
  location: z44.string().trim().max(120).default(""),
  installer: z44.string().trim().min(1, "Name the installer").max(120),
  company: z44.string().trim().max(120).default(""),
  customer: z44.string().trim().max(120).default("")
});
var checklistItems = [
  { id: "earthResistance", label: "Earth resistance", unit: "\u03A9" },
  { id: "rcdTripTime", label: "RCD trip time", unit: "ms" },
  { id: "rcdTripCurrent", label: "RCD trip current", unit: "mA" },
  { id: "insulation", label: "Insulation resistance", unit: "M\u03A9" },
  { id: "phaseRotation", label: "Phase rotation", unit: "sequence" },
  { id: "cable", label: "Cable and connector undamaged and correctly rated", unit: null },
  { id: "mounting", label: "Mounting, clearances and impact protection", unit: null },
  { id: "labelling", label: "Labelling and circuit identified at the distribution board", unit: null }
];
var checklistIds = checklistItems.map((i) => i.id);
var checkResults = ["conform", "notConform", "notApplicable"];
var checkResultWords = { conform: "Conform", notConform: "Not conform", notApplicable: "Not applicable" };
var ChecklistEntry = z44.strictObject({
  id: z44.enum(checklistIds),
  /** null: not checked yet. */
  result: z44.enum(checkResults).nullable().default(null),
  /** The measured value as read on the instrument (e.g. "0.8"), in the item's unit. */
  value: z44.string().trim().max(60).default(""),
  note: z44.string().max(2e3).default("")
});
var maxPhotoBytes = 10 * 1024 * 1024;
var photoTypes = ["image/jpeg", "image/png", "image/webp"];
var PhotoUpload = z44.strictObject({
  /** The commissioning. */
  id: z44.string().min(1),
  name: z44.string().trim().min(1).max(200),
  contentType: z44.enum(photoTypes),
  /** The file, base64 (at most maxPhotoBytes once decoded). */
  dataBase64: z44.string().min(1).max(Math.ceil(maxPhotoBytes / 3) * 4),
  caption: z44.string().trim().max(200).default("")
});
var Signature = z44.strictObject({
  name: z44.string().trim().min(1, "Type the name").max(120),
  kind: z44.enum(["drawn", "typed"]),
  /** A drawn signature as a PNG data URL. */
  image: z44.string().startsWith("data:image/png;base64,").max(7e5).optional()
}).refine((s) => s.kind === "typed" || !!s.image, { message: "Draw the signature", path: ["image"] });
var Handover = z44.strictObject({
  installer: Signature,
  customer: z44.strictObject({
    name: z44.string().trim().min(1, "Type the customer's name").max(120),
    /** The customer acknowledges the charger was handed over with this report. */
    acknowledged: z44.literal(true, { error: "The customer must acknowledge the handover" }),
    signature: Signature.optional()
  }),
  notes: z44.string().max(2e3).default("")
});
var commissioningFiles = ["report.html", "report.pdf", "report.json", "bundle.zip"];

// src/main/commissioning/plan.ts
var step = (id2, title, section, run, extra = {}) => ({
  id: id2,
  title,
  profile: "Core",
  section,
  run,
  ...extra
});
async function identityAndClock(t, template) {
  await t.send("TriggerMessage", { requestedMessage: "BootNotification" }, { checks: { status: "Accepted" }, title: "Bench asks the charger to tell who it is (TriggerMessage BootNotification)" });
  const boot = await t.expect("BootNotification", { title: "Charger sends BootNotification (identity)" });
  const p = boot.payload;
  for (const [label, key2] of [
    ["Vendor", "chargePointVendor"],
    ["Model", "chargePointModel"],
    ["Charge point serial", "chargePointSerialNumber"],
    ["Charge box serial", "chargeBoxSerialNumber"],
    ["Firmware", "firmwareVersion"],
    ["Meter type", "meterType"],
    ["Meter serial", "meterSerialNumber"],
    ["ICCID", "iccid"],
    ["IMSI", "imsi"]
  ])
    t.measure(label, p[key2] ?? "not reported");
  await t.send(
    "TriggerMessage",
    { requestedMessage: "StatusNotification", connectorId: t.connectorId },
    { checks: { status: "Accepted" }, title: "Bench asks for a status, to read the charger's clock" }
  );
  const status = await t.expect("StatusNotification", { where: { connectorId: t.connectorId } });
  const theirs = typeof status.payload.timestamp === "string" ? Date.parse(status.payload.timestamp) : NaN;
  if (Number.isNaN(theirs)) t.measure("Clock", "the charger sent no timestamp", null);
  else {
    const skew = Math.round((theirs - Date.parse(status.ts)) / 1e3);
    t.measure("Clock difference with this laptop (s)", skew, Math.abs(skew) <= template.maxClockSkewS, `within \xB1${template.maxClockSkewS}`);
    t.check(Math.abs(skew) <= template.maxClockSkewS, `the charger's clock within ${template.maxClockSkewS} s of this laptop's`, `it is ${skew} s off: set its time (NTP, or the vendor's tool)`);
  }
  t.measure("HeartbeatInterval (s)", t.pics.config.HeartbeatInterval ?? "not reported");
}
async function connectorsAvailable(t) {
  const all2 = Array.from({ length: t.pics.connectors + 1 }, (_, c) => c);
  for (const connectorId of all2) {
    await t.send("TriggerMessage", { requestedMessage: "StatusNotification", connectorId }, { checks: { status: "Accepted" }, title: `Bench asks connector ${connectorId} for its status` });
    const s = await t.expect("StatusNotification", { where: { connectorId }, title: `Connector ${connectorId} reports its status` });
    const ok = s.payload.status === "Available" && s.payload.errorCode === "NoError";
    t.measure(`Connector ${connectorId}`, `${String(s.payload.status)}${s.payload.errorCode !== "NoError" ? ` (${String(s.payload.errorCode)})` : ""}`, ok, "Available, NoError");
    t.check(ok, `connector ${connectorId} Available with NoError`, `it reports ${String(s.payload.status)} (${String(s.payload.errorCode)}): clear the fault before handing over`);
  }
}
async function baseline(t, template) {
  const answers = /* @__PURE__ */ new Map();
  let reboot = false;
  for (const [key2, wanted] of Object.entries(template.keys)) {
    if (!(key2 in t.pics.config)) {
      answers.set(key2, "NotSupported (the charger does not report this key)");
      continue;
    }
    if (t.pics.config[key2] === wanted) {
      answers.set(key2, "already set");
      continue;
    }
    if (t.pics.readOnly.includes(key2)) {
      answers.set(key2, "read-only");
      continue;
    }
    const r = await t.send("ChangeConfiguration", { key: key2, value: wanted }, { title: `Bench sets ${key2} to ${wanted}`, callErrors: "any" });
    const answer2 = String(r.status ?? `CALLERROR ${String(r.callError)}`);
    answers.set(key2, answer2);
    if (answer2 === "RebootRequired") reboot = true;
  }
  if (reboot) {
    await t.send("Reset", { type: "Soft" }, { checks: { status: "Accepted" }, title: "Bench restarts the charger: a key needs a reboot" });
    await t.expect("BootNotification", { within: 180 });
  }
  const keys = Object.keys(template.keys);
  const read2 = keys.length ? await t.send("GetConfiguration", { key: keys }, { title: "Bench reads the keys back" }) : { configurationKey: [] };
  const now = new Map((read2.configurationKey ?? []).map((k) => [k.key, k.value ?? null]));
  const wrong = [];
  for (const [key2, wanted] of Object.entries(template.keys)) {
    const value = now.get(key2) ?? null;
    const ok = value === wanted && ["Accepted", "RebootRequired", "already set"].includes(answers.get(key2) ?? "");
    if (!ok) wrong.push(`${key2} (${answers.get(key2)})`);
    t.measure(key2, `was ${t.pics.config[key2] ?? "\u2014"}, now ${value ?? "\u2014"} (${answers.get(key2)})`, ok, wanted);
    if (value !== null) t.pics.config[key2] = value;
  }
  t.check(
    wrong.length === 0,
    "every key of the baseline at its wanted value",
    `${wrong.join(", ")} ${wrong.length === 1 ? "is" : "are"} not: where the charger answers Rejected or the key is read-only, set it in the vendor's tool`
  );
}
async function reader2(t, template) {
  t.answerIdTags({ [template.testIdTag]: { status: "Accepted" } });
  await t.operator({ kind: "presentIdTag", connectorId: t.connectorId, idTag: template.testIdTag });
  const auth = await t.expect("Authorize", { title: "Charger sends the card to the bench (Authorize)" });
  t.measure("Card as sent by the charger", auth.payload.idTag, auth.payload.idTag === template.testIdTag, template.testIdTag);
  t.check(auth.payload.idTag === template.testIdTag, `the card sent as ${template.testIdTag}`, `the charger sent "${String(auth.payload.idTag)}": it alters tags (check its reader settings)`);
  await t.expect("StatusNotification", { where: { connectorId: t.connectorId, status: "Preparing" }, title: "Charger accepts the card (Preparing)" });
}
function offlinePolicyOf(c, listVersion2) {
  const on = (k) => c[k]?.toLowerCase() === "true";
  if (on("AllowOfflineTxForUnknownId")) return "anyCard";
  if (!on("LocalAuthorizeOffline")) return "noCharging";
  if (on("AuthorizationCacheEnabled")) return "knownCards";
  return on("LocalAuthListEnabled") && listVersion2 > 0 ? "localListOnly" : "noCharging";
}
async function offlinePolicy(t, template) {
  const keys = ["LocalAuthorizeOffline", "LocalAuthListEnabled", "AllowOfflineTxForUnknownId", "AuthorizationCacheEnabled"];
  for (const k of keys) t.measure(k, await readKey(t, k) ?? "not reported");
  const version2 = Number((await t.send("GetLocalListVersion", {}, { callErrors: "any" })).listVersion ?? 0);
  t.measure("Local list version", version2);
  const c = {};
  for (const m of t.measurements) c[m.label] = m.value;
  const policy = offlinePolicyOf(c, version2);
  t.measure("When the back office is unreachable", offlinePolicyWords[policy], policy === template.offlinePolicy, offlinePolicyWords[template.offlinePolicy]);
  t.check(policy === template.offlinePolicy, `the site's offline policy: ${offlinePolicyWords[template.offlinePolicy]}`, `on this charger ${offlinePolicyWords[policy]}`);
}
function readings(p) {
  const out = [];
  for (const mv of p.meterValue ?? [])
    for (const sv of mv.sampledValue ?? []) {
      const measurand = sv.measurand ?? "Energy.Active.Import.Register";
      const scale2 = sv.unit === "kWh" || sv.unit === "kW" ? 1e3 : 1;
      if (!sv.phase) out.push({ measurand, value: Number(sv.value) * scale2, ts: mv.timestamp });
    }
  return out;
}
async function session(t, template) {
  const tx = await charging(t);
  const started = t.clock.now();
  const energy = [];
  const power = [];
  const seen = /* @__PURE__ */ new Set();
  const interval = Number(t.pics.config.MeterValueSampleInterval) || 60;
  while (t.clock.now() - started < template.sessionSeconds * 1e3) {
    const mv = await t.expect("MeterValues", { within: interval * 2 + 10, title: "Charger sends meter values" });
    for (const r of readings(mv.payload)) {
      seen.add(r.measurand);
      if (r.measurand === "Energy.Active.Import.Register") energy.push(r.value);
      if (r.measurand === "Power.Active.Import") power.push(r.value);
    }
  }
  await t.send("RemoteStopTransaction", { transactionId: tx }, { checks: { status: "Accepted" } });
  await stoppedCharging(t, tx);
  const stop = t.host.frames.frames.filter((f) => f.direction === "in" && f.action === "StopTransaction").at(-1);
  const meterStop = stop ? Number(JSON.parse(stop.raw)[3].meterStop) : NaN;
  t.measure("Session length (s)", template.sessionSeconds, template.sessionSeconds >= 300 ? true : null, template.sessionSeconds < 300 ? "at least 300 (shorter: noted)" : void 0);
  const wanted = (t.pics.config.MeterValuesSampledData ?? "Energy.Active.Import.Register").split(",").map((s) => s.trim()).filter(Boolean);
  const missing = wanted.filter((m) => !seen.has(m));
  t.measure("Measurands", [...seen].join(", "), missing.length === 0, wanted.join(", "));
  const down = energy.findIndex((e, i) => i > 0 && e < energy[i - 1]);
  t.measure("Energy register", energy.length ? `${energy[0]} \u2192 ${energy.at(-1)} Wh (${energy.length} readings)` : "no readings", energy.length > 0 && down < 0, "never goes down");
  const maxW = power.length ? Math.max(...power) : NaN;
  const plausible = power.length > 0 && maxW >= template.minPowerW && maxW <= template.ratedPowerW * 1.1;
  t.measure("Power (W)", power.length ? `up to ${Math.round(maxW)}` : "no power readings", plausible, `${template.minPowerW} to ${template.ratedPowerW}`);
  const agree = energy.length > 0 && Math.abs(meterStop - energy.at(-1)) <= Math.max(10, energy.at(-1) * 0.01);
  t.measure("StopTransaction meterStop (Wh)", meterStop, agree, `the last register reading (${energy.at(-1) ?? "\u2014"})`);
  t.check(missing.length === 0, `meter values with ${wanted.join(", ")}`, `${missing.join(", ")} never came: check MeterValuesSampledData`);
  t.check(energy.length > 0 && down < 0, "an energy register that never goes down", energy.length ? `it went down at reading ${down + 1}` : "no register readings came");
  t.check(
    plausible,
    `power between ${template.minPowerW} W and ${template.ratedPowerW} W while charging`,
    power.length ? `it reached only ${Math.round(maxW)} W: check the supply, the EV and any limit set on the charger` : "no power readings came"
  );
  t.check(agree, "the StopTransaction energy to agree with the meter values", `meterStop ${meterStop} Wh against ${energy.at(-1)} Wh`);
  const limitW = loadLimitW(template);
  if (limitW !== null) {
    const under = power.length > 0 && maxW <= limitW * LIMIT_TOLERANCE;
    t.measure("Power under the site's load limit (W)", power.length ? `up to ${Math.round(maxW)}` : "no power readings", under, `at most ${Math.round(limitW)}`);
    t.check(
      under,
      `power at most ${Math.round(limitW)} W (the site's load limit)`,
      power.length ? `it reached ${Math.round(maxW)} W: the charger does not keep to the limit; check its charging profiles (another profile may override the site's) and its firmware, or set the limit in the vendor's tool` : "no power readings came"
    );
  }
  await t.operator({ kind: "unplug", connectorId: t.connectorId });
  await t.expect("StatusNotification", { where: { connectorId: t.connectorId, status: "Available" } });
}
function loadLimitW(template) {
  const l = template.loadLimit;
  if (!l) return null;
  return l.unit === "W" ? l.limit : l.limit * 230 * l.phases;
}
var LIMIT_TOLERANCE = 1.02;
var SITE_LIMIT_PROFILE_ID = 9100;
async function loadLimit(t, template) {
  const l = template.loadLimit;
  if (!l) t.notApplicable("The template sets no load limit");
  const limitW = loadLimitW(template);
  const words2 = `${l.limit} ${l.unit}${l.unit === "A" ? ` per phase on ${l.phases} phase${l.phases > 1 ? "s" : ""}` : ""}`;
  t.measure("Site's load limit", `${words2} (${Math.round(limitW)} W)`);
  t.check(
    t.pics.profiles.includes("SmartCharging"),
    "a charger with smart charging (SetChargingProfile), to hold the limit",
    "it does not report the SmartCharging profile: set the limit in the vendor's tool or the installation (the charger's current setting)"
  );
  const set = await t.send(
    "SetChargingProfile",
    {
      connectorId: 0,
      csChargingProfiles: {
        chargingProfileId: SITE_LIMIT_PROFILE_ID,
        stackLevel: 0,
        chargingProfilePurpose: "TxDefaultProfile",
        chargingProfileKind: "Relative",
        chargingSchedule: { chargingRateUnit: l.unit, chargingSchedulePeriod: [{ startPeriod: 0, limit: l.limit, ...l.unit === "A" ? { numberPhases: l.phases } : {} }] }
      }
    },
    { title: `Bench sets the site's load limit, ${words2} (SetChargingProfile TxDefaultProfile)` }
  );
  t.measure("SetChargingProfile", set.status, set.status === "Accepted", "Accepted");
  t.check(
    set.status === "Accepted",
    "the charger to accept the load limit",
    `it answered ${String(set.status)}: check ChargingScheduleAllowedChargingRateUnit (it reports ${t.pics.config.ChargingScheduleAllowedChargingRateUnit ?? "nothing"}) and ChargeProfileMaxStackLevel, or set the limit in the vendor's tool`
  );
  const read2 = await t.send(
    "GetCompositeSchedule",
    { connectorId: t.connectorId, duration: template.sessionSeconds, chargingRateUnit: l.unit },
    { title: "Bench reads the schedule back (GetCompositeSchedule)" }
  );
  const periods = (read2.chargingSchedule?.chargingSchedulePeriod ?? []).map((p) => p.limit);
  const highest = periods.length ? Math.max(...periods) : null;
  const kept = read2.status === "Accepted" && highest !== null && highest <= l.limit * LIMIT_TOLERANCE;
  t.measure(
    `Composite schedule on connector ${t.connectorId}`,
    read2.status === "Accepted" ? highest === null ? "no limit" : `at most ${highest} ${l.unit}` : String(read2.status),
    kept,
    `at most ${l.limit} ${l.unit}`
  );
  t.check(
    kept,
    `the composite schedule at most ${l.limit} ${l.unit}`,
    read2.status !== "Accepted" ? `the charger answered ${String(read2.status)}: it cannot show what limit it applies; check its smart charging support` : highest === null ? "it sets no limit: the charger does not apply the profile; check its firmware" : `it allows ${highest} ${l.unit}: another charging profile (a higher stack level) overrides the site's limit; clear it (ClearChargingProfile) or lower it`
  );
}
async function unlock(t) {
  if (t.pics.fixedCable) t.notApplicable("The charger has a fixed cable");
  const r = await t.send("UnlockConnector", { connectorId: t.connectorId });
  t.measure("UnlockConnector", r.status, r.status === "Unlocked", "Unlocked");
  if (r.status === "NotSupported") t.notApplicable("The charger answers NotSupported (a fixed cable, or no lock)");
  t.check(r.status === "Unlocked", "the connector to unlock", `it answered ${String(r.status)}: check the lock actuator`);
}
async function availability(t) {
  t.touched.availability = true;
  await t.send("ChangeAvailability", { connectorId: t.connectorId, type: "Inoperative" }, { checks: { status: "Accepted" } });
  await t.expect("StatusNotification", { where: { connectorId: t.connectorId, status: "Unavailable" } });
  await t.send("ChangeAvailability", { connectorId: t.connectorId, type: "Operative" }, { checks: { status: "Accepted" } });
  await t.expect("StatusNotification", { where: { connectorId: t.connectorId, status: "Available" } });
}
async function reset(t) {
  await t.send("Reset", { type: "Soft" }, { checks: { status: "Accepted" } });
  const sent = t.clock.now();
  const boot = await t.expect("BootNotification", { within: 300, title: "Charger comes back and boots" }).catch((e) => {
    if (!(e instanceof StepFailure)) throw e;
    throw new StepFailure(e.expected, `${e.actual}: it did not come back within 300 s of the reset; check its power and network (it must reconnect by itself after a reboot)`);
  });
  const seconds = Math.round((Date.parse(boot.ts) - sent) / 1e3);
  t.measure("Back after a reset (s)", seconds, seconds <= 300, "within 300");
}
function commissioningPlan(template) {
  return [
    step("C3_IDENTITY", "Identity and clock", "3", (t) => identityAndClock(t, template)),
    step("C4_CONNECTORS", "Connectors Available with NoError", "4", connectorsAvailable),
    step("C5_BASELINE", `Configuration baseline (${template.name})`, "5", (t) => baseline(t, template)),
    step("C6_READER", "Card reader", "6", (t) => reader2(t, template), { appliesTo: (p) => p.reader ? null : "The charger has no card reader" }),
    step("C7_OFFLINE", "Offline authorization policy", "7", (t) => offlinePolicy(t, template)),
    step("C10_LOAD_LIMIT", "Site's load limit", "10", (t) => loadLimit(t, template), { profile: "SmartCharging" }),
    step("C8_SESSION", "Test session", "8", (t) => session(t, template)),
    step("C9_UNLOCK", "Unlock", "9", unlock),
    step("C9_AVAILABILITY", "Availability (Inoperative, then Operative)", "9", availability),
    step("C9_RESET", "Reset and reconnect", "9", reset)
  ];
}

// src/main/commissioning/model.ts
var stepWords = (s) => {
  const r = s.result;
  if (!r) return `${s.title}: not run yet`;
  switch (r.verdict) {
    case "fail":
      return `${s.title} failed${r.reason ? `: ${r.reason}` : ""}`;
    case "error":
      return `${s.title}: the bench could not run it${r.reason ? ` (${r.reason})` : ""}; run it again`;
    case "inconclusive":
      return `${s.title} was not finished${r.reason ? ` (${r.reason})` : ""}: run it again`;
    default:
      return null;
  }
};
function verdictOf(c) {
  const done = c.steps.every((s) => s.result && s.result.verdict !== "inconclusive") && c.checklist.every((e) => e.result !== null);
  if (!done) return "incomplete";
  const failed = c.steps.some((s) => s.result.verdict === "fail" || s.result.verdict === "error") || c.checklist.some((e) => e.result === "notConform");
  return failed ? "fail" : "pass";
}
var labelOf = (id2) => checklistItems.find((i) => i.id === id2)?.label ?? id2;
function openOf(c) {
  const open = [];
  if (c.runError) open.push(`The last run could not go on: ${c.runError}`);
  for (const s of c.steps) {
    const words2 = stepWords(s);
    if (words2) open.push(words2);
  }
  for (const e of c.checklist) {
    if (e.result === null) open.push(`${labelOf(e.id)} not checked`);
    else if (e.result === "notConform") open.push(`${labelOf(e.id)} not conform${e.note ? `: ${e.note}` : ""}`);
  }
  return open;
}
function viewOf(c, photos, running) {
  const { runs: _runs, pics: _pics, runError: _error, ...own } = c;
  return { ...own, state: running ? "running" : c.state, running, photos, verdict: verdictOf(c), open: openOf(c), benchVersion: version };
}
function listItemOf(c, state, verdict) {
  return { id: c.id, chargerId: c.chargerId, site: c.job.site, location: c.job.location, state, verdict, createdAt: c.createdAt, updatedAt: c.updatedAt };
}
var emptyChecklist = () => checklistItems.map((i) => ({ id: i.id, result: null, value: "", note: "" }));
function sessionSamples(values) {
  const byTs = /* @__PURE__ */ new Map();
  for (const v of values) {
    if (v.phase) continue;
    const scale2 = v.unit === "kWh" || v.unit === "kW" ? 1e3 : 1;
    const n = Number(v.value) * scale2;
    if (!Number.isFinite(n)) continue;
    const sample = byTs.get(v.timestamp) ?? { ts: v.timestamp, energyWh: null, powerW: null };
    if (v.measurand === "Energy.Active.Import.Register") sample.energyWh = n;
    else if (v.measurand === "Power.Active.Import") sample.powerW = n;
    else continue;
    byTs.set(v.timestamp, sample);
  }
  return [...byTs.values()].sort((a, b) => a.ts.localeCompare(b.ts));
}
var magic = [
  { type: "image/jpeg", test: (b) => b[0] === 255 && b[1] === 216 && b[2] === 255 },
  { type: "image/png", test: (b) => [137, 80, 78, 71, 13, 10, 26, 10].every((x, i) => b[i] === x) },
  { type: "image/webp", test: (b) => String.fromCharCode(...b.subarray(0, 4)) === "RIFF" && String.fromCharCode(...b.subarray(8, 12)) === "WEBP" }
];
function photoBytes(dataBase64, contentType, maxBytes) {
  const text = dataBase64.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1)
    throw new BenchError(400, `Invalid field "dataBase64": it is not base64 (send the file's bytes base64-encoded, without a data: prefix)`, { field: "dataBase64" });
  const bytes = new Uint8Array(Buffer.from(text, "base64"));
  if (bytes.length === 0) throw new BenchError(400, 'Invalid field "dataBase64": the file is empty', { field: "dataBase64" });
  if (bytes.length > maxBytes) throw new BenchError(400, `Invalid field "dataBase64": the photo has ${bytes.length} bytes, more than ${maxBytes} (make it smaller)`, { field: "dataBase64" });
  const found = magic.find((m) => m.test(bytes))?.type;
  if (!found) throw new BenchError(400, 'Invalid field "dataBase64": the file is not a JPEG, PNG or WebP image', { field: "dataBase64" });
  if (found !== contentType) throw new BenchError(400, `Invalid field "contentType": the file is ${found}, not ${contentType}`, { field: "contentType" });
  return bytes;
}

// src/main/commissioning/reports/chart.ts
var W = 720;
var H = 260;
var PAD = { left: 64, right: 64, top: 16, bottom: 36 };
var round = (n) => Math.round(n * 10) / 10;
function sessionChart(samples, limitW) {
  if (samples.length === 0) return '<p class="meta">No meter values were recorded for the test session.</p>';
  const t0 = Date.parse(samples[0].ts);
  const t1 = Math.max(t0 + 1e3, Date.parse(samples.at(-1).ts));
  const energy = samples.filter((s) => s.energyWh !== null);
  const power = samples.filter((s) => s.powerW !== null);
  const eMin = energy.length ? Math.min(...energy.map((s) => s.energyWh)) : 0;
  const eMax = energy.length ? Math.max(eMin + 1, ...energy.map((s) => s.energyWh)) : 1;
  const pMax = Math.max(1, ...power.map((s) => s.powerW), limitW ?? 0) * 1.1;
  const x = (ts) => round(PAD.left + (Date.parse(ts) - t0) / (t1 - t0) * (W - PAD.left - PAD.right));
  const yE = (v) => round(H - PAD.bottom - (v - eMin) / (eMax - eMin) * (H - PAD.top - PAD.bottom));
  const yP = (v) => round(H - PAD.bottom - v / pMax * (H - PAD.top - PAD.bottom));
  const line = (pts, color, extra = "") => pts.length ? `<polyline fill="none" stroke="${color}" stroke-width="2" ${extra} points="${pts.join(" ")}"/>` : "";
  const minutes = (t1 - t0) / 6e4;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const tx = round(PAD.left + f * (W - PAD.left - PAD.right));
    return `<line x1="${tx}" y1="${H - PAD.bottom}" x2="${tx}" y2="${H - PAD.bottom + 4}" stroke="#8c959f"/><text x="${tx}" y="${H - PAD.bottom + 16}" text-anchor="middle">${round(f * minutes)} min</text>`;
  });
  const limit2 = limitW === null ? "" : `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${yP(limitW)}" y2="${yP(limitW)}" stroke="#cf222e" stroke-dasharray="6 4" stroke-width="1.5"/><text x="${W - PAD.right - 4}" y="${yP(limitW) - 4}" text-anchor="end" fill="#cf222e">limit ${Math.round(limitW)} W</text>`;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Energy and power during the test session" font-size="11" font-family="system-ui,sans-serif">
<rect x="${PAD.left}" y="${PAD.top}" width="${W - PAD.left - PAD.right}" height="${H - PAD.top - PAD.bottom}" fill="#fbfcfd" stroke="#d0d7de"/>
${ticks.join("")}
<text x="${PAD.left - 6}" y="${PAD.top + 10}" text-anchor="end" fill="#0969da">${Math.round(eMax)} Wh</text><text x="${PAD.left - 6}" y="${H - PAD.bottom}" text-anchor="end" fill="#0969da">${Math.round(eMin)} Wh</text>
<text x="${W - PAD.right + 6}" y="${PAD.top + 10}" fill="#1a7f37">${Math.round(pMax)} W</text><text x="${W - PAD.right + 6}" y="${H - PAD.bottom}" fill="#1a7f37">0 W</text>
${limit2}
${line(
    energy.map((s) => `${x(s.ts)},${yE(s.energyWh)}`),
    "#0969da"
  )}
${line(
    power.map((s) => `${x(s.ts)},${yP(s.powerW)}`),
    "#1a7f37",
    'stroke-dasharray="1 0"'
  )}
<text x="${PAD.left}" y="${H - 4}" fill="#0969da">\u2014 energy register (Wh)</text><text x="${PAD.left + 170}" y="${H - 4}" fill="#1a7f37">\u2014 power (W)</text>
</svg>`;
}

// src/shared/format/time.ts
var cache = /* @__PURE__ */ new Map();
function formatter(kind, o) {
  const key2 = `${kind}|${o.seconds !== false}|${o.milliseconds === true}|${o.locale ?? ""}|${o.timeZone ?? ""}`;
  let f = cache.get(key2);
  if (!f) {
    const time = {
      hour: "2-digit",
      minute: "2-digit",
      ...o.seconds !== false || o.milliseconds ? { second: "2-digit" } : {},
      ...o.milliseconds ? { fractionalSecondDigits: 3 } : {}
    };
    const date = { year: "numeric", month: "short", day: "numeric" };
    f = new Intl.DateTimeFormat(o.locale, { ...kind !== "date" ? time : {}, ...kind !== "time" ? date : {}, ...o.timeZone ? { timeZone: o.timeZone } : {} });
    cache.set(key2, f);
  }
  return f;
}
var toDate = (t) => {
  const d = t instanceof Date ? t : new Date(t);
  return Number.isNaN(d.getTime()) ? null : d;
};
function formatClock(t, options = {}) {
  const d = toDate(t);
  return d ? formatter("time", options).format(d) : String(t);
}
function formatDateTime(t, options = {}) {
  const d = toDate(t);
  return d ? formatter("dateTime", options).format(d) : String(t);
}

// src/main/commissioning/reports/html.ts
var verdictWords = { pass: "Pass", fail: "Needs a revisit", incomplete: "Incomplete" };
function configDiff(view) {
  const measured = view.steps.find((s) => s.id === "C5_BASELINE")?.result?.measurements ?? [];
  return Object.entries(view.template.keys).map(([key2, wanted]) => {
    const m = measured.find((x) => x.label === key2);
    const answer2 = m ? /\(([^()]*)\)$/.exec(m.value)?.[1] ?? "" : "not run";
    return { key: key2, wanted, was: view.configBefore?.[key2] ?? null, now: view.configAfter?.[key2] ?? null, answer: answer2 };
  });
}
function signature(s, who) {
  if (!s) return `<div class="sig"><b>${esc(who)}</b><p class="meta">not signed</p></div>`;
  const drawn = s.kind === "drawn" && s.image && /^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(s.image);
  return `<div class="sig"><b>${esc(who)}</b>${drawn ? `<img alt="Signature of ${esc(s.name)}" src="${esc(s.image)}">` : `<p class="typed">${esc(s.name)}</p>`}<p>${esc(s.name)}${drawn ? "" : " (typed)"}</p></div>`;
}
function steps(view) {
  return view.steps.map((s) => {
    const r = s.result;
    if (!r) return `<section class="case"><h3><span class="v notApplicable">Not run</span> ${esc(s.title)}</h3></section>`;
    const measurements = r.measurements.length ? `<table class="steps"><thead><tr><th>Measured</th><th>Value</th><th>Wanted</th><th></th></tr></thead><tbody>${r.measurements.map(
      (m) => `<tr class="${m.ok === false ? "failed" : ""}"><td>${esc(m.label)}</td><td><code>${esc(m.value)}</code></td><td>${esc(m.wanted ?? "")}</td><td>${m.ok === null ? "" : m.ok ? "\u2713" : "\u2717"}</td></tr>`
    ).join("")}</tbody></table>` : "";
    const failed = r.verdict === "fail" || r.verdict === "error";
    const step2 = r.steps.find((x) => x.n === r.decidingStep);
    return `<section class="case" id="${esc(s.id)}">
  <h3><span class="v ${r.verdict}">${verdictLabel[r.verdict]}</span> ${esc(s.title)}</h3>
  <p class="meta">${esc(s.id)} \xB7 ${s.attempts} run${s.attempts === 1 ? "" : "s"} \xB7 ${esc(formatDateTime(r.startedAt))}${r.decidingStep ? ` \xB7 decided at step ${r.decidingStep}${step2 ? ` (${esc(step2.title)})` : ""}` : ""}</p>
  ${r.reason ? `<p class="${failed ? "todo" : "reason"}">${failed ? "<b>What to do:</b> " : ""}${esc(r.reason)}</p>` : ""}
  ${measurements}
</section>`;
  }).join("\n");
}
function commissioningHtml({ view, photo, evidenceSha256 }) {
  const job = view.job;
  const verdict = view.handover?.verdict ?? view.verdict;
  const identity = view.steps.find((s) => s.id === "C3_IDENTITY")?.result?.measurements.filter((m) => !m.label.startsWith("Clock") && !m.label.startsWith("Heartbeat")) ?? [];
  const diff = configDiff(view).map(
    (d) => `<tr class="${d.now === d.wanted ? "" : "failed"}"><td><code>${esc(d.key)}</code></td><td><code>${esc(d.wanted)}</code></td><td><code>${esc(d.was ?? "\u2014")}</code></td><td><code>${esc(d.now ?? "\u2014")}</code></td><td>${esc(d.answer)}</td></tr>`
  ).join("");
  const checklist = view.checklist.map((e) => {
    const item = checklistItems.find((i) => i.id === e.id);
    return `<tr class="${e.result === "notConform" ? "failed" : ""}"><td>${esc(item.label)}</td><td>${e.result ? esc(checkResultWords[e.result]) : "Not checked"}</td><td>${e.value ? `${esc(e.value)}${item.unit ? ` ${esc(item.unit)}` : ""}` : ""}</td><td>${esc(e.note)}</td></tr>`;
  }).join("");
  const photos = view.photos.map((p) => {
    const bytes = photo(p.id);
    return `<figure>${bytes ? `<img alt="${esc(p.caption || p.name)}" src="data:${p.contentType};base64,${Buffer.from(bytes).toString("base64")}">` : '<p class="meta">(missing)</p>'}<figcaption>${esc(p.caption || p.name)}<br><code>${esc(p.name)} \xB7 ${p.bytes} bytes \xB7 SHA-256 ${esc(p.sha256)}</code></figcaption></figure>`;
  }).join("");
  const h = view.handover;
  const l = view.template.loadLimit;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Commissioning report: ${esc(view.chargerId)} at ${esc(job.site)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:32px auto;max-width:1000px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;break-after:avoid}h3{font-size:15px;margin:0 0 4px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top}th{font-weight:600;background:#f6f8fa}
tr.failed td{background:#fff1f0}.v{display:inline-block;border-radius:10px;padding:0 8px;font-weight:600;font-size:12px;white-space:nowrap}
.v.pass{background:#d7f5dd;color:#105b22}.v.fail{background:#ffd9d6;color:#8a1010}.v.error{background:#ffe3c2;color:#7a3b00}
.v.notApplicable,.v.notSupported,.v.incomplete{background:#eceff2;color:#444}.v.inconclusive{background:#fff3b0;color:#665200}
.verdict{font-size:20px;border-radius:8px;padding:10px 16px;margin:12px 0}.verdict.pass{background:#d7f5dd}.verdict.fail{background:#ffd9d6}.verdict.incomplete{background:#eceff2}
.case{border:1px solid #e3e6ea;border-radius:8px;padding:12px 16px;margin:12px 0;break-inside:avoid}.meta{color:#57606a;margin:0 0 6px}
.todo{color:#8a1010}.reason{font-weight:600}code{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}dt{color:#57606a}dd{margin:0}
figure{display:inline-block;width:300px;margin:8px;vertical-align:top;break-inside:avoid}figure img{max-width:100%;border:1px solid #d0d7de;border-radius:4px}
.sigs{display:flex;gap:24px;flex-wrap:wrap}.sig{border:1px solid #d0d7de;border-radius:8px;padding:10px 16px;min-width:260px}.sig img{max-height:90px;max-width:100%}
.typed{font:italic 24px Georgia,"Times New Roman",serif;margin:8px 0}.chart{max-width:100%;height:auto}footer{margin-top:32px;color:#57606a;font-size:12px}
</style></head><body>
<h1>Commissioning report</h1>
<p class="meta">${esc(view.id)} \xB7 created ${esc(formatDateTime(view.createdAt))} \xB7 ChargeBench ${esc(view.benchVersion)}</p>
<div class="verdict ${verdict}"><b>${verdictWords[verdict]}</b>${h ? ` \xB7 handed over ${esc(formatDateTime(h.signedAt))}` : ""}</div>
${view.open.length ? `<p><b>Open:</b></p><ul>${view.open.map((o) => `<li>${esc(o)}</li>`).join("")}</ul>` : ""}
<h2>Site and job</h2>
<dl><dt>Site</dt><dd>${esc(job.site)}</dd><dt>Address</dt><dd>${esc(job.address || "\u2014")}</dd><dt>Charger location</dt><dd>${esc(job.location || "\u2014")}</dd>
<dt>Installer</dt><dd>${esc(job.installer)}${job.company ? `, ${esc(job.company)}` : ""}</dd><dt>Customer</dt><dd>${esc(job.customer || "\u2014")}</dd>
<dt>Template</dt><dd>${esc(view.template.name)}</dd><dt>Offline policy wanted</dt><dd>${esc(offlinePolicyWords[view.template.offlinePolicy])}</dd>
<dt>Load limit</dt><dd>${l ? `${esc(l.limit)} ${esc(l.unit)}${l.unit === "A" ? ` per phase, ${l.phases} phase${l.phases > 1 ? "s" : ""}` : ""}` : "none"}</dd></dl>
<h2>Charger</h2>
<dl><dt>Charge point id</dt><dd>${esc(view.chargerId)}${view.virtual ? " (built-in virtual charger)" : ""}</dd>
${// The identity step's findings are the fuller list; the BootNotification's summary stands in until it has run.
  identity.length ? "" : `<dt>Vendor, model</dt><dd>${esc(view.identity.vendor ?? "\u2014")} ${esc(view.identity.model ?? "")}</dd><dt>Serial</dt><dd>${esc(view.identity.serial ?? "\u2014")}</dd><dt>Firmware</dt><dd>${esc(view.identity.firmware ?? "\u2014")}</dd>`}${identity.map((m) => `<dt>${esc(m.label)}</dt><dd>${esc(m.value)}</dd>`).join("")}</dl>
<h2>Steps</h2>
${steps(view)}
<h2>Configuration</h2>
${diff ? `<table><thead><tr><th>Key</th><th>Wanted</th><th>Was</th><th>Now</th><th>Answer</th></tr></thead><tbody>${diff}</tbody></table>` : '<p class="meta">The template sets no keys.</p>'}
<h2>Test session</h2>
${view.session ? sessionChart(view.session.samples, view.session.limitW) : '<p class="meta">The test session has not run.</p>'}
<h2>On-site checks</h2>
<table><thead><tr><th>Check</th><th>Result</th><th>Measured</th><th>Note</th></tr></thead><tbody>${checklist}</tbody></table>
<h2>Photos</h2>
${photos || '<p class="meta">No photos.</p>'}
<h2>Handover</h2>
${h ? `<dl><dt>Verdict at signing</dt><dd>${verdictWords[h.verdict]}</dd><dt>Signed</dt><dd>${esc(formatDateTime(h.signedAt))}</dd><dt>Customer</dt><dd>${esc(h.customer.name)}: acknowledges the charger was handed over with this report</dd>${h.notes ? `<dt>Notes</dt><dd>${esc(h.notes)}</dd>` : ""}</dl>
<div class="sigs">${signature(h.installer, "Installer")}${signature(h.customer.signature, "Customer")}</div>` : '<p class="meta">Not handed over yet.</p>'}
<footer>ChargeBench ${esc(view.benchVersion)} \xB7 ${h?.evidenceSha256 && h.evidenceSha256 !== evidenceSha256 ? `SHA-256 of the evidence at the handover: <code>${esc(h.evidenceSha256)}</code>. <b>The evidence as the record gives it now differs</b> (<code>${esc(evidenceSha256)}</code>): frames of the run were removed from the record since (retention), so the bundle made now is not the one signed for.` : `SHA-256 of the evidence (frames.jsonl, config-before.json, config-after.json, identity.json of the bundle, as listed in its SHA256SUMS)${h?.evidenceSha256 ? ", as at the handover" : ""}: <code>${esc(evidenceSha256)}</code>`}</footer>
</body></html>
`;
}

// src/main/commissioning/reports/bundle.ts
import { createHash as createHash2 } from "node:crypto";
import { strToU8 as strToU82, zipSync as zipSync2 } from "fflate";
var json = (v) => `${JSON.stringify(v, null, 2)}
`;
var sha256 = (data) => createHash2("sha256").update(data).digest("hex");
var manifest = (files) => Object.entries(files).map(([name, data]) => `${sha256(data)}  ${name}
`).join("");
function evidenceOf(view, framesJsonl) {
  const identity = view.steps.find((s) => s.id === "C3_IDENTITY")?.result?.measurements ?? [];
  const files = {
    "frames.jsonl": strToU82(framesJsonl),
    "config-before.json": strToU82(json(view.configBefore)),
    "config-after.json": strToU82(json(view.configAfter)),
    "identity.json": strToU82(json({ chargerId: view.chargerId, virtual: view.virtual, ...view.identity, bootNotification: Object.fromEntries(identity.map((m) => [m.label, m.value])) }))
  };
  return { files, sha256: sha256(manifest(files)) };
}
function commissioningBundle(input) {
  const files = {
    "report.html": strToU82(input.html),
    ...input.pdf ? { "report.pdf": input.pdf } : {},
    ...input.evidence,
    "commissioning.json": strToU82(json(input.view))
  };
  files["SHA256SUMS"] = strToU82(manifest(files));
  const fixed = new Date(input.view.updatedAt);
  return zipSync2(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime: fixed }]])));
}

// src/main/commissioning/reports/site.ts
var words = { pass: "Pass", fail: "Needs a revisit", incomplete: "Incomplete" };
function siteSummaryHtml(s) {
  const passed = s.chargers.filter((c) => c.verdict === "pass").length;
  const rows = s.chargers.map(
    (c) => `<tr class="${c.verdict}"><td>${esc(c.chargerId)}</td><td>${esc(c.location || "\u2014")}</td><td><span class="v ${c.verdict}">${words[c.verdict]}</span></td><td>${esc(c.state)}</td><td>${esc(c.offlinePolicy ?? "not checked yet")}</td><td>${esc(c.failed.join(", "))}</td><td><code>${esc(c.commissioningId)}</code></td></tr>`
  ).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Site summary: ${esc(s.site)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:32px auto;max-width:1000px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}table{border-collapse:collapse;width:100%;margin-top:12px}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top}
th{background:#f6f8fa}.meta{color:#57606a}.v{border-radius:10px;padding:0 8px;font-weight:600;font-size:12px}.v.pass{background:#d7f5dd}.v.fail{background:#ffd9d6}.v.incomplete{background:#eceff2}
.warn{background:#fff3b0;border-radius:6px;padding:6px 10px}code{font:12px ui-monospace,Menlo,monospace}
</style></head><body>
<h1>Site summary: ${esc(s.site)}</h1>
<p class="meta">${esc(s.address || "")} \xB7 ${s.chargers.length} charger${s.chargers.length === 1 ? "" : "s"}, ${passed} passed, ${s.chargers.length - passed} to revisit or finish \xB7 ChargeBench ${esc(version)}</p>
<p class="${s.offlinePolicySame ? "" : "warn"}">${s.offlinePolicySame ? "Every charger checked has the same offline policy." : "The chargers do not all have the same offline policy: see the column below."}</p>
<table><thead><tr><th>Charger</th><th>Location</th><th>Verdict</th><th>State</th><th>When the back office is unreachable</th><th>Failed</th><th>Commissioning</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>
`;
}

// src/main/commissioning/reports/files.ts
async function commissioningFile(file, input) {
  const { view } = input;
  const base = `commissioning-${view.chargerId}-${view.createdAt.replace(/[:.]/g, "-")}`.replace(/[^A-Za-z0-9_.-]/g, "_");
  if (file === "report.json") return { body: `${JSON.stringify(view, null, 2)}
`, contentType: "application/json; charset=utf-8", fileName: `${base}.json` };
  const evidence = evidenceOf(view, await input.framesJsonl());
  const html = commissioningHtml({ view, photo: input.photo, evidenceSha256: evidence.sha256 });
  if (file === "report.html") return { body: html, contentType: "text/html; charset=utf-8", fileName: `${base}.html` };
  const printed = await input.printPdf(html).catch((e) => ({ pdf: null, reason: `The PDF could not be printed: ${e.message}` }));
  if (file === "report.pdf") {
    if (!printed.pdf) throw new BenchError(501, printed.reason);
    return { body: printed.pdf, contentType: "application/pdf", fileName: `${base}.pdf` };
  }
  return { body: commissioningBundle({ view, evidence: evidence.files, html, pdf: printed.pdf }), contentType: "application/zip", fileName: `${base}.bundle.zip` };
}

// src/main/commissioning/service.ts
var IDENTITY_LIKE = /serial|identity|chargepointid|chargeboxid|password|authorizationkey|certificate|url|iccid|imsi|firmware|version|vendor|model/i;
var CommissioningService = class {
  constructor(bench) {
    this.bench = bench;
  }
  bench;
  active = /* @__PURE__ */ new Map();
  /**
   * Every commissioning this bench has read or made, one object each: runs, checklist saves, photos and the
   * handover all change the same object (and a change made while another waits on the record is not lost
   * when that one is saved), and a state checked (handed over?) is the state now, not the record's.
   */
  known = /* @__PURE__ */ new Map();
  /** What a face declares of a charger (the CLI's --fixed-cable ...), per commissioning. */
  declared = /* @__PURE__ */ new Map();
  now() {
    return new Date(this.bench.clock.now()).toISOString();
  }
  templates() {
    return { builtIn: builtInTemplates, saved: this.bench.record.commissionings.templates().map((t) => CommissioningTemplate.parse(t)) };
  }
  async saveTemplate(template) {
    if (builtInTemplates.some((b) => b.name === template.name))
      throw new BenchError(400, `Invalid field "template.name": "${template.name}" is a built-in template; save yours under another name`, { field: "template.name" });
    await this.bench.record.commissionings.saveTemplate(template.name, template);
    return template;
  }
  async deleteTemplate(name) {
    if (builtInTemplates.some((b) => b.name === name)) throw new BenchError(400, `"${name}" is a built-in template: it cannot be deleted`, { field: "name" });
    if (!await this.bench.record.commissionings.deleteTemplate(name)) throw new BenchError(404, `No saved template "${name}"`, { field: "name" });
  }
  /** A template whose baseline is the charger's writable configuration now (identity-like keys left out) and whose offline policy is its own. */
  async referenceTemplate(chargerId, name) {
    this.bench.centralSystem.registry.mustKnow(chargerId);
    const read2 = await this.bench.operations.operate(chargerId, "GetConfiguration", {});
    if (read2.outcome !== "completed")
      throw new BenchError(
        read2.outcome === "offline" ? 409 : 502,
        read2.outcome === "offline" ? `${chargerId} is not connected: connect it to read its configuration` : `${chargerId} did not give its configuration (${read2.outcome})`,
        { field: "chargerId" }
      );
    const list = read2.response.configurationKey ?? [];
    const keys = {};
    const all2 = {};
    for (const k of list) {
      all2[k.key] = k.value ?? null;
      if (k.readonly || k.value === void 0 || IDENTITY_LIKE.test(k.key) || k.key.length > 50 || k.value.length > 500) continue;
      keys[k.key] = k.value;
    }
    const version2 = await this.bench.operations.operate(chargerId, "GetLocalListVersion", {});
    const listVersion2 = version2.outcome === "completed" ? Number(version2.response.listVersion ?? 0) : 0;
    return CommissioningTemplate.parse({ name, keys, offlinePolicy: offlinePolicyOf(all2, listVersion2) });
  }
  sites() {
    return this.bench.record.commissionings.sites().map((j) => SiteJob.parse(j));
  }
  /** One site's chargers side by side (the newest commissioning of each charger). */
  site(site) {
    const rows = this.bench.record.commissionings.list({ site });
    if (rows.length === 0) throw new BenchError(404, `No commissioning at the site "${site}"`, { field: "site" });
    const newest = /* @__PURE__ */ new Map();
    for (const r of rows) if (!newest.has(r.chargerId)) newest.set(r.chargerId, this.stored(r.id));
    const chargers = [...newest.values()].map((c) => {
      const offline = c.steps.find((s) => s.id === "C7_OFFLINE")?.result?.measurements.find((m) => m.label === "When the back office is unreachable");
      return {
        commissioningId: c.id,
        chargerId: c.chargerId,
        location: c.job.location,
        state: this.active.has(c.id) ? "running" : c.state,
        verdict: verdictOf(c),
        offlinePolicy: offline?.value ?? null,
        failed: [
          ...c.steps.filter((s) => s.result?.verdict === "fail" || s.result?.verdict === "error").map((s) => s.title),
          ...c.checklist.filter((e) => e.result === "notConform").map((e) => labelOf(e.id))
        ]
      };
    });
    const policies = new Set(chargers.map((c) => c.offlinePolicy).filter((p) => p !== null));
    return { site, address: newest.values().next().value.job.address, chargers, offlinePolicySame: policies.size <= 1 };
  }
  /** A new commissioning of a connected charger; the site's job is remembered. Nothing runs yet. */
  async create(args) {
    const { bench } = this;
    bench.centralSystem.registry.mustKnow(args.chargerId);
    if (!bench.centralSystem.isConnected(args.chargerId))
      throw new BenchError(409, `${args.chargerId} is not connected: connect it to this bench first (the Connect assistant shows how)`, { field: "chargerId" });
    const at = this.now();
    const c = {
      id: `com-${at.replace(/[:.]/g, "-")}-${randomUUID().slice(0, 6)}`,
      chargerId: args.chargerId,
      virtual: bench.virtualChargers.has(args.chargerId),
      job: args.job,
      template: args.template,
      createdAt: at,
      updatedAt: at,
      state: "ready",
      steps: commissioningPlan(args.template).map((s) => ({ id: s.id, title: s.title, section: s.section, result: null, attempts: 0 })),
      identity: this.identity(args.chargerId),
      configBefore: null,
      configAfter: null,
      session: null,
      checklist: emptyChecklist(),
      handover: null,
      runs: [],
      pics: null,
      runError: null
    };
    if (args.declared) this.declared.set(c.id, args.declared);
    this.known.set(c.id, c);
    await bench.record.commissionings.saveSite(args.job.site, args.job, at);
    await this.save(c);
    return this.view(c);
  }
  /** Runs the plan's steps (all, or the named ones) in the background; `watch` sees the engine's events (the CLI's progress). */
  run(id2, steps2, watch) {
    const { bench } = this;
    const c = this.changeable(id2);
    if (this.active.has(id2)) throw new BenchError(409, `${id2} is running: wait for it, or stop it first`, { field: "id" });
    const busy = [...this.active.keys()].map((k) => this.stored(k)).find((o) => o.chargerId === c.chargerId);
    if (busy) throw new BenchError(409, `${c.chargerId} is being commissioned in ${busy.id}: stop that first`, { field: "id" });
    if (bench.conformance.list(c.chargerId).some((r) => r.state === "running")) throw new BenchError(409, `A test run is running on ${c.chargerId}: stop it first`, { field: "id" });
    const plan = commissioningPlan(c.template);
    const unknown = (steps2 ?? []).filter((s) => !plan.some((p) => p.id === s));
    if (unknown.length) throw new BenchError(400, `Invalid field "steps": no step ${unknown.join(", ")} (the steps are ${plan.map((p) => p.id).join(", ")})`, { field: "steps" });
    const cases = steps2 ? plan.filter((p) => steps2.includes(p.id)) : plan;
    const abort = new AbortController();
    const operator = runOperator(bench, c.chargerId, abort.signal, (prompt) => bench.bus.publish({ type: "commissioningPrompt", id: id2, prompt, ts: this.now() }));
    const entry2 = { abort, operator, stepId: null, step: null, done: Promise.resolve() };
    this.active.set(id2, entry2);
    c.runError = null;
    let run = null;
    const window = { startedAt: this.now(), finishedAt: null };
    c.runs.push(window);
    const onEvent = (e) => {
      watch?.(e);
      if (e.type === "runStarted") run = e.run;
      else if (e.type === "caseStarted") {
        if (run?.pics) {
          c.pics = run.pics;
          c.configBefore ??= { ...run.pics.config };
        }
        entry2.stepId = e.caseId;
        entry2.step = null;
        this.changed(c);
      } else if (e.type === "stepStarted") {
        entry2.step = e.step;
        this.changed(c);
      } else if (e.type === "caseFinished") {
        const s = c.steps.find((x) => x.id === e.result.id);
        s.result = e.result;
        s.attempts++;
        if (e.result.id === "C8_SESSION") void this.takeSession(c, e.result);
        void this.save(c).catch(() => void 0);
      }
    };
    entry2.done = runConformance(bench, {
      chargerId: c.chargerId,
      cases,
      data: defaultTestData(),
      declared: this.declared.get(id2),
      operator: operator.operator,
      busy: operator.busy,
      virtual: operator.virtual,
      onEvent,
      signal: abort.signal
    }).then((r) => {
      if (r.configAtEnd) c.configAfter = r.configAtEnd;
      if (r.state === "stopped") c.runError = "stopped before every step had run";
    }).catch((e) => {
      c.runError = e.message;
    }).then(async () => {
      window.finishedAt = this.now();
      c.identity = this.identity(c.chargerId);
      c.state = "finished";
      await bench.record.settled();
      this.active.delete(id2);
      await this.save(c).catch((e) => console.error(`chargebench: the commissioning ${id2} could not be recorded: ${e.message}`));
    });
    this.changed(c);
  }
  /** Resolves when the run in progress (if any) has ended and been recorded. */
  async settled(id2) {
    await this.active.get(id2)?.done;
  }
  stop(id2) {
    const a = this.active.get(id2);
    if (!a) throw new BenchError(409, `${id2} is not running`, { field: "id" });
    a.abort.abort();
  }
  prompt(id2) {
    this.stored(id2);
    return this.active.get(id2)?.operator.prompt() ?? null;
  }
  answer(id2, answer2) {
    this.stored(id2);
    if (!this.active.get(id2)?.operator.answer(answer2)) throw new BenchError(409, `${id2} is not waiting for the person at the charger`, { field: "id" });
  }
  get(id2) {
    return this.view(this.stored(id2));
  }
  list(q = {}) {
    return this.bench.record.commissionings.list(q).map((r) => {
      const running = this.active.has(r.id);
      return {
        id: r.id,
        chargerId: r.chargerId,
        site: r.site,
        location: r.location,
        state: running ? "running" : r.state,
        verdict: r.verdict,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt
      };
    });
  }
  async setChecklist(id2, entries) {
    const c = this.changeable(id2);
    for (const e of entries) c.checklist = c.checklist.map((x) => x.id === e.id ? e : x);
    await this.save(c);
    return this.view(c);
  }
  async addPhoto(args) {
    const c = this.changeable(args.id);
    const bytes = photoBytes(args.dataBase64, args.contentType, maxPhotoBytes);
    const photo = {
      id: `photo-${randomUUID()}`,
      name: args.name,
      contentType: args.contentType,
      bytes: bytes.length,
      sha256: createHash3("sha256").update(bytes).digest("hex"),
      caption: args.caption,
      addedAt: this.now()
    };
    await this.bench.record.commissionings.addPhoto({ ...photo, commissioningId: c.id }, bytes);
    await this.save(c);
    return photo;
  }
  async removePhoto(id2, photoId) {
    const c = this.changeable(id2);
    if (!this.bench.record.commissionings.photoData(id2, photoId)) throw new BenchError(404, `${id2} has no photo ${photoId}`, { field: "photoId" });
    await this.bench.record.commissionings.removePhoto(id2, photoId);
    await this.save(c);
  }
  photo(id2, photoId) {
    this.stored(id2);
    const p = this.bench.record.commissionings.photoData(id2, photoId);
    if (!p) throw new BenchError(404, `${id2} has no photo ${photoId}`, { field: "photoId" });
    return p;
  }
  /** Signs the handover with the verdict as it stands; the commissioning is final afterwards. */
  async handover(id2, handover) {
    const c = this.changeable(id2);
    if (this.active.has(id2)) throw new BenchError(409, `${id2} is running: wait for the run to end (or stop it) before the handover`, { field: "id" });
    c.handover = { ...handover, signedAt: this.now(), verdict: verdictOf(c) };
    c.state = "handedOver";
    for (const r of c.runs) r.finishedAt ??= c.handover.signedAt;
    c.handover.evidenceSha256 = evidenceOf(this.view(c), await this.framesJsonl(c)).sha256;
    await this.save(c);
    return this.view(c);
  }
  /** A file of the commissioning: the report (HTML, PDF, JSON) or the diagnostic bundle. */
  async file(id2, file) {
    const c = this.stored(id2);
    return commissioningFile(file, {
      view: this.view(c),
      photo: (photoId) => this.bench.record.commissionings.photoData(id2, photoId)?.data ?? null,
      framesJsonl: () => this.framesJsonl(c),
      printPdf: this.bench.printPdf
    });
  }
  /** Every frame of the commissioning's runs, from the record. */
  framesJsonl(c) {
    return c.runs.length ? this.bench.conformance.framesJsonl({ chargerId: c.chargerId, ...c.runs[0] }, c.runs.slice(1)) : Promise.resolve("");
  }
  /** The site summary as one self-contained HTML page. */
  siteSummary(site) {
    const summary = this.site(site);
    return { body: siteSummaryHtml(summary), contentType: "text/html; charset=utf-8", fileName: `site-${site.replace(/[^A-Za-z0-9_.-]/g, "_")}.html` };
  }
  /** The commissioning running on a charger now, if any (a test run must not drive the same charger). */
  runningOn(chargerId) {
    for (const id2 of this.active.keys()) if (this.known.get(id2)?.chargerId === chargerId) return id2;
    return null;
  }
  /** Stops every run (the bench is stopping). */
  stopAll() {
    for (const a of this.active.values()) a.abort.abort();
  }
  /** The commissioning's one object (see `known`). */
  stored(id2) {
    let c = this.known.get(id2);
    if (!c) {
      c = this.bench.record.commissionings.get(id2) ?? void 0;
      if (!c) throw new BenchError(404, `No commissioning ${id2}`, { field: "id" });
      this.known.set(id2, c);
    }
    return c;
  }
  /** A commissioning that may still change: not handed over. */
  changeable(id2) {
    const c = this.stored(id2);
    if (c.state === "handedOver")
      throw new BenchError(409, `${id2} was handed over on ${c.handover?.signedAt ?? "an earlier day"}: it is final. Start a new commissioning to check the charger again.`, { field: "id" });
    return c;
  }
  view(c) {
    const a = this.active.get(c.id);
    const photos = this.bench.record.commissionings.photos(c.id).map(({ commissioningId: _c, ...p }) => p);
    return viewOf(c, photos, a ? { stepId: a.stepId ?? "", step: a.step } : null);
  }
  identity(chargerId) {
    const boot = this.bench.record.chargers.get(chargerId)?.boot ?? null;
    return { vendor: boot?.chargePointVendor ?? null, model: boot?.chargePointModel ?? null, firmware: boot?.firmwareVersion ?? null, serial: boot?.chargePointSerialNumber ?? null };
  }
  /** The test session's readings from the record, by the transaction its StartTransaction answer gave. */
  async takeSession(c, result) {
    const started = result.frames.find((f) => f.kind === "CALLRESULT" && f.action === "StartTransaction");
    const transactionId = started ? transactionOf(started.raw) : null;
    await this.bench.record.settled();
    const values = transactionId === null ? [] : this.bench.record.meterValues.of({ chargerId: c.chargerId, transactionId, limit: 1e5 });
    c.session = { samples: sessionSamples(values), limitW: loadLimitW(c.template) };
    await this.save(c).catch(() => void 0);
  }
  /** Records the commissioning and tells the faces. */
  async save(c) {
    c.updatedAt = this.now();
    this.changed(c);
    await this.bench.record.commissionings.save(listItemOf(c, c.state, verdictOf(c)), c);
  }
  changed(c) {
    const a = this.active.get(c.id);
    const running = a ? { stepId: a.stepId ?? "", step: a.step } : null;
    this.bench.bus.publish({ type: "commissioningChanged", commissioning: { ...listItemOf(c, running ? "running" : c.state, verdictOf(c)), running }, ts: this.now() });
  }
};
function transactionOf(raw) {
  try {
    const id2 = Number(JSON.parse(raw)[2].transactionId);
    return Number.isInteger(id2) ? id2 : null;
  } catch {
    return null;
  }
}

// src/main/core/bench.ts
import { join as join7 } from "node:path";

// src/main/store/database.ts
import Database2 from "better-sqlite3";
import { statSync } from "node:fs";
import { join as join3 } from "node:path";

// src/main/store/migrations.ts
var migrations = [
  `
  CREATE TABLE chargers (
    id TEXT PRIMARY KEY,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    connected INTEGER NOT NULL DEFAULT 0,
    remote_address TEXT,
    boot_policy TEXT,
    registration_status TEXT,
    last_boot TEXT,
    last_heartbeat TEXT,
    vendor TEXT,
    model TEXT,
    charge_point_serial TEXT,
    charge_box_serial TEXT,
    firmware_version TEXT,
    iccid TEXT,
    imsi TEXT,
    meter_type TEXT,
    meter_serial TEXT,
    firmware_status TEXT,
    diagnostics_status TEXT
  );
  CREATE TABLE connectors (
    charger_id TEXT NOT NULL,
    connector_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    error_code TEXT NOT NULL,
    info TEXT,
    vendor_id TEXT,
    vendor_error_code TEXT,
    timestamp TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (charger_id, connector_id)
  ) WITHOUT ROWID;
  CREATE TABLE status_history (
    id INTEGER PRIMARY KEY,
    charger_id TEXT NOT NULL,
    connector_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    error_code TEXT NOT NULL,
    info TEXT,
    vendor_id TEXT,
    vendor_error_code TEXT,
    timestamp TEXT,
    received_at TEXT NOT NULL
  );
  CREATE INDEX status_history_by_connector ON status_history (charger_id, connector_id, id);
  CREATE TABLE transactions (
    id INTEGER PRIMARY KEY,
    charger_id TEXT NOT NULL,
    connector_id INTEGER NOT NULL,
    id_tag TEXT NOT NULL,
    auth_status TEXT NOT NULL,
    reservation_id INTEGER,
    meter_start INTEGER NOT NULL,
    start_time TEXT NOT NULL,
    meter_stop INTEGER,
    stop_time TEXT,
    stop_reason TEXT,
    stop_id_tag TEXT,
    energy_wh INTEGER,
    received_at TEXT NOT NULL
  );
  CREATE INDEX transactions_by_charger ON transactions (charger_id, id);
  CREATE TABLE meter_values (
    id INTEGER PRIMARY KEY,
    charger_id TEXT NOT NULL,
    connector_id INTEGER NOT NULL,
    transaction_id INTEGER,
    timestamp TEXT NOT NULL,
    value TEXT NOT NULL,
    measurand TEXT NOT NULL,
    phase TEXT,
    unit TEXT,
    context TEXT NOT NULL,
    location TEXT,
    format TEXT NOT NULL,
    received_at TEXT NOT NULL
  );
  CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    charger_id TEXT NOT NULL,
    direction TEXT NOT NULL,
    kind TEXT NOT NULL,
    message_id TEXT,
    action TEXT,
    raw TEXT NOT NULL,
    error TEXT
  );
  -- A sparse index over the two high-volume logs (messages, meter_values): per write batch, the id
  -- range that the rows of one key (a charger, a connector, a transaction) fall in.
  CREATE TABLE chunks (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    first_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL,
    rows INTEGER NOT NULL
  );
  CREATE INDEX chunks_by_key ON chunks (kind, key, last_id);

  CREATE TABLE operations (
    id INTEGER PRIMARY KEY,
    charger_id TEXT NOT NULL,
    action TEXT NOT NULL,
    request TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT,
    response TEXT,
    error TEXT
  );
  CREATE INDEX operations_by_charger ON operations (charger_id, id);
  CREATE TABLE charger_events (
    id INTEGER PRIMARY KEY,
    charger_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    action TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX charger_events_by_charger ON charger_events (charger_id, id);
  CREATE TABLE connection_attempts (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    charger_id TEXT,
    remote_address TEXT,
    outcome TEXT NOT NULL,
    reason TEXT
  );
  CREATE TABLE id_tags (
    id_tag TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    expiry_date TEXT,
    parent_id_tag TEXT
  );
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE journal_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    ingested_seq INTEGER NOT NULL
  );
  INSERT INTO journal_state (id, ingested_seq) VALUES (1, 0);
  `,
  // 2: security profile 1 (a password per charger, chargers registered before they connect) and the
  // bench's own virtual charge points.
  `
  ALTER TABLE chargers ADD COLUMN password TEXT;
  ALTER TABLE chargers ADD COLUMN registered INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE virtual_chargers (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    definition TEXT NOT NULL,
    state TEXT
  );
  `,
  // 3: the message log's filters at a million frames. Frames by action get the same sparse index as
  // frames by charger (filled here for the frames already logged), whose index now covers the ranges
  // read; CALLERRORs, invalid and flagged frames, rare by nature, get a partial index that costs nothing
  // when a frame is fine.
  `
  DROP INDEX chunks_by_key;
  CREATE INDEX chunks_by_key ON chunks (kind, key, last_id, first_id, rows);
  CREATE INDEX messages_flagged ON messages (id) WHERE kind IN ('CALLERROR', 'INVALID') OR error IS NOT NULL;
  INSERT INTO chunks (kind, key, first_id, last_id, rows)
    SELECT 'message/action', action, MIN(id), MAX(id), COUNT(*) FROM messages WHERE action IS NOT NULL GROUP BY id / 4096, action;
  `,
  // 4: hardening. A transaction carries a warning when the bench saw something impossible about it
  // (meterStop below meterStart; an answer it could not record). Connection attempts and status history
  // are pruned by time like the message log.
  `
  ALTER TABLE transactions ADD COLUMN warning TEXT;
  `,
  // 5: a charger is marked virtual when the bench's own virtual charger of that id registered it, so a
  // virtual charger can never take a real charger's identity, and the UI shows which is which.
  `
  ALTER TABLE chargers ADD COLUMN virtual INTEGER NOT NULL DEFAULT 0;
  UPDATE chargers SET virtual = 1 WHERE id IN (SELECT id FROM virtual_chargers);
  `,
  // 6: conformance runs, each with its whole result (cases, steps, verdicts) for the reports.
  `
  CREATE TABLE test_runs (
    id TEXT PRIMARY KEY,
    charger_id TEXT NOT NULL,
    suite TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    state TEXT NOT NULL,
    summary TEXT NOT NULL,
    result TEXT NOT NULL
  );
  CREATE INDEX test_runs_by_charger ON test_runs (charger_id, started_at);
  `,
  // 7: commissioning. Each commissioning of a charger (its site and job, template, steps, checklist,
  // handover: the whole as JSON, the columns lists need beside it), its photos as BLOBs, the user's saved
  // templates, and the job last used per site (to fill in the next charger of the same site).
  `
  CREATE TABLE commissionings (
    id TEXT PRIMARY KEY,
    charger_id TEXT NOT NULL,
    site TEXT NOT NULL,
    location TEXT NOT NULL,
    state TEXT NOT NULL,
    verdict TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX commissionings_by_site ON commissionings (site, created_at);
  CREATE INDEX commissionings_by_charger ON commissionings (charger_id, created_at);
  CREATE TABLE commissioning_photos (
    id TEXT PRIMARY KEY,
    commissioning_id TEXT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    caption TEXT NOT NULL,
    added_at TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX commissioning_photos_by_commissioning ON commissioning_photos (commissioning_id, added_at);
  CREATE TABLE commissioning_templates (
    name TEXT PRIMARY KEY,
    template TEXT NOT NULL,
    saved_at TEXT NOT NULL
  );
  CREATE TABLE commissioning_sites (
    site TEXT PRIMARY KEY,
    job TEXT NOT NULL,
    used_at TEXT NOT NULL
  );
  `,
  // 8 (meter values compact): a row per reading (one timestamp and its sampled values) instead of a row per
  // sampled value; what a sampled value is (measurand, phase, unit, context, location, format) is a row of
  // meter_shapes, referred to by id. Rows already recorded keep their ids (the chunks index stays right).
  `
  CREATE TABLE meter_shapes (
    id INTEGER PRIMARY KEY,
    measurand TEXT NOT NULL,
    phase TEXT,
    unit TEXT,
    context TEXT NOT NULL,
    location TEXT,
    format TEXT NOT NULL
  );
  INSERT INTO meter_shapes (measurand, phase, unit, context, location, format)
    SELECT DISTINCT measurand, phase, unit, context, location, format FROM meter_values;
  ALTER TABLE meter_values RENAME TO meter_values_per_sample;
  CREATE TABLE meter_values (
    id INTEGER PRIMARY KEY,
    charger_id TEXT NOT NULL,
    connector_id INTEGER NOT NULL,
    transaction_id INTEGER,
    -- as sent; epoch milliseconds when that gives back the same ISO text
    timestamp NOT NULL,
    received_at TEXT NOT NULL,
    -- JSON [shape id, value, shape id, value, ...]
    samples TEXT NOT NULL
  );
  INSERT INTO meter_values (id, charger_id, connector_id, transaction_id, timestamp, received_at, samples)
    SELECT v.id, v.charger_id, v.connector_id, v.transaction_id, v.timestamp, v.received_at, json_array(s.id, v.value)
    FROM meter_values_per_sample v JOIN meter_shapes s
      ON s.measurand = v.measurand AND s.phase IS v.phase AND s.unit IS v.unit AND s.context = v.context AND s.location IS v.location AND s.format = v.format
    ORDER BY v.id;
  DROP TABLE meter_values_per_sample;
  `,
  // 9: the message log's free-text index (repositories/message-search.ts): FTS5 trigrams of every frame,
  // contentless (no second copy of the frames) and without positions (detail=none: a search is checked on
  // the frame itself), built by the writer thread behind the log; indexed_to says how far it has come,
  // pruned_to how far it has forgotten frames that retention removed.
  `
  CREATE VIRTUAL TABLE messages_search USING fts5(raw, content='', contentless_delete=1, tokenize='trigram', detail='none');
  CREATE TABLE messages_search_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_to INTEGER NOT NULL,
    pruned_to INTEGER NOT NULL
  );
  INSERT INTO messages_search_state (id, indexed_to, pruned_to) VALUES (1, 0, 0);
  `,
  // 10: the free-text index holds the text of SEARCH_BLOCK (16) consecutive frames per row (rowid = id / 16):
  // the trigrams frames share are held once per block, a fifth of the bytes; a search checks every frame
  // of a proposed block, so it finds exactly what it did. The writer thread builds it again from the start.
  `
  DROP TABLE messages_search;
  CREATE VIRTUAL TABLE messages_search USING fts5(raw, content='', contentless_delete=1, tokenize='trigram', detail='none');
  UPDATE messages_search_state SET indexed_to = 0, pruned_to = 0;
  `
];

// src/main/store/data-dir.ts
import Database from "better-sqlite3";
import { chmodSync, existsSync, lstatSync, mkdirSync as mkdirSync2, readdirSync, readFileSync, writeFileSync as writeFileSync2 } from "node:fs";
import { hostname } from "node:os";
import { join as join2 } from "node:path";
var PRIVATE_FILE = 384;
var PRIVATE_DIR = 448;
var RECORD_FILE = "chargebench.sqlite";
function ensureDataDir(dataDir) {
  if (!existsSync(dataDir)) {
    mkdirSync2(dataDir, { recursive: true, mode: PRIVATE_DIR });
    return;
  }
  try {
    const entries = readdirSync(dataDir);
    if (entries.length === 0 || entries.includes(RECORD_FILE)) makeTreePrivate(dataDir);
  } catch {
  }
}
function makeTreePrivate(dir) {
  const st = lstatSync(dir);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    if (st.mode & 63) chmodSync(dir, PRIVATE_DIR);
    for (const name of readdirSync(dir)) makeTreePrivate(join2(dir, name));
  } else if (st.isFile() && st.mode & 63) {
    chmodSync(dir, PRIVATE_FILE);
  }
}
function makePrivate(...files) {
  for (const f of files) {
    try {
      chmodSync(f, PRIVATE_FILE);
    } catch {
    }
  }
}
var DataDirLockedError = class extends Error {
  constructor(dataDir, holder) {
    const who = holder ? `${holder.face} (process ${holder.pid} on ${holder.host}, started ${holder.startedAt})` : "another ChargeBench process";
    super(`The data directory ${dataDir} is in use by ${who}. Two benches on one record would corrupt it: stop that one first, or start this one with another --data-dir.`);
    this.dataDir = dataDir;
    this.holder = holder;
    this.name = "DataDirLockedError";
  }
  dataDir;
  holder;
};
var DataDirLock = class _DataDirLock {
  constructor(db, infoFile) {
    this.db = db;
    this.infoFile = infoFile;
  }
  db;
  infoFile;
  /** Takes the directory or throws DataDirLockedError naming the holder. */
  static acquire(dataDir, face, nativeBinding) {
    const lockFile = join2(dataDir, "chargebench.lock");
    const infoFile = join2(dataDir, "chargebench.lock.json");
    const db = new Database(lockFile, { timeout: 0, ...nativeBinding ? { nativeBinding } : {} });
    makePrivate(lockFile);
    try {
      db.pragma("locking_mode = EXCLUSIVE");
      db.exec("BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (since TEXT); DELETE FROM held; INSERT INTO held VALUES (datetime()); COMMIT;");
    } catch (e) {
      db.close();
      if (e.code === "SQLITE_BUSY") throw new DataDirLockedError(dataDir, readHolder(infoFile));
      throw e;
    }
    const holder = { pid: process.pid, host: hostname(), face, startedAt: (/* @__PURE__ */ new Date()).toISOString() };
    writeFileSync2(infoFile, `${JSON.stringify(holder)}
`, { mode: PRIVATE_FILE });
    return new _DataDirLock(db, infoFile);
  }
  release() {
    if (!this.db.open) return;
    this.db.close();
    try {
      writeFileSync2(this.infoFile, "");
    } catch {
    }
  }
};
function readHolder(infoFile) {
  try {
    const h = JSON.parse(readFileSync(infoFile, "utf8"));
    return typeof h.pid === "number" ? h : null;
  } catch {
    return null;
  }
}

// src/main/store/database.ts
var databaseFile = (dataDir) => join3(dataDir, RECORD_FILE);
var INTEGRITY_CHECK_MAX_BYTES = 2 * 1024 ** 3;
var RecordDamagedError = class extends Error {
  constructor(file, what) {
    super(
      `The record ${file} is damaged (${what}). ChargeBench will not write to a damaged record. Keep the file for recovery and start with another --data-dir (or move the data directory aside); to recover what is readable: sqlite3 "${file}" ".recover" | sqlite3 recovered.sqlite`
    );
    this.name = "RecordDamagedError";
  }
};
function openDatabase(dataDir, options = {}) {
  ensureDataDir(dataDir);
  const file = databaseFile(dataDir);
  let db;
  try {
    db = new Database2(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (e) {
    throw damagedOr(e, file);
  }
  try {
    makePrivate(file, `${file}-wal`, `${file}-shm`);
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${options.synchronous ?? "NORMAL"}`);
    db.pragma("busy_timeout = 5000");
    if (!options.skipIntegrityCheck) checkIntegrity(db, file);
    migrate(db);
  } catch (e) {
    db.close();
    throw damagedOr(e, file);
  }
  return db;
}
function checkIntegrity(db, file) {
  const size = statSync(file).size;
  const rows = size > INTEGRITY_CHECK_MAX_BYTES ? [] : db.pragma("quick_check(5)");
  if (size > INTEGRITY_CHECK_MAX_BYTES) db.prepare("SELECT COUNT(*) FROM sqlite_schema").get();
  const problems2 = rows.map((r) => r.quick_check).filter((r) => r !== "ok");
  if (problems2.length) throw new RecordDamagedError(file, problems2.slice(0, 3).join("; "));
}
function damagedOr(e, file) {
  const code = e.code ?? "";
  if (e instanceof RecordDamagedError) return e;
  if (code === "SQLITE_NOTADB") return new RecordDamagedError(file, "it is not an SQLite database, or its header is overwritten");
  if (code.startsWith("SQLITE_CORRUPT")) return new RecordDamagedError(file, e.message);
  return e;
}
function schemaVersion(db) {
  return db.pragma("user_version", { simple: true });
}
function migrate(db) {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new Error(`This record was written by a newer ChargeBench (schema ${current}; this version knows ${migrations.length}). Update ChargeBench or use another --data-dir.`);
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
function ingestedSeq(db) {
  return db.prepare("SELECT ingested_seq AS s FROM journal_state WHERE id = 1").get().s;
}

// src/main/store/writer/writer.ts
import { unlinkSync } from "node:fs";
import { Worker } from "node:worker_threads";

// src/main/store/journal.ts
import * as fs from "node:fs";
import { join as join4 } from "node:path";
var nodeIo = {
  openSync: (p, f, m) => fs.openSync(p, f, m),
  writeSync: (fd, t) => fs.writeSync(fd, t),
  ftruncateSync: (fd, n) => fs.ftruncateSync(fd, n),
  fdatasyncSync: (fd) => fs.fdatasyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd)
};
var segmentFile = (dataDir, firstSeq) => join4(dataDir, `chargebench-${String(firstSeq).padStart(12, "0")}.journal`);
var segmentFiles = (dataDir) => fs.readdirSync(dataDir).filter((f) => /^chargebench-\d+\.journal$/.test(f)).sort().map((f) => join4(dataDir, f));
function readJournal(dataDir, afterSeq, now = /* @__PURE__ */ new Date()) {
  const files = segmentFiles(dataDir);
  const entries = [];
  const segments = [];
  const notices = [];
  const damaged = [];
  files.forEach((file, fileIndex) => {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    let lastSeq = 0;
    lines.forEach((line, i) => {
      const tab = line.indexOf("	");
      const seq = tab > 0 ? Number(line.slice(0, tab)) : NaN;
      const text = tab > 0 ? line.slice(tab + 1) : "";
      if (Number.isSafeInteger(seq) && seq > 0 && isBatch(text)) {
        lastSeq = seq;
        if (seq > afterSeq) entries.push({ seq, text });
        return;
      }
      const tornTail = fileIndex === files.length - 1 && i === lines.length - 1;
      if (tornTail) {
        notices.push("The journal ended in an incomplete line: the bench was stopped while writing it, before anything written in it was answered. It was left out.");
        return;
      }
      damaged.push(`${file.split(/[\\/]/).pop()}:${i + 1}	${line}`);
    });
    segments.push({ file, lastSeq });
  });
  if (damaged.length) {
    const dir = join4(dataDir, "damaged");
    fs.mkdirSync(dir, { recursive: true, mode: 448 });
    const aside = join4(dir, `journal-${now.toISOString().replace(/[:.]/g, "-")}.txt`);
    fs.writeFileSync(aside, `${damaged.join("\n")}
`, { mode: PRIVATE_FILE });
    notices.push(
      `${damaged.length} journal line${damaged.length > 1 ? "s were" : " was"} damaged and could not be read; the records in ${damaged.length > 1 ? "them are" : "it are"} missing from the record. The lines were moved aside to ${aside} (nothing was deleted).`
    );
  }
  entries.sort((a, b) => a.seq - b.seq);
  let expected = afterSeq + 1;
  const gaps = [];
  for (const e of entries) {
    if (e.seq > expected) gaps.push(e.seq - 1 === expected ? `${expected}` : `${expected} to ${e.seq - 1}`);
    expected = e.seq + 1;
  }
  if (gaps.length) notices.push(`Journal entries ${gaps.join(", ")} are missing (a segment was deleted or damaged outside the bench); what they held is not in the record.`);
  return { entries, segments, notices };
}
function isBatch(text) {
  try {
    const ops = JSON.parse(text);
    return Array.isArray(ops) && ops.length % 2 === 0 && ops.every((v, i) => i % 2 === 0 ? typeof v === "number" || typeof v === "string" : Array.isArray(v));
  } catch {
    return false;
  }
}
var JournalAppender = class {
  constructor(dataDir, firstSeq, io, segmentBytes, sync, onClosed) {
    this.dataDir = dataDir;
    this.io = io;
    this.segmentBytes = segmentBytes;
    this.sync = sync;
    this.onClosed = onClosed;
    this.firstSeq = firstSeq;
    this.fd = io.openSync(segmentFile(dataDir, firstSeq), "a", PRIVATE_FILE);
  }
  dataDir;
  io;
  segmentBytes;
  sync;
  onClosed;
  fd;
  bytes = 0;
  firstSeq;
  get file() {
    return segmentFile(this.dataDir, this.firstSeq);
  }
  /**
   * Appends one entry in one write(). On failure the segment is cut back to where it was, so no torn
   * line sits between good ones, and the error is thrown.
   */
  append(seq, text) {
    const line = `${seq}	${text}
`;
    try {
      const written = this.io.writeSync(this.fd, line);
      if (written !== Buffer.byteLength(line)) throw Object.assign(new Error(`short write: ${written} of ${Buffer.byteLength(line)} bytes`), { code: "ENOSPC" });
      if (this.sync) this.io.fdatasyncSync(this.fd);
    } catch (e) {
      try {
        this.io.ftruncateSync(this.fd, this.bytes);
      } catch {
      }
      throw e;
    }
    this.bytes += Buffer.byteLength(line);
    if (this.bytes > this.segmentBytes) this.rotate(seq);
  }
  /** Begins a new segment after `lastSeq`; if the new file cannot be made, appending goes on in this one. */
  rotate(lastSeq) {
    let fd;
    try {
      fd = this.io.openSync(segmentFile(this.dataDir, lastSeq + 1), "a", PRIVATE_FILE);
    } catch {
      return;
    }
    const closed = this.file;
    this.io.closeSync(this.fd);
    this.fd = fd;
    this.firstSeq = lastSeq + 1;
    this.bytes = 0;
    this.onClosed(closed, lastSeq);
  }
  close() {
    this.io.closeSync(this.fd);
  }
};

// src/main/memory.ts
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { isMainThread } from "node:worker_threads";
var RECORD_THREAD_LIMITS = { maxYoungGenerationSizeMb: 12 };
var gcFn;
function collectGarbage() {
  if (gcFn === void 0) gcFn = findGc();
  gcFn?.();
}
function findGc() {
  const given = globalThis.gc;
  if (typeof given === "function") return given;
  if (!isMainThread) return null;
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc");
  } catch {
    return null;
  }
}

// src/main/store/writer/writer.ts
var FLUSH_OPS = 256;
var JOURNAL_SEGMENT_BYTES = 32 * 1024 * 1024;
var MAX_UNWRITTEN_BYTES = 16 * 1024 * 1024;
var MAX_STALLED_BACKLOG_BYTES = 256 * 1024 * 1024;
var MAX_BACKLOG_BYTES = 8 * 1024 * 1024;
var HANDOVER_BYTES = 256 * 1024;
var HANDOVER_MS = 50;
var BURST_BYTES = 8 * 1024 * 1024;
var IDLE_CHECK_MS = 1e3;
var GroupCommitWriter = class {
  /**
   * `chunkers` names, per statement index, the sparse-index keys its rows get: [kind, parameter
   * indexes that make the key]. Journal entries a killed process left behind are handed to the writer
   * thread first: await `settled()` before reading.
   */
  constructor(databaseFile2, dataDir, ingestedSeq2, statements, chunkers2, options = {}, legacyOrder = []) {
    this.databaseFile = databaseFile2;
    this.dataDir = dataDir;
    this.statements = statements;
    this.chunkers = chunkers2;
    this.options = options;
    this.legacyOrder = legacyOrder;
    this.io = options.journalIo ?? nodeIo;
    this.maxBacklogBytes = options.maxBacklogBytes ?? MAX_BACKLOG_BYTES;
    this.seq = this.ingested = ingestedSeq2;
    const reading = readJournal(dataDir, ingestedSeq2);
    this.notices = reading.notices;
    this.leftover = reading.entries;
    const lastSeq = reading.entries.length ? reading.entries[reading.entries.length - 1].seq : ingestedSeq2;
    this.seq = lastSeq;
    this.journal = new JournalAppender(
      dataDir,
      lastSeq + 1,
      this.io,
      options.journalSegmentBytes ?? JOURNAL_SEGMENT_BYTES,
      options.synchronous === "FULL",
      (file, last) => this.closedSegments.push({ file, lastSeq: last })
    );
    this.closedSegments = reading.segments.filter((s) => s.file !== this.journal.file).map((s) => ({ file: s.file, lastSeq: s.lastSeq || ingestedSeq2 }));
    this.startWorker(reading.entries);
    this.idleSeq = this.seq;
    this.idleTimer = setInterval(() => this.releaseWhenQuiet(), IDLE_CHECK_MS);
    this.idleTimer.unref();
  }
  databaseFile;
  dataDir;
  statements;
  chunkers;
  options;
  legacyOrder;
  worker = null;
  journal;
  io;
  /** Closed journal segments and the last sequence number each holds. */
  closedSegments = [];
  ops = [];
  callbacks = [];
  scheduled = false;
  seq;
  ingested;
  waiters = [];
  closed = false;
  /** Writes the journal refused, in order, waiting to be written when it works again. */
  unwritten = [];
  unwrittenBytes = 0;
  /** Writes dropped while the journal failed and the memory for them ran out. */
  droppedWrites = 0;
  retryTimer = null;
  /** Trouble by where it is: the journal (nothing can be made durable), SQLite, the thread. */
  journalTrouble = null;
  sqliteTrouble = null;
  threadTrouble = null;
  /** Bytes journaled per entry not yet in SQLite (for the stalled back-log). */
  backlog = [];
  backlogBytes = 0;
  /** Answers held back while the backlog is over its bound (back-pressure), released as it is ingested. */
  held = [];
  maxBacklogBytes;
  restarts = 0;
  /** Entries journaled and not yet handed to the writer thread. */
  outbox = [];
  outboxBytes = 0;
  outboxTimer = null;
  /** Bytes journaled since the last collection, and the sequence number seen at the last idle check. */
  burstBytes = 0;
  idleSeq = 0;
  idleTimer;
  /** Found when the journal was read at start: damage, gaps. */
  notices;
  /** Journal entries a killed process left (read once at start; see maxLeftover). */
  leftover;
  /** Run just before a batch is written: a chance to add coalesced writes (e.g. last-seen times). */
  beforeBatch = null;
  /** Rows SQLite refused (logged); the rest of their batch is kept. */
  onRowError = (m) => console.error(`chargebench: a record SQLite refused was skipped: ${m}`);
  /** The writer's trouble began (a problem) or ended (null): once each, never per batch. */
  onProblem = () => {
  };
  /**
   * After a burst of load, once nothing has been written for a second or two, one full collection of
   * this thread's heap: the memory the burst's garbage took goes back instead of lingering.
   */
  releaseWhenQuiet() {
    if (this.seq !== this.idleSeq) {
      this.idleSeq = this.seq;
      return;
    }
    if (this.burstBytes < BURST_BYTES) return;
    this.burstBytes = 0;
    collectGarbage();
  }
  /** The highest value of one parameter of one write among the journal entries left at start (e.g. transaction ids). */
  maxLeftover(statement, param) {
    let max = 0;
    const legacy = this.legacyOrder.indexOf(statement);
    for (const e of this.leftover) {
      const ops = JSON.parse(e.text);
      for (let i = 0; i < ops.length; i += 2) {
        const v = ops[i] === statement || ops[i] === legacy ? ops[i + 1][param] : void 0;
        if (typeof v === "number" && v > max) max = v;
      }
    }
    return max;
  }
  /** Forgets the start-up entries once the record has read what it needs of them. */
  dropLeftover() {
    this.leftover = [];
  }
  /** Whether new work may be taken: false while the journal fails or SQLite has stalled with a large back-log. */
  get writable() {
    if (this.journalTrouble) return false;
    return !(this.sqliteTrouble || this.threadTrouble) || this.backlogBytes < MAX_STALLED_BACKLOG_BYTES;
  }
  get currentProblem() {
    return this.journalTrouble ?? this.sqliteTrouble ?? this.threadTrouble;
  }
  /** Bytes journaled but not yet in SQLite, and answers waiting for them to go down (back-pressure). */
  get pressure() {
    return { backlogBytes: this.backlogBytes, heldAnswers: this.held.length };
  }
  /** Queues one write, by name, with its parameters for the next batch. */
  write(statement, params) {
    this.ops.push(statement, params);
    if (this.ops.length >= FLUSH_OPS) this.flush();
    else this.schedule();
  }
  /** Runs `fn` once everything queued so far is durable (in the journal), or could not be made so (false). */
  afterCommit(fn) {
    this.callbacks.push(fn);
    this.schedule();
  }
  /**
   * Resolves once everything queued so far is in SQLite (reads after it see it). While the writer is in
   * trouble it resolves at once: reads go on with what SQLite has.
   */
  settled() {
    if (this.ops.length) this.flush();
    if (this.seq <= this.ingested || this.currentProblem !== null || !this.worker) return Promise.resolve();
    const seq = this.seq;
    this.tell({ now: true });
    return new Promise((resolve6) => this.waiters.push({ seq, resolve: resolve6 }));
  }
  async close() {
    if (this.closed) return;
    await this.settled();
    if (this.unwritten.length) this.retryUnwritten();
    this.closed = true;
    clearInterval(this.idleTimer);
    this.releaseHeld();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const worker = this.worker;
    let pending = 1;
    if (worker) {
      pending = await new Promise((resolve6) => {
        worker.on("message", (m) => "closed" in m && resolve6(m.pending));
        worker.on("exit", () => resolve6(1));
        this.tell({ close: true });
      });
      await worker.terminate();
    }
    this.journal.close();
    if (pending === 0 && this.seq <= this.ingested) {
      for (const s of this.closedSegments) tryUnlink(s.file);
      tryUnlink(this.journal.file);
    }
  }
  startWorker(entries) {
    const data = {
      file: this.databaseFile,
      statements: this.statements,
      legacyOrder: this.legacyOrder,
      chunkers: this.chunkers,
      nativeBinding: this.options.nativeBinding,
      synchronous: this.options.synchronous ?? "NORMAL",
      drainMs: 1e3
    };
    const worker = new Worker(threadEntry(), { workerData: data, resourceLimits: RECORD_THREAD_LIMITS });
    this.worker = worker;
    this.dropOutbox();
    if (entries.length) worker.postMessage({ entries });
    if (entries.length) worker.postMessage({ now: true });
    worker.on("message", (m) => {
      if (this.worker !== worker) return;
      if ("stalled" in m) return this.onStalled(m.stalled, m.code);
      if ("resumed" in m) return this.trouble(() => this.sqliteTrouble = null);
      if ("ingested" in m) this.onIngested(m.ingested, m.error);
    });
    worker.on("error", (e) => {
      if (this.worker === worker) console.error(`chargebench: the writer thread failed: ${e.message}`);
    });
    worker.on("exit", (code) => {
      if (this.closed || this.worker !== worker) return;
      this.worker = null;
      this.dropOutbox();
      this.trouble(
        () => this.threadTrouble = { kind: "writerRestarting", error: `the writer thread stopped (exit code ${code}); it is being started again from the journal`, since: (/* @__PURE__ */ new Date()).toISOString() }
      );
      for (const w of this.waiters.splice(0)) w.resolve();
      this.restarts++;
      const delay = Math.min(1e3 * 2 ** Math.min(this.restarts - 1, 5), 3e4);
      setTimeout(() => this.restartWorker(), delay).unref();
    });
  }
  /** A new writer thread, fed every journal entry SQLite does not have yet. */
  restartWorker() {
    if (this.closed || this.worker) return;
    let entries;
    try {
      entries = readJournal(this.dataDir, this.ingested).entries;
    } catch (e) {
      console.error(`chargebench: the journal could not be read to restart the writer thread: ${e.message}`);
      setTimeout(() => this.restartWorker(), 5e3).unref();
      return;
    }
    this.startWorker(entries);
    this.trouble(() => {
      this.threadTrouble = null;
      this.sqliteTrouble = null;
    });
  }
  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
  /** Writes the queued batch to the journal in one write(), hands it to the writer thread, and releases what waited on it. */
  flush() {
    this.scheduled = false;
    if (this.closed) return;
    this.beforeBatch?.();
    let durable = true;
    if (this.ops.length) {
      const ops = this.ops;
      this.ops = [];
      if (this.journalTrouble) {
        this.keepUnwritten(ops);
        durable = false;
      } else {
        durable = this.append(ops);
        if (!durable) this.keepUnwritten(ops);
      }
    }
    const callbacks = this.callbacks;
    this.callbacks = [];
    if (durable && (this.held.length || this.behind())) {
      for (const fn of callbacks) this.held.push(fn);
      if (this.held.length === callbacks.length) this.tell({ now: true });
      return;
    }
    for (const fn of callbacks) fn(durable);
  }
  /** Whether the healthy writer thread has more than its bound to catch up on. */
  behind() {
    return this.backlogBytes > this.maxBacklogBytes && this.currentProblem === null && this.worker !== null;
  }
  /** Sends the answers held back by back-pressure (they are durable: in the journal). */
  releaseHeld() {
    const held = this.held;
    this.held = [];
    for (const fn of held) fn(true);
  }
  /** One journal entry; false (and the alarm raised) when the journal refused it. */
  append(ops) {
    const seq = this.seq + 1;
    const text = JSON.stringify(ops);
    try {
      this.journal.append(seq, text);
    } catch (e) {
      const err = e;
      const full = err.code === "ENOSPC" || err.code === "EDQUOT";
      if (!this.journalTrouble) this.trouble(() => this.journalTrouble = { kind: full ? "diskFull" : "journalFailed", error: err.message, since: (/* @__PURE__ */ new Date()).toISOString() });
      this.armRetry();
      return false;
    }
    this.seq = seq;
    this.backlog.push([seq, text.length]);
    this.backlogBytes += text.length;
    this.burstBytes += text.length;
    if (this.worker) this.handOver({ seq, text });
    return true;
  }
  /** Queues an entry for the writer thread: sent with others when enough has gathered, or soon. */
  handOver(entry2) {
    this.outbox.push(entry2);
    this.outboxBytes += entry2.text.length;
    if (this.outboxBytes >= HANDOVER_BYTES) this.postOutbox();
    else this.outboxTimer ??= setTimeout(() => this.postOutbox(), HANDOVER_MS);
  }
  postOutbox() {
    if (this.outboxTimer) clearTimeout(this.outboxTimer);
    this.outboxTimer = null;
    if (!this.outbox.length) return;
    const entries = this.outbox;
    this.dropOutbox();
    this.worker?.postMessage({ entries });
  }
  /** Forgets what was not handed over (a new thread reads it from the journal). */
  dropOutbox() {
    if (this.outboxTimer) clearTimeout(this.outboxTimer);
    this.outboxTimer = null;
    this.outbox = [];
    this.outboxBytes = 0;
  }
  /** Tells the writer thread to drain now or to close, after everything journaled so far. */
  tell(m) {
    this.postOutbox();
    this.worker?.postMessage(m);
  }
  keepUnwritten(ops) {
    const bytes = JSON.stringify(ops).length;
    if (this.unwrittenBytes + bytes > MAX_UNWRITTEN_BYTES) {
      this.droppedWrites += ops.length / 2;
      return;
    }
    this.unwritten.push(...ops);
    this.unwrittenBytes += bytes;
  }
  armRetry() {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryUnwritten();
    }, this.options.retryMs ?? 1e3);
    this.retryTimer.unref();
  }
  /** Tries the journal again with what it refused; on success its alarm ends. */
  retryUnwritten() {
    const ops = this.unwritten;
    if (ops.length && !this.append(ops)) return;
    this.unwritten = [];
    this.unwrittenBytes = 0;
    const dropped = this.droppedWrites;
    this.droppedWrites = 0;
    if (this.journalTrouble) this.trouble(() => this.journalTrouble = null, dropped);
  }
  onStalled(error, code) {
    const since = (/* @__PURE__ */ new Date()).toISOString();
    this.trouble(() => this.sqliteTrouble = code === "SQLITE_FULL" ? { kind: "diskFull", error, since } : { kind: "recordStalled", error, code, since });
    for (const w of this.waiters.splice(0)) w.resolve();
  }
  /** Changes the trouble flags in `change`; tells onProblem only when what is reported changes. */
  trouble(change, droppedWrites = 0) {
    const before = this.currentProblem;
    change();
    const after = this.currentProblem;
    if (after !== null) this.releaseHeld();
    if (before === after || before && after && before.kind === after.kind) return;
    this.onProblem(after, after === null ? { droppedWrites } : void 0);
  }
  onIngested(seq, error) {
    if (error) this.onRowError(error);
    this.ingested = seq;
    while (this.backlog.length && this.backlog[0][0] <= seq) this.backlogBytes -= this.backlog.shift()[1];
    if (this.held.length && !this.behind()) this.releaseHeld();
    if (this.waiters.length) {
      const due = this.waiters.filter((w) => w.seq <= seq);
      this.waiters = this.waiters.filter((w) => w.seq > seq);
      for (const w of due) w.resolve();
    }
    while (this.closedSegments.length && this.closedSegments[0].lastSeq <= seq) tryUnlink(this.closedSegments.shift().file);
  }
};
function tryUnlink(file) {
  try {
    unlinkSync(file);
  } catch {
  }
}
function threadEntry() {
  const here = import.meta.url;
  return /\.ts$/.test(new URL(here).pathname) ? new URL("./thread-entry.mjs", here) : new URL("./writer-thread.js", here);
}

// src/main/store/reader/reader.ts
import { Worker as Worker2 } from "node:worker_threads";
var RecordReader = class {
  constructor(data) {
    this.data = data;
  }
  data;
  worker = null;
  nextId = 1;
  pending = /* @__PURE__ */ new Map();
  closed = false;
  start() {
    const worker = new Worker2(threadEntry2(), { workerData: this.data, resourceLimits: RECORD_THREAD_LIMITS });
    worker.unref();
    worker.on("message", (m) => {
      if ("closed" in m) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    const gone = (why2) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(new Error(`The record's reader thread stopped (${why2}); try again`));
      this.pending.clear();
    };
    worker.on("error", (e) => gone(e.message));
    worker.on("exit", (code) => gone(`exit code ${code}`));
    return worker;
  }
  /** Runs a query on the reader thread. */
  query(query, args) {
    if (this.closed) return Promise.reject(new Error("The record is closed"));
    const worker = this.worker ??= this.start();
    const id2 = this.nextId++;
    return new Promise((resolve6, reject) => {
      this.pending.set(id2, { resolve: resolve6, reject });
      worker.postMessage({ id: id2, query, args });
    });
  }
  async close() {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    await new Promise((resolve6) => {
      worker.once("exit", () => resolve6());
      worker.on("message", (m) => "closed" in m && resolve6());
      worker.postMessage({ close: true });
    });
    await worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error("The record is closed"));
    this.pending.clear();
  }
};
function threadEntry2() {
  const here = import.meta.url;
  return /\.ts$/.test(new URL(here).pathname) ? new URL("./thread-entry.mjs", here) : new URL("./reader-thread.js", here);
}

// src/main/store/secrets.ts
var plainSecrets = { encrypt: (s) => s, decrypt: (s) => s, sealed: () => true };

// src/main/store/retention.ts
var retentionWrites = {
  pruneChunks: "DELETE FROM chunks WHERE kind = ? AND key = ? AND last_id <= ?",
  trimChunk: "UPDATE chunks SET first_id = ? WHERE rowid = ? AND first_id < ?"
};
var PRUNE_BATCH = 5e3;
var PRUNE_KEY_SLICE = 200;
var pause = (ms3 = 10) => new Promise((r) => setTimeout(r, ms3));
async function pruneRows(store2, table, column, write, cutoff, opts) {
  const range = idsBefore(store2, table, column, cutoff);
  if (!range) return null;
  for (let from = range.first; from <= range.last; from += PRUNE_BATCH) {
    if (opts.stop?.()) return null;
    store2.write(write, [from, Math.min(from + PRUNE_BATCH - 1, range.last), cutoff]);
    await store2.settled();
    await pause(opts.pauseMs);
  }
  return range;
}
async function pruneLog(store2, table, column, write, kindPrefix, cutoff, opts) {
  const range = await pruneRows(store2, table, column, write, cutoff, opts);
  if (!range) return;
  const db = store2.db;
  const lastOld = db.prepare("SELECT 1 FROM chunks WHERE kind = ? AND key = ? AND last_id <= ? LIMIT 1");
  const straddling = db.prepare("SELECT rowid AS r, first_id FROM chunks WHERE kind = ? AND key = ? AND last_id > ? ORDER BY last_id LIMIT 1");
  const nextKey = db.prepare("SELECT key FROM chunks WHERE kind = ? AND key > ? ORDER BY kind, key LIMIT 1");
  const nextKind = db.prepare("SELECT kind FROM chunks WHERE kind > ? ORDER BY kind LIMIT 1");
  const kinds2 = [];
  for (let k = nextKind.get(kindPrefix)?.kind; k?.startsWith(kindPrefix); k = nextKind.get(k)?.kind) kinds2.push(k);
  for (const kind of kinds2) {
    let key2 = "";
    while (key2 !== void 0) {
      if (opts.stop?.()) return;
      for (let n = 0; n < PRUNE_KEY_SLICE; n++) {
        key2 = nextKey.get(kind, key2)?.key;
        if (key2 === void 0) break;
        if (lastOld.get(kind, key2, range.last)) store2.write("pruneChunks", [kind, key2, range.last]);
        const s = straddling.get(kind, key2, range.last);
        if (s && s.first_id <= range.last) store2.write("trimChunk", [range.last + 1, s.r, range.last + 1]);
      }
      await store2.settled();
      await pause(opts.pauseMs);
    }
  }
}
function idsBefore(store2, table, column, cutoff) {
  const at = store2.db.prepare(`SELECT id, ${column} AS t FROM ${table} WHERE id >= ? ORDER BY id LIMIT 1`);
  const oldest = at.get(0);
  if (!oldest || !(oldest.t < cutoff)) return null;
  let lo = oldest.id;
  let hi = store2.db.prepare(`SELECT MAX(id) AS m FROM ${table}`).get().m ?? lo;
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    const r = at.get(mid);
    if (r && r.t < cutoff) lo = r.id;
    else hi = mid - 1;
  }
  return { first: oldest.id, last: lo };
}

// src/main/store/repositories/connectors.ts
var connectorWrites = {
  connector: `INSERT INTO connectors (charger_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(charger_id, connector_id) DO UPDATE SET status = excluded.status, error_code = excluded.error_code, info = excluded.info,
    vendor_id = excluded.vendor_id, vendor_error_code = excluded.vendor_error_code, timestamp = excluded.timestamp, updated_at = excluded.updated_at`,
  statusHistory: `INSERT INTO status_history (charger_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  chargerConnectorsDelete: "DELETE FROM connectors WHERE charger_id = ?",
  pruneOrphanConnectors: "DELETE FROM connectors WHERE charger_id NOT IN (SELECT id FROM chargers)",
  pruneStatusHistory: "DELETE FROM status_history WHERE id BETWEEN ? AND ? AND received_at < ?"
};
var ConnectorsRepository = class {
  constructor(store2) {
    this.store = store2;
  }
  store;
  /** A StatusNotification: the connector's state now, and a line of its history. */
  status(chargerId, req, at) {
    const c = {
      connectorId: req.connectorId,
      status: req.status,
      errorCode: req.errorCode,
      info: req.info ?? null,
      vendorId: req.vendorId ?? null,
      vendorErrorCode: req.vendorErrorCode ?? null,
      timestamp: req.timestamp ?? null,
      updatedAt: at
    };
    const params = [chargerId, c.connectorId, c.status, c.errorCode, c.info, c.vendorId, c.vendorErrorCode, c.timestamp, at];
    this.store.write("connector", params);
    this.store.write("statusHistory", params);
    return c;
  }
  /** A charger's status notifications as received, newest first (connector 0 is the charger). */
  history(chargerId, q = {}) {
    const connector = q.connectorId !== void 0 ? "AND connector_id = ?" : "";
    const args = q.connectorId !== void 0 ? [chargerId, q.connectorId] : [chargerId];
    const rows = this.store.db.prepare(`SELECT * FROM status_history WHERE charger_id = ? ${connector} ORDER BY id DESC LIMIT ?`).all(...args, q.limit ?? 200);
    return rows.map((r) => ({ ...toConnector({ ...r, updated_at: r.received_at }), receivedAt: r.received_at }));
  }
};
function toConnector(c) {
  return {
    connectorId: c.connector_id,
    status: c.status,
    errorCode: c.error_code,
    info: c.info,
    vendorId: c.vendor_id,
    vendorErrorCode: c.vendor_error_code,
    timestamp: c.timestamp,
    updatedAt: c.updated_at
  };
}

// src/main/store/repositories/chargers.ts
var chargerWrites = {
  chargerSeen: "INSERT INTO chargers (id, first_seen, last_seen) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen",
  chargerConnected: "UPDATE chargers SET connected = ?, remote_address = COALESCE(?, remote_address) WHERE id = ?",
  heartbeat: "UPDATE chargers SET last_heartbeat = ? WHERE id = ?",
  boot: `UPDATE chargers SET registration_status = ?, last_boot = ?, vendor = ?, model = ?, charge_point_serial = ?, charge_box_serial = ?,
    firmware_version = ?, iccid = ?, imsi = ?, meter_type = ?, meter_serial = ? WHERE id = ?`,
  firmwareStatus: "UPDATE chargers SET firmware_status = ? WHERE id = ?",
  diagnosticsStatus: "UPDATE chargers SET diagnostics_status = ? WHERE id = ?",
  bootPolicy: "UPDATE chargers SET boot_policy = ? WHERE id = ?",
  allDisconnected: "UPDATE chargers SET connected = 0",
  chargerRegister: "INSERT INTO chargers (id, first_seen, last_seen, registered) VALUES (?, ?, ?, 1) ON CONFLICT(id) DO UPDATE SET registered = 1",
  chargerVirtual: "UPDATE chargers SET virtual = ? WHERE id = ?",
  chargerPassword: "UPDATE chargers SET password = ? WHERE id = ?",
  chargerDelete: "DELETE FROM chargers WHERE id = ?",
  // Retention: identities seen before the cut and never registered, with nothing else to their name.
  pruneChargers: `DELETE FROM chargers WHERE registered = 0 AND password IS NULL AND boot_policy IS NULL AND connected = 0 AND last_seen < ?
    AND id NOT IN (SELECT charger_id FROM transactions) AND id NOT IN (SELECT id FROM virtual_chargers)`
};
var SEEN_FLUSH_MS = 5e3;
var ChargersRepository = class {
  constructor(store2, secrets) {
    this.store = store2;
    this.secrets = secrets;
    store2.write("allDisconnected", []);
  }
  store;
  secrets;
  seen = /* @__PURE__ */ new Map();
  seenFlushedAt = 0;
  /** A frame from the charger: it was seen now (written with the next coalesced batch). */
  touch(chargerId, ts) {
    this.seen.set(chargerId, ts);
  }
  /** Writes the coalesced last-seen times if they are due (or now, with `force`). */
  flushSeen(force = false) {
    const now = this.store.clock.now();
    if (!this.seen.size || !force && now - this.seenFlushedAt < SEEN_FLUSH_MS) return;
    this.seenFlushedAt = now;
    for (const [id2, at] of this.seen) this.store.write("chargerSeen", [id2, at, at]);
    this.seen.clear();
  }
  /** Creates the charger's row (if new) ahead of anything else about it in the same batch. */
  seenNow(chargerId, ts) {
    this.store.write("chargerSeen", [chargerId, ts, ts]);
  }
  setConnected(chargerId, connected, remoteAddress) {
    this.store.write("chargerConnected", [connected ? 1 : 0, remoteAddress, chargerId]);
  }
  heartbeat(chargerId, ts) {
    this.store.write("heartbeat", [ts, chargerId]);
  }
  boot(chargerId, status, b, ts) {
    this.store.write("boot", [
      status,
      ts,
      b.chargePointVendor,
      b.chargePointModel,
      b.chargePointSerialNumber ?? null,
      b.chargeBoxSerialNumber ?? null,
      b.firmwareVersion ?? null,
      b.iccid ?? null,
      b.imsi ?? null,
      b.meterType ?? null,
      b.meterSerialNumber ?? null,
      chargerId
    ]);
  }
  firmwareStatus(chargerId, status) {
    this.store.write("firmwareStatus", [status, chargerId]);
  }
  diagnosticsStatus(chargerId, status) {
    this.store.write("diagnosticsStatus", [status, chargerId]);
  }
  async setBootPolicy(chargerId, policy) {
    this.store.mustBeWritable();
    this.store.write("bootPolicy", [policy, chargerId]);
    await this.store.settled();
  }
  /**
   * Registers a charger, creating its row if it has never connected. `password` and `bootPolicy`:
   * undefined leaves them as they are, null clears them.
   */
  async register(chargerId, opts = {}) {
    this.store.mustBeWritable();
    const now = new Date(this.store.clock.now()).toISOString();
    this.store.write("chargerRegister", [chargerId, now, now]);
    if (opts.virtual !== void 0) this.store.write("chargerVirtual", [opts.virtual ? 1 : 0, chargerId]);
    if (opts.password !== void 0) this.store.write("chargerPassword", [opts.password === null ? null : this.secrets.encrypt(opts.password), chargerId]);
    if (opts.bootPolicy !== void 0) this.store.write("bootPolicy", [opts.bootPolicy, chargerId]);
    await this.store.settled();
  }
  /** Sets (or with null clears) a charger's security profile 1 password. */
  async setPassword(chargerId, password) {
    this.store.mustBeWritable();
    this.store.write("chargerPassword", [password === null ? null : this.secrets.encrypt(password), chargerId]);
    await this.store.settled();
  }
  /** Forgets a charger and its live connector state; its logs (frames, transactions, history) stay. */
  async delete(chargerId) {
    this.store.mustBeWritable();
    this.seen.delete(chargerId);
    this.store.write("chargerConnectorsDelete", [chargerId]);
    this.store.write("chargerDelete", [chargerId]);
    await this.store.settled();
  }
  /** Retention: chargers never registered, last seen before `cutoff`, with no transactions. */
  prune(cutoff) {
    this.store.write("pruneChargers", [cutoff]);
    this.store.write("pruneOrphanConnectors", []);
  }
  /**
   * Every charger's password, for the central system to check at connection time; never for views. A
   * password this machine cannot read (encrypted by another user's keyring) is left out and named.
   */
  passwords() {
    const rows = this.store.db.prepare("SELECT id, password FROM chargers WHERE password IS NOT NULL").all();
    const passwords = /* @__PURE__ */ new Map();
    const unreadable = [];
    for (const r of rows) {
      try {
        const password = this.secrets.decrypt(r.password);
        passwords.set(r.id, password);
        if (!this.secrets.sealed(r.password)) this.store.write("chargerPassword", [this.secrets.encrypt(password), r.id]);
      } catch {
        unreadable.push(r.id);
      }
    }
    return { passwords, unreadable };
  }
  ids() {
    return this.store.db.prepare("SELECT id FROM chargers").all().map((r) => r.id);
  }
  list() {
    const connectors = this.store.db.prepare("SELECT * FROM connectors ORDER BY charger_id, connector_id").all();
    const byCharger = /* @__PURE__ */ new Map();
    for (const c of connectors) {
      const list = byCharger.get(c.charger_id) ?? [];
      list.push(toConnector(c));
      byCharger.set(c.charger_id, list);
    }
    return this.store.db.prepare("SELECT * FROM chargers ORDER BY id").all().map((r) => toCharger(r, byCharger.get(r.id) ?? [], this.seen.get(r.id)));
  }
  get(id2) {
    const r = this.store.db.prepare("SELECT * FROM chargers WHERE id = ?").get(id2);
    if (!r) return null;
    const connectors = this.store.db.prepare("SELECT * FROM connectors WHERE charger_id = ? ORDER BY connector_id").all(id2).map(toConnector);
    return toCharger(r, connectors, this.seen.get(id2));
  }
};
function toCharger(r, connectors, lastSeen) {
  return {
    id: r.id,
    connected: r.connected === 1,
    firstSeen: r.first_seen,
    lastSeen: lastSeen ?? r.last_seen,
    lastHeartbeat: r.last_heartbeat,
    remoteAddress: r.remote_address,
    bootPolicy: r.boot_policy,
    registrationStatus: r.registration_status,
    lastBoot: r.last_boot,
    boot: r.vendor === null ? null : strip({
      chargePointVendor: r.vendor,
      chargePointModel: r.model,
      chargePointSerialNumber: r.charge_point_serial,
      chargeBoxSerialNumber: r.charge_box_serial,
      firmwareVersion: r.firmware_version,
      iccid: r.iccid,
      imsi: r.imsi,
      meterType: r.meter_type,
      meterSerialNumber: r.meter_serial
    }),
    firmwareStatus: r.firmware_status,
    diagnosticsStatus: r.diagnostics_status,
    hasPassword: r.password !== null,
    registered: r.registered === 1,
    virtual: r.virtual === 1,
    connectors
  };
}
function strip(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
}

// src/shared/api/meter.ts
var scale = (unit, base) => unit === `k${base}` ? 1e3 : 1;
function toSamples(values) {
  const groups = /* @__PURE__ */ new Map();
  for (const v of values) {
    const key2 = `${v.connectorId}|${v.timestamp}`;
    const g = groups.get(key2);
    if (g) g.push(v);
    else groups.set(key2, [v]);
  }
  const out = [];
  for (const g of groups.values()) {
    const sample = { t: Date.parse(g[0].timestamp), transactionId: g[0].transactionId, connectorId: g[0].connectorId };
    const power = read(g, "Power.Active.Import", "W");
    const energy = read(g, "Energy.Active.Import.Register", "Wh");
    if (power !== void 0) sample.powerW = power;
    if (energy !== void 0) sample.energyWh = energy;
    if (sample.powerW !== void 0 || sample.energyWh !== void 0) out.push(sample);
  }
  return out.sort((a, b) => a.t - b.t);
}
function read(group, measurand, base) {
  const of = group.filter((v) => v.measurand === measurand && v.format !== "SignedData" && (v.location ?? "Outlet") === "Outlet");
  if (!of.length) return void 0;
  const total = of.find((v) => !v.phase);
  const pick = total ? [total] : of.filter((v) => /^L\d$/.test(v.phase ?? ""));
  if (!pick.length) return void 0;
  let sum = 0;
  for (const v of pick) {
    const n = Number(v.value);
    if (!Number.isFinite(n)) return void 0;
    sum += n * scale(v.unit, base);
  }
  return sum;
}
function belongsTo(tx, sample, started = Date.parse(tx.startTime)) {
  return sample.transactionId === tx.transactionId || sample.transactionId === null && sample.t >= started;
}
function finalEnergy(meterStartWh, readingWh, reading = "The register reading") {
  if (readingWh < meterStartWh) return { wh: null, warning: `${reading} (${readingWh} Wh) is below meterStart (${meterStartWh} Wh): the meter went backwards or was replaced, so no energy is given` };
  return { wh: readingWh - meterStartWh, warning: null };
}
function energyReadingSoFar(tx, samples) {
  if (!samples) return null;
  const started = Date.parse(tx.startTime);
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i];
    if (s.energyWh !== void 0 && belongsTo(tx, s, started)) return finalEnergy(tx.meterStart, s.energyWh);
  }
  return null;
}
function energySoFar(tx, samples) {
  return energyReadingSoFar(tx, samples)?.wh ?? null;
}

// src/main/store/repositories/transactions.ts
var transactionWrites = {
  txStart: "INSERT INTO transactions (id, charger_id, connector_id, id_tag, auth_status, reservation_id, meter_start, start_time, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  txStop: "UPDATE transactions SET meter_stop = ?, stop_time = ?, stop_reason = ?, stop_id_tag = ?, energy_wh = ? - meter_start WHERE id = ?",
  txStopFlagged: "UPDATE transactions SET meter_stop = ?, stop_time = ?, stop_reason = ?, stop_id_tag = ?, energy_wh = NULL, warning = ? WHERE id = ?",
  // A transaction whose StartTransaction answer could not be recorded (so it was never sent).
  txAbandon: "UPDATE transactions SET stop_time = ?, stop_reason = ?, warning = ? WHERE id = ? AND stop_time IS NULL"
};
var TransactionsRepository = class {
  /** `highestInJournal`: the highest id the journal left at start holds (it may be ahead of SQLite). */
  constructor(store2, highestInJournal) {
    this.store = store2;
    const highest = store2.db.prepare("SELECT MAX(id) AS m FROM transactions").get().m ?? 0;
    this.nextId = Math.max(highest, highestInJournal) + 1;
    this.getTx = store2.db.prepare("SELECT * FROM transactions WHERE id = ?");
  }
  store;
  nextId;
  getTx;
  start(t, at) {
    const id2 = this.nextId++;
    this.store.write("txStart", [id2, t.chargerId, t.connectorId, t.idTag, t.authStatus, t.reservationId, t.meterStart, t.startTime, at]);
    return { ...t, transactionId: id2, meterStop: null, stopTime: null, stopReason: null, stopIdTag: null, energyWh: null, active: true };
  }
  /**
   * Records the stop of a running transaction (the caller checked it is the charger's own and running)
   * and returns it as it now stands. Its energy is the shared rule's (finalEnergy): a meterStop below
   * meterStart gives no energy, and a warning.
   */
  stop(tx, meterStop, stopTime, reason, stopIdTag) {
    const energy = finalEnergy(tx.meterStart, meterStop, "meterStop");
    if (energy.wh === null) {
      this.store.write("txStopFlagged", [meterStop, stopTime, reason, stopIdTag, energy.warning, tx.transactionId]);
      return { ...tx, meterStop, stopTime, stopReason: reason, stopIdTag, energyWh: null, active: false, warning: energy.warning };
    }
    this.store.write("txStop", [meterStop, stopTime, reason, stopIdTag, meterStop, tx.transactionId]);
    return { ...tx, meterStop, stopTime, stopReason: reason, stopIdTag, energyWh: energy.wh, active: false };
  }
  /** Ends a transaction whose id never reached the charger (its answer could not be recorded, so it was not sent). */
  abandon(id2, at, why2) {
    this.store.write("txAbandon", [at, "Other", why2, id2]);
  }
  /** Newest first; `beforeId` pages on: only transactions older than that one. */
  list(q = {}) {
    const where = [];
    const args = [];
    if (q.chargerId) {
      where.push("charger_id = ?");
      args.push(q.chargerId);
    }
    if (q.beforeId !== void 0) {
      where.push("id < ?");
      args.push(q.beforeId);
    }
    if (q.active !== void 0) where.push(q.active ? "stop_time IS NULL" : "stop_time IS NOT NULL");
    const sql = `SELECT * FROM transactions ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`;
    return this.store.db.prepare(sql).all(...args, q.limit ?? 500).map(toTransaction);
  }
  get(id2) {
    const r = this.getTx.get(id2);
    return r ? toTransaction(r) : null;
  }
};
function toTransaction(r) {
  return {
    transactionId: r.id,
    chargerId: r.charger_id,
    connectorId: r.connector_id,
    idTag: r.id_tag,
    authStatus: r.auth_status,
    reservationId: r.reservation_id,
    meterStart: r.meter_start,
    startTime: r.start_time,
    meterStop: r.meter_stop,
    stopTime: r.stop_time,
    stopReason: r.stop_reason,
    stopIdTag: r.stop_id_tag,
    energyWh: r.energy_wh,
    active: r.stop_time === null,
    ...r.warning ? { warning: r.warning } : {}
  };
}

// src/main/store/repository.ts
function byChunks(db, kind, key2, before, limit2, readRange) {
  const out = [];
  const ranges = db.prepare("SELECT first_id, last_id FROM chunks WHERE kind = ? AND key = ? AND first_id < ? ORDER BY last_id DESC");
  for (const c of ranges.iterate(kind, key2, before)) {
    out.push(...readRange(c.first_id, Math.min(c.last_id, before - 1), limit2 - out.length));
    if (out.length >= limit2) break;
  }
  return out;
}

// src/main/store/repositories/meter-values.ts
var SAMPLES_PER_ROW = 1024;
var meterValueWrites = {
  meterReading: "INSERT INTO meter_values (charger_id, connector_id, transaction_id, timestamp, received_at, samples) VALUES (?, ?, ?, ?, ?, ?)",
  meterShape: "INSERT INTO meter_shapes (id, measurand, phase, unit, context, location, format) VALUES (?, ?, ?, ?, ?, ?, ?)",
  // A journal of an earlier version holds one write per sampled value: the shape is kept inline.
  meterValue: `INSERT INTO meter_values (charger_id, connector_id, transaction_id, timestamp, received_at, samples)
    SELECT c, k, t, ts, r, json_array(json_array(m, p, u, x, l, f), v)
    FROM (SELECT ? AS c, ? AS k, ? AS t, ? AS ts, ? AS v, ? AS m, ? AS p, ? AS u, ? AS x, ? AS l, ? AS f, ? AS r)`,
  pruneMeterValues: "DELETE FROM meter_values WHERE id BETWEEN ? AND ? AND received_at < ?"
};
var meterValueChunkers = {
  meterReading: [
    ["meter/charger", [0]],
    ["meter/transaction", [2]]
  ],
  meterValue: [
    ["meter/charger", [0]],
    ["meter/transaction", [2]]
  ]
};
var keyOf = (s) => s.map((v) => v === null ? "" : v).join("\0");
var packTime = (t) => {
  const ms3 = Date.parse(t);
  return Number.isFinite(ms3) && new Date(ms3).toISOString() === t ? ms3 : t;
};
var unpackTime = (t) => typeof t === "number" ? new Date(t).toISOString() : t;
var MeterShapes = class {
  constructor(db) {
    this.db = db;
    this.read = db.prepare("SELECT * FROM meter_shapes WHERE id > ? ORDER BY id");
    this.refresh();
  }
  db;
  byId = /* @__PURE__ */ new Map();
  byKey = /* @__PURE__ */ new Map();
  nextId = 1;
  read;
  /** Reads the shapes written since (another connection's writer may have added some). */
  refresh() {
    let last = 0;
    for (const id2 of this.byId.keys()) last = Math.max(last, id2);
    for (const r of this.read.all(last)) this.remember(r.id, [r.measurand, r.phase, r.unit, r.context, r.location, r.format]);
  }
  remember(id2, s) {
    this.byId.set(id2, s);
    this.byKey.set(keyOf(s), id2);
    this.nextId = Math.max(this.nextId, id2 + 1);
  }
  /** The id of a shape; `created` is called with a new one (to be written before what refers to it). */
  idOf(s, created) {
    const key2 = keyOf(s);
    const known = this.byKey.get(key2);
    if (known !== void 0) return known;
    const id2 = this.nextId;
    this.remember(id2, s);
    created(id2);
    return id2;
  }
  /** Ids handed out continue after `id` (the journal left at start may hold shapes SQLite has not). */
  reserveUpTo(id2) {
    this.nextId = Math.max(this.nextId, id2 + 1);
  }
  get(id2) {
    let s = this.byId.get(id2);
    if (!s) {
      this.refresh();
      s = this.byId.get(id2);
    }
    return s ?? ["Energy.Active.Import.Register", null, "Wh", "Sample.Periodic", null, "Raw"];
  }
};
function unpackReadings(rows, shapes, limit2) {
  const out = [];
  for (const r of rows) {
    const packed = JSON.parse(r.samples);
    const timestamp = unpackTime(r.timestamp);
    for (let i = packed.length - 2; i >= 0 && out.length < limit2; i -= 2) {
      const ref = packed[i];
      const [measurand, phase, unit, context, location, format] = typeof ref === "number" ? shapes.get(ref) : ref;
      out.push({
        id: r.id * SAMPLES_PER_ROW + i / 2,
        chargerId: r.charger_id,
        connectorId: r.connector_id,
        transactionId: r.transaction_id,
        timestamp,
        value: packed[i + 1],
        measurand,
        phase,
        unit,
        context,
        location,
        format
      });
    }
    if (out.length >= limit2) break;
  }
  return out;
}
function meterValuesOf2(db, shapes, q) {
  const limit2 = q.limit ?? 1e3;
  const max = Number.MAX_SAFE_INTEGER;
  let rows;
  if (q.transactionId !== void 0) {
    const inRange = db.prepare("SELECT * FROM meter_values WHERE id BETWEEN ? AND ? AND transaction_id = ? ORDER BY id DESC LIMIT ?");
    rows = byChunks(db, "meter/transaction", String(q.transactionId), max, limit2, (a, b, n) => inRange.all(a, b, q.transactionId, n));
    if (q.chargerId) rows = rows.filter((r) => r.charger_id === q.chargerId);
  } else if (q.chargerId) {
    const connector = q.connectorId !== void 0 ? "AND connector_id = ?" : "";
    const extra = q.connectorId !== void 0 ? [q.connectorId] : [];
    const inRange = db.prepare(`SELECT * FROM meter_values WHERE id BETWEEN ? AND ? AND charger_id = ? ${connector} ORDER BY id DESC LIMIT ?`);
    rows = byChunks(db, "meter/charger", q.chargerId, max, limit2, (a, b, n) => inRange.all(a, b, q.chargerId, ...extra, n));
  } else {
    rows = db.prepare("SELECT * FROM meter_values ORDER BY id DESC LIMIT ?").all(limit2);
  }
  return unpackReadings(rows, shapes, limit2);
}
var MeterValuesRepository = class {
  /** `highestShapeInJournal`: the highest shape id the journal left at start holds (it may be ahead of SQLite). */
  constructor(store2, highestShapeInJournal = 0) {
    this.store = store2;
    this.shapes = new MeterShapes(store2.db);
    this.shapes.reserveUpTo(highestShapeInJournal);
  }
  store;
  shapes;
  /** Stores sampled values with the spec's defaults filled in, a row per reading; returns them as stored. */
  add(chargerId, connectorId, transactionId, values, at) {
    const rows = [];
    for (const mv of values) {
      let packed = [];
      const timestamp = packTime(mv.timestamp);
      const flush = () => {
        if (packed.length) this.store.write("meterReading", [chargerId, connectorId, transactionId, timestamp, at, JSON.stringify(packed)]);
        packed = [];
      };
      for (const s of mv.sampledValue) {
        const r = {
          chargerId,
          connectorId,
          transactionId,
          timestamp: mv.timestamp,
          value: s.value,
          measurand: s.measurand ?? "Energy.Active.Import.Register",
          phase: s.phase ?? null,
          unit: s.unit ?? (s.measurand === void 0 || s.measurand.startsWith("Energy") ? "Wh" : null),
          context: s.context ?? "Sample.Periodic",
          location: s.location ?? null,
          format: s.format ?? "Raw"
        };
        rows.push(r);
        const shape = [r.measurand, r.phase, r.unit, r.context, r.location, r.format];
        const id2 = this.shapes.idOf(shape, (created) => this.store.write("meterShape", [created, ...shape]));
        packed.push(id2, r.value);
        if (packed.length >= 2 * SAMPLES_PER_ROW) flush();
      }
      flush();
    }
    return rows;
  }
  /** Meter values, newest first: of a transaction, or of a charger (optionally one connector). */
  of(q) {
    return meterValuesOf2(this.store.db, this.shapes, q);
  }
  /** `of` on the reader thread (a transaction's 100,000 values do not hold the chargers' answers). */
  read(q) {
    return this.store.reader.query("meterValues", q);
  }
};

// src/main/store/repositories/message-log.ts
function toMessage(r) {
  return { id: r.id, ts: r.ts, chargerId: r.charger_id, direction: r.direction, kind: r.kind, messageId: r.message_id, action: r.action, raw: r.raw, error: r.error };
}

// src/main/json-text.ts
var JsonText = class {
  constructor(bytes) {
    this.bytes = bytes;
  }
  bytes;
  /** The value itself, for callers in this process that want it (parsed on each call). */
  value() {
    return JSON.parse(Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString("utf8"));
  }
  /** Inside a larger answer, JSON.stringify still gives the value. */
  toJSON() {
    return this.value();
  }
};
function valueOf(result) {
  return result instanceof JsonText ? result.value() : result;
}

// src/main/store/repositories/messages.ts
var messageWrites = {
  message: "INSERT INTO messages (ts, charger_id, direction, kind, message_id, action, raw, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  // Retention: the time test guards against a clock that went backwards within the id range.
  pruneMessages: "DELETE FROM messages WHERE id BETWEEN ? AND ? AND ts < ?"
};
var messageChunkers = {
  message: [
    ["message/charger", [1]],
    ["message/action", [5]]
  ]
};
function listMessages(db, q) {
  const limit2 = q.limit ?? 100;
  const before = q.beforeId ?? Number.MAX_SAFE_INTEGER;
  const actionFilter = q.action ? "AND action = ?" : "";
  const extra = q.action ? [q.action] : [];
  if (!q.chargerId) return db.prepare(`SELECT * FROM messages WHERE id < ? ${actionFilter} ORDER BY id DESC LIMIT ?`).all(before, ...extra, limit2).map(toMessage);
  const inRange = db.prepare(`SELECT * FROM messages WHERE id BETWEEN ? AND ? AND charger_id = ? ${actionFilter} ORDER BY id DESC LIMIT ?`);
  return byChunks(db, "message/charger", q.chargerId, before, limit2, (first, last, n) => inRange.all(first, last, q.chargerId, ...extra, n)).map(toMessage);
}
var MessagesRepository = class {
  constructor(store2) {
    this.store = store2;
  }
  store;
  add(chargerId, rec, ts) {
    this.store.write("message", [ts, chargerId, rec.direction, rec.kind, rec.messageId, rec.action, rec.raw, rec.error]);
  }
  /** The message log, newest first, paged by id (optionally one charger's, one action's). */
  list(q = {}) {
    return listMessages(this.store.db, q);
  }
  /** `list` on the reader thread. */
  async read(q = {}) {
    return (await this.readJson(q)).value();
  }
  /** `read` as the JSON text the reader thread made (faces send it on without parsing it). */
  async readJson(q = {}) {
    return new JsonText(await this.store.reader.query("messagesList", q));
  }
  /** One page of the message log under a filter, newest first (the log screen's rows). */
  async page(q) {
    return (await this.pageJson(q)).value();
  }
  /** `page` as the JSON text the reader thread made. */
  async pageJson(q) {
    return new JsonText(await this.store.reader.query("messagesPage", q));
  }
  /** How many frames match a filter (see MessageLog.count on `cap`); maxId pins the view the count belongs to. */
  count(filter, opts = {}) {
    return this.store.reader.query("messagesCount", { filter, ...opts });
  }
  /** The frames of a filter up to `upToId` (the newest when absent), oldest first, in batches. */
  batches(filter, upToId) {
    return this.cursor({ filter, upToId });
  }
  /** An export of a filter's frames (as the log stands now), formatted on the reader thread, batch by batch. */
  exportText(filter, format) {
    return this.cursor({ filter, format });
  }
  /** A cursor on the reader thread, read ahead by one batch; closed there when left part-way. */
  async *cursor(args) {
    const reader3 = this.store.reader;
    const cursor = await reader3.query("batchesOpen", args);
    let done = false;
    try {
      let next = reader3.query("batchesNext", { cursor });
      for (; ; ) {
        const batch = await next;
        if (batch === null) break;
        next = reader3.query("batchesNext", { cursor });
        next.catch(() => {
        });
        yield batch;
      }
      done = true;
    } finally {
      if (!done) await reader3.query("batchesClose", { cursor }).catch(() => null);
    }
  }
};

// src/main/store/repositories/operations.ts
var operationWrites = {
  opStart: "INSERT INTO operations (id, charger_id, action, request, sent_at) VALUES (?, ?, ?, ?, ?)",
  opFinish: "UPDATE operations SET finished_at = ?, outcome = ?, response = ?, error = ? WHERE id = ?"
};
var OperationsRepository = class {
  constructor(store2, highestInJournal) {
    this.store = store2;
    const highest = store2.db.prepare("SELECT MAX(id) AS m FROM operations").get().m ?? 0;
    this.nextId = Math.max(highest, highestInJournal) + 1;
  }
  store;
  nextId;
  started(chargerId, action, request, ts) {
    const id2 = this.nextId++;
    this.store.write("opStart", [id2, chargerId, action, JSON.stringify(request), ts]);
    return id2;
  }
  finished(id2, ts, outcome, response, error) {
    this.store.write("opFinish", [ts, outcome, response === void 0 ? null : JSON.stringify(response), error === void 0 ? null : JSON.stringify(error), id2]);
  }
  /**
   * The answer of the charger's latest completed GetConfiguration (among its last `lookBack` operations)
   * that reported `key`; null when none did.
   */
  lastConfigurationWith(chargerId, key2, lookBack = 5e3) {
    const row = this.store.db.prepare(
      `SELECT response FROM (SELECT action, outcome, response FROM operations WHERE charger_id = ? ORDER BY id DESC LIMIT ?)
         WHERE action = 'GetConfiguration' AND outcome = 'completed' AND instr(response, ?) > 0 LIMIT 1`
    ).get(chargerId, lookBack, JSON.stringify(key2));
    return row ? JSON.parse(row.response) : null;
  }
  list(q = {}) {
    const db = this.store.db;
    const rows = q.chargerId ? db.prepare("SELECT * FROM operations WHERE charger_id = ? ORDER BY id DESC LIMIT ?").all(q.chargerId, q.limit ?? 100) : db.prepare("SELECT * FROM operations ORDER BY id DESC LIMIT ?").all(q.limit ?? 100);
    return rows.map((r) => ({
      id: r.id,
      chargerId: r.charger_id,
      action: r.action,
      request: JSON.parse(r.request),
      sentAt: r.sent_at,
      finishedAt: r.finished_at,
      outcome: r.outcome,
      response: r.response === null ? void 0 : JSON.parse(r.response),
      error: r.error === null ? void 0 : JSON.parse(r.error)
    }));
  }
};

// src/main/store/repositories/charger-events.ts
var chargerEventWrites = {
  event: "INSERT INTO charger_events (charger_id, ts, action, data) VALUES (?, ?, ?, ?)"
};
var ChargerEventsRepository = class {
  constructor(store2) {
    this.store = store2;
  }
  store;
  add(chargerId, action, data, ts) {
    this.store.write("event", [chargerId, ts, action, JSON.stringify(data)]);
  }
  list(q = {}) {
    const db = this.store.db;
    const rows = q.chargerId ? db.prepare("SELECT * FROM charger_events WHERE charger_id = ? ORDER BY id DESC LIMIT ?").all(q.chargerId, q.limit ?? 100) : db.prepare("SELECT * FROM charger_events ORDER BY id DESC LIMIT ?").all(q.limit ?? 100);
    return rows.map((r) => ({ id: r.id, chargerId: r.charger_id, ts: r.ts, action: r.action, data: JSON.parse(r.data) }));
  }
};

// src/main/store/repositories/connection-attempts.ts
var connectionAttemptWrites = {
  attempt: "INSERT INTO connection_attempts (ts, charger_id, remote_address, outcome, reason) VALUES (?, ?, ?, ?, ?)",
  pruneAttempts: "DELETE FROM connection_attempts WHERE id BETWEEN ? AND ? AND ts < ?"
};
var ConnectionAttemptsRepository = class {
  constructor(store2) {
    this.store = store2;
  }
  store;
  add(ts, chargerId, remoteAddress, outcome, reason) {
    this.store.write("attempt", [ts, chargerId, remoteAddress, outcome, reason]);
  }
  list(limit2 = 100) {
    return this.store.db.prepare("SELECT * FROM connection_attempts ORDER BY id DESC LIMIT ?").all(limit2).map((r) => ({
      id: r.id,
      ts: r.ts,
      chargerId: r.charger_id,
      remoteAddress: r.remote_address,
      outcome: r.outcome,
      reason: r.reason
    }));
  }
};

// src/main/store/repositories/id-tags.ts
var idTagWrites = {
  idTagPut: `INSERT INTO id_tags (id_tag, status, expiry_date, parent_id_tag) VALUES (?, ?, ?, ?)
    ON CONFLICT(id_tag) DO UPDATE SET status = excluded.status, expiry_date = excluded.expiry_date, parent_id_tag = excluded.parent_id_tag`,
  idTagsClear: "DELETE FROM id_tags",
  idTagDelete: "DELETE FROM id_tags WHERE id_tag = ?"
};
var IdTagsRepository = class {
  constructor(store2) {
    this.store = store2;
  }
  store;
  list() {
    return this.store.db.prepare("SELECT * FROM id_tags ORDER BY id_tag").all().map(toIdTag);
  }
  get(idTag3) {
    const r = this.store.db.prepare("SELECT * FROM id_tags WHERE id_tag = ?").get(idTag3);
    return r ? toIdTag(r) : null;
  }
  /** Adds or updates tags; with `replace`, the list becomes exactly `entries` (in one transaction). */
  async put(entries, replace) {
    this.store.mustBeWritable();
    if (replace) this.store.write("idTagsClear", []);
    for (const e of entries) this.store.write("idTagPut", [e.idTag, e.status, e.expiryDate ?? null, e.parentIdTag ?? null]);
    await this.store.settled();
  }
  async delete(idTag3) {
    this.store.mustBeWritable();
    const existed = this.get(idTag3) !== null;
    this.store.write("idTagDelete", [idTag3]);
    await this.store.settled();
    return existed;
  }
};
function toIdTag(r) {
  return { idTag: r.id_tag, status: r.status, expiryDate: r.expiry_date, parentIdTag: r.parent_id_tag };
}

// src/shared/api/settings.ts
import { z as z45 } from "zod";
var wholeSeconds = (min, max, what) => z45.int({ error: "must be a whole number of seconds" }).min(min, { error: `must be at least ${min} second${min === 1 ? "" : "s"}` }).max(max, { error: `must be at most ${max} seconds (${what})` });
var connections = () => z45.int({ error: "must be a whole number of connections" }).min(1, { error: "must be at least 1" }).max(1e6, { error: "must be at most 1000000" });
var Settings = z45.strictObject({
  /** Answer to BootNotification for chargers without a policy of their own. */
  defaultBootStatus: RegistrationStatus,
  /** Heartbeat interval (s) given in BootNotification. */
  heartbeatInterval: wholeSeconds(1, 86400, "one day"),
  /** acceptAll: unknown idTags are Accepted; localList: only tags in the list are. */
  authorization: z45.enum(["acceptAll", "localList"]),
  /** Seconds the bench waits for a charger's answer to an operation. */
  callTimeout: wholeSeconds(1, 3600, "one hour"),
  /** Security profile 1: when true, a charger without a bench password is refused (401) rather than let in without auth. */
  requirePassword: z45.boolean(),
  /** accept: any identity may connect; reject: only chargers registered on the bench (POST /api/chargers) may. */
  unknownChargers: z45.enum(["accept", "reject"]),
  /** The OCPP port the bench listens on from its next start (0: any free port); serve's --port overrides it. */
  ocppPort: z45.int({ error: "must be a whole number from 0 to 65535" }).min(0, { error: "must be from 0 to 65535 (0 picks any free port)" }).max(65535, { error: "must be at most 65535" }),
  /**
   * The port of the bench's FTP server, where chargers upload diagnostics and fetch firmware with
   * per-request credentials (0: any free port). It listens where the central system does; a change applies
   * at once.
   */
  ftpPort: z45.int({ error: "must be a whole number from 0 to 65535" }).min(0, { error: "must be from 0 to 65535 (0 picks any free port)" }).max(65535, { error: "must be at most 65535" }),
  /** Days of records kept (frames, meter values, connection attempts, status history); null or 0 keeps everything. */
  retentionDays: z45.int({ error: "must be a whole number of days" }).min(0, { error: "must be 0 or more days (0 keeps everything)" }).max(36500, { error: "must be at most 36500 days" }).nullable(),
  /**
   * Let a web page connect as a charger (a WebSocket upgrade carrying a browser's Origin header). Off:
   * any page open on this machine could otherwise act as a charger.
   */
  allowBrowserOrigins: z45.boolean(),
  /** OCPP connections held at once, handshakes included; more are refused. */
  maxConnections: connections(),
  /** OCPP connections from one address at once (this machine's own, 127.0.0.1 and ::1, excepted). */
  maxConnectionsPerAddress: connections()
});
var defaultSettings = {
  defaultBootStatus: "Accepted",
  heartbeatInterval: 300,
  authorization: "acceptAll",
  callTimeout: 30,
  requirePassword: false,
  unknownChargers: "accept",
  ocppPort: 9e3,
  // 21 needs administrator rights on most systems; 2121 is the usual unprivileged choice.
  ftpPort: 2121,
  retentionDays: null,
  allowBrowserOrigins: false,
  maxConnections: 1e4,
  maxConnectionsPerAddress: 200
};
var SettingsPatch = Settings.partial();

// src/main/store/repositories/settings.ts
var settingWrites = {
  setting: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
};
var SettingsRepository = class {
  constructor(store2) {
    this.store = store2;
  }
  store;
  get() {
    const rows = this.store.db.prepare("SELECT key, value FROM settings").all();
    const s = { ...defaultSettings };
    for (const r of rows) s[r.key] = JSON.parse(r.value);
    return s;
  }
  async save(patch) {
    this.store.mustBeWritable();
    for (const [k, v] of Object.entries(patch)) if (v !== void 0) this.store.write("setting", [k, JSON.stringify(v)]);
    await this.store.settled();
    return this.get();
  }
};

// src/main/store/repositories/virtual-chargers.ts
var virtualChargerWrites = {
  virtualChargerPut: `INSERT INTO virtual_chargers (id, created_at, definition, state) VALUES (?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET definition = excluded.definition, state = excluded.state`,
  virtualChargerState: "UPDATE virtual_chargers SET state = ? WHERE id = ?",
  virtualChargerDelete: "DELETE FROM virtual_chargers WHERE id = ?"
};
var VirtualChargersRepository = class {
  constructor(store2, secrets) {
    this.store = store2;
    this.secrets = secrets;
  }
  store;
  secrets;
  list() {
    const rows = this.store.db.prepare("SELECT id, created_at, definition, state FROM virtual_chargers ORDER BY created_at, id").all();
    return rows.map((r) => {
      const definition = JSON.parse(r.definition);
      const state = r.state ? JSON.parse(r.state) : null;
      const plain2 = this.hasPlain(definition, state);
      const read2 = { id: r.id, createdAt: r.created_at, definition: this.unseal(definition), state: state && this.unseal(state) };
      if (plain2) this.store.write("virtualChargerPut", [read2.id, read2.createdAt, this.sealed(read2.definition), read2.state === null ? null : this.sealed(read2.state)]);
      return read2;
    });
  }
  async save(id2, createdAt, definition, state) {
    this.store.mustBeWritable();
    this.store.write("virtualChargerPut", [id2, createdAt, this.sealed(definition), state === void 0 ? null : this.sealed(state)]);
    await this.store.settled();
  }
  saveState(id2, state) {
    this.store.write("virtualChargerState", [this.sealed(state), id2]);
  }
  async delete(id2) {
    this.store.mustBeWritable();
    this.store.write("virtualChargerDelete", [id2]);
    await this.store.settled();
  }
  /** The JSON stored for a definition or a state: its secrets encrypted. */
  sealed(value) {
    return JSON.stringify(this.mapSecrets(value, (s) => this.secrets.encrypt(s)));
  }
  unseal(value) {
    return this.mapSecrets(value, (s) => {
      try {
        return this.secrets.decrypt(s);
      } catch {
        return void 0;
      }
    });
  }
  hasPlain(definition, state) {
    const stored = [definition.password, state?.config?.AuthorizationKey].filter((s) => typeof s === "string" && s !== "");
    return stored.some((s) => !this.secrets.sealed(s));
  }
  /** The value with its secrets (a definition's password, a state's AuthorizationKey) mapped. */
  mapSecrets(value, f) {
    if (typeof value !== "object" || value === null) return value;
    let out = value;
    if (typeof value.password === "string" && value.password !== "") out = { ...out, password: f(value.password) };
    const key2 = value.config?.AuthorizationKey;
    if (typeof key2 === "string" && key2 !== "") out = { ...out, config: { ...value.config, AuthorizationKey: f(key2) ?? "" } };
    return out;
  }
};

// src/main/store/repositories/test-runs.ts
var testRunWrites = {
  testRunPut: `INSERT INTO test_runs (id, charger_id, suite, started_at, finished_at, state, summary, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET finished_at = excluded.finished_at, state = excluded.state, summary = excluded.summary, result = excluded.result`,
  testRunDelete: "DELETE FROM test_runs WHERE id = ?"
};
var TestRunsRepository = class {
  constructor(store2) {
    this.store = store2;
  }
  store;
  list(q = {}) {
    const rows = this.store.db.prepare(`SELECT id, charger_id, suite, started_at, finished_at, state, summary FROM test_runs ${q.chargerId ? "WHERE charger_id = ?" : ""} ORDER BY started_at DESC LIMIT ?`).all(...q.chargerId ? [q.chargerId] : [], q.limit ?? 200);
    return rows.map((r) => ({ id: r.id, chargerId: r.charger_id, suite: r.suite, startedAt: r.started_at, finishedAt: r.finished_at, state: r.state, summary: JSON.parse(r.summary) }));
  }
  get(id2) {
    const row = this.store.db.prepare("SELECT result FROM test_runs WHERE id = ?").get(id2);
    return row ? JSON.parse(row.result) : null;
  }
  /** Saves a run (again as it goes on); resolves once it is durable. */
  async save(run, suite = "octt16-cp") {
    this.store.mustBeWritable();
    this.store.write("testRunPut", [run.id, run.chargerId, suite, run.startedAt, run.finishedAt, run.state, JSON.stringify(run.summary), JSON.stringify(run)]);
    await this.store.settled();
  }
  async delete(id2) {
    this.store.mustBeWritable();
    this.store.write("testRunDelete", [id2]);
    await this.store.settled();
  }
};

// src/main/store/repositories/commissionings.ts
var commissioningWrites = {
  commissioningPut: `INSERT INTO commissionings (id, charger_id, site, location, state, verdict, created_at, updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET state = excluded.state, verdict = excluded.verdict, updated_at = excluded.updated_at, data = excluded.data`,
  commissioningPhotoPut: `INSERT INTO commissioning_photos (id, commissioning_id, name, content_type, bytes, sha256, caption, added_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, unhex(?))`,
  commissioningPhotoDelete: "DELETE FROM commissioning_photos WHERE id = ? AND commissioning_id = ?",
  commissioningTemplatePut: `INSERT INTO commissioning_templates (name, template, saved_at) VALUES (?, ?, ?)
    ON CONFLICT(name) DO UPDATE SET template = excluded.template, saved_at = excluded.saved_at`,
  commissioningTemplateDelete: "DELETE FROM commissioning_templates WHERE name = ?",
  commissioningSitePut: `INSERT INTO commissioning_sites (site, job, used_at) VALUES (?, ?, ?)
    ON CONFLICT(site) DO UPDATE SET job = excluded.job, used_at = excluded.used_at`
};
var listColumns = "id, charger_id, site, location, state, verdict, created_at, updated_at";
var asRow = (r) => ({
  id: r.id,
  chargerId: r.charger_id,
  site: r.site,
  location: r.location,
  state: r.state,
  verdict: r.verdict,
  createdAt: r.created_at,
  updatedAt: r.updated_at
});
var asPhoto = (r) => ({
  id: r.id,
  commissioningId: r.commissioning_id,
  name: r.name,
  contentType: r.content_type,
  bytes: r.bytes,
  sha256: r.sha256,
  caption: r.caption,
  addedAt: r.added_at
});
var CommissioningsRepository = class {
  constructor(store2) {
    this.store = store2;
  }
  store;
  /** Commissionings, newest first, of one site or charger, or all. */
  list(q = {}) {
    const where = [];
    const params = [];
    if (q.site !== void 0) where.push("site = ?") && params.push(q.site);
    if (q.chargerId !== void 0) where.push("charger_id = ?") && params.push(q.chargerId);
    const rows = this.store.db.prepare(`SELECT ${listColumns} FROM commissionings ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at DESC, id DESC LIMIT ?`).all(...params, q.limit ?? 500);
    return rows.map(asRow);
  }
  /** The whole commissioning as saved, or null. */
  get(id2) {
    const row = this.store.db.prepare("SELECT data FROM commissionings WHERE id = ?").get(id2);
    return row ? JSON.parse(row.data) : null;
  }
  /** Saves a commissioning (again as it changes); resolves once it is durable. */
  async save(c, data) {
    await this.durably("commissioningPut", [c.id, c.chargerId, c.site, c.location, c.state, c.verdict, c.createdAt, c.updatedAt, JSON.stringify(data)]);
  }
  photos(commissioningId) {
    const rows = this.store.db.prepare("SELECT id, commissioning_id, name, content_type, bytes, sha256, caption, added_at FROM commissioning_photos WHERE commissioning_id = ? ORDER BY added_at, rowid").all(commissioningId);
    return rows.map(asPhoto);
  }
  /** A photo's bytes, or null. */
  photoData(commissioningId, photoId) {
    const row = this.store.db.prepare("SELECT content_type, data FROM commissioning_photos WHERE id = ? AND commissioning_id = ?").get(photoId, commissioningId);
    return row ? { contentType: row.content_type, data: row.data } : null;
  }
  async addPhoto(p, data) {
    await this.durably("commissioningPhotoPut", [p.id, p.commissioningId, p.name, p.contentType, p.bytes, p.sha256, p.caption, p.addedAt, Buffer.from(data).toString("hex")]);
  }
  async removePhoto(commissioningId, photoId) {
    await this.durably("commissioningPhotoDelete", [photoId, commissioningId]);
  }
  /**
   * One write, resolved once it is in the record: refused (503, saying why) when nothing can be recorded,
   * and when this very write could not be made durable (the disk filled as it was written; it is kept and
   * written once space returns, but the person is told it is not saved yet).
   */
  async durably(name, params) {
    this.store.mustBeWritable();
    this.store.write(name, params);
    await this.store.settled();
    this.store.mustBeWritable();
  }
  /** The user's saved templates, by name. */
  templates() {
    return this.store.db.prepare("SELECT template FROM commissioning_templates ORDER BY name").all().map((r) => JSON.parse(r.template));
  }
  async saveTemplate(name, template) {
    await this.durably("commissioningTemplatePut", [name, JSON.stringify(template), new Date(this.store.clock.now()).toISOString()]);
  }
  /** Deletes a saved template; false when there was none of that name. */
  async deleteTemplate(name) {
    const had = this.store.db.prepare("SELECT 1 FROM commissioning_templates WHERE name = ?").get(name) !== void 0;
    if (!had) return false;
    await this.durably("commissioningTemplateDelete", [name]);
    return true;
  }
  /** The job last used at each site, newest first. */
  sites() {
    return this.store.db.prepare("SELECT job FROM commissioning_sites ORDER BY used_at DESC, site").all().map((r) => JSON.parse(r.job));
  }
  async saveSite(site, job, at) {
    await this.durably("commissioningSitePut", [site, JSON.stringify(job), at]);
  }
};

// src/main/store/record.ts
var writes = {
  ...chargerWrites,
  ...connectorWrites,
  ...transactionWrites,
  ...meterValueWrites,
  ...messageWrites,
  ...operationWrites,
  ...chargerEventWrites,
  ...connectionAttemptWrites,
  ...idTagWrites,
  ...settingWrites,
  ...virtualChargerWrites,
  ...testRunWrites,
  ...commissioningWrites,
  ...retentionWrites
};
var chunkers = { ...messageChunkers, ...meterValueChunkers };
var LEGACY_ORDER = [
  "message",
  "chargerSeen",
  "chargerConnected",
  "heartbeat",
  "boot",
  "connector",
  "statusHistory",
  "txStart",
  "txStop",
  "meterValue",
  "event",
  "firmwareStatus",
  "diagnosticsStatus",
  "attempt",
  "opStart",
  "opFinish",
  "setting",
  "bootPolicy",
  "idTagPut",
  "idTagsClear",
  "idTagDelete",
  "allDisconnected",
  "chargerRegister",
  "chargerPassword",
  "chargerDelete",
  "chargerConnectorsDelete",
  "virtualChargerPut",
  "virtualChargerState",
  "virtualChargerDelete",
  "pruneMessages",
  "pruneMeterValues",
  "pruneChunks",
  "trimChunk",
  "txAbandon",
  "txStopFlagged",
  "pruneAttempts",
  "pruneStatusHistory",
  "pruneChargers",
  "pruneOrphanConnectors"
];
function recordProblemText(problem, dataDir) {
  if (!problem) return `Recording normally in ${dataDir}.`;
  switch (problem.kind) {
    case "diskFull":
      return `No space left on the disk holding the data directory ${dataDir}. The bench cannot record, so it answers chargers with InternalError and takes no new work; nothing it answered before is lost. Free disk space there (at least 100 MB): recording resumes by itself, no restart needed.`;
    case "journalFailed":
      return `The bench cannot write its journal in ${dataDir} (${problem.error}). It answers chargers with InternalError and takes no new work until it can; nothing it answered before is lost. Check that the directory is writable; recording resumes by itself.`;
    case "recordStalled":
      return `SQLite cannot take new records in ${dataDir} (${problem.code}: ${problem.error}). Everything answered is safe in the journal and goes into the record by itself once SQLite can write again.`;
    case "writerRestarting":
      return `The record's writer thread stopped and is being started again (${problem.error}). Everything answered is safe in the journal.`;
  }
}
var BenchRecord = class _BenchRecord {
  constructor(db, writer, reader3, lock2, dataDir, secrets, clock) {
    this.db = db;
    this.writer = writer;
    this.reader = reader3;
    this.lock = lock2;
    this.dataDir = dataDir;
    this.store = {
      db,
      reader: reader3,
      write: (name, params) => writer.write(name, params),
      settled: () => writer.settled(),
      mustBeWritable: () => {
        if (!writer.writable) throw new BenchError(503, recordProblemText(writer.currentProblem, dataDir));
      },
      clock
    };
    this.chargers = new ChargersRepository(this.store, secrets);
    this.connectors = new ConnectorsRepository(this.store);
    this.transactions = new TransactionsRepository(this.store, writer.maxLeftover("txStart", 0));
    this.operations = new OperationsRepository(this.store, writer.maxLeftover("opStart", 0));
    this.meterValues = new MeterValuesRepository(this.store, writer.maxLeftover("meterShape", 0));
    writer.dropLeftover();
    this.messages = new MessagesRepository(this.store);
    this.events = new ChargerEventsRepository(this.store);
    this.connectionAttempts = new ConnectionAttemptsRepository(this.store);
    this.idTags = new IdTagsRepository(this.store);
    this.settings = new SettingsRepository(this.store);
    this.virtualChargers = new VirtualChargersRepository(this.store, secrets);
    this.testRuns = new TestRunsRepository(this.store);
    this.commissionings = new CommissioningsRepository(this.store);
    writer.beforeBatch = () => this.chargers.flushSeen();
  }
  db;
  writer;
  reader;
  lock;
  dataDir;
  chargers;
  connectors;
  transactions;
  meterValues;
  messages;
  operations;
  events;
  connectionAttempts;
  idTags;
  settings;
  virtualChargers;
  testRuns;
  commissionings;
  store;
  /** Opens the record in `dataDir`: its lock, migrations, then whatever a killed process left in the journal. */
  static async open(dataDir, options = {}) {
    ensureDataDir(dataDir);
    const lock2 = DataDirLock.acquire(dataDir, options.face ?? "another ChargeBench", options.nativeBinding);
    let db;
    try {
      db = openDatabase(dataDir, options);
    } catch (e) {
      lock2.release();
      throw e;
    }
    const writer = new GroupCommitWriter(databaseFile(dataDir), dataDir, ingestedSeq(db), writes, chunkers, options, LEGACY_ORDER);
    await writer.settled();
    const reader3 = new RecordReader({ file: databaseFile(dataDir), nativeBinding: options.nativeBinding });
    return new _BenchRecord(db, writer, reader3, lock2, dataDir, options.secrets ?? plainSecrets, options.clock ?? systemClock);
  }
  /** What the journal said at start (damage moved aside, gaps), in words. */
  get notices() {
    return this.writer.notices;
  }
  /** Whether the bench can record now; while false, nothing new should be taken on. */
  get writable() {
    return this.writer.writable;
  }
  /** What keeps the record from being written, if anything. */
  get problem() {
    return this.writer.currentProblem;
  }
  /** A frame to or from a charger: into the message log, and the charger was seen now. */
  logFrame(chargerId, frame, ts) {
    this.messages.add(chargerId, frame, ts);
    this.chargers.touch(chargerId, ts);
  }
  /** Resolves once every write queued so far is committed. */
  settled() {
    return this.writer.settled();
  }
  async close() {
    this.chargers.flushSeen(true);
    await this.reader.close();
    await this.writer.close();
    this.db.close();
    this.lock.release();
  }
  /**
   * Deletes what the bench recorded before `cutoff` (ISO time): frames and meter values (the sparse index
   * trimmed to match), connection attempts, status history, and chargers never registered that were last
   * seen before it (with no transactions). Transactions, operations and registered chargers stay.
   * `stop` ends it early between batches.
   */
  async pruneBefore(cutoff, opts = {}) {
    await this.settled();
    await pruneLog(this.store, "messages", "ts", "pruneMessages", "message/", cutoff, opts);
    await pruneLog(this.store, "meter_values", "received_at", "pruneMeterValues", "meter/", cutoff, opts);
    await pruneRows(this.store, "connection_attempts", "ts", "pruneAttempts", cutoff, opts);
    await pruneRows(this.store, "status_history", "received_at", "pruneStatusHistory", cutoff, opts);
    if (opts.stop?.()) return;
    this.chargers.prune(cutoff);
    await this.settled();
  }
};

// src/main/central-system/authorizer.ts
var RECENT_KEPT = 1e4;
var Authorizer = class {
  constructor(record, settings, clock = systemClock) {
    this.record = record;
    this.settings = settings;
    this.clock = clock;
    this.reloadTags();
    for (const tx of record.transactions.list({ active: true, limit: 1e5 })) this.open.set(tx.transactionId, tx);
  }
  record;
  settings;
  clock;
  tags = /* @__PURE__ */ new Map();
  /** Open transactions, accepted or not (a charger may still stop a rejected one). */
  open = /* @__PURE__ */ new Map();
  /** Recently stopped transactions and their charger, oldest first. */
  recent = /* @__PURE__ */ new Map();
  reloadTags() {
    this.tags = new Map(this.record.idTags.list().map((t) => [t.idTag, t]));
  }
  authorize(idTag3, now = this.clock.now()) {
    const entry2 = this.tags.get(idTag3);
    if (!entry2) return { status: this.settings().authorization === "acceptAll" ? "Accepted" : "Invalid" };
    const info = { status: entry2.status };
    if (entry2.expiryDate) {
      info.expiryDate = entry2.expiryDate;
      if (entry2.status === "Accepted" && Date.parse(entry2.expiryDate) <= now) info.status = "Expired";
    }
    if (entry2.parentIdTag) info.parentIdTag = entry2.parentIdTag;
    return info;
  }
  /** The running, accepted transaction of an idTag, if any. */
  activeTransactionOf(idTag3) {
    for (const tx of this.open.values()) if (tx.idTag === idTag3 && tx.authStatus === "Accepted") return tx;
    return void 0;
  }
  transactionStarted(tx) {
    this.open.set(tx.transactionId, tx);
  }
  /** The running transaction with this id, if any. */
  openTransaction(id2) {
    return this.open.get(id2);
  }
  transactionStopped(id2) {
    const tx = this.open.get(id2);
    if (!tx) return void 0;
    this.open.delete(id2);
    this.remember(id2, tx.chargerId);
    return tx;
  }
  /** The charger a transaction belongs to, running or stopped; null when the bench never gave out that id. */
  ownerOf(id2) {
    const running = this.open.get(id2);
    if (running) return running.chargerId;
    const known = this.recent.get(id2);
    if (known !== void 0) return known;
    const tx = this.record.transactions.get(id2);
    if (tx) this.remember(id2, tx.chargerId);
    return tx?.chargerId ?? null;
  }
  remember(id2, chargerId) {
    this.recent.set(id2, chargerId);
    if (this.recent.size > RECENT_KEPT) this.recent.delete(this.recent.keys().next().value);
  }
};

// src/shared/api/commands.ts
import { z as z46 } from "zod";
var AuthorizationKey = z46.string({ error: "must be a string of 16 to 40 printable ASCII characters (the charger's AuthorizationKey)" }).min(16, { error: "must be at least 16 characters (the security whitepaper's minimum for an AuthorizationKey)" }).max(40, { error: "must be at most 40 characters" }).regex(/^[\x20-\x7e]*$/, { error: "must be printable ASCII only (letters, digits, punctuation, space)" });
var ChargePointIdentity = z46.string({ error: "must be a string: the charge point identity" }).min(1, { error: "must not be empty" }).max(48, { error: "must be at most 48 characters (the security whitepaper's limit for a charge point identity)" }).regex(/^[^\p{C}\p{Zl}\p{Zp}]*$/u, { error: "must be printable characters only (no control characters such as line breaks, escapes or NUL)" });
var ChargerPatch = z46.strictObject({
  /** null: use the bench default. */
  bootPolicy: RegistrationStatus.nullable().optional(),
  /** null: no password (the charger connects without auth unless requirePassword is on). */
  password: AuthorizationKey.nullable().optional()
});
var ChargerRegistration = z46.strictObject({
  id: ChargePointIdentity,
  password: AuthorizationKey.nullable().optional(),
  bootPolicy: RegistrationStatus.nullable().optional()
});
var IdTagEntrySchema = z46.strictObject({
  idTag: z46.string().min(1, { error: "must not be empty" }).max(20, { error: "must be at most 20 characters (the OCPP 1.6 limit of an IdToken)" }),
  status: AuthorizationStatus,
  expiryDate: DateTime.nullable().optional(),
  parentIdTag: z46.string().max(20, { error: "must be at most 20 characters (the OCPP 1.6 limit of an IdToken)" }).nullable().optional()
});
var IdTagList = z46.array(IdTagEntrySchema).max(1e5);
var limit = (max) => z46.coerce.number().int().min(1).max(max).optional();
var id = z46.coerce.number().int().min(1).optional();
var MessagesQuery = z46.strictObject({ chargerId: z46.string().optional(), action: z46.string().optional(), limit: limit(1e4), beforeId: id });
var TransactionsQuery = z46.strictObject({ chargerId: z46.string().optional(), active: z46.enum(["true", "false"]).optional(), limit: limit(1e4) });
var MeterValuesQuery = z46.strictObject({ transactionId: id, connectorId: z46.coerce.number().int().min(0).optional(), limit: limit(1e5) });
var ListQuery = z46.strictObject({ chargerId: z46.string().optional(), limit: limit(1e4) });

// src/main/rpc/basic-auth.ts
import { createHash as createHash4, timingSafeEqual } from "node:crypto";
function parseBasicAuth(header, identity) {
  if (header === void 0 || header.trim() === "") return { kind: "none" };
  const m = /^\s*basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!m) return /^\s*basic(\s|$)/i.test(header) ? { kind: "malformed" } : { kind: "notBasic" };
  const decoded = Buffer.from(m[1], "base64");
  const prefix = Buffer.from(`${identity}:`, "utf8");
  if (decoded.length >= prefix.length && decoded.subarray(0, prefix.length).equals(prefix)) return { kind: "password", password: decoded.subarray(prefix.length) };
  const colon = decoded.indexOf(58);
  if (colon < 0) return { kind: "malformed" };
  const user = decoded.subarray(0, colon).toString("utf8");
  return { kind: "otherUser", user: user.length > 60 ? `${user.slice(0, 60)}\u2026` : user };
}
function samePassword(sent, expected) {
  const a = createHash4("sha256").update(sent).digest();
  const b = createHash4("sha256").update(expected, "utf8").digest();
  const asText = timingSafeEqual(a, b);
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(expected)) return asText;
  const c = createHash4("sha256").update(Buffer.from(expected, "hex")).digest();
  return timingSafeEqual(a, c) || asText;
}

// src/main/central-system/admission.ts
var OCPP_SUBPROTOCOL = "ocpp1.6";
var MAX_IDENTITY_LENGTH = 48;
var AUTH_REALM = "ChargeBench";
function admit(req, registry, settings, refusedFor = () => null) {
  const refuse = (status, reason, chargerId2 = null, headers) => ({ admitted: false, status, reason, chargerId: chargerId2, headers });
  let chargerId;
  try {
    const path = new URL(req.url ?? "/", "http://bench").pathname;
    chargerId = decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
  } catch {
    return refuse(400, `Bad URL: the path ${JSON.stringify(String(req.url).slice(0, 80))} is not valid. Give the charger ws://<host>:<port>/ocpp/<chargePointId>`);
  }
  if (!chargerId) return refuse(400, "Missing identity: the URL has no charge point identity at its end. Give the charger ws://<host>:<port>/ocpp/<chargePointId>");
  if (chargerId.length > MAX_IDENTITY_LENGTH)
    return refuse(
      400,
      `Identity too long: the charge point identity is ${chargerId.length} characters; OCPP allows at most ${MAX_IDENTITY_LENGTH}. Give the charger a shorter id`,
      chargerId.slice(0, 60)
    );
  if (!ChargePointIdentity.safeParse(chargerId).success) {
    return refuse(
      400,
      `Unprintable identity: the charge point identity ${JSON.stringify(chargerId)} holds control characters (line breaks, escapes, NUL). Give the charger an id of printable characters`
    );
  }
  const seconds = refusedFor(chargerId);
  if (seconds !== null) {
    return refuse(
      503,
      `Bench offline on purpose: the bench refuses ${chargerId} for ${seconds} more s (bench behaviour, to test how the charger copes with an unreachable central system)`,
      chargerId,
      { "Retry-After": String(seconds) }
    );
  }
  const origin = req.headers.origin;
  if (origin !== void 0 && !settings.allowBrowserOrigins) {
    return refuse(
      403,
      `Browser page refused: a web page (Origin ${JSON.stringify(origin.slice(0, 100))}) tried to connect as charger ${chargerId}. Chargers send no Origin; a page open on this machine is not let in, so it cannot pose as a charger. To test a browser-based charger simulator, allow browser pages in Settings`,
      chargerId
    );
  }
  const offered = (req.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  if (!offered.includes(OCPP_SUBPROTOCOL)) {
    const what = offered.length ? `offered subprotocol ${offered.map((p) => JSON.stringify(p.slice(0, 40))).join(", ")}` : "offered no WebSocket subprotocol";
    return refuse(
      400,
      `Wrong OCPP version: ${chargerId} ${what}, but ChargeBench speaks OCPP 1.6J only (subprotocol "${OCPP_SUBPROTOCOL}"). Set the charger's OCPP version to 1.6 JSON (OCPP-J)`,
      chargerId
    );
  }
  const auth = securityProfile1(chargerId, req.headers.authorization, registry, settings);
  if (auth.status !== null) return refuse(auth.status, auth.reason, chargerId, auth.status === 401 ? { "WWW-Authenticate": `Basic realm="${AUTH_REALM}"` } : void 0);
  return { admitted: true, chargerId, note: auth.note };
}
function securityProfile1(chargerId, authorization, registry, settings) {
  if (settings.unknownChargers === "reject" && !registry.isRegistered(chargerId)) {
    return {
      status: 403,
      reason: `Unknown charger: ${chargerId} is not registered on this bench, and unknown chargers are refused. Register it (Chargers screen, Register charger; or POST /api/chargers), or let unknown chargers connect in Settings`
    };
  }
  const expected = registry.passwordOf(chargerId);
  if (expected === "unreadable") {
    return {
      status: 401,
      reason: `Password unreadable: the password stored for ${chargerId} was encrypted for another user or computer and cannot be read here. Set it again (its settings on the Chargers screen)`
    };
  }
  const sent = parseBasicAuth(authorization, chargerId);
  if (expected === void 0) {
    if (settings.requirePassword) {
      return {
        status: 401,
        reason: `No password set: ${chargerId} has no password on this bench, and the bench requires one (security profile 1). Set a password for it on the bench (its settings on the Chargers screen, or POST /api/chargers) and the same as the charger's AuthorizationKey, or stop requiring passwords in Settings`
      };
    }
    return {
      status: null,
      note: sent.kind === "none" ? null : `Password not checked: ${chargerId} sent one, but the bench has no password for it, so nothing was checked (security profile 1 is off for this charger until you set one)`
    };
  }
  switch (sent.kind) {
    case "none":
      return {
        status: 401,
        reason: `Password missing: ${chargerId} sent no password, but the bench has one set for it (security profile 1). Set the charger's AuthorizationKey to the bench password, and its security profile to 1`
      };
    case "notBasic":
      return {
        status: 401,
        reason: `Wrong kind of login: ${chargerId} sent an Authorization header that is not HTTP Basic. Security profile 1 needs Basic auth with the charge point identity as user and the AuthorizationKey as password: check the charger's security profile setting`
      };
    case "malformed":
      return {
        status: 401,
        reason: `Unreadable password: ${chargerId} sent a malformed HTTP Basic Authorization header (not base64 of "<identity>:<password>"). Check the charger's security profile 1 settings`
      };
    case "otherUser":
      return {
        status: 401,
        reason: `Wrong user: ${chargerId} sent a password for user ${JSON.stringify(sent.user)}, but the user must be the charge point identity (security profile 1). Check the identity the charger logs in with`
      };
    case "password":
      return samePassword(sent.password, expected) ? { status: null, note: null } : { status: 401, reason: `Wrong password: the charger's AuthorizationKey does not match the password set for ${chargerId} on this bench (security profile 1). Set the same password on both` };
  }
}

// src/main/central-system/behaviour.ts
var BehaviourRegistry = class {
  constructor(clock, onChange) {
    this.clock = clock;
    this.onChange = onChange;
  }
  clock;
  onChange;
  entries = /* @__PURE__ */ new Map();
  /** The standing behaviour and how long the charger is still refused, as the faces show it. */
  view(chargerId) {
    const until = this.refusedUntil(chargerId);
    return { chargerId, behaviour: this.standing(chargerId), refusedUntil: until === null ? null : new Date(until).toISOString() };
  }
  /** Runs a change and tells of it when the view changed. */
  changing(chargerId, change) {
    const before = this.onChange && JSON.stringify(this.view(chargerId));
    change();
    if (this.onChange && JSON.stringify(this.view(chargerId)) !== before) this.onChange(this.view(chargerId));
  }
  entry(chargerId) {
    let e = this.entries.get(chargerId);
    if (!e) this.entries.set(chargerId, e = { standing: {}, queue: [], refusedUntil: 0 });
    return e;
  }
  standing(chargerId) {
    return this.entries.get(chargerId)?.standing ?? {};
  }
  setStanding(chargerId, behaviour) {
    this.changing(chargerId, () => this.entry(chargerId).standing = behaviour);
  }
  /** Queues a one-shot answer for the next matching CALL. */
  queue(chargerId, answer2) {
    this.entry(chargerId).queue.push(answer2);
  }
  /** A test run answers idTags from its test data instead of the bench's list (null: back to the list). */
  setIdTags(chargerId, table) {
    if (table) this.entry(chargerId).idTags = table;
    else if (this.entries.has(chargerId)) delete this.entry(chargerId).idTags;
  }
  /** The run's answer for an idTag, when a run set a table. */
  idTagInfo(chargerId, idTag3) {
    const table = this.entries.get(chargerId)?.idTags;
    return table ? table.tags.get(idTag3) ?? table.otherwise : void 0;
  }
  /** Drops the one-shot answers still queued (a step is over; they must not answer a later one). */
  dropQueued(chargerId, answer2) {
    const e = this.entries.get(chargerId);
    if (!e) return;
    e.queue = answer2 ? e.queue.filter((q) => q !== answer2) : [];
  }
  /** Forgets the standing behaviour and the one-shot answers (a test case ends); a run's idTag table stays. */
  reset(chargerId) {
    const e = this.entries.get(chargerId);
    if (!e) return;
    this.changing(chargerId, () => {
      e.standing = {};
      e.queue = [];
      e.refusedUntil = 0;
    });
  }
  /** Forgets every one-shot answer and the standing behaviour (a test case ends). */
  clear(chargerId) {
    this.changing(chargerId, () => this.entries.delete(chargerId));
  }
  /** Refuses the charger's connections for `ms` from now (0: lets it in again). */
  refuseFor(chargerId, ms3) {
    this.changing(chargerId, () => this.entry(chargerId).refusedUntil = this.clock.now() + ms3);
  }
  /** Until when the charger is refused (epoch ms), or null. */
  refusedUntil(chargerId) {
    const until = this.entries.get(chargerId)?.refusedUntil ?? 0;
    return until > this.clock.now() ? until : null;
  }
  /** For how many more seconds the charger is refused, or null. */
  refusedSeconds(chargerId) {
    const until = this.refusedUntil(chargerId);
    return until === null ? null : Math.max(1, Math.ceil((until - this.clock.now()) / 1e3));
  }
  /** What to do with one CALL: a queued one-shot answer first, else the standing behaviour for its action. */
  policyFor(chargerId, action, payload) {
    const e = this.entries.get(chargerId);
    if (!e) return void 0;
    const i = e.queue.findIndex((q) => q.action === action && (q.matches?.(payload) ?? true));
    if (i >= 0) return e.queue.splice(i, 1)[0].policy;
    const m = e.standing.actions?.[action];
    if (!m) return void 0;
    if (m.mode === "withhold") return { withhold: true };
    if (m.mode === "delay") return { delayMs: m.delaySeconds * 1e3 };
    return { callError: { code: m.errorCode, description: `The bench answers ${action} with ${m.errorCode} on purpose (bench behaviour)` } };
  }
};
function mergeAnswer(base, patch) {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const b = out[k];
    out[k] = v !== null && typeof v === "object" && !Array.isArray(v) && b !== null && typeof b === "object" && !Array.isArray(b) ? mergeAnswer(b, v) : v;
  }
  return out;
}

// src/main/central-system/registry.ts
var ChargerRegistry = class {
  constructor(record) {
    this.record = record;
    for (const c of record.chargers.list()) {
      this.known.add(c.id);
      if (c.bootPolicy) this.bootPolicies.set(c.id, c.bootPolicy);
      if (c.registered) this.registered.add(c.id);
      if (c.virtual) this.virtual.add(c.id);
    }
    const { passwords, unreadable } = record.chargers.passwords();
    for (const [id2, password] of passwords) this.passwords.set(id2, password);
    for (const id2 of unreadable) this.unreadable.add(id2);
    if (unreadable.length) console.error(`chargebench: the passwords of ${unreadable.join(", ")} cannot be read on this machine (encrypted for another user or computer); set them again`);
  }
  record;
  bootPolicies = /* @__PURE__ */ new Map();
  /** Every charger in the record: those that ever connected and those registered ahead of time. */
  known = /* @__PURE__ */ new Set();
  /** Chargers registered through the API: the only ones let in when unknownChargers is 'reject'. */
  registered = /* @__PURE__ */ new Set();
  /** The bench's own virtual chargers. */
  virtual = /* @__PURE__ */ new Set();
  /** Security profile 1 passwords. Never leave this class but to be compared. */
  passwords = /* @__PURE__ */ new Map();
  /** Chargers whose stored password this machine cannot decrypt: refused until it is set again. */
  unreadable = /* @__PURE__ */ new Set();
  isKnown(chargerId) {
    return this.known.has(chargerId);
  }
  /** A charger the bench knows that is not one of its own virtual chargers. */
  isReal(chargerId) {
    return this.known.has(chargerId) && !this.virtual.has(chargerId);
  }
  isRegistered(chargerId) {
    return this.registered.has(chargerId);
  }
  hasPassword(chargerId) {
    return this.passwords.has(chargerId) || this.unreadable.has(chargerId);
  }
  /** The password to compare with, 'unreadable' when it cannot be decrypted here, or undefined when there is none. */
  passwordOf(chargerId) {
    return this.unreadable.has(chargerId) ? "unreadable" : this.passwords.get(chargerId);
  }
  bootPolicyOf(chargerId) {
    return this.bootPolicies.get(chargerId);
  }
  /** A charger connected: known from now on. */
  seen(chargerId) {
    this.known.add(chargerId);
  }
  mustKnow(chargerId) {
    if (!this.known.has(chargerId)) throw new BenchError(404, unknownChargerMessage(chargerId));
  }
  /**
   * Registers a charger ahead of its first connection (or marks a charger already seen as registered),
   * with its password and boot answer: undefined leaves them as they are, null clears them. Throws
   * BenchError 400 with the field for a bad identity or password.
   */
  async register(chargerId, opts = {}) {
    parse(ChargePointIdentity, chargerId, "id");
    if (opts.password != null) parse(AuthorizationKey, opts.password, "password");
    const created = !this.known.has(chargerId);
    await this.record.chargers.register(chargerId, opts);
    this.known.add(chargerId);
    this.registered.add(chargerId);
    if (opts.virtual) this.virtual.add(chargerId);
    if (opts.password !== void 0) this.rememberPassword(chargerId, opts.password);
    if (opts.bootPolicy) this.bootPolicies.set(chargerId, opts.bootPolicy);
    else if (opts.bootPolicy === null) this.bootPolicies.delete(chargerId);
    return { created };
  }
  async setBootPolicy(chargerId, policy) {
    this.mustKnow(chargerId);
    await this.record.chargers.setBootPolicy(chargerId, policy);
    if (policy) this.bootPolicies.set(chargerId, policy);
    else this.bootPolicies.delete(chargerId);
  }
  /**
   * Sets or (null) clears a charger's security profile 1 password. It applies from the charger's next
   * connection: one already open stays, as a charger reconnects by itself after its AuthorizationKey
   * changes.
   */
  async setPassword(chargerId, password) {
    this.mustKnow(chargerId);
    if (password !== null) parse(AuthorizationKey, password, "password");
    await this.record.chargers.setPassword(chargerId, password);
    this.rememberPassword(chargerId, password);
  }
  /** Forgets a charger (its logs stay); the caller checked it is not connected. */
  async delete(chargerId) {
    this.mustKnow(chargerId);
    await this.record.chargers.delete(chargerId);
    this.forget(chargerId);
  }
  /** After pruning: chargers no longer in the record are no longer known, except those in `keep`. */
  forgetAllBut(kept, keep) {
    for (const id2 of this.known) if (!kept.has(id2) && !keep(id2)) this.forget(id2);
  }
  forget(chargerId) {
    this.known.delete(chargerId);
    this.registered.delete(chargerId);
    this.virtual.delete(chargerId);
    this.passwords.delete(chargerId);
    this.unreadable.delete(chargerId);
    this.bootPolicies.delete(chargerId);
  }
  rememberPassword(chargerId, password) {
    this.unreadable.delete(chargerId);
    if (password === null) this.passwords.delete(chargerId);
    else this.passwords.set(chargerId, password);
  }
};
function unknownChargerMessage(chargerId) {
  return `No charger "${chargerId}" is known to this bench: it has never connected and is not registered (POST /api/chargers registers it)`;
}

// src/main/central-system/server.ts
import { createServer, STATUS_CODES } from "node:http";
import { readFileSync as readFileSync3 } from "node:fs";
import { WebSocketServer } from "ws";

// src/main/central-system/refusals.ts
var REFUSAL_WINDOW_MS = 1e4;
var MAX_TALLIED = 1e3;
var RefusalTally = class {
  constructor(record, clock = systemClock) {
    this.record = record;
    this.clock = clock;
  }
  record;
  clock;
  open = /* @__PURE__ */ new Map();
  timer = null;
  /** One refusal of `kind` from `address`, in words. */
  note(address, kind, reason) {
    const key2 = this.open.size >= MAX_TALLIED && !this.open.has(`${kind}|${address}`) ? `${kind}|other addresses` : `${kind}|${address}`;
    const tally = this.open.get(key2);
    if (tally) {
      tally.repeats++;
    } else {
      this.open.set(key2, { reason, repeats: 0 });
      this.record(address, reason);
    }
    this.timer ??= this.clock.after(REFUSAL_WINDOW_MS, () => this.flush(), { background: true });
  }
  /** Records the repeats gathered so far and starts a new window. */
  flush() {
    this.timer?.cancel();
    this.timer = null;
    for (const [key2, t] of this.open) {
      if (t.repeats === 0) continue;
      const address = key2.slice(key2.indexOf("|") + 1);
      this.record(address, `${t.repeats} more in the last ${REFUSAL_WINDOW_MS / 1e3} s from ${address}: ${t.reason}`);
    }
    this.open.clear();
  }
};

// src/main/central-system/server.ts
var HANDSHAKE_TIMEOUT_MS = 1e4;
var DEFAULT_MAX_PAYLOAD = 4 * 1024 * 1024;
var OcppServer = class {
  constructor(options, hooks, clock = systemClock) {
    this.options = options;
    this.hooks = hooks;
    this.refusals = new RefusalTally((address, reason) => hooks.refused(null, address, reason), clock);
  }
  options;
  hooks;
  server = null;
  wss = null;
  sockets = /* @__PURE__ */ new Set();
  perAddress = /* @__PURE__ */ new Map();
  /** Sockets still to complete a handshake, each with its deadline. */
  deadlines = /* @__PURE__ */ new Map();
  refusals;
  stats = { refusedOverCap: 0, incompleteHandshakes: 0 };
  async start() {
    const server = createServer((req, res) => {
      this.handshakeDone(req.socket);
      if (this.options.httpHandler?.(req, res)) return;
      res.writeHead(426, { "Content-Type": "text/plain" }).end("This is ChargeBench's OCPP 1.6J central system: connect with a WebSocket to ws://<host>:<port>/ocpp/<chargePointId> offering subprotocol ocpp1.6.\n");
    });
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.options.maxPayload ?? DEFAULT_MAX_PAYLOAD,
      handleProtocols: (protocols) => protocols.has(OCPP_SUBPROTOCOL) ? OCPP_SUBPROTOCOL : false
    });
    server.on("connection", (socket2) => this.onSocket(socket2));
    server.on("upgrade", (req, socket2, head) => {
      this.handshakeDone(socket2);
      this.onUpgrade(wss, req, socket2, head);
    });
    this.server = server;
    this.wss = wss;
    await new Promise((resolve6, reject) => {
      server.once("error", reject);
      server.listen(this.options.port ?? 9e3, this.options.host ?? "0.0.0.0", () => {
        server.off("error", reject);
        resolve6();
      });
    });
    return this.address();
  }
  address() {
    const a = this.server?.address();
    return { host: a?.address ?? this.options.host ?? "0.0.0.0", port: a?.port ?? this.options.port ?? 9e3 };
  }
  get openConnections() {
    return this.sockets.size;
  }
  async stop() {
    await new Promise((resolve6) => {
      if (!this.server) return resolve6();
      for (const ws of this.wss?.clients ?? []) ws.terminate();
      this.wss?.close();
      this.server.close(() => resolve6());
      this.server.closeAllConnections();
    });
    this.refusals.flush();
  }
  /**
   * Every TCP connection: refused at once beyond the caps (in total, and per address but for this
   * machine's own), and dropped if it has not completed a handshake by its deadline (a slowloris holds
   * sockets open by never finishing one, trickling a byte now and then so the socket is never idle).
   * Refusals are recorded, a burst as one line.
   */
  onSocket(socket2) {
    const address = socket2.remoteAddress ?? "unknown";
    const s = this.hooks.settings();
    const fromHere = this.options.exemptLoopback !== false && isLoopback(address);
    const cap = connectionCap(s.maxConnections);
    if (this.sockets.size >= cap.max || !fromHere && (this.perAddress.get(address) ?? 0) >= s.maxConnectionsPerAddress) {
      this.stats.refusedOverCap++;
      socket2.destroy();
      const which = this.sockets.size >= cap.max ? `the bench holds its maximum of ${cap.max} connections${cap.byFileLimit ? ` (the most this system's open-file limit of ${cap.byFileLimit} leaves room for)` : ""}` : `${address} already holds ${s.maxConnectionsPerAddress} connections, the most one address may`;
      this.refusals.note(address, "overCap", `Connection refused: ${which} (Settings: connection limits)`);
      return;
    }
    this.sockets.add(socket2);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    const timeoutMs = this.options.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS;
    this.deadlines.set(
      socket2,
      setTimeout(() => {
        this.deadlines.delete(socket2);
        this.stats.incompleteHandshakes++;
        this.refusals.note(address, "handshake", `Connection dropped: no complete WebSocket handshake within ${timeoutMs / 1e3} s`);
        socket2.destroy();
      }, timeoutMs)
    );
    socket2.once("close", () => {
      this.handshakeDone(socket2);
      this.sockets.delete(socket2);
      const n = (this.perAddress.get(address) ?? 1) - 1;
      if (n > 0) this.perAddress.set(address, n);
      else this.perAddress.delete(address);
    });
  }
  /** The socket completed a handshake (or an HTTP request) or closed: its deadline no longer applies. */
  handshakeDone(socket2) {
    const deadline = this.deadlines.get(socket2);
    if (deadline === void 0) return;
    clearTimeout(deadline);
    this.deadlines.delete(socket2);
  }
  onUpgrade(wss, req, socket2, head) {
    const decision = this.hooks.decide(req);
    if (!decision.admitted) {
      this.hooks.refused(decision.chargerId, req.socket.remoteAddress ?? null, decision.reason);
      const status = decision.status;
      const body = `${decision.reason}
`;
      const extra = Object.entries(decision.headers ?? {}).map(([k, v]) => `${k}: ${v}\r
`).join("");
      socket2.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Refused"}\r
${extra}Content-Type: text/plain; charset=utf-8\r
Content-Length: ${Buffer.byteLength(body)}\r
Connection: close\r
\r
${body}`
      );
      return;
    }
    wss.handleUpgrade(req, socket2, head, (ws) => this.hooks.accepted(ws, req, decision));
  }
};
function isLoopback(address) {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}
var FILE_RESERVE = 256;
function connectionCap(setting, fileLimit2 = openFileLimit()) {
  if (fileLimit2 === null || fileLimit2 - FILE_RESERVE >= setting) return { max: setting, byFileLimit: null };
  return { max: Math.max(1, fileLimit2 - FILE_RESERVE), byFileLimit: fileLimit2 };
}
var fileLimit;
function openFileLimit() {
  if (fileLimit !== void 0) return fileLimit;
  fileLimit = null;
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync3("/proc/self/limits", "utf8"));
    if (m && m[1] !== "unlimited") fileLimit = Number(m[1]);
  } catch {
  }
  return fileLimit;
}

// src/main/central-system/session.ts
import { WebSocket } from "ws";

// src/main/rpc/endpoint.ts
import { randomUUID as randomUUID2 } from "node:crypto";
var PayloadError = class extends Error {
  constructor(info) {
    super(info.description);
    this.info = info;
    this.name = "PayloadError";
  }
  info;
  get field() {
    return String(this.info.details?.field ?? "");
  }
};
var RpcEndpoint = class {
  constructor(options) {
    this.options = options;
    this.inbound = options.role === "CS" ? "CP" : "CS";
    this.callTimeoutMs = options.callTimeoutMs ?? 3e4;
    this.newMessageId = options.newMessageId ?? randomUUID2;
  }
  options;
  inbound;
  handling = /* @__PURE__ */ new Set();
  queue = [];
  current = null;
  closedReason = null;
  callTimeoutMs;
  newMessageId;
  /** Number of calls waiting behind the outstanding one. */
  get queuedCalls() {
    return this.queue.length;
  }
  /**
   * Sends a CALL and resolves with what happened. Throws PayloadError (nothing sent) when the payload
   * breaks the schema of the action. Calls made while another is outstanding wait their turn.
   */
  call(action, payload, opts = {}) {
    const def2 = actions[action];
    const checked = def2.request.safeParse(payload);
    if (!checked.success) throw new PayloadError(errorForIssues(checked.error.issues, payload));
    if (this.closedReason !== null) return Promise.resolve({ outcome: "offline", error: { description: this.closedReason } });
    return new Promise((resolve6) => {
      this.queue.push({ action, payload, messageId: "", resolve: resolve6, timeoutMs: opts.timeoutMs ?? this.callTimeoutMs });
      this.pump();
    });
  }
  /**
   * Feeds one frame received from the peer. Never throws: whatever goes wrong with one frame (ours or the
   * peer's) is recorded with the frame and, for a CALL whose id can be read, answered with a CALLERROR,
   * so no frame can end the connection or the process.
   */
  receive(data, isBinary = false) {
    const text = typeof data === "string" ? data : data.toString("utf8");
    try {
      this.receiveText(text, isBinary);
    } catch (e) {
      const messageId = readableCallId(text);
      const description = `Handling this frame failed inside the bench (${e?.message ?? String(e)}); the frame is recorded`;
      try {
        this.options.io.received({ direction: "in", kind: "INVALID", messageId, action: null, raw: clip(text), error: `InternalError: ${description}` });
        if (messageId !== null) this.sendError(messageId, { code: "InternalError", description }, null);
      } catch {
      }
    }
  }
  receiveText(text, isBinary) {
    const parsed = parseFrame(text);
    if (isBinary) {
      const messageId = parsed.ok ? parsed.messageId : parsed.messageId ?? null;
      const error = "OCPP-J frames must be WebSocket text frames; got a binary frame";
      this.options.io.received({ direction: "in", kind: "INVALID", messageId, action: parsed.ok && parsed.kind === "CALL" ? parsed.action : null, raw: clip(text), error });
      if (!parsed.ok ? parsed.reply : parsed.kind === "CALL")
        this.sendError(messageId ?? "-1", { code: "FormationViolation", description: error }, parsed.ok && parsed.kind === "CALL" ? parsed.action : null);
      return;
    }
    if (!parsed.ok) {
      this.options.io.received({
        direction: "in",
        kind: parsed.kind ?? "INVALID",
        messageId: parsed.messageId ?? null,
        action: parsed.action ?? null,
        raw: clip(text),
        error: `${parsed.error.code}: ${parsed.error.description}`
      });
      if (parsed.reply) this.sendError(parsed.messageId ?? "-1", { code: parsed.error.code, description: parsed.error.description }, parsed.action ?? null);
      if (this.current && parsed.kind !== "CALL" && this.answersCurrent(text, parsed.messageId)) {
        this.finish({ outcome: "invalidResponse", response: null, error: { code: parsed.error.code, description: `The answer was malformed: ${parsed.error.description}` } });
      }
      return;
    }
    if (parsed.kind === "CALL") return this.onCall(parsed.messageId, parsed.action, parsed.payload, text);
    const pending = this.current && this.current.messageId === parsed.messageId ? this.current : null;
    const action = pending ? pending.action : null;
    const deep = parsed.kind === "CALLERROR" ? nestsDeeperThan(parsed.error.details) : !pending && nestsDeeperThan(parsed.payload);
    const nested = deep ? nestingError(parsed.kind === "CALLERROR" ? "errorDetails" : "payload") : null;
    const record = (raw, error) => this.options.io.received({ direction: "in", kind: parsed.kind, messageId: parsed.messageId, action, raw, error });
    if (!pending) {
      record(clip(text), `No outstanding CALL has message id "${parsed.messageId}"; ignored${nested ? ` (${nested.description})` : ""}`);
      return;
    }
    if (parsed.kind === "CALLERROR") {
      record(clip(text), nested ? `${nested.code}: ${nested.description}` : null);
      this.finish({ outcome: "callError", error: nested ? { ...parsed.error, details: {} } : parsed.error });
      return;
    }
    const invalid = checkAgainst(actions[pending.action].response, parsed.payload);
    if (invalid) {
      record(clip(text), `${invalid.code}: ${invalid.description}`);
      this.finish({ outcome: "invalidResponse", response: invalid.code === "FormationViolation" && invalid.details?.issue === "nesting" ? null : parsed.payload, error: invalid });
      return;
    }
    record(text, null);
    this.finish({ outcome: "completed", response: parsed.payload });
  }
  /** Whether a frame that could not be parsed names the outstanding call's message id. */
  answersCurrent(text, messageId) {
    const id2 = this.current.messageId;
    if (messageId != null) return messageId === id2;
    return !/^\s*\[\s*2\s*,/.test(text) && text.includes(JSON.stringify(id2));
  }
  /**
   * Gives up the outstanding call with this id before it went out (it could not be recorded, so it was
   * not sent): it resolves as offline, and the next queued call goes.
   */
  cancelCall(messageId, description) {
    if (this.current?.messageId === messageId) this.finish({ outcome: "offline", error: { description } });
  }
  /** The connection is gone: every outstanding and queued call fails at once as offline. */
  close(reason = "The connection closed") {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    const waiting = this.current ? [this.current, ...this.queue] : [...this.queue];
    this.current = null;
    this.queue.length = 0;
    for (const call2 of waiting) {
      call2.timer?.cancel();
      call2.resolve({ outcome: "offline", error: { description: reason } });
    }
  }
  onCall(messageId, action, payload, raw) {
    const io = this.options.io;
    if (this.handling.has(messageId)) {
      const error2 = { code: "ProtocolError", description: `Message id "${messageId}" is already being handled; a duplicate CALL is refused, not processed twice` };
      io.received({ direction: "in", kind: "CALL", messageId, action, raw, error: `${error2.code}: ${error2.description}` });
      return this.sendError(messageId, error2, action);
    }
    let error;
    if (!isAction(action)) {
      error = { code: "NotImplemented", description: `"${action}" is not an OCPP 1.6 action` };
    } else if (actions[action].initiator !== this.inbound && actions[action].initiator !== "both") {
      error = { code: "NotSupported", description: `${action} is sent by the ${this.inbound === "CP" ? "central system" : "charge point"}, not to it` };
    } else {
      error = checkAgainst(actions[action].request, payload);
    }
    io.received({ direction: "in", kind: "CALL", messageId, action, raw: error ? clip(raw) : raw, error: error ? `${error.code}: ${error.description}` : null });
    if (error) return this.sendError(messageId, error, action);
    const handler = this.options.handlers[action];
    if (!handler) return this.sendError(messageId, { code: "NotSupported", description: `${action} is not supported here` }, action);
    this.handling.add(messageId);
    let result;
    try {
      result = handler(payload, messageId);
    } catch (e) {
      return this.answerFailure(messageId, action, e);
    }
    if (result instanceof Promise) {
      result.then(
        (r) => this.answer(messageId, action, r),
        (e) => this.answerFailure(messageId, action, e)
      );
    } else {
      this.answer(messageId, action, result);
    }
  }
  // A CALL counts as being handled until its answer is on the wire, so a duplicate that arrives while
  // the answer waits for the group commit is refused too.
  answer(messageId, action, result) {
    if (this.options.validateResults !== false) {
      const checked = actions[action].response.safeParse(result);
      if (!checked.success) {
        const info = errorForIssues(checked.error.issues, result);
        return this.sendError(messageId, { code: "InternalError", description: `Our ${action} answer broke the schema (${info.description})` }, action, true);
      }
    }
    const text = JSON.stringify([3, messageId, result]);
    this.options.io.transmit(text, { direction: "out", kind: "CALLRESULT", messageId, action, raw: text, error: null }, () => this.handling.delete(messageId));
  }
  answerFailure(messageId, action, e) {
    const info = e instanceof OcppError ? e.toInfo() : { code: "InternalError", description: `Handling ${action} failed: ${e?.message ?? String(e)}` };
    this.sendError(messageId, info, action, true);
  }
  sendError(messageId, error, action, endsHandling = false) {
    const text = JSON.stringify([4, messageId, error.code, error.description, error.details ?? {}]);
    this.options.io.transmit(text, { direction: "out", kind: "CALLERROR", messageId, action, raw: text, error: null }, endsHandling ? () => this.handling.delete(messageId) : void 0);
  }
  pump() {
    if (this.current || this.queue.length === 0 || this.closedReason !== null) return;
    const call2 = this.queue.shift();
    this.current = call2;
    call2.messageId = this.newMessageId();
    const text = JSON.stringify([2, call2.messageId, call2.action, call2.payload]);
    call2.timer = (this.options.clock ?? systemClock).after(call2.timeoutMs, () => {
      if (this.current !== call2) return;
      this.finish({ outcome: "timeout", error: { description: `No answer to ${call2.action} within ${Math.round(call2.timeoutMs / 100) / 10} s` } });
    });
    this.options.io.transmit(text, { direction: "out", kind: "CALL", messageId: call2.messageId, action: call2.action, raw: text, error: null });
  }
  finish(outcome) {
    const call2 = this.current;
    if (!call2) return;
    call2.timer?.cancel();
    this.current = null;
    call2.resolve(outcome);
    this.pump();
  }
};
var MAX_RECORDED_INVALID = 64 * 1024;
var MAX_RECORDED_DEEP = 2 * 1024;
function nestingError(field = "payload") {
  return {
    code: "FormationViolation",
    description: `${field}: nested deeper than ${MAX_NESTING} levels of arrays and objects; no OCPP 1.6 message is`,
    details: { field, issue: "nesting" }
  };
}
function checkAgainst(schema, payload) {
  const checked = schema.safeParse(payload);
  if (checked.success) return null;
  if (nestsDeeperThan(payload)) return nestingError();
  return errorForIssues(checked.error.issues, payload);
}
function clip(text, limit2 = MAX_RECORDED_INVALID) {
  if (text.length > MAX_RECORDED_DEEP && limit2 > MAX_RECORDED_DEEP && textNestsDeeperThan(text)) limit2 = MAX_RECORDED_DEEP;
  return text.length <= limit2 ? text : `${text.slice(0, limit2)}\u2026 [cut: ${text.length} characters in all]`;
}
function readableCallId(text) {
  const m = /^\s*\[\s*2\s*,\s*"([^"\\]{1,36})"/.exec(text);
  return m ? m[1] : null;
}

// src/main/central-system/handlers/Authorize.ts
function Authorize(ctx, req) {
  return { idTagInfo: ctx.authorize(req.idTag) };
}

// src/main/central-system/handlers/BootNotification.ts
function BootNotification(ctx, req) {
  const now = ctx.now();
  const { status, interval } = ctx.bootAnswer();
  ctx.record.chargers.boot(ctx.chargerId, status, req, now);
  ctx.emit({ type: "bootNotification", chargerId: ctx.chargerId, boot: req, status, ts: now });
  return { status, currentTime: ctx.toldTime(), interval };
}

// src/main/central-system/handlers/DataTransfer.ts
function DataTransfer(ctx, req) {
  ctx.record.events.add(ctx.chargerId, "DataTransfer", req, ctx.now());
  return { status: "UnknownVendorId" };
}

// src/main/central-system/handlers/progress.ts
function recordProgress(ctx, action, of, request) {
  const now = ctx.now();
  if (of === "firmware") ctx.record.chargers.firmwareStatus(ctx.chargerId, request.status);
  else ctx.record.chargers.diagnosticsStatus(ctx.chargerId, request.status);
  ctx.record.events.add(ctx.chargerId, action, request, now);
  ctx.emit({ type: of === "firmware" ? "firmwareStatus" : "diagnosticsStatus", chargerId: ctx.chargerId, status: request.status, ts: now });
  return {};
}

// src/main/central-system/handlers/DiagnosticsStatusNotification.ts
function DiagnosticsStatusNotification(ctx, req) {
  return recordProgress(ctx, "DiagnosticsStatusNotification", "diagnostics", req);
}

// src/main/central-system/handlers/FirmwareStatusNotification.ts
function FirmwareStatusNotification(ctx, req) {
  return recordProgress(ctx, "FirmwareStatusNotification", "firmware", req);
}

// src/main/central-system/handlers/Heartbeat.ts
function Heartbeat(ctx) {
  const now = ctx.now();
  ctx.record.chargers.heartbeat(ctx.chargerId, now);
  return { currentTime: ctx.toldTime() };
}

// src/main/central-system/handlers/LogStatusNotification.ts
function LogStatusNotification(ctx, req) {
  ctx.record.events.add(ctx.chargerId, "LogStatusNotification", req, ctx.now());
  return {};
}

// src/main/central-system/handlers/ownership.ts
function notOwnTransaction(ctx, transactionId, action) {
  const owner = ctx.auth.ownerOf(transactionId);
  if (owner === null) return `${action} for transaction ${transactionId}, which the bench never started: not applied`;
  if (owner !== ctx.chargerId) return `${action} from ${ctx.chargerId} for transaction ${transactionId}, which belongs to charger ${owner}: not applied to it`;
  return `${action} for transaction ${transactionId}, which is already stopped: the first stop is kept`;
}

// src/main/central-system/handlers/MeterValues.ts
function MeterValues(ctx, req) {
  const now = ctx.now();
  let transactionId = req.transactionId ?? null;
  if (transactionId !== null && ctx.auth.ownerOf(transactionId) !== ctx.chargerId) {
    ctx.record.events.add(ctx.chargerId, "MeterValues", { warning: notOwnTransaction(ctx, transactionId, "MeterValues"), request: req }, now);
    transactionId = null;
  }
  const values = ctx.record.meterValues.add(ctx.chargerId, req.connectorId, transactionId, req.meterValue, now);
  ctx.emit({ type: "meterValues", chargerId: ctx.chargerId, connectorId: req.connectorId, transactionId, values, ts: now });
  return {};
}

// src/main/central-system/handlers/SecurityEventNotification.ts
function SecurityEventNotification(ctx, req) {
  ctx.record.events.add(ctx.chargerId, "SecurityEventNotification", req, ctx.now());
  return {};
}

// src/main/central-system/handlers/SignCertificate.ts
function SignCertificate(ctx, req) {
  ctx.record.events.add(ctx.chargerId, "SignCertificate", req, ctx.now());
  return { status: "Accepted" };
}

// src/main/central-system/handlers/SignedFirmwareStatusNotification.ts
function SignedFirmwareStatusNotification(ctx, req) {
  return recordProgress(ctx, "SignedFirmwareStatusNotification", "firmware", req);
}

// src/main/central-system/handlers/StartTransaction.ts
function StartTransaction(ctx, req) {
  const now = ctx.now();
  let idTagInfo = ctx.authorize(req.idTag);
  if (idTagInfo.status === "Accepted" && ctx.auth.activeTransactionOf(req.idTag)) idTagInfo = { ...idTagInfo, status: "ConcurrentTx" };
  const tx = ctx.record.transactions.start(
    {
      chargerId: ctx.chargerId,
      connectorId: req.connectorId,
      idTag: req.idTag,
      authStatus: idTagInfo.status,
      reservationId: req.reservationId ?? null,
      meterStart: req.meterStart,
      startTime: req.timestamp
    },
    now
  );
  ctx.auth.transactionStarted(tx);
  ctx.emit({ type: "transactionStarted", transaction: tx, ts: now });
  return { transactionId: tx.transactionId, idTagInfo };
}

// src/main/central-system/handlers/StatusNotification.ts
function StatusNotification(ctx, req) {
  const now = ctx.now();
  const connector = ctx.record.connectors.status(ctx.chargerId, req, now);
  ctx.emit({ type: "statusChanged", chargerId: ctx.chargerId, connector, ts: now });
  return {};
}

// src/main/central-system/handlers/StopTransaction.ts
function StopTransaction(ctx, req) {
  const now = ctx.now();
  const reason = req.reason ?? "Local";
  const running = ctx.auth.openTransaction(req.transactionId);
  const mine = running?.chargerId === ctx.chargerId ? ctx.auth.transactionStopped(req.transactionId) : null;
  const stopped = mine ? ctx.record.transactions.stop(mine, req.meterStop, req.timestamp, reason, req.idTag ?? null) : null;
  if (req.transactionData?.length) ctx.record.meterValues.add(ctx.chargerId, stopped?.connectorId ?? 0, stopped ? req.transactionId : null, req.transactionData, now);
  if (stopped) ctx.emit({ type: "transactionStopped", transaction: stopped, ts: now });
  else ctx.record.events.add(ctx.chargerId, "StopTransaction", { warning: notOwnTransaction(ctx, req.transactionId, "StopTransaction"), request: req }, now);
  return req.idTag !== void 0 ? { idTagInfo: ctx.authorize(req.idTag) } : {};
}

// src/main/central-system/handlers/index.ts
var chargePointHandlers = {
  BootNotification,
  Heartbeat,
  StatusNotification,
  Authorize,
  StartTransaction,
  StopTransaction,
  MeterValues,
  DataTransfer,
  DiagnosticsStatusNotification,
  FirmwareStatusNotification,
  SignedFirmwareStatusNotification,
  SecurityEventNotification,
  LogStatusNotification,
  SignCertificate
};

// src/main/central-system/session.ts
var MAX_UNSENT_BYTES = 8 * 1024 * 1024;
var INVALID_BURST = 100;
var INVALID_PER_SECOND = 200;
var ChargerSession = class {
  constructor(chargerId, ws, remoteAddress, ctx) {
    this.chargerId = chargerId;
    this.ws = ws;
    this.remoteAddress = remoteAddress;
    this.ctx = ctx;
    this.budgetAt = ctx.clock.now();
    this.endpoint = new RpcEndpoint({
      role: "CS",
      handlers: this.handlers(),
      callTimeoutMs: ctx.callTimeoutMs(),
      clock: ctx.clock,
      io: {
        received: (rec) => {
          this.log(rec);
          if (rec.error !== null) this.spendInvalid();
        },
        transmit: (text, rec, sent) => {
          this.log(rec);
          ctx.record.writer.afterCommit((durable) => {
            if (durable) this.send(text);
            else this.unrecorded(rec);
            sent?.();
          });
        }
      }
    });
    ws.on("message", (data, isBinary) => {
      this.alive = true;
      this.endpoint.receive(data, isBinary);
    });
    ws.on("pong", () => {
      this.alive = true;
    });
    ws.on("error", (e) => {
      if (e.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
        const limit2 = ctx.maxPayload;
        this.closeCause = `Connection closed (1009, frame too big): the charger sent a frame larger than the ${Math.round(limit2 / 1024 / 1024)} MiB the bench accepts`;
        this.log({
          direction: "in",
          kind: "INVALID",
          messageId: null,
          action: null,
          raw: "",
          error: `FormationViolation: a frame larger than ${limit2} bytes arrived (not kept); the connection was closed with 1009`
        });
      }
    });
  }
  chargerId;
  ws;
  remoteAddress;
  ctx;
  endpoint;
  /** Answered a ping since the last one. */
  alive = true;
  replaced = false;
  /** Why the bench itself ended the connection, when it did: recorded instead of what the close code says. */
  closeCause = null;
  invalidBudget = INVALID_BURST;
  budgetAt;
  /** Every frame, both ways: recorded (an AuthorizationKey never reaches the record, the UI or an export) and pushed. */
  log(rec) {
    const ts = isoTime(this.ctx.clock);
    const raw = redactFrameText(rec.raw);
    this.ctx.record.logFrame(this.chargerId, raw === rec.raw ? rec : { ...rec, raw }, ts);
    if (this.ctx.bus.hasListeners)
      this.ctx.bus.publish({
        type: "frameLogged",
        message: { ts, chargerId: this.chargerId, direction: rec.direction, kind: rec.kind, messageId: rec.messageId, action: rec.action, raw, error: rec.error }
      });
  }
  send(text) {
    const ws = this.ws;
    if (ws.readyState !== WebSocket.OPEN) return;
    const cap = this.ctx.maxUnsentBytes;
    if (ws.bufferedAmount + text.length > cap) {
      this.ctx.stats.cutOffUnread++;
      this.closeCause = `Connection closed by the bench: the charger stopped reading its answers (${Math.round(ws.bufferedAmount / 1024)} KiB were waiting to be sent; the most is ${Math.round(cap / 1024)} KiB)`;
      ws.terminate();
      return;
    }
    ws.send(text);
  }
  /** One frame in violation from this charger; past its budget, its socket is not read for a while. */
  spendInvalid() {
    const now = this.ctx.clock.now();
    this.invalidBudget = Math.min(INVALID_BURST, this.invalidBudget + (now - this.budgetAt) / 1e3 * INVALID_PER_SECOND);
    this.budgetAt = now;
    if (--this.invalidBudget >= 0 || this.ws.isPaused) return;
    this.ctx.stats.throttled++;
    this.ws.pause();
    const pauseMs = Math.max(100, Math.ceil(-this.invalidBudget / INVALID_PER_SECOND * 1e3));
    setTimeout(() => this.ws.resume(), pauseMs).unref();
  }
  /**
   * An outgoing frame whose record could not be made durable (the disk is full): an answer is not sent
   * as it was. A CALLRESULT becomes InternalError (so the charger tries again later, and a transaction
   * id it never received is closed in the record); a CALLERROR goes as it is; an operation's CALL is not
   * sent at all.
   */
  unrecorded(rec) {
    const { record, auth } = this.ctx;
    const why2 = recordProblemText(record.problem, record.dataDir);
    if (rec.kind === "CALL") return this.endpoint.cancelCall(rec.messageId ?? "", `Not sent: ${why2}`);
    if (rec.kind === "CALLERROR") return this.send(rec.raw);
    const description = "The central system could not record its answer (its disk is full), so it did not give one. Nothing was done; try again later.";
    const text = JSON.stringify([4, rec.messageId, "InternalError", description, {}]);
    this.log({ direction: "out", kind: "CALLERROR", messageId: rec.messageId, action: rec.action, raw: text, error: `Replaces an answer that could not be recorded: ${why2}` });
    this.send(text);
    if (rec.action === "StartTransaction") {
      const id2 = JSON.parse(rec.raw)[2]?.transactionId;
      if (typeof id2 === "number") {
        auth.transactionStopped(id2);
        record.transactions.abandon(id2, isoTime(this.ctx.clock), "Its StartTransaction answer could not be recorded (disk full), so the charger was never given this id");
      }
    }
  }
  /** The charge-point actions this charger may call, each refused while nothing can be recorded. */
  handlers() {
    const context = this.ctx.handlerContext(this.chargerId);
    const record = this.ctx.record;
    const map = {};
    for (const [action, handler] of Object.entries(chargePointHandlers)) {
      map[action] = (payload) => {
        if (!record.writable) throw new OcppError("InternalError", "The central system cannot record right now (its disk is full), so it did nothing with this message. Try again later.");
        const policy = this.ctx.behaviours.policyFor(this.chargerId, action, payload);
        if (policy?.callError) throw new OcppError(policy.callError.code, policy.callError.description);
        if (policy?.withhold) return new Promise(() => {
        });
        const answer2 = handler(context, payload);
        const patched = policy?.patch ? mergeAnswer(answer2, policy.patch) : answer2;
        return policy?.delayMs ? sleep(this.ctx.clock, policy.delayMs).then(() => patched) : patched;
      };
    }
    return map;
  }
};

// src/main/central-system/central-system.ts
var PING_SLICE = 250;
var CentralSystem = class {
  constructor(parts, options = {}) {
    this.options = options;
    ({ record: this.record, settings: this.settings, bus: this.bus } = parts);
    this.clock = parts.clock ?? systemClock;
    this.registry = new ChargerRegistry(this.record);
    this.behaviours = new BehaviourRegistry(this.clock, (behaviour) => this.bus.publish({ type: "benchBehaviourChanged", behaviour, ts: this.now() }));
    this.auth = new Authorizer(this.record, () => this.settings.get(), this.clock);
    this.server = new OcppServer(
      options,
      {
        settings: () => this.settings.get(),
        decide: (req) => admit(req, this.registry, this.settings.get(), (id2) => this.behaviours.refusedSeconds(id2)),
        accepted: (ws, req, admission) => this.onConnection(ws, req.socket.remoteAddress ?? null, admission.chargerId, admission.note),
        refused: (chargerId, remoteAddress, reason) => {
          const now = this.now();
          this.record.connectionAttempts.add(now, chargerId, remoteAddress, "refused", reason);
          this.bus.publish({ type: "connectionRefused", chargerId, remoteAddress, reason, ts: now });
        }
      },
      this.clock
    );
    this.sessionContext = {
      record: this.record,
      bus: this.bus,
      auth: this.auth,
      clock: this.clock,
      callTimeoutMs: () => this.settings.get().callTimeout * 1e3,
      maxUnsentBytes: options.maxUnsentBytes ?? MAX_UNSENT_BYTES,
      maxPayload: options.maxPayload ?? DEFAULT_MAX_PAYLOAD,
      stats: { cutOffUnread: 0, throttled: 0 },
      behaviours: this.behaviours,
      handlerContext: (chargerId) => ({
        chargerId,
        record: this.record,
        auth: this.auth,
        settings: () => this.settings.get(),
        bootAnswer: () => {
          const boot = this.behaviours.standing(chargerId).boot;
          const status = boot?.status ?? this.registry.bootPolicyOf(chargerId) ?? this.settings.get().defaultBootStatus;
          return { status, interval: boot?.interval ?? this.settings.get().heartbeatInterval };
        },
        authorize: (idTag3) => {
          const forced = this.behaviours.standing(chargerId).idTagStatus;
          return forced ? { status: forced } : this.behaviours.idTagInfo(chargerId, idTag3) ?? this.auth.authorize(idTag3);
        },
        emit: (e) => this.bus.publish(e),
        now: () => this.now(),
        toldTime: () => new Date(this.clock.now() + (this.behaviours.standing(chargerId).timeOffsetSeconds ?? 0) * 1e3).toISOString()
      })
    };
  }
  options;
  sessions = /* @__PURE__ */ new Map();
  server;
  pingTimer = null;
  registry;
  auth;
  /** How the bench misbehaves toward a charger on purpose (test cases, the bench behaviour panel). */
  behaviours;
  record;
  settings;
  bus;
  clock;
  sessionContext;
  now() {
    return isoTime(this.clock);
  }
  // ---- lifecycle -------------------------------------------------------------------------------
  async start() {
    const address = await this.server.start();
    this.pingTimer = setInterval(() => this.pingAll(), this.options.pingIntervalMs ?? 3e4);
    this.pingTimer.unref();
    return address;
  }
  address() {
    return this.server.address();
  }
  async stop() {
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const s of this.sessions.values()) {
      s.endpoint.close("The bench is shutting down");
      s.ws.close(1001, "ChargeBench is shutting down");
    }
    await this.server.stop();
    for (const s of this.sessions.values()) this.onClose(s, 1001, "The bench shut down");
    await this.record.settled();
  }
  /** Counts of connections the bench turned away or cut off since it started, for the health report. */
  connectionStats() {
    return { open: this.server.openConnections, ...this.server.stats, ...this.sessionContext.stats };
  }
  // ---- chargers --------------------------------------------------------------------------------
  isConnected(chargerId) {
    return this.sessions.has(chargerId);
  }
  connectedChargers() {
    return [...this.sessions.keys()];
  }
  /** The endpoint to send a charger operations on, when it is connected. */
  endpointOf(chargerId) {
    return this.sessions.get(chargerId)?.endpoint;
  }
  /** Forgets a charger that is not connected (its logs stay). Throws 404 if unknown, 409 if connected. */
  async deleteCharger(chargerId) {
    this.registry.mustKnow(chargerId);
    if (this.sessions.has(chargerId))
      throw new BenchError(409, `Charger ${chargerId} is connected; disconnect it first (POST /api/chargers/${encodeURIComponent(chargerId)}/disconnect), or it would just come back`);
    await this.registry.delete(chargerId);
  }
  /** After pruning: chargers no longer in the record are no longer known (connected ones always stay). */
  forgetAllBut(kept) {
    this.registry.forgetAllBut(kept, (id2) => this.sessions.has(id2));
  }
  /**
   * Drops a charger's connection and refuses its reconnections for `seconds` (a server-side fault: the
   * central system is unreachable). The refusals are recorded with the reason.
   */
  goOffline(chargerId, seconds) {
    this.behaviours.refuseFor(chargerId, seconds * 1e3);
    this.disconnect(chargerId, `The bench is unreachable for ${seconds} s on purpose (bench behaviour)`);
  }
  /** Ends a goOffline early: the charger may connect again at once. */
  backOnline(chargerId) {
    this.behaviours.refuseFor(chargerId, 0);
  }
  /** Closes a charger's connection from the bench side. */
  disconnect(chargerId, reason = "Disconnected by the user") {
    const s = this.sessions.get(chargerId);
    if (!s) return false;
    s.ws.close(1e3, reason);
    return true;
  }
  // ---- connections -----------------------------------------------------------------------------
  onConnection(ws, remoteAddress, chargerId, note) {
    const now = this.now();
    const old = this.sessions.get(chargerId);
    if (old) {
      old.replaced = true;
      old.endpoint.close(`Charger ${chargerId} reconnected; the old connection was replaced`);
      old.ws.close(1e3, "Replaced by a new connection from the same charge point");
      this.record.connectionAttempts.add(now, chargerId, old.remoteAddress, "replaced", "A new connection with the same identity replaced this one");
    }
    this.registry.seen(chargerId);
    this.record.chargers.seenNow(chargerId, now);
    const session2 = new ChargerSession(chargerId, ws, remoteAddress, this.sessionContext);
    ws.on("close", (code, reason) => this.onClose(session2, code, reason.toString()));
    this.sessions.set(chargerId, session2);
    this.record.chargers.setConnected(chargerId, true, remoteAddress);
    this.record.connectionAttempts.add(now, chargerId, remoteAddress, "accepted", note);
    this.bus.publish({ type: "chargerConnected", chargerId, remoteAddress, ts: now });
  }
  onClose(session2, code, reason) {
    if (this.sessions.get(session2.chargerId) !== session2) return;
    const now = this.now();
    const why2 = session2.closeCause ?? closeReason(code, reason);
    session2.endpoint.close(`Charger ${session2.chargerId} disconnected: ${why2}`);
    this.sessions.delete(session2.chargerId);
    this.record.chargers.setConnected(session2.chargerId, false, null);
    this.record.connectionAttempts.add(now, session2.chargerId, session2.remoteAddress, "closed", why2);
    this.bus.publish({ type: "chargerDisconnected", chargerId: session2.chargerId, reason: why2, ts: now });
  }
  /**
   * Pings every charger, dropping those that did not answer the last ping, a slice at a time: one
   * synchronous pass over 5,000 connections held the event loop for about 100 ms (a socket write each).
   */
  pingAll() {
    const sessions = [...this.sessions.values()];
    const slice = (from) => {
      const end = Math.min(sessions.length, from + PING_SLICE);
      for (let i = from; i < end; i++) {
        const s = sessions[i];
        if (this.sessions.get(s.chargerId) !== s) continue;
        if (!s.alive) {
          s.endpoint.close(`Charger ${s.chargerId} stopped answering WebSocket pings`);
          s.ws.terminate();
          continue;
        }
        s.alive = false;
        s.ws.ping();
      }
      if (end < sessions.length) setImmediate(() => slice(end));
    };
    slice(0);
  }
};
function closeReason(code, reason) {
  const said = reason ? `: ${reason}` : "";
  switch (code) {
    case 1e3:
      return `Connection closed (1000, normal close${said})`;
    case 1001:
      return `Connection closed (1001, going away${said}): the charger or the bench is shutting down or restarting`;
    case 1005:
      return "Connection closed by the charger (1005, no reason given)";
    case 1006:
      return "Connection lost (1006, no close frame): the network dropped, the charger restarted, or it stopped answering pings";
    case 1009:
      return `Connection closed (1009, frame too big${said}): the charger sent a message larger than the bench accepts`;
    default:
      return `Connection closed (${code}${said})`;
  }
}

// src/shared/api/virtual-chargers.ts
import { z as z47 } from "zod";
var FeatureProfileSchema = z47.enum(featureProfiles);
var VirtualChargerId = ChargePointIdentity.regex(/^[^\s/?#%]+$/, "must not contain spaces, /, ?, # or %: it goes in URLs");
var VirtualChargerDefinition = z47.strictObject({
  id: VirtualChargerId,
  connectors: z47.int().min(1).max(10).default(1),
  vendor: z47.string().min(1).max(20).default("ChargeBench"),
  model: z47.string().min(1).max(20).default("Virtual AC"),
  serialNumber: z47.string().max(25).optional(),
  firmwareVersion: z47.string().min(1).max(50).default("1.0.0"),
  /** Feature profiles the charger has; switched-off ones answer NotSupported (ReserveNow: Rejected). */
  profiles: z47.array(FeatureProfileSchema).min(1).refine((p) => p.includes("Core"), "Core cannot be switched off").default([...featureProfiles]),
  /** Security profile 1: Basic auth with this password (the charger's AuthorizationKey). */
  password: AuthorizationKey.optional(),
  /** The most the charger can deliver per connector, in W. */
  maxPowerW: z47.number().min(1e3).max(35e4).default(22e3),
  phases: z47.union([z47.literal(1), z47.literal(3)]).default(3),
  /** A cable fixed to the charger instead of a socket: plugging in is the EV being connected, and there is no lock to open (UnlockConnector: NotSupported). */
  fixedCable: z47.boolean().default(false),
  /** Back-up power: on a power cut the charger ends its sessions (PowerLoss) and reports them before it goes down. */
  backupPower: z47.boolean().default(false),
  /** Connect when the bench starts. */
  autoStart: z47.boolean().default(true)
});
var ActionFault = z47.strictObject({
  /** reject: answer Rejected (or the action's refusal); ignore: never answer; delay: answer late;
   * callError: answer with a CALLERROR; malformed: answer with a broken frame. */
  mode: z47.enum(["reject", "ignore", "delay", "callError", "malformed"]),
  delaySeconds: z47.number().min(0).max(3600).default(10),
  errorCode: z47.enum(errorCodes).default("InternalError")
});
var UnlockOutcomes = z47.strictObject({ Unlocked: z47.number().min(0), UnlockFailed: z47.number().min(0), NotSupported: z47.number().min(0) }).refine((w) => w.Unlocked + w.UnlockFailed + w.NotSupported > 0, "at least one outcome needs a weight above 0");
var faultSwitch = (row) => row;
var onOff = z47.strictObject({ on: z47.boolean() });
var off = z47.boolean().default(false);
var offlineSeconds = z47.number().min(0).max(86400).default(60);
var slowChargingW = z47.number().min(0).max(3680).default(230);
var onOffSwitch = (field, label, explanation) => faultSwitch({
  label,
  explanation,
  fields: { [field]: off },
  body: onOff,
  example: '{"on": true}',
  patch: (b) => ({ [field]: b.on }),
  control: { kind: "switch", on: field }
});
var faultSwitches = {
  "session-start-failure": onOffSwitch("sessionStartFailure", "Session start fails", "Authorizes the card, then stays Available with no power: no StartTransaction."),
  "auth-failure": onOffSwitch("authFailure", "Card authorization fails", "Authorize comes back Invalid for every card that is not in the charger\u2019s local list."),
  "slow-charging": faultSwitch({
    label: "Slow charging",
    explanation: "Charges at a trickle: at most the trickle power (powerW).",
    fields: { slowCharging: off, slowChargingW },
    body: z47.strictObject({ on: z47.boolean(), powerW: slowChargingW.unwrap().optional() }),
    example: '{"on": true, "powerW": 230}',
    patch: (b) => ({ slowCharging: b.on, ...b.powerW !== void 0 ? { slowChargingW: b.powerW } : {} }),
    control: { kind: "switch", on: "slowCharging", settings: [{ field: "slowChargingW", label: "Trickle power", unit: "W" }] },
    summary: (f) => [`Slow charging (${f.slowChargingW} W)`]
  }),
  "drop-mid-transaction": onOffSwitch("dropMidTransaction", "Drop mid-transaction", "Drops the connection after a session\u2019s first MeterValues, then reconnects."),
  offline: faultSwitch({
    label: "Offline",
    explanation: "Stops heartbeats and drops the connection; comes back after the seconds given (0: when switched off).",
    fields: { offline: off, offlineSeconds },
    body: z47.strictObject({ on: z47.boolean(), seconds: offlineSeconds.unwrap().optional() }),
    example: '{"on": true, "seconds": 60}',
    patch: (b) => ({ offline: b.on, ...b.seconds !== void 0 ? { offlineSeconds: b.seconds } : {} }),
    control: { kind: "switch", on: "offline", settings: [{ field: "offlineSeconds", label: "Back after", unit: "s" }] },
    summary: (f) => [f.offlineSeconds > 0 ? `Offline (${f.offlineSeconds} s)` : "Offline"]
  }),
  "stuck-connector": onOffSwitch("stuckConnector", "Stuck connector", "UnlockConnector answers UnlockFailed and the status reports ConnectorLockFailure, until cleared."),
  "firmware-install-failure": onOffSwitch("firmwareInstallFailure", "Firmware install fails", "UpdateFirmware downloads, then reports InstallationFailed; the old firmware keeps running."),
  "unlock-outcomes": faultSwitch({
    label: "Random unlock outcomes",
    explanation: "UnlockConnector answers at random, with the weights given as relative chances.",
    /** null: the charger unlocks normally. */
    fields: { unlockOutcomes: UnlockOutcomes.nullable().default(null) },
    body: z47.union([z47.strictObject({ on: z47.literal(false) }), z47.strictObject({ on: z47.literal(true), weights: UnlockOutcomes })]),
    example: '{"on": true, "weights": {"Unlocked": 1, "UnlockFailed": 2, "NotSupported": 0}}',
    patch: (b) => ({ unlockOutcomes: b.on ? b.weights : null }),
    control: { kind: "weights", field: "unlockOutcomes" },
    summary: (f) => f.unlockOutcomes ? ["Random unlock outcomes"] : []
  }),
  action: faultSwitch({
    label: "Protocol faults per action",
    explanation: "Misbehaves on one central-system action: refuses it, never answers, answers late, answers with a CALLERROR or with a broken frame.",
    fields: {
      actions: z47.record(z47.string(), ActionFault).refine((m) => Object.keys(m).every((a) => centralSystemActions.includes(a)), 'keys must be central-system actions, e.g. "Reset"').default({})
    },
    body: ActionFault.partial().extend({ on: z47.boolean(), action: z47.enum(centralSystemActions, { error: 'must be a central-system action such as "Reset"' }) }).refine((b) => !b.on || b.mode !== void 0, { path: ["mode"], error: "is required to switch a fault on: reject, ignore, delay, callError or malformed" }),
    example: '{"on": true, "action": "Reset", "mode": "reject" | "ignore" | "delay" | "callError" | "malformed", "delaySeconds": 10, "errorCode": "InternalError"}',
    patch: ({ on, action, ...fault }, current) => {
      const actions2 = { ...current.actions };
      if (on) actions2[action] = ActionFault.parse(fault);
      else delete actions2[action];
      return { actions: actions2 };
    },
    control: { kind: "per-action", field: "actions" },
    summary: (f) => Object.entries(f.actions).map(([action, fault]) => `${action}: ${fault.mode}`)
  })
};
var faultSwitchNames = Object.keys(faultSwitches);
var Faults = z47.strictObject(Object.assign({}, ...Object.values(faultSwitches).map((row) => row.fields)));
var FaultsPatch = z47.strictObject(
  Object.fromEntries(Object.entries(Faults.shape).map(([k, s]) => [k, s.unwrap().optional()]))
);
var faultRows = Object.entries(faultSwitches);
function faultSummary(row, f) {
  if (row.control.kind === "switch" && f[row.control.on] !== true) return [];
  return row.summary ? row.summary(f) : [row.label];
}
function activeFaults(f) {
  return faultRows.flatMap(([, row]) => faultSummary(row, f));
}
var connectorBody = z47.strictObject({ connectorId: z47.int().min(1).max(10) });
var physicalAction = (row) => row;
var physicalActions = {
  plug: physicalAction({ label: "Plug", explanation: "Plugs the cable in; a card accepted before starts the session.", schema: connectorBody, command: "plug", args: ["connectorId"] }),
  unplug: physicalAction({
    label: "Unplug",
    explanation: "Unplugs the cable at the EV; the session stops (StopTransactionOnEVSideDisconnect).",
    schema: connectorBody,
    command: "unplug",
    args: ["connectorId"]
  }),
  "present-id-tag": physicalAction({
    label: "Present card",
    explanation: "Holds a card to the reader: starts a session, or stops the one it started.",
    schema: z47.strictObject({ connectorId: z47.int().min(1).max(10), idTag: z47.string().min(1).max(20) }),
    command: "tag",
    args: ["connectorId", "idTag"]
  }),
  suspend: physicalAction({ label: "Suspend EV", explanation: "The EV pauses charging (SuspendedEV).", schema: connectorBody, command: "suspend", args: ["connectorId"] }),
  resume: physicalAction({ label: "Resume EV", explanation: "The EV charges again.", schema: connectorBody, command: "resume", args: ["connectorId"] }),
  fault: physicalAction({
    label: "Fault",
    explanation: "A hardware fault with this error code, until cleared (connector 0: the whole charger).",
    schema: z47.strictObject({ connectorId: z47.int().min(0).max(10), errorCode: ChargePointErrorCode.exclude(["NoError"]).default("OtherError"), info: z47.string().max(50).optional() }),
    command: "fault",
    args: ["connectorId", "errorCode"]
  }),
  "clear-fault": physicalAction({
    label: "Clear fault",
    explanation: "The hardware fault is gone (connector 0: the whole charger).",
    schema: z47.strictObject({ connectorId: z47.int().min(0).max(10) }),
    command: "clear",
    args: ["connectorId"]
  }),
  "power-cycle": physicalAction({
    label: "Power cycle",
    explanation: "Power lost and back: sessions end with PowerLoss, then it boots again.",
    schema: z47.strictObject({}),
    command: "power-cycle",
    args: []
  }),
  "drop-connection": physicalAction({
    label: "Drop connection",
    explanation: "Closes the WebSocket as a network failure would; it reconnects with back-off.",
    schema: z47.strictObject({}),
    command: "drop",
    args: []
  }),
  "send-malformed": physicalAction({ label: "Send malformed frame", explanation: "Sends one frame that is not valid OCPP-J.", schema: z47.strictObject({}), command: "malformed", args: [] })
};

// src/shared/ocpp16/configuration-keys.ts
var key = (name, profile2, access, type, meaning) => ({
  name,
  profile: profile2,
  access,
  type,
  meaning
});
var configurationKeys = [
  key("AllowOfflineTxForUnknownId", "Core", "RW", "boolean", "Offline, an unknown idTag may start a transaction."),
  key("AuthorizationCacheEnabled", "Core", "RW", "boolean", "The charger keeps the answers to Authorize in its authorization cache."),
  // The spec leaves R or RW to the charger.
  key("AuthorizeRemoteTxRequests", "Core", "RW", "boolean", "A RemoteStartTransaction idTag is authorized (Authorize, list or cache) before the transaction starts."),
  key("BlinkRepeat", "Core", "RW", "integer", "How many times the charger blinks its lights when signalling."),
  key("ClockAlignedDataInterval", "Core", "RW", "integer", "Seconds between clock-aligned meter readings, from midnight; 0: none."),
  key("ConnectionTimeOut", "Core", "RW", "integer", "Seconds the cable may take to be plugged in after a card was accepted."),
  key("ConnectorPhaseRotation", "Core", "RW", "csl", "The phase rotation per connector, e.g. 0.RST,1.RTS."),
  key("ConnectorPhaseRotationMaxLength", "Core", "R", "integer", "At most this many items in ConnectorPhaseRotation."),
  key("GetConfigurationMaxKeys", "Core", "R", "integer", "At most this many keys may be asked for in one GetConfiguration."),
  key("HeartbeatInterval", "Core", "RW", "integer", "Seconds between Heartbeats when nothing else is sent."),
  key("LightIntensity", "Core", "RW", "integer", "The brightness of the charger\u2019s lights, in percent."),
  key("LocalAuthorizeOffline", "Core", "RW", "boolean", "Offline, idTags in the local list or cache may start a transaction."),
  key("LocalPreAuthorize", "Core", "RW", "boolean", "Online, idTags the local list or cache accepts start at once, without waiting for Authorize."),
  key("MaxEnergyOnInvalidId", "Core", "RW", "integer", "Wh a transaction may still deliver after its idTag was found invalid."),
  key("MeterValuesAlignedData", "Core", "RW", "csl", "The measurands of clock-aligned MeterValues."),
  key("MeterValuesAlignedDataMaxLength", "Core", "R", "integer", "At most this many items in MeterValuesAlignedData."),
  key("MeterValuesSampledData", "Core", "RW", "csl", "The measurands of the MeterValues sampled during a transaction."),
  key("MeterValuesSampledDataMaxLength", "Core", "R", "integer", "At most this many items in MeterValuesSampledData."),
  key("MeterValueSampleInterval", "Core", "RW", "integer", "Seconds between sampled MeterValues during a transaction; 0: none."),
  key("MinimumStatusDuration", "Core", "RW", "integer", "Seconds a status must hold before it is reported."),
  key("NumberOfConnectors", "Core", "R", "integer", "How many connectors the charger has."),
  key("ResetRetries", "Core", "RW", "integer", "How many times the charger retries a failed reset."),
  key("StopTransactionOnEVSideDisconnect", "Core", "RW", "boolean", "Unplugging at the EV stops the transaction."),
  key("StopTransactionOnInvalidId", "Core", "RW", "boolean", "A transaction whose idTag turns out invalid is stopped (DeAuthorized)."),
  key("StopTxnAlignedData", "Core", "RW", "csl", "The clock-aligned measurands sent with StopTransaction."),
  key("StopTxnAlignedDataMaxLength", "Core", "R", "integer", "At most this many items in StopTxnAlignedData."),
  key("StopTxnSampledData", "Core", "RW", "csl", "The sampled measurands sent with StopTransaction."),
  key("StopTxnSampledDataMaxLength", "Core", "R", "integer", "At most this many items in StopTxnSampledData."),
  key("SupportedFeatureProfiles", "Core", "R", "csl", "The feature profiles the charger has."),
  key("SupportedFeatureProfilesMaxLength", "Core", "R", "integer", "At most this many items in SupportedFeatureProfiles."),
  key("TransactionMessageAttempts", "Core", "RW", "integer", "How many times a transaction message the central system failed to take is sent."),
  key("TransactionMessageRetryInterval", "Core", "RW", "integer", "Seconds before a failed transaction message is sent again (times the attempt)."),
  key("UnlockConnectorOnEVSideDisconnect", "Core", "RW", "boolean", "Unplugging at the EV unlocks the cable at the charger."),
  key("WebSocketPingInterval", "Core", "RW", "integer", "Seconds between WebSocket pings; 0: none."),
  key("LocalAuthListEnabled", "LocalAuthListManagement", "RW", "boolean", "The local authorization list is used."),
  key("LocalAuthListMaxLength", "LocalAuthListManagement", "R", "integer", "At most this many idTags in the local authorization list."),
  key("SendLocalListMaxLength", "LocalAuthListManagement", "R", "integer", "At most this many idTags in one SendLocalList."),
  key("ReserveConnectorZeroSupported", "Reservation", "R", "boolean", "A reservation may be for connector 0 (any connector)."),
  key("ChargeProfileMaxStackLevel", "SmartCharging", "R", "integer", "The highest stackLevel a charging profile may have."),
  key("ChargingScheduleAllowedChargingRateUnit", "SmartCharging", "R", "csl", "The units charging schedules may use: Current, Power."),
  key("ChargingScheduleMaxPeriods", "SmartCharging", "R", "integer", "At most this many periods in one charging schedule."),
  key("ConnectorSwitch3to1PhaseSupported", "SmartCharging", "R", "boolean", "The charger can switch from 3 phases to 1 during a transaction."),
  key("MaxChargingProfilesInstalled", "SmartCharging", "R", "integer", "At most this many charging profiles installed at once."),
  key("AdditionalRootCertificateCheck", "Security", "R", "boolean", "A new central system root certificate is checked against the old one."),
  key("AuthorizationKey", "Security", "W", "string", "The Basic auth password of security profiles 1 and 2."),
  key("CertificateSignedMaxChainSize", "Security", "R", "integer", "At most this many characters in the certificate chain of CertificateSigned."),
  key("CertificateStoreMaxLength", "Security", "R", "integer", "At most this many certificates installed."),
  key("CpoName", "Security", "RW", "string", "The CPO\u2019s name, the organizationName of the charger\u2019s certificate."),
  key("SecurityProfile", "Security", "RW", "integer", "The security profile the charger connects with: 0 to 3.")
];
var configurationKeyNames = configurationKeys.map((k) => k.name);

// src/main/virtual-cp/configuration.ts
var allFeatureProfiles = [...featureProfiles];
var supportedMeasurands = ["Energy.Active.Import.Register", "Power.Active.Import", "Current.Import", "Current.Offered", "Power.Offered", "Voltage", "SoC", "Temperature"];
var DAY = 86400;
var INT32_MAX = 2147483647;
var MAX_VALUE_LENGTH = 500;
var derivedKeys = /* @__PURE__ */ new Set(["NumberOfConnectors", "SupportedFeatureProfiles"]);
var phaseRotations = ["NotApplicable", "Unknown", "RST", "RTS", "SRT", "STR", "TRS", "TSR"];
var AUTHORIZATION_KEY = /^[\x20-\x7e]{16,40}$/;
function between(min, max) {
  return (value) => {
    const n = Number(value);
    return n < min || n > max ? `must be between ${min} and ${max}` : null;
  };
}
var count = (min = 0) => between(min, INT32_MAX);
function members(value) {
  return value.split(",").map((m) => m.trim()).filter((m) => m !== "");
}
function oneOf(allowed, what) {
  return (value) => {
    const seen = /* @__PURE__ */ new Set();
    for (const m of members(value)) {
      if (!allowed.includes(m)) return `${m} is not a ${what} (allowed: ${allowed.join(", ")})`;
      if (seen.has(m)) return `${m} is listed twice`;
      seen.add(m);
    }
    return null;
  };
}
var measurands = oneOf(supportedMeasurands, "supported measurand");
function validatePhaseRotation(value, store2) {
  const connectors = store2.int("NumberOfConnectors");
  const seen = /* @__PURE__ */ new Set();
  for (const m of members(value)) {
    const match = /^(\d+)\.([A-Za-z]+)$/.exec(m);
    if (!match) return `${m} is not <connectorId>.<rotation>`;
    const id2 = Number(match[1]);
    if (id2 > connectors) return `connector ${id2} does not exist`;
    if (!phaseRotations.some((r) => r.toLowerCase() === match[2].toLowerCase())) return `${match[2]} is not a phase rotation (${phaseRotations.join(", ")})`;
    if (seen.has(id2)) return `connector ${id2} is listed twice`;
    seen.add(id2);
  }
  return null;
}
var simulated = {
  AllowOfflineTxForUnknownId: { default: false },
  AuthorizationCacheEnabled: { default: true },
  AuthorizeRemoteTxRequests: { default: false },
  BlinkRepeat: { default: 3, validate: between(0, 100) },
  // 0 = no clock-aligned data (spec).
  ClockAlignedDataInterval: { default: 0, validate: between(0, DAY) },
  // 0 would cancel every session before the cable is in.
  ConnectionTimeOut: { default: 60, validate: between(1, DAY) },
  ConnectorPhaseRotation: { default: ({ connectors }) => Array.from({ length: connectors + 1 }, (_, id2) => `${id2}.RST`).join(","), validate: validatePhaseRotation, rebootRequired: true },
  ConnectorPhaseRotationMaxLength: { default: ({ connectors }) => connectors + 1, validate: count() },
  GetConfigurationMaxKeys: { default: 50, validate: count(1) },
  // 0 = no heartbeats: OCPP-J does not require them (section 4.6), like the other "0 = off" intervals.
  HeartbeatInterval: { default: 300, validate: between(0, DAY) },
  LightIntensity: { default: 100, validate: between(0, 100) },
  LocalAuthorizeOffline: { default: true },
  LocalPreAuthorize: { default: false },
  MaxEnergyOnInvalidId: { default: 0, validate: between(0, INT32_MAX) },
  MeterValuesAlignedData: { default: "Energy.Active.Import.Register", validate: measurands },
  MeterValuesAlignedDataMaxLength: { default: supportedMeasurands.length, validate: count() },
  MeterValuesSampledData: { default: "Energy.Active.Import.Register,Power.Active.Import", validate: measurands },
  MeterValuesSampledDataMaxLength: { default: supportedMeasurands.length, validate: count() },
  // 0 = no sampled data (spec).
  MeterValueSampleInterval: { default: 60, validate: between(0, DAY) },
  MinimumStatusDuration: { default: 0, validate: between(0, DAY) },
  NumberOfConnectors: { default: ({ connectors }) => connectors, validate: count(1) },
  ResetRetries: { default: 1, validate: between(0, 10) },
  StopTransactionOnEVSideDisconnect: { default: true },
  StopTransactionOnInvalidId: { default: true },
  StopTxnAlignedData: { default: "", validate: measurands },
  StopTxnAlignedDataMaxLength: { default: supportedMeasurands.length, validate: count() },
  StopTxnSampledData: { default: "", validate: measurands },
  StopTxnSampledDataMaxLength: { default: supportedMeasurands.length, validate: count() },
  SupportedFeatureProfiles: { default: ({ profiles }) => profiles.join(","), validate: oneOf(allFeatureProfiles, "feature profile") },
  SupportedFeatureProfilesMaxLength: { default: allFeatureProfiles.length, validate: count() },
  TransactionMessageAttempts: { default: 3, validate: between(0, 100) },
  TransactionMessageRetryInterval: { default: 60, validate: between(0, DAY) },
  UnlockConnectorOnEVSideDisconnect: { default: true },
  // 0 = no WebSocket pings (spec).
  WebSocketPingInterval: { default: 0, validate: between(0, DAY), rebootRequired: true },
  LocalAuthListEnabled: { default: true },
  LocalAuthListMaxLength: { default: 100, validate: count() },
  SendLocalListMaxLength: { default: 50, validate: count() },
  ReserveConnectorZeroSupported: { default: true },
  ChargeProfileMaxStackLevel: { default: 10, validate: count() },
  ChargingScheduleAllowedChargingRateUnit: { default: "Current,Power", validate: oneOf(["Current", "Power"], "charging rate unit") },
  ChargingScheduleMaxPeriods: { default: 24, validate: count() },
  ConnectorSwitch3to1PhaseSupported: { default: false },
  MaxChargingProfilesInstalled: { default: 20, validate: count() },
  AdditionalRootCertificateCheck: { default: false },
  // Empty = no password set yet, so security profiles 1 and 2 cannot be entered.
  AuthorizationKey: { default: "", guard: (value) => AUTHORIZATION_KEY.test(value) ? null : "must be 16 to 40 printable ASCII characters (Security Whitepaper)" },
  // The whitepaper caps CertificateSigned.req's chain at 10000 characters.
  CertificateSignedMaxChainSize: { default: 1e4, validate: count() },
  CertificateStoreMaxLength: { default: 10, validate: count() },
  // It becomes the organizationName of the CSR, which X.509 caps at 64 characters (ub-organization-name).
  CpoName: { default: "", validate: (value) => value.length > 64 ? "must be at most 64 characters (X.509 organizationName)" : null },
  SecurityProfile: {
    default: 0,
    validate: between(0, 3),
    // Whitepaper: the level may only be raised remotely, and Basic auth (profiles 1 and 2) needs a password.
    // Certificates for profiles 2 and 3 are the charger's to check before it calls change().
    guard: (value, store2) => {
      const next = Number(value);
      const current = store2.int("SecurityProfile");
      if (next < current) return `may only be raised (now ${current})`;
      if (next > current && (next === 1 || next === 2) && !store2.string("AuthorizationKey")) return `profile ${next} needs an AuthorizationKey first`;
      return null;
    }
  }
};
var keyDefinitions = configurationKeys.map((spec) => {
  const sim = simulated[spec.name];
  const value = sim.default;
  return {
    key: spec.name,
    profile: spec.profile,
    readonly: spec.access === "R",
    ...spec.access === "W" ? { writeOnly: true } : {},
    kind: spec.type,
    defaultValue: (ctx) => String(typeof value === "function" ? value(ctx) : value),
    ...sim.validate ? { validate: sim.validate } : {},
    ...sim.guard ? { guard: sim.guard } : {},
    ...sim.rebootRequired ? { rebootRequired: true } : {}
  };
});
var ConfigurationStore = class {
  /** Keys of enabled profiles only, by lower-case name: OCPP keys are CiString (case-insensitive). */
  defs = /* @__PURE__ */ new Map();
  values = /* @__PURE__ */ new Map();
  defaults = /* @__PURE__ */ new Map();
  listeners = [];
  constructor(opts) {
    if (!Number.isInteger(opts.connectors) || opts.connectors < 1) throw new Error(`A charger needs at least one connector, got ${opts.connectors}`);
    if (!opts.profiles.includes("Core")) throw new Error("The Core profile is mandatory");
    const ctx = { connectors: opts.connectors, profiles: allFeatureProfiles.filter((p) => opts.profiles.includes(p)) };
    for (const def2 of opts.definitions ?? keyDefinitions) {
      if (def2.profile !== "Security" && !ctx.profiles.includes(def2.profile)) continue;
      const lower = def2.key.toLowerCase();
      if (this.defs.has(lower)) throw new Error(`Configuration key ${def2.key} is defined twice`);
      this.defs.set(lower, def2);
      const value = def2.defaultValue(ctx);
      this.defaults.set(def2.key, value);
      this.values.set(def2.key, value);
    }
    this.restore(opts.values ?? {});
  }
  /**
   * Read-only keys first, since the *MaxLength keys bound the lists restored after them. Saved values pass the
   * same checks as setInternal (not the central system's guards: the charger had accepted them once).
   */
  restore(saved) {
    const byLower = new Map(Object.entries(saved).map(([k, v]) => [k.toLowerCase(), v]));
    const defs = [...this.defs.values()];
    for (const def2 of [...defs.filter((d) => d.readonly), ...defs.filter((d) => !d.readonly)]) {
      const value = byLower.get(def2.key.toLowerCase());
      if (typeof value !== "string" || derivedKeys.has(def2.key)) continue;
      const checked = this.check(def2, value);
      if (checked.ok) this.values.set(def2.key, checked.value);
    }
  }
  definition(key2) {
    return this.defs.get(key2.toLowerCase());
  }
  /** Normalises a value to its stored form or says why it is invalid. */
  check(def2, raw) {
    let value = raw;
    switch (def2.kind) {
      case "integer": {
        const text = raw.trim();
        const n = Number(text);
        if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(n)) return { ok: false, reason: `${JSON.stringify(raw)} is not an integer` };
        value = String(n);
        break;
      }
      case "boolean": {
        const text = raw.trim().toLowerCase();
        if (text !== "true" && text !== "false") return { ok: false, reason: `${JSON.stringify(raw)} is not true or false` };
        value = text;
        break;
      }
      case "csl": {
        const list = members(raw);
        const maxKey = this.definition(`${def2.key}MaxLength`);
        if (maxKey) {
          const max = Number(this.values.get(maxKey.key));
          if (list.length > max) return { ok: false, reason: `${list.length} items, at most ${max} (${maxKey.key})` };
        }
        value = list.join(",");
        break;
      }
      case "string":
        break;
    }
    if (value.length > MAX_VALUE_LENGTH) return { ok: false, reason: `longer than ${MAX_VALUE_LENGTH} characters` };
    const invalid = def2.validate?.(value, this);
    return invalid ? { ok: false, reason: invalid } : { ok: true, value };
  }
  store(key2, value) {
    this.values.set(key2, value);
    for (const listener of [...this.listeners]) listener(key2, value);
  }
  /**
   * GetConfiguration answer: all visible keys when `keys` is empty/absent, else those asked for with unknown ones
   * (and write-only ones) in unknownKey, as asked. Answered in full however many are asked: enforcing
   * GetConfigurationMaxKeys is the charger's call.
   */
  get(keys) {
    const entry2 = (def2) => ({ key: def2.key, readonly: def2.readonly, value: this.values.get(def2.key) ?? "" });
    if (!keys || keys.length === 0) return { configurationKey: [...this.defs.values()].filter((d) => !d.writeOnly).map(entry2) };
    const configurationKey = [];
    const unknownKey = [];
    const seen = /* @__PURE__ */ new Set();
    for (const asked of keys) {
      const lower = asked.toLowerCase();
      if (seen.has(lower)) continue;
      seen.add(lower);
      const def2 = this.defs.get(lower);
      if (def2 && !def2.writeOnly) configurationKey.push(entry2(def2));
      else unknownKey.push(asked);
    }
    return unknownKey.length > 0 ? { configurationKey, unknownKey } : { configurationKey };
  }
  /** ChangeConfiguration from the central system. Stores the value unless the answer is Rejected or NotSupported. */
  change(key2, value) {
    const def2 = this.definition(key2);
    if (!def2) return { status: "NotSupported", reason: `${key2} is not a configuration key of this charger` };
    if (def2.readonly) return { status: "Rejected", reason: `${def2.key} is read-only` };
    const checked = this.check(def2, value);
    if (!checked.ok) return { status: "Rejected", reason: `${def2.key}: ${checked.reason}` };
    const refused = def2.guard?.(checked.value, this);
    if (refused) return { status: "Rejected", reason: `${def2.key}: ${refused}` };
    this.store(def2.key, checked.value);
    return { status: def2.rebootRequired ? "RebootRequired" : "Accepted" };
  }
  /** Whether the charger has this key (write-only ones included, switched-off profiles' not). */
  has(key2) {
    return this.definition(key2) !== void 0;
  }
  string(key2) {
    const def2 = this.definition(key2);
    return def2 ? this.values.get(def2.key) : void 0;
  }
  int(key2) {
    const value = this.required(key2);
    if (!/^-?\d+$/.test(value)) throw new Error(`Configuration key ${key2} is not an integer: ${value}`);
    return Number(value);
  }
  bool(key2) {
    const value = this.required(key2);
    if (value !== "true" && value !== "false") throw new Error(`Configuration key ${key2} is not a boolean: ${value}`);
    return value === "true";
  }
  /** CSL split, trimmed, empties dropped. */
  list(key2) {
    return members(this.required(key2));
  }
  required(key2) {
    const value = this.string(key2);
    if (value === void 0) throw new Error(`No configuration key ${key2}`);
    return value;
  }
  /** Only values that differ from the defaults, for saving (the keys derived from the charger's hardware never). */
  changedValues() {
    const changed = {};
    for (const [key2, value] of this.values) {
      if (!derivedKeys.has(key2) && value !== this.defaults.get(key2)) changed[key2] = value;
    }
    return changed;
  }
  /**
   * Called after every stored change (ChangeConfiguration accepted, RebootRequired included, and setInternal),
   * with the key's canonical name and the stored value; returns the unsubscribe function.
   */
  onChange(listener) {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
  /**
   * Sets a value bypassing read-only and the central system's guards (the charger itself updating e.g.
   * NumberOfConnectors, or the bench lowering SecurityProfile). An unknown key or an invalid value is a
   * programming error and throws.
   */
  setInternal(key2, value) {
    const def2 = this.definition(key2);
    if (!def2) throw new Error(`No configuration key ${key2}`);
    if (def2.key === "SupportedFeatureProfiles") throw new Error("SupportedFeatureProfiles follows the profiles the store was built with");
    const checked = this.check(def2, value);
    if (!checked.ok) throw new Error(`${def2.key}: ${checked.reason}`);
    this.store(def2.key, checked.value);
  }
};
var typeOf = new Map(configurationKeys.map((k) => [k.name, k.type]));
function ownKeys(store2, names) {
  const keys = {
    has: (name) => store2.has(name),
    onChange: (name, fn) => void store2.onChange((key2) => key2 === name && fn()),
    setInternal: (name, value) => store2.setInternal(name, value)
  };
  for (const name of names) {
    const read2 = { integer: () => store2.int(name), boolean: () => store2.bool(name), csl: () => store2.list(name), string: () => store2.string(name) ?? "" }[typeOf.get(name)];
    Object.defineProperty(keys, name, { get: read2, enumerable: true });
  }
  return keys;
}

// src/main/virtual-cp/connection.ts
import { WebSocket as WebSocket2 } from "ws";

// src/main/virtual-cp/misbehaviour.ts
var get2 = (p, path) => path.split(".").reduce((o, k) => o && typeof o === "object" ? o[k] : void 0, p);
function matches2(m, action, payload) {
  return m.action === action && Object.entries(m.where ?? {}).every(([k, v]) => get2(payload, k) === v);
}
function lay(base, patch) {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v && typeof v === "object" && !Array.isArray(v) && out[k] && typeof out[k] === "object") out[k] = lay(out[k], v);
    else out[k] = v;
  }
  return out;
}
var Misbehaviours = class {
  rules = [];
  set(rules) {
    this.rules = rules.map((r) => ({ ...r, left: r.times ?? Infinity, skipping: r.skip ?? 0 }));
  }
  get active() {
    return this.rules.filter((r) => r.left > 0);
  }
  take(kinds2, action, payload) {
    const candidates = this.rules.filter((r) => r.left > 0 && kinds2.includes(r.kind) && matches2(r, action, payload));
    const rule = candidates.find((r) => r.skipping === 0);
    for (const r of candidates) if (r.skipping > 0) r.skipping--;
    if (rule) rule.left--;
    return rule;
  }
  /** What becomes of a message the charger is about to send: dropped, changed, held back, preceded by another, or as it is. */
  outgoing(action, payload) {
    const rule = this.take(["drop", "patch", "holdBack", "insert"], action, payload);
    if (!rule) return { payload, holdBack: false };
    if (rule.kind === "drop") return { drop: true };
    if (rule.kind === "patch") return { payload: lay(payload, rule.patch), holdBack: false };
    if (rule.kind === "insert") return { payload, holdBack: false, before: rule.send };
    return { payload, holdBack: true };
  }
  answer(action, request, response) {
    const rule = this.take(["answer"], action, request);
    if (!rule || rule.kind !== "answer") return response;
    if (rule.callError) throw new OcppError(rule.callError, `The virtual charger answers ${action} with ${rule.callError} on purpose`);
    return lay(response ?? {}, rule.patch ?? {});
  }
};

// src/main/virtual-cp/connection.ts
var OCPP_SUBPROTOCOL2 = "ocpp1.6";
var BACKOFF_MIN_MS = 1e3;
var BACKOFF_MAX_MS = 3e4;
var connectionKeys = ["AuthorizationKey", "WebSocketPingInterval"];
function basicAuthorization(chargePointId, authorizationKey) {
  return `Basic ${Buffer.from(`${chargePointId}:${authorizationKey}`, "utf8").toString("base64")}`;
}
var Connection = class {
  constructor(cp, options) {
    this.cp = cp;
    this.options = options;
    this.keys = ownKeys(cp.config, connectionKeys);
    if (options.password && this.keys.has("AuthorizationKey") && !this.keys.AuthorizationKey) this.keys.setInternal("AuthorizationKey", options.password);
    this.password = this.keys.AuthorizationKey || options.password;
    this.pingIntervalS = this.keys.WebSocketPingInterval;
    this.keys.onChange("AuthorizationKey", () => this.password = this.keys.AuthorizationKey || this.password);
  }
  cp;
  options;
  state = "stopped";
  /** The offline fault is on: no connection until it is switched off. */
  offline = false;
  ws = null;
  rpc = null;
  backoffMs = BACKOFF_MIN_MS;
  reconnectTimer = null;
  pingTimer = null;
  offlineTimer = null;
  /** WebSocketPingInterval as it was at boot (changing it needs a reboot). */
  pingIntervalS;
  password;
  followUps = /* @__PURE__ */ new Map();
  /** Misbehaviour on purpose (the conformance suite's failing twins). */
  misbehaviours = new Misbehaviours();
  /** Messages held back until the next one has gone. */
  heldBack = [];
  keys;
  /** The RPC endpoint of the connection now, if there is one. */
  get endpoint() {
    return this.rpc;
  }
  get hasSocket() {
    return this.ws !== null;
  }
  get isOpen() {
    return this.ws !== null && this.ws.readyState === WebSocket2.OPEN;
  }
  /** Whether the charger has a password (security profile 1). */
  get hasPassword() {
    return Boolean(this.password);
  }
  connect() {
    if (!this.cp.isRunning || this.ws || this.offline) return;
    this.reconnectTimer?.cancel();
    this.reconnectTimer = null;
    this.state = "connecting";
    const url = `${this.options.url.replace(/\/+$/, "")}/${encodeURIComponent(this.cp.id)}`;
    const headers = {};
    if (this.password) headers.Authorization = basicAuthorization(this.cp.id, this.password);
    let ws;
    try {
      ws = new WebSocket2(url, [OCPP_SUBPROTOCOL2], { headers, handshakeTimeout: 15e3, perMessageDeflate: false });
    } catch (e) {
      this.cp.lastError = `Cannot connect to ${url}: ${e.message}`;
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    const endpoint = new RpcEndpoint({
      role: "CP",
      handlers: this.withMisbehaviour(this.options.handlers()),
      callTimeoutMs: this.options.callTimeoutMs ?? 3e4,
      io: {
        received: (rec) => this.options.onFrame(rec),
        transmit: (text, rec, sent) => {
          this.options.onFrame(rec);
          if (ws.readyState === WebSocket2.OPEN) ws.send(text);
          sent?.();
          const more = rec.messageId !== null && (rec.kind === "CALLRESULT" || rec.kind === "CALLERROR") ? this.followUps.get(rec.messageId) : void 0;
          if (more) {
            this.followUps.delete(rec.messageId);
            queueMicrotask(() => more.forEach((fn) => fn()));
          }
        }
      }
    });
    this.rpc = endpoint;
    ws.on("open", () => this.onOpen(ws));
    ws.on("message", (data, isBinary) => {
      if (this.ws === ws) endpoint.receive(data, isBinary);
    });
    ws.on("unexpected-response", (_req, res) => {
      let body = "";
      const done = () => {
        this.cp.lastError = `The central system refused the connection: HTTP ${res.statusCode}${body.trim() ? ` ${body.trim().slice(0, 300)}` : ""}`;
        ws.terminate();
        this.cp.changed();
      };
      res.on("data", (d) => body += d.toString());
      res.once("end", done);
      res.once("error", done);
    });
    ws.on("error", (e) => {
      if (!this.cp.lastError?.startsWith("The central system refused")) this.cp.lastError = `Connection error: ${e.message}`;
    });
    ws.on("close", (code, reason) => this.onClose(ws, endpoint, code, reason.toString()));
  }
  /** Sends a CALL on the connection now; 'offline' without one. */
  async call(action, payload) {
    const endpoint = this.rpc;
    if (!endpoint) return { outcome: "offline", error: { description: "Not connected" } };
    const started = performance.now();
    const fate = this.misbehaviours.outgoing(action, payload);
    if ("drop" in fate) return { outcome: "timeout", error: { description: `${action} not sent (misbehaviour on purpose)` } };
    if (fate.holdBack) {
      await new Promise((resolve6) => this.heldBack.push(resolve6));
      if (this.rpc !== endpoint) return { outcome: "offline", error: { description: "Not connected" } };
    }
    if (fate.before) {
      const before = fate.before;
      await Promise.resolve().then(() => endpoint.call(before.action, before.payload)).catch(() => void 0);
      if (this.rpc !== endpoint) return { outcome: "offline", error: { description: "Not connected" } };
    }
    let sending;
    try {
      sending = endpoint.call(action, fate.payload);
      if (!fate.holdBack) {
        const held = this.heldBack.splice(0);
        if (held.length) queueMicrotask(() => held.forEach((go) => go()));
      }
    } catch (e) {
      this.cp.lastError = `Could not send ${action}: ${e.message}`;
      this.cp.changed();
      return { outcome: "callError", error: { code: "InternalError", description: this.cp.lastError, details: {} } };
    }
    const outcome = await sending;
    this.options.onCallDone?.(action, performance.now() - started, outcome.outcome);
    return outcome;
  }
  /**
   * The handlers, each answer passed through the misbehaviour rules. An action the charger does not
   * implement (a profile switched off) is refused NotSupported, as the endpoint would, unless a rule
   * answers it: a charger taking what it should refuse.
   */
  withMisbehaviour(handlers) {
    const out = {};
    for (const [action, handler] of Object.entries(handlers)) {
      out[action] = (req, messageId) => {
        if (!this.misbehaviours.active.some((r) => r.kind === "answer")) return handler(req, messageId);
        return Promise.resolve(handler(req, messageId)).then((res) => this.misbehaviours.answer(action, req, res));
      };
    }
    for (const action of centralSystemActions) {
      if (action in handlers) continue;
      out[action] = (req) => {
        const answer2 = this.misbehaviours.answer(action, req, null);
        if (!answer2) throw new OcppError("NotSupported", `${action} is not supported here`);
        return answer2;
      };
    }
    return out;
  }
  afterAnswer(messageId, fn) {
    const list = this.followUps.get(messageId) ?? [];
    list.push(fn);
    this.followUps.set(messageId, list);
  }
  /** Puts a frame on the wire as it is, bypassing the RPC layer (malformed frames on purpose). */
  sendRaw(text) {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket2.OPEN) return;
    this.options.onFrame({ direction: "out", kind: "INVALID", messageId: null, action: null, raw: text, error: "Malformed frame sent on purpose (fault injection)" });
    ws.send(text);
  }
  /** Closes the connection and opens a new one at once (a new password applies from the next connection). */
  reconnect(why2) {
    const ws = this.ws;
    if (!ws) return;
    this.cp.lastError = why2;
    this.backoffMs = BACKOFF_MIN_MS;
    ws.once("close", () => {
      this.reconnectTimer?.cancel();
      this.reconnectTimer = null;
      this.connect();
    });
    if (ws.readyState === WebSocket2.OPEN) ws.close(1e3, why2);
    else ws.terminate();
  }
  /** Cuts the connection as a network failure would, saying why; the charger reconnects with back-off. */
  terminate(why2) {
    this.cp.lastError = why2;
    this.ws?.terminate();
  }
  /** The offline fault: no connection, no reconnects; back by itself after `seconds` (0: when switched off). */
  goOffline(seconds, back) {
    this.cp.lastError = "Offline (fault): no heartbeats, no connection";
    this.reconnectTimer?.cancel();
    this.reconnectTimer = null;
    if (this.ws) this.ws.terminate();
    this.offlineTimer?.cancel();
    if (seconds > 0) {
      this.offlineTimer = this.cp.clock.after(seconds * 1e3, () => {
        this.offlineTimer = null;
        back();
      });
    }
  }
  comeBack() {
    this.offlineTimer?.cancel();
    this.offlineTimer = null;
    this.backoffMs = BACKOFF_MIN_MS;
    this.connect();
  }
  /** The power goes: timers stop and the socket closes; a changed WebSocketPingInterval applies from the next power-on. */
  powerDown() {
    for (const t of [this.reconnectTimer, this.offlineTimer, this.pingTimer]) t?.cancel();
    this.reconnectTimer = this.offlineTimer = this.pingTimer = null;
    this.pingIntervalS = this.keys.WebSocketPingInterval;
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    this.rpc?.close("The charger closed the connection");
    this.rpc = null;
    this.followUps.clear();
    if (ws.readyState === WebSocket2.OPEN) ws.close(1e3, "Charge point going down");
    else ws.terminate();
  }
  onOpen(ws) {
    if (this.ws !== ws) return;
    this.startPing(ws);
    this.state = "connected";
    this.cp.lastError = null;
    this.backoffMs = BACKOFF_MIN_MS;
    this.cp.changed();
    this.options.opened();
  }
  onClose(ws, endpoint, code, reason) {
    endpoint.close(`Connection closed (${code}${reason ? `: ${reason}` : ""})`);
    if (this.ws !== ws) return;
    this.ws = null;
    this.rpc = null;
    this.followUps.clear();
    this.pingTimer?.cancel();
    this.pingTimer = null;
    this.options.closed();
    if (this.state === "connected" && !this.cp.lastError) this.cp.lastError = `Connection closed (${code}${reason ? `: ${reason}` : ""})`;
    if (this.state !== "rebooting" && this.state !== "stopped") {
      this.state = "disconnected";
      this.scheduleReconnect();
    }
    this.cp.changed();
  }
  /** The charger's own WebSocket pings; a central system that misses a pong by the next ping is dropped. */
  startPing(ws) {
    this.pingTimer?.cancel();
    this.pingTimer = null;
    if (!(this.pingIntervalS > 0)) return;
    let answered = true;
    ws.on("pong", () => answered = true);
    this.pingTimer = every(
      this.cp.clock,
      () => this.pingIntervalS * 1e3,
      () => {
        if (this.ws !== ws) return;
        if (!answered) {
          this.cp.lastError = `The central system did not answer a WebSocket ping within ${this.pingIntervalS} s`;
          ws.terminate();
          return;
        }
        answered = false;
        ws.ping();
      }
    );
  }
  scheduleReconnect() {
    if (!this.cp.isRunning || this.offline || this.reconnectTimer) return;
    const delay = this.backoffMs * (1 + this.cp.random() * 0.2);
    this.backoffMs = Math.min(BACKOFF_MAX_MS, this.backoffMs * 2);
    this.reconnectTimer = this.cp.clock.after(delay, () => {
      this.reconnectTimer = null;
      this.connect();
    });
  }
};

// src/main/virtual-cp/faults.ts
var apply = {
  "session-start-failure": (now, before, cp) => {
    cp.transactions.sessionStartFails = now.sessionStartFailure;
    if (!now.sessionStartFailure && before.sessionStartFailure) for (const c of cp.connectors.all) c.startFailed = false;
  },
  "auth-failure": (now, _before, cp) => {
    cp.authorization.refuseUnlisted = now.authFailure;
  },
  "slow-charging": (now, _before, cp) => {
    cp.metering.powerCapW = now.slowCharging ? now.slowChargingW : Infinity;
  },
  "drop-mid-transaction": (now, _before, cp) => {
    cp.transactions.dropMidTransaction = now.dropMidTransaction;
  },
  offline: (now, before, cp) => {
    cp.connection.offline = now.offline;
    if (now.offline && !before.offline) cp.connection.goOffline(now.offlineSeconds, () => cp.setFaults({ offline: false }));
    if (!now.offline && before.offline) cp.connection.comeBack();
  },
  "stuck-connector": (now, before, cp) => {
    cp.connectors.lock.jammed = now.stuckConnector;
    if (!now.stuckConnector && before.stuckConnector) for (const c of cp.connectors.all) c.lockFailure = false;
  },
  "firmware-install-failure": (now, _before, cp) => {
    cp.firmware.installFails = now.firmwareInstallFailure;
  },
  "unlock-outcomes": (now, _before, cp) => {
    cp.connectors.lock.outcomes = now.unlockOutcomes;
  },
  action: (now, _before, cp) => {
    cp.protocolFaults = now.actions;
  }
};
var FaultSwitches = class {
  constructor(cp, initial) {
    this.cp = cp;
    this.state = Faults.parse(initial ?? {});
  }
  cp;
  state;
  get now() {
    return this.state;
  }
  /** Sets the restored switches' misbehaviour; call once the charger's parts exist. */
  restore() {
    for (const name of faultSwitchNames) apply[name](this.state, this.state, this.cp);
  }
  set(patch) {
    const next = Faults.parse({ ...this.state, ...patch });
    const before = this.state;
    this.cp.metering.settleAll();
    this.state = next;
    for (const name of faultSwitchNames) apply[name](next, before, this.cp);
    this.cp.refresh();
    return next;
  }
};
function faultPatch(name, body, current) {
  if (!faultSwitchNames.includes(name)) throw new BenchError(404, `No fault "${name}"; faults are ${faultSwitchNames.join(", ")}`, { field: "fault" });
  const row = faultSwitches[name];
  return row.patch(parse(row.body, body ?? {}, "body"), current);
}
var never = () => new Promise(() => {
});
async function misbehave(action, fault, messageId, cp) {
  switch (fault.mode) {
    case "ignore":
      return never();
    case "delay":
      await sleep(cp.clock, fault.delaySeconds * 1e3);
      return null;
    case "callError":
      throw new OcppError(fault.errorCode, `${action} refused by fault injection`);
    case "reject":
      return rejectionOf(action);
    case "malformed":
      cp.connection.sendRaw(`[3,"${messageId}",{"status":`);
      return never();
  }
}
function rejectionOf(action) {
  const specific = {
    UnlockConnector: { status: "UnlockFailed" },
    SendLocalList: { status: "Failed" },
    ClearChargingProfile: { status: "Unknown" },
    GetLocalListVersion: { listVersion: -1 },
    GetConfiguration: { configurationKey: [], unknownKey: [] }
  };
  if (specific[action]) return specific[action];
  if (actions[action].response.safeParse({ status: "Rejected" }).success) return { status: "Rejected" };
  throw new OcppError("GenericError", `${action} refused by fault injection`);
}

// src/main/virtual-cp/model.ts
var Connectors = class {
  constructor(chargerId, count2, now, saved = {}) {
    this.chargerId = chargerId;
    this.charger = { fault: null, availability: saved.availability?.[0] ?? "Operative", scheduledAvailability: null, reported: null };
    this.all = Array.from({ length: count2 }, (_, i) => ({
      id: i + 1,
      plugged: false,
      evSuspended: false,
      fault: null,
      lockFailure: false,
      availability: saved.availability?.[i + 1] ?? "Operative",
      scheduledAvailability: null,
      authorized: null,
      startFailed: false,
      cableLockedFor: null,
      tx: null,
      finishing: false,
      meterWh: saved.meters?.[i] ?? 0,
      powerW: 0,
      lastSettled: now,
      reported: null
    }));
  }
  chargerId;
  all;
  charger;
  /** How the connector locks behave (set by the stuck-connector and unlock-outcomes faults). */
  lock = { jammed: false, outcomes: null };
  get count() {
    return this.all.length;
  }
  /** A connector by id, or undefined (the central system's requests name any number). */
  at(connectorId) {
    return connectorId >= 1 ? this.all[connectorId - 1] : void 0;
  }
  /** A connector a person means: a number that is not one is their mistake (400). */
  get(connectorId) {
    const c = Number.isInteger(connectorId) ? this.all[connectorId - 1] : void 0;
    if (!c) throw new BenchError(400, `Virtual charger ${this.chargerId} has connectors 1 to ${this.all.length}; there is no connector ${connectorId}`, { field: "connectorId" });
    return c;
  }
  /** Connector ids with 0 (the charger) first, as StatusNotifications go. */
  ids() {
    return [0, ...this.all.map((c) => c.id)];
  }
};

// src/main/virtual-cp/operations/CancelReservation.ts
var CancelReservation = (req, messageId, cp) => {
  if (!cp.reservations.cancel(req.reservationId)) return { status: "Rejected" };
  cp.refreshAfterAnswer(messageId);
  return { status: "Accepted" };
};

// src/main/virtual-cp/operations/ChangeAvailability.ts
var ChangeAvailability = (req, messageId, cp) => {
  if (req.connectorId < 0 || req.connectorId > cp.connectors.count) return { status: "Rejected" };
  const status = cp.status.changeAvailability(req.connectorId, req.type);
  cp.refreshAfterAnswer(messageId);
  return { status };
};

// src/main/virtual-cp/operations/ChangeConfiguration.ts
var ChangeConfiguration = (req, messageId, cp) => {
  const { status } = cp.config.change(req.key, req.value);
  if (req.key === "AuthorizationKey" && status === "Accepted") cp.afterAnswer(messageId, () => cp.connection.reconnect("Reconnecting with the new AuthorizationKey"));
  return { status };
};

// src/main/virtual-cp/operations/ClearCache.ts
var ClearCache = (_req, _messageId, cp) => {
  cp.authorization.clearCache();
  return { status: "Accepted" };
};

// src/main/virtual-cp/operations/ClearChargingProfile.ts
var ClearChargingProfile = (req, messageId, cp) => {
  cp.metering.settleAll();
  const status = cp.smartCharging.clear(req);
  cp.refreshAfterAnswer(messageId);
  return { status };
};

// src/main/virtual-cp/operations/DataTransfer.ts
var DataTransfer2 = (req) => {
  if (req.vendorId !== "ChargeBench") return { status: "UnknownVendorId" };
  if (req.messageId !== "echo") return { status: "UnknownMessageId" };
  return { status: "Accepted", ...req.data !== void 0 ? { data: req.data } : {} };
};

// src/main/virtual-cp/operations/GetCompositeSchedule.ts
var GetCompositeSchedule = (req, _messageId, cp) => cp.smartCharging.composite(req);

// src/main/virtual-cp/operations/GetConfiguration.ts
var GetConfiguration = (req, _messageId, cp) => cp.config.get(req.key);

// src/main/virtual-cp/operations/GetDiagnostics.ts
var GetDiagnostics = (req, messageId, cp) => {
  const fileName = cp.diagnostics.fileName();
  cp.afterAnswer(messageId, () => void cp.diagnostics.upload(req, fileName));
  return { fileName };
};

// src/main/virtual-cp/operations/GetLocalListVersion.ts
var GetLocalListVersion = (_req, _messageId, cp) => ({ listVersion: cp.authorization.listVersion() });

// src/main/virtual-cp/operations/GetLog.ts
var GetLog = (req, messageId, cp) => {
  const filename = cp.diagnostics.fileName(req.logType === "SecurityLog" ? "security-log" : "diagnostics-log");
  cp.afterAnswer(messageId, () => void cp.diagnostics.uploadLog(req, filename));
  return { status: "Accepted", filename };
};

// src/main/virtual-cp/operations/RemoteStartTransaction.ts
var RemoteStartTransaction = (req, messageId, cp) => {
  if (cp.boot.registration !== "Accepted") return { status: "Rejected" };
  const { transactions, authorization, smartCharging } = cp;
  let c;
  if (req.connectorId !== void 0) {
    c = cp.connectors.at(req.connectorId);
    if (!c) return { status: "Rejected" };
  } else {
    const free = cp.connectors.all.filter((x) => !transactions.cannotStart(x, req.idTag, null));
    c = free.find((x) => x.plugged && !x.finishing) ?? free.find((x) => !x.plugged) ?? free[0];
  }
  if (!c || transactions.cannotStart(c, req.idTag, null)) return { status: "Rejected" };
  if (req.chargingProfile) {
    if (!smartCharging.enabled) return { status: "Rejected" };
    if (!smartCharging.installRemoteStartProfile(c.id, req.chargingProfile)) return { status: "Rejected" };
  }
  const connector = c;
  const epoch = cp.epoch;
  cp.afterAnswer(messageId, () => {
    void (async () => {
      const info = authorization.authorizesRemoteStarts ? await authorization.authorize(req.idTag) : { status: "Accepted" };
      if (epoch !== cp.epoch) return;
      const parent = authorization.authorizesRemoteStarts ? info.parentIdTag : null;
      if (info.status !== "Accepted" || transactions.cannotStart(connector, req.idTag, parent)) {
        smartCharging.transactionEnded(connector.id, null);
        cp.refresh();
        return;
      }
      transactions.authorized(connector, req.idTag, info.parentIdTag);
    })();
  });
  return { status: "Accepted" };
};

// src/main/virtual-cp/operations/RemoteStopTransaction.ts
var RemoteStopTransaction = (req, messageId, cp) => {
  if (cp.boot.registration !== "Accepted") return { status: "Rejected" };
  const c = cp.connectors.all.find((x) => x.tx && x.tx.transactionId === req.transactionId);
  if (!c) return { status: "Rejected" };
  cp.afterAnswer(messageId, () => {
    cp.transactions.stop(c, "Remote");
    cp.refresh();
  });
  return { status: "Accepted" };
};

// src/main/virtual-cp/operations/ReserveNow.ts
var ReserveNow = (req, messageId, cp) => {
  const status = cp.reservations.reserve(req);
  if (status === "Accepted") cp.refreshAfterAnswer(messageId);
  return { status };
};

// src/main/virtual-cp/operations/Reset.ts
var Reset = (req, messageId, cp) => {
  cp.afterAnswer(messageId, () => void cp.reset.reboot(req.type === "Hard" ? "HardReset" : "SoftReset", req.type === "Soft"));
  return { status: "Accepted" };
};

// src/main/virtual-cp/operations/SendLocalList.ts
var SendLocalList = (req, _messageId, cp) => ({ status: cp.authorization.sendLocalList(req) });

// src/main/virtual-cp/operations/SetChargingProfile.ts
var SetChargingProfile = (req, messageId, cp) => {
  cp.metering.settleAll();
  const status = cp.smartCharging.set(req);
  if (status === "Accepted") cp.refreshAfterAnswer(messageId);
  return { status };
};

// src/main/virtual-cp/operations/TriggerMessage.ts
var TriggerMessage = (req, messageId, cp) => {
  const cid = req.connectorId;
  if (cid !== void 0 && (cid < 0 || cid > cp.connectors.count)) return { status: "Rejected" };
  const send2 = () => {
    switch (req.requestedMessage) {
      case "BootNotification":
        return cp.boot.triggered();
      case "Heartbeat":
        return void cp.call("Heartbeat", {});
      case "DiagnosticsStatusNotification":
        return cp.diagnostics.triggered();
      case "FirmwareStatusNotification":
        return cp.firmware.triggered();
      case "StatusNotification":
        for (const id2 of cid === void 0 ? cp.connectors.ids() : [cid]) cp.status.triggered(id2);
        return;
      case "MeterValues":
        return cp.metering.triggered(cid);
    }
  };
  cp.afterAnswer(messageId, send2);
  return { status: "Accepted" };
};

// src/main/virtual-cp/operations/UnlockConnector.ts
var UnlockConnector = (req, messageId, cp) => {
  const c = cp.connectors.at(req.connectorId);
  if (!c || cp.definition.fixedCable) return { status: "NotSupported" };
  const { lock: lock2 } = cp.connectors;
  let status = "Unlocked";
  if (lock2.jammed) status = "UnlockFailed";
  else if (lock2.outcomes) {
    const w = lock2.outcomes;
    const roll = cp.random() * (w.Unlocked + w.UnlockFailed + w.NotSupported);
    status = roll < w.Unlocked ? "Unlocked" : roll < w.Unlocked + w.UnlockFailed ? "UnlockFailed" : "NotSupported";
  }
  if (status === "Unlocked" && c.tx) cp.transactions.stop(c, "UnlockCommand");
  if (status === "Unlocked") c.cableLockedFor = null;
  cp.afterAnswer(messageId, () => {
    if (status === "UnlockFailed" && lock2.jammed) c.lockFailure = true;
    cp.refresh();
  });
  return { status };
};

// src/main/virtual-cp/operations/UpdateFirmware.ts
var UpdateFirmware = (req, messageId, cp) => {
  cp.afterAnswer(messageId, () => void cp.firmware.update(req));
  return {};
};

// src/main/virtual-cp/operations/index.ts
var operations = {
  CancelReservation,
  ChangeAvailability,
  ChangeConfiguration,
  ClearCache,
  ClearChargingProfile,
  DataTransfer: DataTransfer2,
  GetCompositeSchedule,
  GetConfiguration,
  GetDiagnostics,
  GetLocalListVersion,
  GetLog,
  RemoteStartTransaction,
  RemoteStopTransaction,
  ReserveNow,
  Reset,
  SendLocalList,
  SetChargingProfile,
  TriggerMessage,
  UnlockConnector,
  UpdateFirmware
};
function handlersFor(cp) {
  const profiles = new Set(cp.definition.profiles);
  const map = {};
  for (const action of Object.keys(operations)) {
    if (profiles.has(actions[action].profile)) map[action] = answering(action, operations[action], cp);
  }
  map.GetLog = answering("GetLog", GetLog, cp);
  if (!profiles.has("Reservation")) map.ReserveNow = answering("ReserveNow", () => ({ status: "Rejected" }), cp);
  return map;
}
function answering(action, operation, cp) {
  return async (payload, messageId) => {
    if (cp.boot.registration === "Rejected") return new Promise(() => {
    });
    const fault = cp.protocolFaults[action];
    if (fault) {
      const answer2 = await misbehave(action, fault, messageId, cp);
      if (answer2) return answer2;
    }
    return operation(payload, messageId, cp);
  };
}

// src/main/virtual-cp/physical-actions.ts
var PhysicalActions = class {
  constructor(cp) {
    this.cp = cp;
  }
  cp;
  plug(connectorId) {
    const c = this.cp.connectors.get(connectorId);
    if (c.plugged) throw new BenchError(409, `Connector ${connectorId} already has a cable plugged in`);
    c.plugged = true;
    c.finishing = false;
    this.cp.transactions.plugged(c);
    this.cp.refresh();
  }
  unplug(connectorId) {
    const c = this.cp.connectors.get(connectorId);
    if (!c.plugged) throw new BenchError(409, `Connector ${connectorId} has no cable plugged in`);
    this.cp.metering.settle(c);
    c.plugged = false;
    c.evSuspended = false;
    c.finishing = false;
    c.startFailed = false;
    this.cp.transactions.unplugged(c);
    this.cp.refresh();
  }
  /** A card held to the reader of a connector: starts, or stops, a session. */
  presentIdTag(connectorId, idTag3) {
    return this.cp.transactions.presentCard(this.cp.connectors.get(connectorId), idTag3);
  }
  suspend(connectorId) {
    const c = this.cp.connectors.get(connectorId);
    if (!c.tx || !c.plugged) throw new BenchError(409, `Connector ${connectorId} has no EV charging to suspend`);
    this.setEvSuspended(c, true);
  }
  resume(connectorId) {
    const c = this.cp.connectors.get(connectorId);
    if (!c.evSuspended) throw new BenchError(409, `The EV on connector ${connectorId} is not suspended`);
    this.setEvSuspended(c, false);
  }
  /** A hardware fault on a connector, or on the whole charger (0): Faulted with this error code. */
  setFault(connectorId, errorCode, info) {
    const { connectors } = this.cp;
    const target = connectorId === 0 ? connectors.charger : connectors.get(connectorId);
    this.cp.metering.settleAll();
    target.fault = { errorCode, info };
    for (const c of connectorId === 0 ? connectors.all : [target]) this.cp.transactions.dropAuthorized(c);
    this.cp.refresh();
  }
  clearFault(connectorId) {
    const target = connectorId === 0 ? this.cp.connectors.charger : this.cp.connectors.get(connectorId);
    if (!target.fault) throw new BenchError(409, connectorId === 0 ? "The charger has no fault set" : `Connector ${connectorId} has no fault set`);
    this.cp.metering.settleAll();
    target.fault = null;
    this.cp.refresh();
  }
  /** Power lost and back: transactions end with PowerLoss (before the power goes, on back-up power), then the charger boots again. */
  powerCycle() {
    if (!this.cp.isRunning) throw new BenchError(409, `Virtual charger ${this.cp.id} is not running`);
    void this.cp.reset.reboot("PowerLoss", this.cp.definition.backupPower);
  }
  /** Closes the WebSocket as a network failure would; the charger reconnects with back-off. */
  dropConnection() {
    if (!this.cp.connection.hasSocket) throw new BenchError(409, `Virtual charger ${this.cp.id} is not connected`);
    this.cp.connection.terminate("Connection dropped on request");
  }
  /** Sends one frame that is not valid OCPP-J. */
  sendMalformed() {
    if (!this.cp.connection.isOpen) throw new BenchError(409, `Virtual charger ${this.cp.id} is not connected`);
    this.cp.connection.sendRaw(`[2,"malformed-${Math.floor(this.cp.random() * 1e6)}","Heartbeat",{`);
  }
  setEvSuspended(c, suspended) {
    this.cp.metering.settle(c);
    c.evSuspended = suspended;
    this.cp.refresh();
  }
};
var perform = {
  plug: (cp, a) => cp.plug(a.connectorId),
  unplug: (cp, a) => cp.unplug(a.connectorId),
  "present-id-tag": (cp, a) => {
    if (!cp.isRunning) throw new BenchError(409, `Virtual charger ${cp.id} is stopped; start it first`);
    return cp.presentIdTag(a.connectorId, a.idTag);
  },
  suspend: (cp, a) => cp.suspend(a.connectorId),
  resume: (cp, a) => cp.resume(a.connectorId),
  fault: (cp, a) => cp.setFault(a.connectorId, a.errorCode, a.info),
  "clear-fault": (cp, a) => cp.clearFault(a.connectorId),
  "power-cycle": (cp) => cp.powerCycle(),
  "drop-connection": (cp) => cp.dropConnection(),
  "send-malformed": (cp) => cp.sendMalformed()
};
function isPhysicalAction(name) {
  return Object.prototype.hasOwnProperty.call(physicalActions, name);
}
async function performPhysicalAction(cp, action, body, where = "body") {
  if (!isPhysicalAction(action)) throw new BenchError(404, `No action "${action}"; actions are ${Object.keys(physicalActions).join(", ")}`, { field: "action" });
  const args = parse(physicalActions[action].schema, body ?? {}, where);
  return perform[action](cp, args);
}
function commandLine(words2) {
  const [command, ...values] = words2;
  const found = Object.entries(physicalActions).find(([, row2]) => row2.command === command);
  if (!found) return null;
  const [action, row] = found;
  const shape = row.schema.shape;
  const required = row.args.filter((field) => !shape[field].safeParse(void 0).success);
  if (values.length < required.length) return { usage: `usage: ${commandUsage(action)}` };
  const body = {};
  row.args.forEach((field, i) => {
    const text = values[i];
    if (text === void 0) return;
    const n = Number(text);
    body[field] = shape[field].safeParse(text).success || text.trim() === "" || Number.isNaN(n) ? text : n;
  });
  return { action, body };
}
function commandUsage(action) {
  const row = physicalActions[action];
  const shape = row.schema.shape;
  const args = row.args.map((field) => {
    const word = field === "connectorId" ? "connector" : field;
    return shape[field].safeParse(void 0).success ? `[${word}]` : `<${word}>`;
  });
  return [row.command, ...args].join(" ");
}

// src/main/virtual-cp/services/authorization.ts
var authorizationKeys = [
  "LocalAuthListEnabled",
  "LocalAuthListMaxLength",
  "SendLocalListMaxLength",
  "AuthorizationCacheEnabled",
  "LocalPreAuthorize",
  "LocalAuthorizeOffline",
  "AllowOfflineTxForUnknownId",
  "AuthorizeRemoteTxRequests"
];
var CACHE_SIZE = 1e3;
var AuthorizationService = class {
  constructor(cp, saved) {
    this.cp = cp;
    this.keys = ownKeys(cp.config, authorizationKeys);
    this.localList = { version: saved.localList?.version ?? 0, entries: new Map((saved.localList?.entries ?? []).map((e) => [e.idTag, e.idTagInfo])) };
    this.cache = new Map(saved.cache ?? []);
    this.keys.onChange("AuthorizationCacheEnabled", () => {
      if (!this.keys.AuthorizationCacheEnabled) this.cache.clear();
    });
  }
  cp;
  /** The auth-failure fault: every card not in the local list is Invalid. */
  refuseUnlisted = false;
  localList;
  cache;
  keys;
  /** Authorizes a card as a good charger does: local list and cache first where allowed, else Authorize. */
  async authorize(idTag3) {
    const listed = this.listed(idTag3);
    const cacheOn = this.keys.AuthorizationCacheEnabled;
    const cached = cacheOn ? this.cache.get(idTag3) : void 0;
    const local = listed ? this.effective(listed) : cached ? this.effective(cached) : void 0;
    if (this.cp.isAccepted) {
      if (local?.status === "Accepted" && this.keys.LocalPreAuthorize) return local;
      const outcome = await this.cp.call("Authorize", { idTag: idTag3 });
      if (outcome.outcome === "completed") {
        let info = outcome.response.idTagInfo;
        if (cacheOn && !listed) this.remember(idTag3, info);
        if (this.refuseUnlisted && !listed) info = { status: "Invalid" };
        return info;
      }
    }
    if (this.refuseUnlisted && !listed) return { status: "Invalid" };
    if (!local) return { status: this.keys.AllowOfflineTxForUnknownId ? "Accepted" : "Invalid" };
    return this.keys.LocalAuthorizeOffline ? local : { status: "Invalid" };
  }
  /** AuthorizeRemoteTxRequests: a remote start's idTag is authorized first. */
  get authorizesRemoteStarts() {
    return this.keys.AuthorizeRemoteTxRequests;
  }
  /** The idTagInfo of a StartTransaction answer goes in the cache too (listed cards excepted). */
  startAnswered(idTag3, info) {
    if (this.keys.AuthorizationCacheEnabled && !this.listed(idTag3)) this.remember(idTag3, info);
  }
  sendLocalList(req) {
    if (!this.keys.LocalAuthListEnabled) return "NotSupported";
    const entries = req.localAuthorizationList ?? [];
    if (entries.length > this.keys.SendLocalListMaxLength) return "Failed";
    if (req.updateType === "Differential" && req.listVersion <= this.currentVersion) return "VersionMismatch";
    const next = req.updateType === "Full" ? /* @__PURE__ */ new Map() : new Map(this.localList.entries);
    for (const e of entries) {
      if (e.idTagInfo) next.set(e.idTag, e.idTagInfo);
      else if (req.updateType === "Differential") next.delete(e.idTag);
      else return "Failed";
    }
    if (next.size > this.keys.LocalAuthListMaxLength) return "Failed";
    this.localList = { version: req.listVersion, entries: next };
    this.cp.changed();
    return "Accepted";
  }
  /** GetLocalListVersion: -1 while the list is switched off, 0 while it is empty (OCPP 1.6, GetLocalListVersion.conf: version 0 means an empty list). */
  listVersion() {
    return this.keys.LocalAuthListEnabled ? this.currentVersion : -1;
  }
  /** The list's version, 0 when it holds no entry. */
  get currentVersion() {
    return this.localList.entries.size === 0 ? 0 : this.localList.version;
  }
  /** The list's version as it is kept, on or off (for the user). */
  get storedListVersion() {
    return this.localList.version;
  }
  clearCache() {
    this.cache.clear();
    this.cp.changed();
  }
  saved() {
    return {
      localList: { version: this.localList.version, entries: [...this.localList.entries].map(([idTag3, idTagInfo]) => idTagInfo ? { idTag: idTag3, idTagInfo } : { idTag: idTag3 }) },
      cache: [...this.cache]
    };
  }
  listed(idTag3) {
    if (!this.keys.has("LocalAuthListEnabled") || !this.keys.LocalAuthListEnabled) return void 0;
    return this.localList.entries.get(idTag3);
  }
  effective(info) {
    if (info.status === "Accepted" && info.expiryDate && Date.parse(info.expiryDate) < this.cp.clock.now()) return { ...info, status: "Expired" };
    return info;
  }
  /** The authorization cache keeps the latest answers, oldest dropped first; listed tags are not cached (3.5.3). */
  remember(idTag3, info) {
    this.cache.delete(idTag3);
    this.cache.set(idTag3, info);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value);
  }
};

// src/main/virtual-cp/services/boot.ts
var RETRY_MS = 3e4;
var BootService = class {
  constructor(cp) {
    this.cp = cp;
  }
  cp;
  registration = null;
  bootTimer = null;
  async boot() {
    this.bootTimer?.cancel();
    const endpoint = this.cp.connection.endpoint;
    if (!endpoint) return;
    const outcome = await this.cp.call("BootNotification", this.payload());
    if (this.cp.connection.endpoint !== endpoint) return;
    if (outcome.outcome !== "completed") {
      this.bootTimer = this.cp.clock.after(RETRY_MS, () => void this.boot());
      return;
    }
    const { status, interval } = outcome.response;
    if (status === "Accepted") return this.accepted(interval);
    this.registration = status;
    this.cp.changed();
    this.bootTimer = this.cp.clock.after(Math.max(1, interval || 60) * 1e3, () => void this.boot());
  }
  /** Registered: heartbeats at the interval given, every status, then what waited (also after a triggered boot). */
  accepted(interval) {
    const { cp } = this;
    this.bootTimer?.cancel();
    this.bootTimer = null;
    cp.status.holding = false;
    this.registration = "Accepted";
    cp.changed();
    if (interval > 0) cp.heartbeat.useInterval(interval);
    cp.heartbeat.start();
    cp.metering.startAligned();
    for (const id2 of cp.connectors.ids()) cp.status.report(id2, true);
    cp.firmware.booted();
    cp.transactions.pump();
  }
  /** Back online without a reboot: report what changed meanwhile, deliver queued transaction messages. */
  resume() {
    const { cp } = this;
    cp.heartbeat.start();
    cp.status.holding = cp.transactions.queued > 0;
    cp.transactions.pump();
    if (!cp.status.holding) cp.status.reportAll();
  }
  /** TriggerMessage(BootNotification): an Accepted answer registers a charger that was not yet. */
  triggered() {
    void this.cp.call("BootNotification", this.payload()).then((o) => {
      if (o.outcome === "completed" && o.response.status === "Accepted" && this.registration !== "Accepted" && this.cp.connection.state === "connected") this.accepted(o.response.interval);
    });
  }
  payload() {
    const d = this.cp.definition;
    return {
      chargePointVendor: d.vendor,
      chargePointModel: d.model,
      chargePointSerialNumber: d.serialNumber ?? `VCP-${d.id}`.slice(0, 25),
      chargeBoxSerialNumber: d.serialNumber ?? `VCP-${d.id}`.slice(0, 25),
      firmwareVersion: this.cp.firmware.version,
      meterType: "ChargeBench virtual meter",
      meterSerialNumber: `VM-${d.id}`.slice(0, 25)
    };
  }
  /** The connection is gone: a rejected charger boots afresh when it gets through again; an accepted one resumes. */
  connectionLost() {
    this.bootTimer?.cancel();
    if (this.registration !== "Accepted") this.registration = null;
  }
  powerDown() {
    this.bootTimer?.cancel();
    this.bootTimer = null;
    this.registration = null;
  }
};

// src/main/virtual-cp/services/diagnostics.ts
var DIAGNOSTICS_LINES = 2e3;
var DiagnosticsService = class {
  /** `keep` false: no ring of frames (large fleets). */
  constructor(cp, keep) {
    this.cp = cp;
    this.keep = keep;
  }
  cp;
  keep;
  status = "Idle";
  /** An upload is on the wire (real I/O: a run on fake time waits for it). */
  transferring = false;
  recent = [];
  /** Every frame the charger sends or receives, at `ts`. */
  record(ts, rec) {
    if (!this.keep) return;
    this.recent.push(`${ts} ${rec.direction === "out" ? "->" : "<-"} ${rec.raw}`);
    if (this.recent.length > DIAGNOSTICS_LINES) this.recent.splice(0, this.recent.length - DIAGNOSTICS_LINES);
  }
  /** The name GetDiagnostics answers with, for the upload that follows. */
  fileName(kind = "diagnostics") {
    return `${kind}-${this.cp.id}-${this.cp.iso().replace(/[:.]/g, "-")}.txt`.slice(0, 255);
  }
  async upload(req, fileName) {
    const { cp } = this;
    const from = req.startTime ? Date.parse(req.startTime) : -Infinity;
    const to = req.stopTime ? Date.parse(req.stopTime) : Infinity;
    const lines = this.recent.filter((l) => {
      const t = Date.parse(l.slice(0, 24));
      return t >= from && t <= to;
    });
    const content = [`ChargeBench virtual charge point ${cp.id} diagnostics`, `firmware ${cp.firmware.version}`, JSON.stringify(cp.view(), null, 2), "", ...lines, ""].join("\n");
    const attempts = 1 + Math.max(0, req.retries ?? 0);
    const epoch = cp.epoch;
    for (let i = 0; i < attempts; i++) {
      if (epoch !== cp.epoch) return;
      this.setStatus("Uploading");
      this.transferring = true;
      const result = await upload(req.location, fileName, content).finally(() => this.transferring = false);
      if (result.ok) return this.setStatus("Uploaded");
      cp.lastError = `Diagnostics upload failed: ${result.reason}`;
      if (i + 1 < attempts) await sleep(cp.clock, Math.max(1, req.retryInterval ?? 30) * 1e3);
    }
    this.setStatus("UploadFailed");
  }
  /** GetLog (security extension): the log uploaded as GetDiagnostics does, reported with LogStatusNotification. */
  async uploadLog(req, fileName) {
    const { cp } = this;
    const security = req.logType === "SecurityLog";
    const lines = security ? this.recent.filter((l) => /BootNotification|SecurityEventNotification|"Accepted"|"Rejected"/.test(l)) : this.recent;
    const content = [`ChargeBench virtual charge point ${cp.id} ${security ? "security" : "diagnostics"} log`, ...lines, ""].join("\n");
    const notify = (status) => {
      if (cp.isAccepted) void cp.call("LogStatusNotification", { status, requestId: req.requestId });
    };
    const attempts = 1 + Math.max(0, req.retries ?? 0);
    const epoch = cp.epoch;
    for (let i = 0; i < attempts; i++) {
      if (epoch !== cp.epoch) return;
      notify("Uploading");
      this.transferring = true;
      const result = await upload(req.log.remoteLocation, fileName, content).finally(() => this.transferring = false);
      if (result.ok) return notify("Uploaded");
      cp.lastError = `Log upload failed: ${result.reason}`;
      if (i + 1 < attempts) await sleep(cp.clock, Math.max(1, req.retryInterval ?? 30) * 1e3);
    }
    notify("UploadFailure");
  }
  /** TriggerMessage(DiagnosticsStatusNotification): Uploading while an upload runs, else Idle. */
  triggered() {
    void this.cp.call("DiagnosticsStatusNotification", { status: this.status === "Uploading" ? "Uploading" : "Idle" });
  }
  setStatus(status) {
    this.status = status;
    this.cp.changed();
    if (this.cp.isAccepted) void this.cp.call("DiagnosticsStatusNotification", { status });
  }
};

// src/main/virtual-cp/services/heartbeat.ts
var heartbeatKeys = ["HeartbeatInterval"];
var MAX_INTERVAL_S = 86400;
var HeartbeatService = class {
  constructor(cp) {
    this.cp = cp;
    this.keys = ownKeys(cp.config, heartbeatKeys);
    this.keys.onChange("HeartbeatInterval", () => {
      if (cp.isAccepted) this.start();
    });
  }
  cp;
  timer = null;
  keys;
  /** (Re)starts the heartbeats; the interval is read again before each. */
  start() {
    this.timer?.cancel();
    this.timer = every(
      this.cp.clock,
      () => this.keys.HeartbeatInterval * 1e3,
      () => {
        if (this.cp.isAccepted) void this.cp.call("Heartbeat", {});
      }
    );
  }
  /** The interval a BootNotification answer gave. */
  useInterval(seconds) {
    this.keys.setInternal("HeartbeatInterval", String(Math.min(seconds, MAX_INTERVAL_S)));
  }
  stop() {
    this.timer?.cancel();
  }
  powerDown() {
    this.timer?.cancel();
    this.timer = null;
  }
};

// src/main/virtual-cp/services/metering.ts
var meteringKeys = [
  "MeterValueSampleInterval",
  "MeterValuesSampledData",
  "StopTxnSampledData",
  "ClockAlignedDataInterval",
  "MeterValuesAlignedData",
  "StopTxnAlignedData",
  "MaxEnergyOnInvalidId"
];
var VOLTAGE = 230;
var BATTERY_WH = 6e4;
var STOP_SAMPLES = 200;
var DAY_MS = 864e5;
var MeteringService = class {
  constructor(cp) {
    this.cp = cp;
    this.keys = ownKeys(cp.config, meteringKeys);
    this.keys.onChange("MeterValueSampleInterval", () => {
      for (const c of cp.connectors.all) if (c.tx) this.startSampling(c, c.tx);
    });
    this.keys.onChange("ClockAlignedDataInterval", () => {
      if (cp.isAccepted) this.startAligned();
    });
  }
  cp;
  /** The most a connector may draw, W: the slow-charging fault lowers it. */
  powerCapW = Infinity;
  alignedTimer = null;
  keys;
  /** What a connector would draw on its own: the EV, the connector's limits, its charging profiles. */
  demandW(c) {
    const { definition, connectors, smartCharging } = this.cp;
    if (!c.tx || !c.plugged || c.evSuspended || c.fault || connectors.charger.fault || c.startFailed) return 0;
    if (c.tx.invalid && c.meterWh - c.tx.meterStartWh >= this.keys.MaxEnergyOnInvalidId) return 0;
    let p = definition.maxPowerW;
    if (smartCharging.enabled) p = Math.min(p, smartCharging.limitW(c.id));
    p = Math.min(p, this.powerCapW);
    return Math.max(0, p);
  }
  /**
   * The power a connector gets. ChargePointMaxProfile limits the charger as a whole (OCPP 1.6, 3.13.1),
   * so the connectors charging share it: each gets its demand, or an equal share of what is left.
   */
  targetPowerW(c) {
    const own = this.demandW(c);
    const { smartCharging } = this.cp;
    if (own <= 0 || !smartCharging.enabled) return own;
    let budget = smartCharging.chargePointMaxW();
    if (!Number.isFinite(budget)) return own;
    const demands = this.cp.connectors.all.map((x) => ({ x, d: x === c ? own : this.demandW(x) })).filter((e) => e.d > 0).sort((a, b) => a.d - b.d);
    for (let i = 0; i < demands.length; i++) {
      const share = Math.min(demands[i].d, budget / (demands.length - i));
      if (demands[i].x === c) return share;
      budget -= share;
    }
    return own;
  }
  /** Integrates energy up to now at the power that was flowing, then sets the power for what follows. */
  settle(c) {
    const now = this.cp.clock.now();
    if (now > c.lastSettled) c.meterWh += c.powerW * (now - c.lastSettled) / 36e5;
    c.lastSettled = now;
    c.powerW = this.targetPowerW(c);
    return c.meterWh;
  }
  settleAll() {
    for (const c of this.cp.connectors.all) this.settle(c);
  }
  sample(c, context, measurands2) {
    const wh = this.settle(c);
    const phases = this.cp.definition.phases;
    const offeredW = Math.min(this.cp.definition.maxPowerW, this.cp.smartCharging.limitW(c.id));
    const sessionWh = c.tx ? wh - c.tx.meterStartWh : 0;
    const values = [];
    for (const m of measurands2) {
      const v = (value, unit, location = "Outlet") => values.push({ value, context, format: "Raw", measurand: m, location, unit });
      switch (m) {
        case "Energy.Active.Import.Register":
          v(String(Math.round(wh)), "Wh");
          break;
        case "Power.Active.Import":
          v(c.powerW.toFixed(1), "W");
          break;
        case "Current.Import":
          v((c.powerW / (VOLTAGE * phases)).toFixed(2), "A");
          break;
        case "Current.Offered":
          v((offeredW / (VOLTAGE * phases)).toFixed(2), "A");
          break;
        case "Power.Offered":
          v(offeredW.toFixed(1), "W");
          break;
        case "Voltage":
          v(VOLTAGE.toFixed(1), "V");
          break;
        case "SoC":
          v(String(Math.min(100, Math.round(20 + sessionWh / BATTERY_WH * 100))), "Percent", "EV");
          break;
        case "Temperature":
          v((25 + c.powerW / 2e3).toFixed(1), "Celsius", "Body");
          break;
        default:
          break;
      }
    }
    if (!values.length) values.push({ value: String(Math.round(wh)), context, format: "Raw", measurand: "Energy.Active.Import.Register", location: "Outlet", unit: "Wh" });
    return { timestamp: this.cp.iso(), sampledValue: values };
  }
  /** The Transaction.Begin sample of StopTxnSampledData, kept for the StopTransaction. */
  beginSample(c) {
    const data = this.keys.StopTxnSampledData;
    return data.length ? this.sample(c, "Transaction.Begin", data) : null;
  }
  /** Samples every MeterValueSampleInterval while the transaction runs (the interval is read again each time). */
  startSampling(c, tx) {
    tx.sampleTimer?.cancel();
    tx.sampleTimer = every(
      this.cp.clock,
      () => this.keys.MeterValueSampleInterval * 1e3,
      () => this.samplePeriodic(c, tx)
    );
  }
  /** The transaction ends: sampling stops; its transactionData, if StopTxn*Data asks for any. */
  endSampling(c, tx) {
    this.settle(c);
    tx.sampleTimer?.cancel();
    const stopData = this.keys.StopTxnSampledData;
    const samples = [...tx.beginSample ? [tx.beginSample] : [], ...tx.stopSamples, ...stopData.length ? [this.sample(c, "Transaction.End", stopData)] : []];
    return samples.length ? samples : void 0;
  }
  /** TriggerMessage(MeterValues): a sample of every connector asked about, now. */
  triggered(connectorId) {
    const { connectors } = this.cp;
    for (const c of connectorId === void 0 || connectorId === 0 ? connectors.all : [connectors.all[connectorId - 1]]) {
      const mv = this.sample(c, "Trigger", this.keys.MeterValuesSampledData);
      void this.cp.call("MeterValues", { connectorId: c.id, ...c.tx?.transactionId != null ? { transactionId: c.tx.transactionId } : {}, meterValue: [mv] });
    }
  }
  /** Clock-aligned data from the next multiple of ClockAlignedDataInterval after midnight (UTC). */
  startAligned() {
    this.alignedTimer?.cancel();
    const interval = this.keys.ClockAlignedDataInterval * 1e3;
    if (!(interval > 0)) return;
    const now = this.cp.clock.now();
    const midnight = Math.floor(now / DAY_MS) * DAY_MS;
    const next = Math.min(midnight + Math.ceil((now - midnight + 1) / interval) * interval, midnight + DAY_MS);
    this.alignedTimer = this.cp.clock.after(next - now, () => {
      this.alignedTimer = null;
      this.sendAligned();
      this.startAligned();
    });
  }
  /** The power goes: no more samples. */
  powerDown() {
    this.alignedTimer?.cancel();
    this.alignedTimer = null;
    for (const c of this.cp.connectors.all) c.tx?.sampleTimer?.cancel();
  }
  samplePeriodic(c, tx) {
    if (c.tx !== tx) return;
    const stopData = this.keys.StopTxnSampledData;
    if (stopData.length) this.keepForStop(tx, this.sample(c, "Sample.Periodic", stopData));
    const measurands2 = this.keys.MeterValuesSampledData;
    if (measurands2.length) this.cp.transactions.enqueue("MeterValues", tx.localTx, { connectorId: c.id, meterValue: [this.sample(c, "Sample.Periodic", measurands2)] });
    this.cp.refresh();
  }
  sendAligned() {
    const stopData = this.keys.StopTxnAlignedData;
    if (stopData.length) {
      for (const c of this.cp.connectors.all) if (c.tx) this.keepForStop(c.tx, this.sample(c, "Sample.Clock", stopData));
    }
    const measurands2 = this.keys.MeterValuesAlignedData;
    if (!measurands2.length) return;
    for (const c of this.cp.connectors.all) {
      const mv = this.sample(c, "Sample.Clock", measurands2);
      if (c.tx) this.cp.transactions.enqueue("MeterValues", c.tx.localTx, { connectorId: c.id, meterValue: [mv] });
      else if (this.cp.isAccepted) void this.cp.call("MeterValues", { connectorId: c.id, meterValue: [mv] });
    }
  }
  /** Samples of StopTxnSampledData / StopTxnAlignedData go with the StopTransaction (the oldest make way for the newest). */
  keepForStop(tx, mv) {
    tx.stopSamples.push(mv);
    if (tx.stopSamples.length > STOP_SAMPLES) tx.stopSamples.shift();
  }
};

// src/main/virtual-cp/services/reservations.ts
var reservationKeys = ["ReserveConnectorZeroSupported"];
function reservationMatches(r, idTag3, parentIdTag) {
  return r.idTag === idTag3 || parentIdTag !== void 0 && r.parentIdTag !== void 0 && r.parentIdTag === parentIdTag;
}
var ReservationService = class {
  constructor(cp) {
    this.cp = cp;
    this.keys = ownKeys(cp.config, reservationKeys);
  }
  cp;
  reservations = /* @__PURE__ */ new Map();
  keys;
  /** The reservation holding a connector now, if any. */
  reservationOn(connectorId) {
    for (const r of this.reservations.values()) if (r.connectorId === connectorId) return r;
    const zeros = [...this.reservations.values()].filter((r) => r.connectorId === 0);
    if (!zeros.length) return void 0;
    const free = this.freeConnectors();
    const i = free.findIndex((c) => c.id === connectorId);
    return i >= 0 && free.length <= zeros.length ? zeros[i] : void 0;
  }
  /** The reservation a session of this card on this connector redeems: the connector's own, else one of connector 0. */
  reservationFor(connectorId, idTag3, parentIdTag) {
    const own = [...this.reservations.values()].find((r) => r.connectorId === connectorId && reservationMatches(r, idTag3, parentIdTag));
    return own ?? [...this.reservations.values()].find((r) => r.connectorId === 0 && reservationMatches(r, idTag3, parentIdTag));
  }
  /** ReserveNow: Accepted, or why not. */
  reserve(req) {
    const { connectors } = this.cp;
    const charger = connectors.charger;
    if (req.connectorId < 0 || req.connectorId > connectors.count) return "Rejected";
    if (req.connectorId === 0 && !this.keys.ReserveConnectorZeroSupported) return "Rejected";
    const existing = this.reservations.get(req.reservationId);
    if (req.connectorId > 0) {
      const c = connectors.all[req.connectorId - 1];
      if (c.fault || charger.fault) return "Faulted";
      if (c.availability === "Inoperative" || charger.availability === "Inoperative") return "Unavailable";
      const held = this.reservationOn(c.id);
      if (c.tx || c.plugged || c.authorized || c.cableLockedFor !== null || held && held.reservationId !== req.reservationId) return "Occupied";
    } else {
      if (charger.fault || connectors.all.every((c) => c.fault)) return "Faulted";
      if (charger.availability === "Inoperative" || connectors.all.every((c) => c.availability === "Inoperative")) return "Unavailable";
      const zeros = [...this.reservations.values()].filter((r2) => r2.connectorId === 0 && r2.reservationId !== req.reservationId).length;
      if (this.freeConnectors(req.reservationId).length <= zeros) return "Occupied";
    }
    if (existing) this.end(existing);
    const r = { reservationId: req.reservationId, connectorId: req.connectorId, idTag: req.idTag, parentIdTag: req.parentIdTag, expiryDate: req.expiryDate, timer: null };
    r.timer = this.cp.clock.after(Date.parse(req.expiryDate) - this.cp.clock.now(), () => {
      if (this.reservations.get(r.reservationId) === r) {
        this.reservations.delete(r.reservationId);
        this.cp.refresh();
      }
    });
    this.reservations.set(r.reservationId, r);
    return "Accepted";
  }
  /** CancelReservation: false when there is no such reservation. */
  cancel(reservationId) {
    const r = this.reservations.get(reservationId);
    if (!r) return false;
    this.end(r);
    return true;
  }
  end(r) {
    r.timer?.cancel();
    this.reservations.delete(r.reservationId);
  }
  /** Reservations live in volatile memory: a charger that loses power forgets them. */
  powerDown() {
    for (const r of [...this.reservations.values()]) this.end(r);
  }
  /** Connectors a new session could use: idle, operative, not faulted, not reserved on their own. */
  freeConnectors(exceptReservation) {
    const own = new Set([...this.reservations.values()].filter((r) => r.connectorId > 0 && r.reservationId !== exceptReservation).map((r) => r.connectorId));
    return this.cp.connectors.all.filter((c) => !c.tx && !c.plugged && !c.authorized && !c.fault && c.cableLockedFor === null && c.availability === "Operative" && !own.has(c.id));
  }
};

// src/main/virtual-cp/services/reset.ts
var REBOOT_MS = 2e3;
var ResetService = class {
  constructor(cp) {
    this.cp = cp;
  }
  cp;
  /**
   * Ends every session with `reason` and gives their StopTransactions (and the statuses) time to go out
   * while the charger still has power; false when it was stopped or power-cycled meanwhile.
   */
  async endSessions(reason) {
    const { cp } = this;
    const before = cp.epoch;
    for (const c of cp.connectors.all) if (c.tx) cp.transactions.stop(c, reason);
    cp.refresh();
    for (let i = 0; i < 50 && cp.transactions.queued && cp.isAccepted; i++) await sleep(cp.clock, 100);
    return before === cp.epoch;
  }
  /** graceful: transactions stop before the connection closes (soft reset, firmware, a power cut on back-up
   * power); otherwise the power goes first and their StopTransactions follow the next boot (hard reset, power loss). */
  async reboot(reason, graceful) {
    const { cp } = this;
    const connectors = cp.connectors.all;
    if (graceful) {
      if (!await this.endSessions(reason)) return;
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
    cp.connection.state = "rebooting";
    cp.changed();
    await sleep(cp.clock, REBOOT_MS);
    if (!cp.isRunning || epoch !== cp.epoch) return;
    cp.connection.state = "connecting";
    cp.connection.connect();
  }
};

// src/main/virtual-cp/services/charging-profiles.ts
var DAY_MS2 = 864e5;
var WEEK_MS = 7 * DAY_MS2;
var ms2 = (iso2) => iso2 === void 0 ? void 0 : Date.parse(iso2);
var tenths = (x) => Math.floor(x * 10 + 1e-6) / 10;
function wellFormed(p, limits) {
  const s = p.chargingSchedule;
  if (!Number.isInteger(p.stackLevel) || p.stackLevel < 0 || p.stackLevel > limits.maxStackLevel) return false;
  if (!limits.allowedRateUnits.includes(s.chargingRateUnit)) return false;
  if (s.chargingSchedulePeriod.length > limits.maxPeriods) return false;
  if (p.chargingProfileKind === "Recurring" && p.recurrencyKind === void 0) return false;
  if (s.duration !== void 0 && s.duration < 0) return false;
  for (const iso2 of [s.startSchedule, p.validFrom, p.validTo]) if (iso2 !== void 0 && Number.isNaN(Date.parse(iso2))) return false;
  const from = ms2(p.validFrom);
  const to = ms2(p.validTo);
  if (from !== void 0 && to !== void 0 && to <= from) return false;
  let previous = -1;
  for (const period of s.chargingSchedulePeriod) {
    if (period.startPeriod <= previous || period.limit < 0) return false;
    if (period.numberPhases !== void 0 && (period.numberPhases < 1 || period.numberPhases > 3)) return false;
    previous = period.startPeriod;
  }
  return true;
}
var ChargingProfiles = class {
  connectors;
  voltage;
  defaultPhases;
  maxCurrentA;
  installed;
  constructor(opts) {
    this.connectors = opts.connectors;
    this.voltage = opts.voltage ?? 230;
    this.defaultPhases = opts.defaultPhases ?? 3;
    this.maxCurrentA = opts.maxCurrentA;
    this.installed = (opts.profiles ?? []).map((ip) => ({ ...ip }));
  }
  /**
   * Decides SetChargingProfile and installs the profile when Accepted. A TxProfile without a transactionId is
   * stored bound to the active transaction, so that it goes when that transaction ends.
   */
  set(req, now, activeTx, limits) {
    if (limits.allowedRateUnits.length === 0) return "NotSupported";
    const { connectorId } = req;
    let profile2 = req.csChargingProfiles;
    if (!this.exists(connectorId) || !wellFormed(profile2, limits)) return "Rejected";
    switch (profile2.chargingProfilePurpose) {
      case "ChargePointMaxProfile":
        if (connectorId !== 0) return "Rejected";
        break;
      case "TxDefaultProfile":
        break;
      case "TxProfile": {
        if (connectorId === 0) return "Rejected";
        const tx = activeTx(connectorId);
        if (tx === null) return "Rejected";
        if (tx.transactionId < 0) {
          if (profile2.transactionId === void 0) break;
          profile2 = { ...profile2 };
          delete profile2.transactionId;
          break;
        }
        if (profile2.transactionId !== void 0 && profile2.transactionId !== tx.transactionId) return "Rejected";
        profile2 = { ...profile2, transactionId: tx.transactionId };
        break;
      }
    }
    return this.install(connectorId, profile2, now, limits) ? "Accepted" : "Rejected";
  }
  clear(req) {
    const before = this.installed.length;
    if (req.id !== void 0) {
      this.installed = this.installed.filter((ip) => ip.profile.chargingProfileId !== req.id);
    } else {
      const matches3 = (ip) => (req.connectorId === void 0 || ip.connectorId === req.connectorId) && (req.chargingProfilePurpose === void 0 || ip.profile.chargingProfilePurpose === req.chargingProfilePurpose) && (req.stackLevel === void 0 || ip.profile.stackLevel === req.stackLevel);
      this.installed = this.installed.filter((ip) => !matches3(ip));
    }
    return this.installed.length < before ? "Accepted" : "Unknown";
  }
  /**
   * Removes TxProfiles bound to a transaction (or to a connector) when the transaction ends. A connector has one
   * transaction at a time, so every TxProfile on it belonged to the one ending (or to none yet).
   */
  transactionEnded(connectorId, transactionId) {
    this.installed = this.installed.filter(
      (ip) => ip.profile.chargingProfilePurpose !== "TxProfile" || ip.connectorId !== connectorId && (transactionId === null || ip.profile.transactionId !== transactionId)
    );
  }
  /**
   * Installs the chargingProfile given in RemoteStartTransaction for the transaction about to start on
   * connectorId; false if it is not acceptable (wrong purpose, too many periods, bad unit, stack level, room).
   * The transaction has no id yet, so any transactionId given is dropped; bindTransaction sets it later.
   */
  installRemoteStartProfile(connectorId, profile2, now, limits) {
    if (connectorId < 1 || connectorId > this.connectors) return false;
    if (profile2.chargingProfilePurpose !== "TxProfile" || !wellFormed(profile2, limits)) return false;
    const unbound = { ...profile2 };
    delete unbound.transactionId;
    return this.install(connectorId, unbound, now, limits);
  }
  /** Binds TxProfiles installed without a transactionId on this connector to the transaction once its id is known. */
  bindTransaction(connectorId, transactionId) {
    this.installed = this.installed.map(
      (ip) => ip.connectorId === connectorId && ip.profile.chargingProfilePurpose === "TxProfile" && ip.profile.transactionId === void 0 ? { ...ip, profile: { ...ip.profile, transactionId } } : ip
    );
  }
  /**
   * The answer to GetCompositeSchedule over [now, now + duration]. Connector 0 is the charge point as a whole
   * (ChargePointMaxProfile with connector 0's TxDefaultProfile). Where no profile sets a limit the schedule can
   * say nothing (1.6 has no "unlimited"): without maxCurrentA a leading stretch is left out (the first period
   * starts later) and the schedule's duration ends where the first later stretch begins. If no profile sets a
   * limit anywhere in the window, the answer is the rated current alone, or without maxCurrentA, Accepted without
   * a chargingSchedule.
   */
  composite(req, now, activeTx) {
    const connectorId = req.connectorId;
    if (!this.exists(connectorId)) return { status: "Rejected" };
    const frame = { ref: now, tx: connectorId > 0 ? activeTx(connectorId) : null };
    const span = Math.max(0, Math.floor(req.duration));
    const end = now + span * 1e3;
    const iso2 = new Date(now).toISOString();
    const moments = /* @__PURE__ */ new Set([now]);
    for (const ip of this.relevant(connectorId, frame)) {
      for (const t of this.changes(ip, now, end, frame)) if (t > now && t < end) moments.add(t);
    }
    const slots = [];
    for (const t of [...moments].sort((a, b) => a - b)) {
      const offset = Math.round((t - now) / 1e3);
      if (offset > 0 && offset >= span) continue;
      const limit2 = this.limitAt(connectorId, t, frame);
      const last = slots[slots.length - 1];
      if (last !== void 0 && last.offset === offset) last.limit = limit2;
      else slots.push({ offset, limit: limit2 });
    }
    const first = slots.find((s) => s.limit !== null)?.limit;
    if ((first === void 0 || first === null) && this.maxCurrentA === void 0) return { status: "Accepted", connectorId, scheduleStart: iso2 };
    const unit = req.chargingRateUnit ?? first?.unit ?? "A";
    const periods = [];
    const starts = [];
    for (const { offset, limit: limit2 } of slots) {
      const period = this.periodIn(limit2, unit, offset);
      const last = periods[periods.length - 1];
      const same = periods.length > 0 && (last === null || period === null ? last === period : last.limit === period.limit && last.numberPhases === period.numberPhases);
      if (same) continue;
      periods.push(period);
      starts.push(offset);
    }
    const from = periods.findIndex((p) => p !== null);
    const gap = periods.findIndex((p, i) => i > from && p === null);
    const kept = gap === -1 ? periods.slice(from) : periods.slice(from, gap);
    return {
      status: "Accepted",
      connectorId,
      scheduleStart: iso2,
      chargingSchedule: {
        duration: gap === -1 ? span : starts[gap],
        chargingRateUnit: unit,
        startSchedule: iso2,
        chargingSchedulePeriod: kept
      }
    };
  }
  /**
   * The first moment after `now`, up to `horizonMs` ahead, at which a profile may change the connector's limit
   * (a period starts, a schedule or validity ends), or null: when a charger must re-read limitW.
   */
  nextChange(connectorId, now, activeTx, horizonMs = DAY_MS2) {
    if (!this.exists(connectorId)) return null;
    const frame = { ref: now, tx: connectorId > 0 ? activeTx(connectorId) : null };
    let next = null;
    for (const ip of this.relevant(connectorId, frame)) {
      for (const t of this.changes(ip, now, now + horizonMs, frame)) if (t > now && t <= now + horizonMs && (next === null || t < next)) next = t;
    }
    return next;
  }
  /** The power limit in W at `now` on a connector (Infinity if no profile applies), for metering. */
  limitW(connectorId, now, activeTx) {
    if (!this.exists(connectorId)) return Infinity;
    const limit2 = this.limitAt(connectorId, now, { ref: now, tx: connectorId > 0 ? activeTx(connectorId) : null });
    return limit2 === null ? Infinity : this.watts(limit2);
  }
  /** The ChargePointMaxProfile limit in W at `now` for the charger as a whole (Infinity if none applies). */
  chargePointMaxW(now) {
    const limit2 = this.stacked(this.on(0, "ChargePointMaxProfile"), now, { ref: now, tx: null });
    return limit2 === null ? Infinity : this.watts(limit2);
  }
  /** For persistence and display. */
  profiles() {
    return this.installed.map((ip) => ({ ...ip }));
  }
  exists(connectorId) {
    return Number.isInteger(connectorId) && connectorId >= 0 && connectorId <= this.connectors;
  }
  install(connectorId, profile2, now, limits) {
    const replaced = (ip) => ip.profile.chargingProfileId === profile2.chargingProfileId || ip.connectorId === connectorId && ip.profile.chargingProfilePurpose === profile2.chargingProfilePurpose && ip.profile.stackLevel === profile2.stackLevel;
    const kept = this.installed.filter((ip) => !replaced(ip));
    if (kept.length + 1 > limits.maxProfiles) return false;
    this.installed = [...kept, { connectorId, profile: profile2, installedAt: now }];
    return true;
  }
  on(connectorId, purpose) {
    return this.installed.filter((ip) => ip.connectorId === connectorId && ip.profile.chargingProfilePurpose === purpose);
  }
  txProfiles(connectorId, frame) {
    const tx = frame.tx;
    if (connectorId === 0 || tx === null) return [];
    return this.on(connectorId, "TxProfile").filter((ip) => ip.profile.transactionId === void 0 || ip.profile.transactionId === tx.transactionId);
  }
  /** Every profile that can bear on the connector's limit. */
  relevant(connectorId, frame) {
    const list = [...this.on(0, "ChargePointMaxProfile"), ...this.on(0, "TxDefaultProfile")];
    if (connectorId > 0) list.push(...this.on(connectorId, "TxDefaultProfile"), ...this.txProfiles(connectorId, frame));
    return list;
  }
  /** min(ChargePointMaxProfile, TxProfile if one applies else TxDefaultProfile), or null where nothing applies. */
  limitAt(connectorId, t, frame) {
    const cpMax = this.stacked(this.on(0, "ChargePointMaxProfile"), t, frame);
    const txProfiles = this.txProfiles(connectorId, frame);
    const tx = txProfiles.some((ip) => this.valid(ip, t)) ? this.stacked(txProfiles, t, frame) : (connectorId > 0 ? this.stacked(this.on(connectorId, "TxDefaultProfile"), t, frame) : null) ?? this.stacked(this.on(0, "TxDefaultProfile"), t, frame);
    if (cpMax === null) return tx;
    if (tx === null) return cpMax;
    return this.watts(tx) <= this.watts(cpMax) ? tx : cpMax;
  }
  /** The highest stack level whose schedule sets a limit at t wins; once it ends, the next one down takes over. */
  stacked(profiles, t, frame) {
    const byLevel = [...profiles].sort((a, b) => b.profile.stackLevel - a.profile.stackLevel);
    for (const ip of byLevel) {
      const limit2 = this.profileLimit(ip, t, frame);
      if (limit2 !== null) return limit2;
    }
    return null;
  }
  scheduleStart(ip, t, frame) {
    const p = ip.profile;
    switch (p.chargingProfileKind) {
      case "Absolute":
        return ms2(p.chargingSchedule.startSchedule) ?? ip.installedAt;
      case "Relative":
        return frame.tx?.startedAt ?? frame.ref;
      case "Recurring": {
        const anchor = ms2(p.chargingSchedule.startSchedule) ?? ip.installedAt;
        if (t < anchor) return null;
        const every2 = p.recurrencyKind === "Weekly" ? WEEK_MS : DAY_MS2;
        return anchor + Math.floor((t - anchor) / every2) * every2;
      }
    }
  }
  /** Within the profile's validFrom and validTo. */
  valid(ip, t) {
    const validFrom = ms2(ip.profile.validFrom);
    const validTo = ms2(ip.profile.validTo);
    return !(validFrom !== void 0 && t < validFrom || validTo !== void 0 && t >= validTo);
  }
  profileLimit(ip, t, frame) {
    const p = ip.profile;
    if (!this.valid(ip, t)) return null;
    const start = this.scheduleStart(ip, t, frame);
    if (start === null || t < start) return null;
    const s = p.chargingSchedule;
    const elapsed = (t - start) / 1e3;
    if (s.duration !== void 0 && elapsed >= s.duration) return null;
    let current;
    for (const period of s.chargingSchedulePeriod) if (period.startPeriod <= elapsed) current = period;
    if (current === void 0) return null;
    return { value: current.limit, unit: s.chargingRateUnit, phases: current.numberPhases ?? this.defaultPhases };
  }
  /** The moments within [from, to] at which the profile's limit may change. */
  changes(ip, from, to, frame) {
    const p = ip.profile;
    const s = p.chargingSchedule;
    const out = [];
    for (const t of [ms2(p.validFrom), ms2(p.validTo)]) if (t !== void 0) out.push(t);
    const offsets = s.chargingSchedulePeriod.map((period) => period.startPeriod * 1e3);
    if (s.duration !== void 0) offsets.push(s.duration * 1e3);
    const starts = [];
    if (p.chargingProfileKind === "Recurring") {
      const anchor = ms2(s.startSchedule) ?? ip.installedAt;
      const every2 = p.recurrencyKind === "Weekly" ? WEEK_MS : DAY_MS2;
      for (let k = Math.max(0, Math.floor((from - anchor) / every2)); anchor + k * every2 <= to; k++) starts.push(anchor + k * every2);
    } else {
      const start = this.scheduleStart(ip, from, frame);
      if (start !== null) starts.push(start);
    }
    for (const start of starts) {
      out.push(start);
      for (const offset of offsets) out.push(start + offset);
    }
    return out;
  }
  watts(limit2) {
    return limit2.unit === "W" ? limit2.value : limit2.value * this.voltage * limit2.phases;
  }
  periodIn(limit2, unit, startPeriod) {
    const l = limit2 ?? (this.maxCurrentA === void 0 ? null : { value: this.maxCurrentA, unit: "A", phases: this.defaultPhases });
    if (l === null) return null;
    const value = l.unit === unit ? l.value : unit === "W" ? this.watts(l) : l.value / (this.voltage * l.phases);
    return { startPeriod, limit: tenths(value), numberPhases: l.phases };
  }
};

// src/main/virtual-cp/services/smart-charging.ts
var smartChargingKeys = ["ChargeProfileMaxStackLevel", "ChargingScheduleAllowedChargingRateUnit", "ChargingScheduleMaxPeriods", "MaxChargingProfilesInstalled"];
var HORIZON_MS = 864e5;
var SmartChargingService = class {
  constructor(cp, saved) {
    this.cp = cp;
    this.keys = ownKeys(cp.config, smartChargingKeys);
    const def2 = cp.definition;
    this.profiles = new ChargingProfiles({
      connectors: def2.connectors,
      voltage: VOLTAGE,
      defaultPhases: def2.phases,
      maxCurrentA: Math.floor(def2.maxPowerW / (VOLTAGE * def2.phases) * 10) / 10,
      profiles: saved
    });
  }
  cp;
  profiles;
  /** Fires when a charging schedule next changes a running session's limit (see followSchedules). */
  scheduleTimer = null;
  keys;
  /** The charger has the SmartCharging profile. */
  get enabled() {
    return this.cp.definition.profiles.includes("SmartCharging");
  }
  /** The transaction a TxProfile on a connector belongs to; -1 until StartTransaction is answered. */
  activeTx = (connectorId) => {
    const tx = this.cp.connectors.all[connectorId - 1]?.tx;
    return tx ? { transactionId: tx.transactionId ?? -1, startedAt: tx.startedAt } : null;
  };
  set(req) {
    return this.profiles.set(req, this.cp.clock.now(), this.activeTx, this.limits());
  }
  clear(req) {
    return this.profiles.clear(req);
  }
  composite(req) {
    return this.profiles.composite(req, this.cp.clock.now(), this.activeTx);
  }
  installRemoteStartProfile(connectorId, profile2) {
    return this.profiles.installRemoteStartProfile(connectorId, profile2, this.cp.clock.now(), this.limits());
  }
  transactionEnded(connectorId, transactionId) {
    this.profiles.transactionEnded(connectorId, transactionId);
  }
  bindTransaction(connectorId, transactionId) {
    this.profiles.bindTransaction(connectorId, transactionId);
  }
  /** The limit on a connector now, W (Infinity where no profile applies). */
  limitW(connectorId) {
    return this.profiles.limitW(connectorId, this.cp.clock.now(), this.activeTx);
  }
  /** The ChargePointMaxProfile limit on the charger as a whole now, W. */
  chargePointMaxW() {
    return this.profiles.chargePointMaxW(this.cp.clock.now());
  }
  installed() {
    return this.profiles.profiles();
  }
  /**
   * Charging schedules change the limit at their period boundaries, not only when something else happens:
   * a timer at the next boundary of a running transaction's limit settles the meter at the old power and
   * reports the status the new limit brings (e.g. SuspendedEVSE at 0 W). Re-armed on every refresh.
   */
  followSchedules() {
    this.scheduleTimer?.cancel();
    this.scheduleTimer = null;
    if (!this.cp.isRunning || !this.enabled || this.profiles.profiles().length === 0) return;
    const busy = this.cp.connectors.all.filter((c) => c.tx);
    if (!busy.length) return;
    const now = this.cp.clock.now();
    let next = now + HORIZON_MS;
    for (const c of busy) {
      const t = this.profiles.nextChange(c.id, now, this.activeTx, HORIZON_MS);
      if (t !== null) next = Math.min(next, t);
    }
    this.scheduleTimer = this.cp.clock.after(next - now, () => {
      this.scheduleTimer = null;
      this.cp.refresh();
    });
  }
  powerDown() {
    this.scheduleTimer?.cancel();
    this.scheduleTimer = null;
  }
  limits() {
    const units = this.keys.ChargingScheduleAllowedChargingRateUnit;
    return {
      maxStackLevel: this.keys.ChargeProfileMaxStackLevel,
      allowedRateUnits: [...units.includes("Current") ? ["A"] : [], ...units.includes("Power") ? ["W"] : []],
      maxPeriods: this.keys.ChargingScheduleMaxPeriods,
      maxProfiles: this.keys.MaxChargingProfilesInstalled
    };
  }
};

// src/main/virtual-cp/services/status.ts
var StatusService = class {
  constructor(cp) {
    this.cp = cp;
  }
  cp;
  /** After a reconnect, statuses wait until the queued transaction messages are delivered. */
  holding = false;
  statusOf(c) {
    if (c.fault || this.cp.connectors.charger.fault) return "Faulted";
    if (c.tx) {
      if (c.evSuspended || !c.plugged) return "SuspendedEV";
      if (this.cp.metering.targetPowerW(c) <= 0) return "SuspendedEVSE";
      return "Charging";
    }
    if (c.startFailed) return "Available";
    if (c.finishing || c.cableLockedFor !== null) return "Finishing";
    if (c.availability === "Inoperative" || this.cp.connectors.charger.availability === "Inoperative") return "Unavailable";
    if (c.authorized) return "Preparing";
    if (this.cp.reservations.reservationOn(c.id) && !c.plugged) return "Reserved";
    if (c.plugged) return "Preparing";
    return "Available";
  }
  errorCodeOf(c) {
    if (c.fault) return c.fault.errorCode;
    if (this.cp.connectors.charger.fault) return this.cp.connectors.charger.fault.errorCode;
    if (c.lockFailure) return "ConnectorLockFailure";
    return "NoError";
  }
  /** Connector 0: the charger as a whole. */
  chargerStatus() {
    const charger = this.cp.connectors.charger;
    if (charger.fault) return { status: "Faulted", errorCode: charger.fault.errorCode, info: charger.fault.info };
    return { status: charger.availability === "Inoperative" ? "Unavailable" : "Available", errorCode: "NoError" };
  }
  /** Tells the central system a connector's status if it changed since it was last told (or always). */
  report(connectorId, force) {
    let payload;
    let holder;
    if (connectorId === 0) {
      const s = this.chargerStatus();
      payload = { connectorId: 0, status: s.status, errorCode: s.errorCode, ...s.info ? { info: s.info } : {} };
      holder = this.cp.connectors.charger;
    } else {
      const c = this.cp.connectors.all[connectorId - 1];
      payload = { connectorId, status: this.statusOf(c), errorCode: this.errorCodeOf(c), ...c.fault?.info ? { info: c.fault.info } : {} };
      holder = c;
    }
    const key2 = `${payload.status}/${payload.errorCode}`;
    if (holder.current !== key2) {
      holder.current = key2;
      holder.since = this.cp.iso();
    }
    payload.timestamp = holder.since ?? this.cp.iso();
    if (!force && holder.reported === key2) return;
    if (!this.cp.isAccepted || this.holding) return;
    holder.reported = key2;
    void this.cp.call("StatusNotification", payload);
  }
  /** One connector's status now, even while the others wait for the queue (a late answer is about to change it). */
  reportNow(connectorId) {
    const holding = this.holding;
    this.holding = false;
    this.report(connectorId, false);
    this.holding = holding;
  }
  reportAll() {
    for (const id2 of this.cp.connectors.ids()) this.report(id2, false);
  }
  /** The queue is delivered (or stuck in retries): the statuses held back go out. */
  release() {
    if (!this.holding) return;
    this.holding = false;
    this.reportAll();
  }
  /** TriggerMessage(StatusNotification) goes out even while Pending (the central system asked for it). */
  triggered(connectorId) {
    const c = this.cp.connectors.all[connectorId - 1];
    const s = connectorId === 0 ? this.chargerStatus() : { status: this.statusOf(c), errorCode: this.errorCodeOf(c) };
    void this.cp.call("StatusNotification", { connectorId, status: s.status, errorCode: s.errorCode, timestamp: this.cp.iso() });
  }
  /** ChangeAvailability: at once where no transaction runs, else Scheduled for when it ends. */
  changeAvailability(connectorId, type) {
    const { connectors } = this.cp;
    const targets = connectorId === 0 ? connectors.all : [connectors.all[connectorId - 1]];
    let scheduled = false;
    for (const c of targets) {
      if (c.tx && c.availability !== type) {
        c.scheduledAvailability = type;
        scheduled = true;
      } else {
        c.availability = type;
        if (type === "Inoperative") this.cp.transactions.dropAuthorized(c);
        c.scheduledAvailability = null;
      }
    }
    if (connectorId === 0) {
      if (scheduled) connectors.charger.scheduledAvailability = type;
      else {
        connectors.charger.availability = type;
        connectors.charger.scheduledAvailability = null;
      }
    }
    return scheduled ? "Scheduled" : "Accepted";
  }
  /** A transaction ended: an availability change scheduled for it takes effect (the charger's once none runs). */
  transactionEnded(c) {
    const charger = this.cp.connectors.charger;
    if (c.scheduledAvailability) {
      c.availability = c.scheduledAvailability;
      c.scheduledAvailability = null;
    }
    if (charger.scheduledAvailability && !this.cp.connectors.all.some((x) => x.tx)) {
      charger.availability = charger.scheduledAvailability;
      charger.scheduledAvailability = null;
    }
  }
  /** The power goes: the central system will be told everything afresh after the next boot. */
  powerDown() {
    for (const c of this.cp.connectors.all) c.reported = null;
    this.cp.connectors.charger.reported = null;
    this.holding = false;
  }
};

// src/main/virtual-cp/services/transactions.ts
var transactionKeys = [
  "ConnectionTimeOut",
  "StopTransactionOnEVSideDisconnect",
  "UnlockConnectorOnEVSideDisconnect",
  "StopTransactionOnInvalidId",
  "TransactionMessageAttempts",
  "TransactionMessageRetryInterval"
];
var TransactionService = class {
  constructor(cp, saved) {
    this.cp = cp;
    this.keys = ownKeys(cp.config, transactionKeys);
    this.queue = saved.queue ?? [];
    for (const [l, t] of saved.txIds ?? []) this.txIds.set(l, t);
    this.nextLocalTx = saved.nextLocalTx ?? 1;
    for (const open of saved.openTransactions ?? []) {
      const c = cp.connectors.at(open.connectorId);
      if (c) c.meterWh = Math.max(c.meterWh, open.meterWh);
      this.queue.push({ action: "StopTransaction", localTx: open.localTx, attempts: 0, payload: { meterStop: Math.round(open.meterWh), timestamp: cp.iso(), reason: "PowerLoss" } });
    }
  }
  cp;
  /** The session-start-failure fault: a card is accepted, but no session starts. */
  sessionStartFails = false;
  /** The drop-mid-transaction fault: the connection drops once, after a session's first MeterValues. */
  dropMidTransaction = false;
  queue;
  txIds = /* @__PURE__ */ new Map();
  nextLocalTx;
  /** The queued message on its way (a token per send), or null. */
  sendingQueued = null;
  retryTimer = null;
  keys;
  /** Transaction messages waiting to be delivered. */
  get queued() {
    return this.queue.length;
  }
  /**
   * Why a session cannot start on this connector for this card, or null. `parentIdTag` null: not known
   * yet (before authorization), so a reservation by parent tag is given the benefit of the doubt.
   */
  cannotStart(c, idTag3, parentIdTag) {
    const charger = this.cp.connectors.charger;
    if (c.fault || charger.fault) return `Connector ${c.id} is faulted`;
    if (c.availability === "Inoperative" || charger.availability === "Inoperative") return `Connector ${c.id} is unavailable`;
    if (c.tx) return `Connector ${c.id} already has a transaction`;
    if (c.cableLockedFor !== null) return `Connector ${c.id} still has the last session's cable locked in`;
    const r = this.cp.reservations.reservationOn(c.id);
    if (r && !reservationMatches(r, idTag3, parentIdTag === null ? r.parentIdTag ?? void 0 : parentIdTag)) return `Connector ${c.id} is reserved for ${r.idTag}`;
    return null;
  }
  /** A card (or remote start) was accepted for this connector: the session starts now, or once the cable is in. */
  authorized(c, idTag3, parentIdTag) {
    if (this.sessionStartFails) {
      c.startFailed = true;
      this.cp.refresh();
      return;
    }
    if (c.plugged) {
      this.start(c, idTag3, parentIdTag);
    } else {
      if (c.authorized) this.clearAuthorized(c);
      const timer = this.cp.clock.after(this.keys.ConnectionTimeOut * 1e3, () => {
        if (c.authorized?.timer !== timer) return;
        this.dropAuthorized(c);
        this.cp.refresh();
      });
      c.authorized = { idTag: idTag3, parentIdTag, timer };
    }
    this.cp.refresh();
  }
  clearAuthorized(c) {
    c.authorized?.timer.cancel();
    c.authorized = null;
  }
  /** The card presented will not start a session after all: a TxProfile a remote start brought goes too.
   * The caller reports the statuses once its own change is made. */
  dropAuthorized(c) {
    if (!c.authorized) return;
    this.clearAuthorized(c);
    this.cp.smartCharging.transactionEnded(c.id, null);
  }
  /** The cable is in: a card accepted before starts the session, if it still may. */
  plugged(c) {
    if (!c.authorized) return;
    const { idTag: idTag3, parentIdTag } = c.authorized;
    this.clearAuthorized(c);
    if (!this.cannotStart(c, idTag3, parentIdTag)) this.start(c, idTag3, parentIdTag);
    else this.cp.smartCharging.transactionEnded(c.id, null);
  }
  /** The EV is gone: the session stops (StopTransactionOnEVSideDisconnect), the cable maybe stays locked in its socket (a fixed cable has none). */
  unplugged(c) {
    if (!c.tx || !this.keys.StopTransactionOnEVSideDisconnect) return;
    const idTag3 = c.tx.idTag;
    this.stop(c, "EVDisconnected");
    c.finishing = false;
    if (!this.keys.UnlockConnectorOnEVSideDisconnect && !this.cp.definition.fixedCable) c.cableLockedFor = idTag3;
  }
  /** A card held to the reader of a connector: starts, or stops, a session. */
  async presentCard(c, idTag3) {
    const { cp } = this;
    const epoch = cp.epoch;
    if (!c.tx && c.cableLockedFor !== null) {
      if (c.cableLockedFor !== idTag3) return { accepted: false, status: "Invalid", message: `The cable on connector ${c.id} is locked for card ${c.cableLockedFor}` };
      c.cableLockedFor = null;
      cp.refresh();
      return { accepted: true, status: "Accepted", message: `Cable on connector ${c.id} unlocked` };
    }
    if (c.tx) {
      const tx = c.tx;
      let same = tx.idTag === idTag3;
      if (!same && tx.parentIdTag) {
        const info2 = await cp.authorization.authorize(idTag3);
        same = info2.status === "Accepted" && info2.parentIdTag === tx.parentIdTag;
      }
      if (!same) return { accepted: false, status: "Invalid", message: `Card ${idTag3} did not start the transaction on connector ${c.id}; it cannot stop it` };
      if (c.tx !== tx) return { accepted: false, status: "Invalid", message: "The transaction ended meanwhile" };
      this.stop(c, "Local", idTag3);
      cp.refresh();
      return { accepted: true, status: "Accepted", message: `Transaction on connector ${c.id} stopped by card ${idTag3}` };
    }
    const refusal = this.cannotStart(c, idTag3, null);
    if (refusal) return { accepted: false, status: "Rejected", message: refusal };
    const info = await cp.authorization.authorize(idTag3);
    if (epoch !== cp.epoch) return { accepted: false, status: "Rejected", message: "The charger restarted meanwhile" };
    if (info.status !== "Accepted") {
      cp.refresh();
      return { accepted: false, status: info.status, message: `Card ${idTag3} was not accepted: ${info.status}` };
    }
    const again = this.cannotStart(c, idTag3, info.parentIdTag);
    if (again) return { accepted: false, status: "Rejected", message: again };
    this.authorized(c, idTag3, info.parentIdTag);
    return {
      accepted: true,
      status: "Accepted",
      message: c.startFailed ? `Card ${idTag3} accepted, but the session failed to start (fault)` : c.tx ? `Transaction started on connector ${c.id}` : `Card ${idTag3} accepted: plug in the cable within ${this.keys.ConnectionTimeOut} s`
    };
  }
  start(c, idTag3, parentIdTag) {
    const { metering, reservations } = this.cp;
    metering.settle(c);
    const reservation = reservations.reservationFor(c.id, idTag3, parentIdTag);
    if (reservation) reservations.end(reservation);
    const localTx = this.nextLocalTx++;
    const tx = {
      localTx,
      transactionId: null,
      idTag: idTag3,
      parentIdTag,
      startedAt: this.cp.clock.now(),
      meterStartWh: c.meterWh,
      reservationId: reservation?.reservationId,
      sampleTimer: null,
      beginSample: null,
      stopSamples: [],
      dropped: false
    };
    c.tx = tx;
    c.finishing = false;
    c.evSuspended = false;
    c.powerW = metering.targetPowerW(c);
    tx.beginSample = metering.beginSample(c);
    this.enqueue("StartTransaction", localTx, {
      connectorId: c.id,
      idTag: idTag3,
      meterStart: Math.round(c.meterWh),
      timestamp: this.cp.iso(),
      ...reservation ? { reservationId: reservation.reservationId } : {}
    });
    metering.startSampling(c, tx);
  }
  stop(c, reason, idTag3) {
    const tx = c.tx;
    if (!tx) return;
    const transactionData = this.cp.metering.endSampling(c, tx);
    this.enqueue("StopTransaction", tx.localTx, { meterStop: Math.round(c.meterWh), timestamp: this.cp.iso(), reason, ...idTag3 ? { idTag: idTag3 } : {}, ...transactionData ? { transactionData } : {} });
    c.tx = null;
    c.evSuspended = false;
    c.finishing = c.plugged;
    c.powerW = 0;
    this.cp.smartCharging.transactionEnded(c.id, tx.transactionId);
    this.cp.status.transactionEnded(c);
  }
  enqueue(action, localTx, payload) {
    this.queue.push({ action, payload, localTx, attempts: 0 });
    this.pump();
    this.cp.changed();
  }
  /** Sends the queue's head when registered and nothing is on its way; the rest waits its turn. */
  pump() {
    const { cp } = this;
    if (this.sendingQueued || !cp.isAccepted || this.retryTimer) return;
    const head = this.queue[0];
    if (!head) return cp.status.release();
    let payload = head.payload;
    if (head.action !== "StartTransaction") {
      const transactionId = this.txIds.get(head.localTx);
      if (transactionId === void 0) {
        this.queue.shift();
        return this.pump();
      }
      payload = { ...payload, transactionId };
    }
    const token = {};
    this.sendingQueued = token;
    void cp.call(head.action, payload).then((outcome) => {
      if (this.sendingQueued !== token) return;
      this.sendingQueued = null;
      if (outcome.outcome === "offline") return;
      if (outcome.outcome === "completed") {
        this.queue.shift();
        this.delivered(head, outcome.response);
      } else {
        head.attempts += 1;
        if (head.attempts >= Math.max(1, this.keys.TransactionMessageAttempts)) {
          this.queue.shift();
          cp.lastError = `${head.action} was not accepted after ${head.attempts} attempts; dropped`;
          if (head.action === "StopTransaction") this.txIds.delete(head.localTx);
        } else {
          this.retryTimer = cp.clock.after(this.keys.TransactionMessageRetryInterval * 1e3 * head.attempts, () => {
            this.retryTimer = null;
            this.pump();
          });
          cp.status.release();
        }
      }
      cp.changed();
      this.pump();
    });
  }
  /** The power goes: the queue stays (non-volatile), what was on its way is sent again; cards waiting for a cable are forgotten. */
  powerDown() {
    this.retryTimer?.cancel();
    this.retryTimer = null;
    for (const c of this.cp.connectors.all) if (c.authorized) this.clearAuthorized(c);
    this.sendingQueued = null;
  }
  saved() {
    const open = this.cp.connectors.all.filter((c) => c.tx).map((c) => ({ localTx: c.tx.localTx, connectorId: c.id, meterWh: this.cp.metering.settle(c) }));
    return { queue: this.queue, txIds: [...this.txIds], openTransactions: open, nextLocalTx: this.nextLocalTx };
  }
  delivered(msg, response) {
    const c = this.cp.connectors.all.find((x) => x.tx?.localTx === msg.localTx);
    if (msg.action === "StartTransaction") {
      const r = response;
      this.txIds.set(msg.localTx, r.transactionId);
      if (c?.tx) {
        c.tx.transactionId = r.transactionId;
        this.cp.smartCharging.bindTransaction(c.id, r.transactionId);
        this.cp.authorization.startAnswered(c.tx.idTag, r.idTagInfo);
        if (r.idTagInfo.parentIdTag) c.tx.parentIdTag = r.idTagInfo.parentIdTag;
        if (r.idTagInfo.status !== "Accepted") {
          this.cp.status.reportNow(c.id);
          if (this.keys.StopTransactionOnInvalidId) this.stop(c, "DeAuthorized");
          else c.tx.invalid = true;
          this.cp.refresh();
        }
      }
    } else if (msg.action === "StopTransaction") {
      if (!this.queue.some((q) => q.localTx === msg.localTx)) this.txIds.delete(msg.localTx);
    } else if (msg.action === "MeterValues" && c?.tx && this.dropMidTransaction && !c.tx.dropped) {
      c.tx.dropped = true;
      this.cp.connection.terminate("Connection dropped mid-transaction (fault)");
    }
  }
};

// src/main/virtual-cp/charge-point.ts
var VirtualChargePoint = class {
  constructor(options) {
    this.options = options;
    const def2 = options.definition;
    const state = options.state ?? {};
    this.id = def2.id;
    this.definition = def2;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.faultSwitches = new FaultSwitches(this, options.faults);
    this.config = new ConfigurationStore({ connectors: def2.connectors, profiles: def2.profiles, values: state.config });
    this.connectors = new Connectors(this.id, def2.connectors, this.clock.now(), state);
    this.metering = new MeteringService(this);
    this.smartCharging = new SmartChargingService(this, state.profiles);
    this.status = new StatusService(this);
    this.reservations = new ReservationService(this);
    this.authorization = new AuthorizationService(this, state);
    this.transactions = new TransactionService(this, state);
    this.boot = new BootService(this);
    this.heartbeat = new HeartbeatService(this);
    this.firmware = new FirmwareService(this, state.firmwareVersion ?? def2.firmwareVersion);
    this.diagnostics = new DiagnosticsService(this, options.keepDiagnostics !== false);
    this.reset = new ResetService(this);
    this.hands = new PhysicalActions(this);
    this.connection = new Connection(this, {
      url: options.url,
      callTimeoutMs: options.callTimeoutMs,
      password: def2.password,
      handlers: () => handlersFor(this),
      onFrame: (rec) => this.tap(rec),
      onCallDone: options.onCallDone,
      opened: () => this.boot.registration === "Accepted" ? this.boot.resume() : void this.boot.boot(),
      closed: () => {
        this.heartbeat.stop();
        this.boot.connectionLost();
      }
    });
    this.faultSwitches.restore();
    this.config.onChange(() => this.changed());
  }
  options;
  id;
  definition;
  config;
  clock;
  random;
  connectors;
  connection;
  boot;
  heartbeat;
  status;
  authorization;
  transactions;
  metering;
  reservations;
  smartCharging;
  firmware;
  diagnostics;
  reset;
  /** The last thing that went wrong, for the user. */
  lastError = null;
  /** Central-system actions to misbehave on (the `action` fault switch). */
  protocolFaults = {};
  faultSwitches;
  hands;
  running = false;
  powerOns = 0;
  // ---- lifecycle ---------------------------------------------------------------------------------
  /** Powers the charger on: it connects and boots. */
  start() {
    if (this.running) return;
    this.running = true;
    this.powerOns++;
    this.connection.connect();
    this.changed();
  }
  /** Powers the charger off; running transactions are remembered and stopped (PowerLoss) at the next start. */
  async stop() {
    if (!this.running) return;
    this.running = false;
    this.powerDown();
    for (const c of this.connectors.all) if (c.tx) this.transactions.stop(c, "PowerLoss");
    this.connection.state = "stopped";
    this.changed();
  }
  /**
   * The mains go off: with back-up power the charger first ends its sessions (PowerLoss) and reports them;
   * without, it just goes dark (as stop()) and stops them with PowerLoss at the next start.
   */
  async powerOff() {
    if (!this.running) return;
    if (this.definition.backupPower && !await this.reset.endSessions("PowerLoss")) return;
    await this.stop();
  }
  /** Powered on. */
  get isRunning() {
    return this.running;
  }
  get isConnected() {
    return this.connection.state === "connected";
  }
  /** Connected and registered (BootNotification Accepted). */
  get isAccepted() {
    return this.connection.state === "connected" && this.boot.registration === "Accepted";
  }
  /** Bumped at every power-on and power-off: async work begun before gives up when it changes. */
  get epoch() {
    return this.powerOns;
  }
  get faults() {
    return this.faultSwitches.now;
  }
  /** The RPC endpoint of the connection now (tests tell connections apart by it). */
  get endpoint() {
    return this.connection.endpoint;
  }
  /** The power goes: every part drops what needs power, the connection last. */
  powerDown() {
    this.powerOns++;
    this.metering.settleAll();
    this.boot.powerDown();
    this.heartbeat.powerDown();
    this.metering.powerDown();
    this.smartCharging.powerDown();
    this.transactions.powerDown();
    this.reservations.powerDown();
    this.status.powerDown();
    this.connection.powerDown();
  }
  persistentState() {
    const transactions = this.transactions.saved();
    const { localList, cache: cache2 } = this.authorization.saved();
    return {
      config: this.config.changedValues(),
      localList,
      cache: cache2,
      meters: this.connectors.all.map((c) => Math.round(c.meterWh * 1e3) / 1e3),
      availability: [this.connectors.charger.availability, ...this.connectors.all.map((c) => c.availability)],
      firmwareVersion: this.firmware.version,
      profiles: this.smartCharging.installed(),
      queue: transactions.queue,
      txIds: transactions.txIds,
      openTransactions: transactions.openTransactions,
      nextLocalTx: transactions.nextLocalTx
    };
  }
  view() {
    const { password, ...def2 } = this.definition;
    const charger = this.connectors.charger;
    return {
      id: this.id,
      definition: { ...def2, hasPassword: Boolean(password) || this.connection.hasPassword },
      running: this.running,
      connection: this.connection.state,
      registration: this.boot.registration,
      firmwareVersion: this.firmware.version,
      firmwareStatus: this.firmware.status,
      diagnosticsStatus: this.diagnostics.status,
      lastError: this.lastError,
      queuedMessages: this.transactions.queued,
      localListVersion: this.authorization.storedListVersion,
      faults: this.faults,
      connectors: this.connectors.all.map((c) => this.connectorView(c)),
      chargerFault: charger.fault ? { ...charger.fault } : null
    };
  }
  // ---- physical actions (physical-actions.ts) -----------------------------------------------------
  plug(connectorId) {
    this.hands.plug(connectorId);
  }
  unplug(connectorId) {
    this.hands.unplug(connectorId);
  }
  /** A card held to the reader of a connector: starts, or stops, a session. */
  presentIdTag(connectorId, idTag3) {
    return this.hands.presentIdTag(connectorId, idTag3);
  }
  suspend(connectorId) {
    this.hands.suspend(connectorId);
  }
  resume(connectorId) {
    this.hands.resume(connectorId);
  }
  setFault(connectorId, errorCode, info) {
    this.hands.setFault(connectorId, errorCode, info);
  }
  clearFault(connectorId) {
    this.hands.clearFault(connectorId);
  }
  /** Power lost and back: transactions end with PowerLoss, then the charger boots again. */
  powerCycle() {
    this.hands.powerCycle();
  }
  /** Closes the WebSocket as a network failure would; the charger reconnects with back-off. */
  dropConnection() {
    this.hands.dropConnection();
  }
  /** Sends one frame that is not valid OCPP-J. */
  sendMalformed() {
    this.hands.sendMalformed();
  }
  setFaults(patch) {
    return this.faultSwitches.set(patch);
  }
  /** Authorizes a card as a good charger does: local list and cache first where allowed, else Authorize. */
  authorize(idTag3) {
    return this.authorization.authorize(idTag3);
  }
  // ---- what the parts share (Model) -----------------------------------------------------------------
  call(action, payload) {
    return this.connection.call(action, payload);
  }
  /** Runs `fn` once the answer to the central system's request `messageId` is on the wire. */
  afterAnswer(messageId, fn) {
    this.connection.afterAnswer(messageId, fn);
  }
  /** Meters settle now; the StatusNotifications a change causes follow the answer to the request that caused it. */
  refreshAfterAnswer(messageId) {
    this.metering.settleAll();
    this.changed();
    this.afterAnswer(messageId, () => this.refresh());
  }
  /** After any change: settle meters, report changed statuses, follow charging schedules, tell the owner. */
  refresh() {
    this.metering.settleAll();
    this.status.reportAll();
    this.smartCharging.followSchedules();
    this.changed();
  }
  /** Something a user sees changed. */
  changed() {
    this.options.onChange?.();
  }
  iso() {
    return new Date(this.clock.now()).toISOString();
  }
  tap(rec) {
    const ts = this.iso();
    this.diagnostics.record(ts, rec);
    this.options.onFrame?.({ ...rec, ts, chargerId: this.id });
  }
  connectorView(c) {
    const meterWh = this.metering.settle(c);
    const r = this.reservations.reservationOn(c.id);
    return {
      connectorId: c.id,
      status: this.status.statusOf(c),
      errorCode: this.status.errorCodeOf(c),
      plugged: c.plugged,
      evSuspended: c.evSuspended,
      authorizedIdTag: c.authorized?.idTag ?? null,
      transaction: c.tx ? { transactionId: c.tx.transactionId, idTag: c.tx.idTag, startedAt: new Date(c.tx.startedAt).toISOString(), energyWh: Math.round(meterWh - c.tx.meterStartWh) } : null,
      reservation: r ? { reservationId: r.reservationId, idTag: r.idTag, expiryDate: r.expiryDate } : null,
      meterWh: Math.round(meterWh),
      powerW: Math.round(c.powerW * 10) / 10,
      availability: c.availability
    };
  }
};

// src/main/virtual-cp/manager.ts
var VirtualChargerManager = class {
  constructor(store2, options) {
    this.store = store2;
    this.options = options;
    this.clock = options.clock ?? systemClock;
  }
  store;
  options;
  entries = /* @__PURE__ */ new Map();
  clock;
  ts() {
    return new Date(this.clock.now()).toISOString();
  }
  /** Loads the saved chargers and starts those that were running. */
  async load() {
    for (const row of this.store.virtualChargers()) {
      const def2 = VirtualChargerDefinition.safeParse(row.definition);
      if (!def2.success) {
        console.error(`chargebench: virtual charger ${row.id} has a definition this version cannot read; skipped (${def2.error.issues[0]?.message})`);
        continue;
      }
      const faults = FaultsPatch.safeParse(row.state?.faults ?? {});
      const entry2 = this.make(def2.data, row.definition, row.createdAt, row.state ?? void 0, faults.success ? faults.data : {});
      if (row.state?.running ?? def2.data.autoStart) entry2.vcp.start();
    }
  }
  list() {
    return [...this.entries.values()].map((e) => e.vcp.view());
  }
  /** Whether the bench has a virtual charger of this id. */
  has(id2) {
    return this.entries.has(id2);
  }
  get(id2) {
    return this.entry(id2).vcp.view();
  }
  /** The charger itself, for tests and the CLI. */
  charger(id2) {
    return this.entry(id2).vcp;
  }
  async create(input) {
    const def2 = parse(VirtualChargerDefinition, input ?? {}, "body");
    if (this.entries.has(def2.id)) throw new BenchError(409, `A virtual charger "${def2.id}" already exists`, { field: "id" });
    await this.options.register?.(def2.id, def2.password);
    const createdAt = this.ts();
    const entry2 = this.make(def2, input, createdAt, void 0, {});
    await this.store.saveVirtualCharger(def2.id, createdAt, input, this.stateOf(entry2));
    if (def2.autoStart) entry2.vcp.start();
    return entry2.vcp.view();
  }
  async remove(id2) {
    const entry2 = this.entry(id2);
    await entry2.vcp.stop();
    this.clearTimers(entry2);
    this.entries.delete(id2);
    await this.store.deleteVirtualCharger(id2);
    this.options.emit?.({ type: "virtualChargerRemoved", id: id2, ts: this.ts() });
  }
  start(id2) {
    const entry2 = this.entry(id2);
    entry2.vcp.start();
    this.save(entry2, true);
    return entry2.vcp.view();
  }
  async stop(id2) {
    const entry2 = this.entry(id2);
    await entry2.vcp.stop();
    this.save(entry2, true);
    return entry2.vcp.view();
  }
  /** Performs a physical action; the body is checked against the action's schema. */
  async act(id2, action, body) {
    const entry2 = this.entry(id2);
    const result = await performPhysicalAction(entry2.vcp, action, body);
    this.save(entry2, false);
    return { ...result !== void 0 ? { result } : {}, charger: entry2.vcp.view() };
  }
  setFaults(id2, patch) {
    const entry2 = this.entry(id2);
    entry2.vcp.setFaults(parse(FaultsPatch, patch ?? {}, "body"));
    this.save(entry2, true);
    return entry2.vcp.view();
  }
  /** One named fault switch, e.g. `offline` with `{"on": true, "seconds": 30}`. */
  setFault(id2, name, body) {
    const entry2 = this.entry(id2);
    entry2.vcp.setFaults(faultPatch(name, body, entry2.vcp.faults));
    this.save(entry2, true);
    return entry2.vcp.view();
  }
  /** Stops every charger and saves its state (the bench is shutting down). */
  async close() {
    for (const entry2 of this.entries.values()) {
      const wasRunning = entry2.vcp.isRunning;
      await entry2.vcp.stop();
      this.clearTimers(entry2);
      this.store.saveVirtualChargerState(entry2.vcp.id, { ...this.stateOf(entry2), running: wasRunning });
    }
    this.entries.clear();
  }
  make(def2, input, createdAt, state, faults) {
    const entry2 = { vcp: null, createdAt, definitionInput: input, saveTimer: null, eventTimer: null };
    entry2.vcp = new VirtualChargePoint({
      definition: def2,
      url: this.options.url(),
      clock: this.clock,
      state: state ?? void 0,
      faults,
      callTimeoutMs: this.options.callTimeoutMs,
      onChange: () => this.changed(entry2)
    });
    this.entries.set(def2.id, entry2);
    return entry2;
  }
  stateOf(entry2) {
    return { ...entry2.vcp.persistentState(), running: entry2.vcp.isRunning, faults: entry2.vcp.faults };
  }
  changed(entry2) {
    this.save(entry2, false);
    if (!this.options.emit || entry2.eventTimer) return;
    entry2.eventTimer = this.clock.after(
      100,
      () => {
        entry2.eventTimer = null;
        if (this.entries.get(entry2.vcp.id) === entry2) this.options.emit?.({ type: "virtualChargerChanged", charger: entry2.vcp.view(), ts: this.ts() });
      },
      { background: true }
    );
  }
  save(entry2, now) {
    if (now) {
      entry2.saveTimer?.cancel();
      entry2.saveTimer = null;
      this.store.saveVirtualChargerState(entry2.vcp.id, this.stateOf(entry2));
      return;
    }
    if (entry2.saveTimer) return;
    entry2.saveTimer = this.clock.after(
      this.options.saveDelayMs ?? 1e3,
      () => {
        entry2.saveTimer = null;
        if (this.entries.get(entry2.vcp.id) === entry2) this.store.saveVirtualChargerState(entry2.vcp.id, this.stateOf(entry2));
      },
      { background: true }
    );
  }
  clearTimers(entry2) {
    entry2.saveTimer?.cancel();
    entry2.eventTimer?.cancel();
    entry2.saveTimer = entry2.eventTimer = null;
  }
  entry(id2) {
    const e = this.entries.get(id2);
    if (!e) throw new BenchError(404, `No virtual charger "${id2}"`);
    return e;
  }
};

// src/main/core/event-bus.ts
import { EventEmitter } from "node:events";
var EventBus = class {
  /** `clock`: the bench's, which paces batched subscribers. */
  constructor(clock = systemClock) {
    this.clock = clock;
    this.emitter.setMaxListeners(0);
  }
  clock;
  emitter = new EventEmitter();
  publish(event) {
    this.emitter.emit("event", event);
  }
  /** Calls `listener` with every event from now on; returns what stops it. */
  subscribe(listener) {
    this.emitter.on("event", listener);
    return () => void this.emitter.off("event", listener);
  }
  /**
   * Like subscribe, but with every event of up to `ms` at once, in order: one call per burst rather than
   * one per event (a face that forwards them pays per message, not per event). Paced by the bench's clock.
   */
  subscribeBatched(listener, ms3) {
    let queue = [];
    let timer = null;
    const flush = () => {
      timer = null;
      const batch = queue;
      queue = [];
      listener(batch);
    };
    const off2 = this.subscribe((e) => {
      queue.push(e);
      timer ??= this.clock.after(ms3, flush);
    });
    return () => {
      off2();
      timer?.cancel();
    };
  }
  /** Whether anyone listens: costly events (every frame) are made only then. */
  get hasListeners() {
    return this.emitter.listenerCount("event") > 0;
  }
};

// src/main/core/settings.ts
var SettingsStore = class {
  constructor(record) {
    this.record = record;
    this.current = record.settings.get();
  }
  record;
  current;
  listeners = /* @__PURE__ */ new Set();
  get() {
    return this.current;
  }
  async update(patch) {
    const before = this.current;
    this.current = await this.record.settings.save(patch);
    for (const l of this.listeners) l(this.current, before);
    return this.current;
  }
  /** Calls `listener` after every update, whichever face made it; returns what stops it. */
  onChanged(listener) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
};

// src/shared/api/bench-rules.ts
function maxStackLevelIn(response) {
  const keys = response?.configurationKey;
  const value = Array.isArray(keys) ? keys.find((k) => k.key === "ChargeProfileMaxStackLevel")?.value : void 0;
  const n = value === void 0 ? NaN : Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
}
var isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function idTag2(errors, path, v, required) {
  if (v === void 0) {
    if (required) errors[path] ??= "Required: the card or idTag";
    return;
  }
  if (typeof v !== "string") return;
  if (v.trim() === "") errors[path] ??= "Enter an idTag: an empty one would start a session for nobody";
  else if (v !== v.trim()) errors[path] ??= "An idTag has no spaces at its start or end";
  else if (v.length > 20) errors[path] ??= `At most 20 characters (this one has ${v.length})`;
}
function atLeast2(errors, path, v, min, what) {
  if (typeof v === "number" && Number.isInteger(v) && v < min) errors[path] ??= `${what} is ${min} or more`;
}
function future(errors, path, v, now, what) {
  if (typeof v === "string" && Date.parse(v) <= now) errors[path] ??= `${what} must be in the future`;
}
function benchRuleErrors(action, payload, ctx) {
  const errors = {};
  if (!isObj(payload)) return errors;
  const p = payload;
  switch (action) {
    case "RemoteStartTransaction":
      idTag2(errors, "idTag", p.idTag, true);
      atLeast2(errors, "connectorId", p.connectorId, 1, "A connector number");
      if (isObj(p.chargingProfile)) chargingProfile2(errors, "chargingProfile", p.chargingProfile, ctx);
      break;
    case "RemoteStopTransaction":
      atLeast2(errors, "transactionId", p.transactionId, 1, "A transaction id");
      break;
    case "UnlockConnector":
      atLeast2(errors, "connectorId", p.connectorId, 1, "A connector number");
      break;
    case "ChangeAvailability":
    case "GetCompositeSchedule":
    case "SetChargingProfile":
    case "ClearChargingProfile":
      atLeast2(errors, "connectorId", p.connectorId, 0, "A connector number (0 for the whole charger)");
      if (action === "GetCompositeSchedule" && typeof p.duration === "number" && p.duration <= 0) errors.duration ??= "A duration of more than 0 seconds";
      if (action === "SetChargingProfile" && isObj(p.csChargingProfiles)) chargingProfile2(errors, "csChargingProfiles", p.csChargingProfiles, ctx);
      if (action === "ClearChargingProfile") {
        atLeast2(errors, "id", p.id, 1, "A charging profile id");
        atLeast2(errors, "stackLevel", p.stackLevel, 0, "A stack level");
      }
      break;
    case "TriggerMessage":
      atLeast2(errors, "connectorId", p.connectorId, 1, "A connector number (leave it out for every connector)");
      break;
    case "ReserveNow":
      atLeast2(errors, "connectorId", p.connectorId, 0, "A connector number (0 for any connector)");
      atLeast2(errors, "reservationId", p.reservationId, 1, "A reservation id");
      idTag2(errors, "idTag", p.idTag, true);
      idTag2(errors, "parentIdTag", p.parentIdTag, false);
      future(errors, "expiryDate", p.expiryDate, ctx.now, "The expiry");
      break;
    case "CancelReservation":
      atLeast2(errors, "reservationId", p.reservationId, 1, "A reservation id");
      break;
    case "SendLocalList":
      atLeast2(errors, "listVersion", p.listVersion, 1, "A list version");
      if (Array.isArray(p.localAuthorizationList)) {
        p.localAuthorizationList.forEach((entry2, i) => {
          if (!isObj(entry2)) return;
          idTag2(errors, `localAuthorizationList.${i}.idTag`, entry2.idTag, true);
          if (isObj(entry2.idTagInfo)) idTag2(errors, `localAuthorizationList.${i}.idTagInfo.parentIdTag`, entry2.idTagInfo.parentIdTag, false);
        });
      }
      break;
    case "GetDiagnostics":
    case "UpdateFirmware":
      atLeast2(errors, "retries", p.retries, 0, "The number of retries");
      atLeast2(errors, "retryInterval", p.retryInterval, 1, "The retry interval (s)");
      if (typeof p.startTime === "string" && typeof p.stopTime === "string" && Date.parse(p.stopTime) <= Date.parse(p.startTime)) errors.stopTime ??= "The end must come after the start";
      break;
    default:
      break;
  }
  return errors;
}
function chargingProfile2(errors, at, profile2, ctx) {
  atLeast2(errors, `${at}.chargingProfileId`, profile2.chargingProfileId, 1, "A charging profile id");
  atLeast2(errors, `${at}.stackLevel`, profile2.stackLevel, 0, "A stack level");
  if (typeof profile2.stackLevel === "number" && ctx.maxStackLevel != null && profile2.stackLevel > ctx.maxStackLevel) {
    errors[`${at}.stackLevel`] ??= `This charger takes stack levels up to ${ctx.maxStackLevel} (its ChargeProfileMaxStackLevel)`;
  }
  const schedule = profile2.chargingSchedule;
  if (!isObj(schedule)) return;
  if (typeof schedule.duration === "number" && schedule.duration <= 0) errors[`${at}.chargingSchedule.duration`] ??= "A duration of more than 0 seconds, or none";
  if (!Array.isArray(schedule.chargingSchedulePeriod)) return;
  let last = -1;
  schedule.chargingSchedulePeriod.forEach((period, i) => {
    if (!isObj(period)) return;
    const path = `${at}.chargingSchedule.chargingSchedulePeriod.${i}`;
    if (typeof period.startPeriod === "number") {
      if (i === 0 && period.startPeriod !== 0) errors[`${path}.startPeriod`] ??= "The first period starts at 0 s";
      else if (period.startPeriod <= last) errors[`${path}.startPeriod`] ??= "Each period starts after the one before";
      last = period.startPeriod;
    }
    if (typeof period.limit === "number" && period.limit < 0) errors[`${path}.limit`] ??= "A limit of 0 or more";
    if (typeof period.numberPhases === "number" && (period.numberPhases < 1 || period.numberPhases > 3)) errors[`${path}.numberPhases`] ??= "1, 2 or 3 phases";
  });
}

// src/main/core/operations.ts
var Operations = class {
  constructor(centralSystem, record, settings, bus, clock = systemClock) {
    this.centralSystem = centralSystem;
    this.record = record;
    this.settings = settings;
    this.bus = bus;
    this.clock = clock;
  }
  centralSystem;
  record;
  settings;
  bus;
  clock;
  /** Each charger's ChargeProfileMaxStackLevel, as its latest GetConfiguration answer reporting it said (null: none did). */
  maxStackLevel = /* @__PURE__ */ new Map();
  learnLimits(chargerId, response) {
    const n = maxStackLevelIn(response);
    if (n !== null) this.maxStackLevel.set(chargerId, n);
  }
  /** A charger's ChargeProfileMaxStackLevel: learnt from answers since the bench started, else read back once from the record (so a restart does not forget it). */
  maxStackLevelOf(chargerId) {
    if (!this.maxStackLevel.has(chargerId)) this.maxStackLevel.set(chargerId, maxStackLevelIn(this.record.operations.lastConfigurationWith(chargerId, "ChargeProfileMaxStackLevel")));
    return this.maxStackLevel.get(chargerId) ?? null;
  }
  /**
   * Sends a central-system action to a charger; the answer is typed by the action. Throws BenchError 400
   * (invalid payload, nothing sent), 404 (charger never seen), 503 (the bench cannot record); resolves
   * with the outcome otherwise, `offline` when the charger is known but not connected.
   */
  async operate(chargerId, action, payload, opts = {}) {
    assertRequest(action, payload);
    return this.send(chargerId, action, payload, opts);
  }
  /**
   * `operate` for an action named at run time (a face's call, a test case's step): 404 for a name that
   * is not an OCPP 1.6 action or is one a charge point sends, then as `operate`.
   */
  async operateByName(chargerId, action, payload, opts = {}) {
    if (!isAction(action)) throw new BenchError(404, `"${action}" is not an OCPP 1.6 action`, { field: "action" });
    if (!isCentralSystemAction(action)) throw new BenchError(404, `${action} is sent by a charge point, not by the central system`, { field: "action" });
    assertRequest(action, payload);
    return this.send(chargerId, action, payload, opts);
  }
  async send(chargerId, action, payload, opts) {
    if (!opts.skipBenchRules) {
      const maxStackLevel = action === "SetChargingProfile" || action === "RemoteStartTransaction" ? this.maxStackLevelOf(chargerId) : null;
      const broken = Object.entries(benchRuleErrors(action, payload, { now: this.clock.now(), maxStackLevel }));
      if (broken.length > 0) {
        const [field, message] = broken[0];
        throw new BenchError(400, `Not sent: ${field}: ${message}`, { field });
      }
    }
    const endpoint = this.centralSystem.endpointOf(chargerId);
    if (!endpoint) {
      this.centralSystem.registry.mustKnow(chargerId);
      return { outcome: "offline", error: { description: `Charger ${chargerId} is not connected` } };
    }
    if (!this.record.writable) throw new BenchError(503, `Nothing was sent: ${recordProblemText(this.record.problem, this.record.dataDir)}`);
    const now = isoTime(this.clock);
    let sending;
    try {
      sending = endpoint.call(action, payload, { timeoutMs: opts.timeoutMs ?? this.settings.get().callTimeout * 1e3 });
    } catch (e) {
      throw e instanceof PayloadError ? invalidPayload(action, e) : e;
    }
    const shown2 = redactPayload(payload);
    const operationId = this.record.operations.started(chargerId, action, shown2, now);
    const result = shownOutcome(await sending, operationId);
    const done = isoTime(this.clock);
    const response = "response" in result ? result.response : void 0;
    const error = "error" in result ? result.error : void 0;
    this.record.operations.finished(operationId, done, result.outcome, response, error);
    const operation = { id: operationId, chargerId, action, request: shown2, sentAt: now, finishedAt: done, outcome: result.outcome, response, error };
    this.bus.publish({ type: "operationFinished", operation, ts: done });
    if (action === "GetConfiguration" && result.outcome === "completed") this.learnLimits(chargerId, result.response);
    return result;
  }
};
function assertRequest(action, payload) {
  const checked = actions[action].request.safeParse(payload);
  if (!checked.success) throw invalidPayload(action, new PayloadError(errorForIssues(checked.error.issues, payload)));
}
function invalidPayload(action, e) {
  return new BenchError(400, `Invalid ${action} payload: ${e.info.description}`, { field: e.field, code: e.info.code });
}
function shownOutcome(outcome, operationId) {
  switch (outcome.outcome) {
    case "completed":
      return { ...outcome, response: redactPayload(outcome.response), operationId };
    case "invalidResponse":
      return { ...outcome, response: redactPayload(outcome.response), operationId };
    default:
      return { ...outcome, operationId };
  }
}

// src/main/core/file-host.ts
import { randomBytes, timingSafeEqual as timingSafeEqual2 } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync as mkdirSync4, readFileSync as readFileSync4, renameSync, rmSync, statSync as statSync2, writeFileSync as writeFileSync4 } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, dirname, join as join5, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
var MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
var HOSTED_FOR_MS = 24 * 60 * 60 * 1e3;
var ID = /^[A-Za-z0-9_-]{24}$/;
var WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
function checkFileName(name, field = "name") {
  const bad2 = (why2) => new BenchError(400, `The file name ${JSON.stringify(name.slice(0, 100))} ${why2}`, { field });
  if (name.length > 200) throw bad2("is longer than 200 characters");
  if (/[/\\:*?"<>|\u0000-\u001f\u007f]/.test(name)) throw bad2('contains a character file names cannot have (/ \\ : * ? " < > | or a control character)');
  let safe = name.trim().replace(/[. ]+$/, "");
  const reserved2 = WINDOWS_RESERVED.exec(safe);
  if (reserved2) safe = `${reserved2[1]}_${reserved2[2] ?? ""}`;
  if (!safe || /^\.+$/.test(safe)) throw bad2("is empty or only dots");
  return safe;
}
var FileHost = class {
  /** `dir` holds uploads and the list of hosted files, so their URLs survive a restart of the bench. */
  constructor(dir, options = {}) {
    this.dir = dir;
    this.hostedForMs = options.hostedForMs ?? HOSTED_FOR_MS;
    this.now = options.now ?? Date.now;
    this.indexFile = join5(dir, "hosted.json");
    let saved = [];
    try {
      saved = JSON.parse(readFileSync4(this.indexFile, "utf8"));
    } catch {
    }
    for (const f of Array.isArray(saved) ? saved : []) {
      if (typeof f?.id === "string" && ID.test(f.id) && typeof f.path === "string" && typeof f.name === "string" && isFile(f.path)) {
        if (typeof f.expiresAt !== "string") f.expiresAt = new Date((Date.parse(f.hostedAt) || 0) + this.hostedForMs).toISOString();
        if (typeof f.ftpUser !== "string" || !FTP_USER.test(f.ftpUser) || typeof f.ftpPassword !== "string") Object.assign(f, ftpCredentials());
        this.files.set(f.id, f);
      }
    }
    this.expire();
  }
  dir;
  files = /* @__PURE__ */ new Map();
  indexFile;
  hostedForMs;
  now;
  /** Newest first. */
  list() {
    this.expire();
    return [...this.files.values()].sort((a, b) => b.hostedAt.localeCompare(a.hostedAt));
  }
  /** The hosted file an FTP user sees, when the password is its own (compared in constant time). */
  byFtpLogin(user, password) {
    this.expire();
    for (const f of this.files.values()) if (f.ftpUser === user) return sameSecret(password, f.ftpPassword) ? f : void 0;
    return void 0;
  }
  get(id2) {
    this.expire();
    return this.files.get(id2);
  }
  /**
   * Serves the file at `path` under `name` (its own name by default). Hosting the same file under the
   * same name again gives the same URL, so a charger mid-download is not cut off.
   */
  async host(path, name) {
    const full = resolve(path);
    const info = await stat(full).catch(() => null);
    if (!info) throw new BenchError(400, `There is no file at ${full}`, { field: "path" });
    if (!info.isFile()) throw new BenchError(400, `${full} is not a file`, { field: "path" });
    const shown2 = checkFileName(name ?? basename(full));
    this.expire();
    for (const f of this.files.values()) {
      if (f.path === full && f.name === shown2) {
        f.size = info.size;
        f.expiresAt = this.expiry();
        return this.add(f);
      }
    }
    return this.add({ id: newId(), name: shown2, path: full, size: info.size, hostedAt: new Date(this.now()).toISOString(), expiresAt: this.expiry(), ...ftpCredentials() });
  }
  /** Stores an upload under dir/<id>/<name> (written to a .part file first, so a cut upload leaves nothing behind) and hosts it. */
  async store(body, name, maxBytes = MAX_UPLOAD_BYTES) {
    const shown2 = checkFileName(name);
    const id2 = newId();
    const folder = join5(this.dir, id2);
    mkdirSync4(folder, { recursive: true, mode: PRIVATE_DIR });
    const part = join5(folder, `${shown2}.part`);
    let size = 0;
    try {
      await pipeline(
        body,
        async function* (source) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > maxBytes) throw new BenchError(413, `The file is larger than ${Math.floor(maxBytes / 1024 ** 2)} MiB`);
            yield chunk;
          }
        },
        createWriteStream(part, { mode: PRIVATE_FILE })
      );
      const file = join5(folder, shown2);
      renameSync(part, file);
      return this.add({ id: id2, name: shown2, path: file, size, hostedAt: new Date(this.now()).toISOString(), expiresAt: this.expiry(), ...ftpCredentials() });
    } catch (e) {
      rmSync(folder, { recursive: true, force: true });
      if (e instanceof BenchError) throw e;
      throw new BenchError(400, `The upload did not complete: ${e.message}`, { field: "body" });
    }
  }
  /**
   * Answers GET and HEAD /files/<id>/<name> from the central system's HTTP server; returns false for
   * any other path so the server answers it as before.
   */
  handle(req, res) {
    const path = (req.url ?? "/").split("?")[0];
    if (!path.startsWith("/files/")) return false;
    void this.serve(req, res, path).catch((e) => {
      if (!res.headersSent) plain(res, 500, `Could not read the file: ${e.message}`);
      else res.destroy();
    });
    return true;
  }
  async serve(req, res, path) {
    if (req.method !== "GET" && req.method !== "HEAD") return plain(res, 405, `${req.method} is not allowed on hosted files`, { Allow: "GET, HEAD" });
    const [, , id2, ...rest] = path.split("/");
    let name;
    try {
      name = decodeURIComponent(rest.join("/"));
    } catch {
      return plain(res, 404, "No such file");
    }
    const file = this.get(id2);
    if (!file || file.name !== name) return plain(res, 404, "No such file (hosted files are served for 24 hours after they are hosted)");
    const info = await stat(file.path).catch(() => null);
    if (!info?.isFile()) return plain(res, 404, `${file.name} is no longer on the bench's disk`);
    const headers = {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "Accept-Ranges": "bytes",
      "Last-Modified": info.mtime.toUTCString(),
      "Cache-Control": "no-store"
    };
    let start = 0;
    let end = info.size - 1;
    let status = 200;
    const range = req.headers.range;
    if (range) {
      const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
      const from = m?.[1] ? Number(m[1]) : NaN;
      const to = m?.[2] ? Number(m[2]) : NaN;
      if (m && m[1] !== "") [start, end] = [from, Number.isNaN(to) ? info.size - 1 : Math.min(to, info.size - 1)];
      else if (m && m[2] !== "") [start, end] = [Math.max(0, info.size - to), info.size - 1];
      if (!m || m[1] === "" && m[2] === "" || start > end || start >= info.size) {
        return plain(res, 416, "Range not satisfiable", { "Content-Range": `bytes */${info.size}` });
      }
      status = 206;
      headers["Content-Range"] = `bytes ${start}-${end}/${info.size}`;
    }
    headers["Content-Length"] = info.size === 0 ? 0 : end - start + 1;
    res.writeHead(status, headers);
    if (req.method === "HEAD" || info.size === 0) return void res.end();
    await pipeline(createReadStream(file.path, { start, end }), res);
  }
  expiry() {
    return new Date(this.now() + this.hostedForMs).toISOString();
  }
  /** Forgets files past their expiry and deletes the bench's own copies of uploads (never a file hosted by path). */
  expire() {
    const now = this.now();
    let changed = false;
    for (const f of this.files.values()) {
      if (!(Date.parse(f.expiresAt) > now)) {
        this.files.delete(f.id);
        changed = true;
        const folder = join5(this.dir, f.id);
        try {
          if (dirname(f.path) === folder) rmSync(folder, { recursive: true, force: true });
        } catch (e) {
          console.error(`chargebench: could not delete the expired upload ${f.path}: ${e.message}`);
        }
      }
    }
    if (changed) this.save();
  }
  add(file) {
    this.files.set(file.id, file);
    this.save();
    return file;
  }
  save() {
    try {
      mkdirSync4(this.dir, { recursive: true, mode: PRIVATE_DIR });
      const tmp = `${this.indexFile}.tmp`;
      writeFileSync4(tmp, JSON.stringify([...this.files.values()], null, 2), { mode: PRIVATE_FILE });
      renameSync(tmp, this.indexFile);
    } catch (e) {
      console.error(`chargebench: could not save the list of hosted files: ${e.message}`);
    }
  }
};
function newId() {
  return randomBytes(18).toString("base64url");
}
var FTP_USER = /^fw-[0-9a-f]{12}$/;
function ftpCredentials() {
  return { ftpUser: `fw-${randomBytes(6).toString("hex")}`, ftpPassword: randomBytes(16).toString("hex") };
}
function sameSecret(given, expected) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual2(a, b);
}
function isFile(path) {
  try {
    return statSync2(path).isFile();
  } catch {
    return false;
  }
}
function plain(res, status, text, headers = {}) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers }).end(`${text}
`);
}

// src/main/core/upload-inbox.ts
import { createHash as createHash5, randomBytes as randomBytes2 } from "node:crypto";
import { createWriteStream as createWriteStream2, mkdirSync as mkdirSync5, readFileSync as readFileSync5, renameSync as renameSync2, rmSync as rmSync2, statSync as statSync3, writeFileSync as writeFileSync5 } from "node:fs";
import { join as join6 } from "node:path";
import { Writable as Writable2 } from "node:stream";
var LOCATION_VALID_MS = 24 * 60 * 60 * 1e3;
var UPLOAD_KEPT_MS = 7 * 24 * 60 * 60 * 1e3;
var MAX_DIAGNOSTICS_BYTES = 512 * 1024 ** 2;
var MAX_FILES_PER_LOCATION = 20;
var MAX_LOCATIONS_PER_CHARGER = 50;
var PROGRESS_EVERY_MS = 250;
var SWEEP_EVERY_MS = 10 * 60 * 1e3;
var UploadInbox = class {
  constructor(dir, options = {}) {
    this.dir = dir;
    this.clock = options.clock ?? systemClock;
    this.maxBytes = options.maxBytes ?? MAX_DIAGNOSTICS_BYTES;
    this.onChange = options.onChange ?? (() => void 0);
    this.indexFile = join6(dir, "uploads.json");
    this.load();
    this.sweeper = every(
      this.clock,
      () => SWEEP_EVERY_MS,
      () => this.expire(),
      { background: true }
    );
  }
  dir;
  locations = /* @__PURE__ */ new Map();
  uploads = /* @__PURE__ */ new Map();
  /** Uploads arriving now, so a delete or a stop can cut them off. */
  sinks = /* @__PURE__ */ new Map();
  indexFile;
  clock;
  maxBytes;
  onChange;
  sweeper;
  /** The bench's time (ms), e.g. to name an upload that came without a name. */
  now() {
    return this.clock.now();
  }
  /** A new location for one request of `chargerId`. */
  newLocation(chargerId) {
    this.expire();
    const now = this.now();
    const location = {
      id: randomBytes2(6).toString("hex"),
      chargerId,
      token: randomBytes2(18).toString("base64url"),
      ftpUser: `diag-${randomBytes2(6).toString("hex")}`,
      ftpPassword: randomBytes2(16).toString("hex"),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + LOCATION_VALID_MS).toISOString()
    };
    const open = [...this.locations.values()].filter((l) => l.chargerId === chargerId && Date.parse(l.expiresAt) > now);
    if (open.length >= MAX_LOCATIONS_PER_CHARGER) {
      const used = new Set([...this.uploads.values()].map((u) => u.locationId));
      const oldest = open.find((l) => !used.has(l.id)) ?? open[0];
      oldest.expiresAt = new Date(now).toISOString();
    }
    this.locations.set(location.id, location);
    this.save();
    return location;
  }
  /** The location with this HTTP token. */
  byToken(token) {
    this.expire();
    for (const l of this.locations.values()) if (sameSecret(token, l.token)) return this.valid(l);
    return { refused: "unknown" };
  }
  /** The location of this FTP user, when the password is its own. */
  byFtpLogin(user, password) {
    this.expire();
    for (const l of this.locations.values()) if (l.ftpUser === user) return sameSecret(password, l.ftpPassword) ? this.valid(l) : { refused: "unknown" };
    return { refused: "unknown" };
  }
  /** Uploads newest first, of one charger or all. */
  list(chargerId) {
    this.expire();
    return [...this.uploads.values()].filter((u) => chargerId === void 0 || u.chargerId === chargerId).sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id)).map((u) => this.view(u));
  }
  get(id2) {
    this.expire();
    const upload2 = this.uploads.get(id2);
    if (!upload2) throw new BenchError(404, `No upload "${id2}": it was deleted, or expired (uploads are kept for ${UPLOAD_KEPT_MS / 864e5} days)`);
    return upload2;
  }
  /** A received upload and its file, to download; one still arriving or failed has none yet. */
  downloadable(id2) {
    const upload2 = this.get(id2);
    if (upload2.status === "receiving") throw new BenchError(409, `${upload2.name} is still arriving (${upload2.bytes} bytes so far): download it once it is received`);
    if (upload2.status === "failed") throw new BenchError(409, `${upload2.name} did not arrive whole (${upload2.error ?? "failed"}): there is nothing to download`);
    if (!isFile2(upload2.path)) throw new BenchError(404, `${upload2.name} is no longer on the bench's disk`);
    return upload2;
  }
  view(upload2) {
    const { locationId, path: _path, ...shown2 } = upload2;
    const location = this.locations.get(locationId);
    return { ...shown2, locationExpiresAt: location?.expiresAt ?? upload2.startedAt };
  }
  /** The names of the received files of one location, for an FTP listing. */
  received(locationId) {
    return [...this.uploads.values()].filter((u) => u.locationId === locationId && u.status === "received");
  }
  /** Deletes an upload and its file; one still arriving is cut off. */
  delete(id2) {
    const upload2 = this.get(id2);
    this.sinks.get(id2)?.destroy(new Error("The upload was deleted on the bench"));
    this.remove(upload2);
    this.save();
  }
  /**
   * Starts receiving a file through `location`: the record (listed at once, as receiving) and the stream
   * to write its bytes to. Ending the stream completes it; destroying it, or more than the size cap, fails
   * it and leaves no file behind. A bad name is a 400 naming `name`.
   */
  receive(location, name, via, expectedBytes = null) {
    const shown2 = checkFileName(name, "name");
    if (expectedBytes !== null && expectedBytes > this.maxBytes) throw new BenchError(413, `The file is larger than the ${megabytes(this.maxBytes)} the bench takes`);
    const earlier = [...this.uploads.values()].filter((u) => u.locationId === location.id);
    if (earlier.filter((u) => u.status === "receiving").length >= 2) throw new BenchError(429, "Two uploads to this location are already arriving: wait for them to finish");
    if (earlier.length >= MAX_FILES_PER_LOCATION) throw new BenchError(403, `This location has taken its ${MAX_FILES_PER_LOCATION} files: ask for a new one`);
    const id2 = randomBytes2(9).toString("base64url");
    const folder = join6(this.dir, chargerFolder(location.chargerId), location.id);
    mkdirSync5(folder, { recursive: true, mode: 448 });
    const now = new Date(this.now()).toISOString();
    const upload2 = {
      id: id2,
      chargerId: location.chargerId,
      locationId: location.id,
      name: shown2,
      via,
      status: "receiving",
      bytes: 0,
      expectedBytes,
      startedAt: now,
      finishedAt: null,
      error: null,
      expiresAt: new Date(this.now() + UPLOAD_KEPT_MS).toISOString(),
      path: join6(folder, shown2)
    };
    this.uploads.set(id2, upload2);
    this.save();
    this.changed(upload2);
    const sink = new UploadSink(join6(folder, `.${id2}.part`), upload2.path, this.maxBytes, {
      progress: (bytes) => {
        upload2.bytes = bytes;
        this.changed(upload2, true);
      },
      done: (error) => this.finish(upload2, error)
    });
    this.sinks.set(id2, sink);
    return sink;
  }
  /** Cuts off the uploads still arriving (the bench is stopping) and stops sweeping. */
  close() {
    this.sweeper.cancel();
    for (const sink of this.sinks.values()) sink.destroy(new Error("The bench stopped during the upload"));
  }
  valid(location) {
    return Date.parse(location.expiresAt) > this.now() ? { location } : { refused: "expired", expiresAt: location.expiresAt };
  }
  finish(upload2, error) {
    this.sinks.delete(upload2.id);
    if (!this.uploads.has(upload2.id)) return;
    upload2.finishedAt = new Date(this.now()).toISOString();
    if (error) {
      upload2.status = "failed";
      upload2.error = error.message;
    } else {
      for (const u of this.uploads.values()) if (u.id !== upload2.id && u.locationId === upload2.locationId && u.name === upload2.name && u.status !== "receiving") this.remove(u, false);
      upload2.status = "received";
    }
    this.save();
    this.changed(upload2);
  }
  lastProgress = /* @__PURE__ */ new Map();
  changed(upload2, progress = false) {
    if (progress) {
      const now = this.now();
      if (now - (this.lastProgress.get(upload2.id) ?? 0) < PROGRESS_EVERY_MS) return;
      this.lastProgress.set(upload2.id, now);
    } else this.lastProgress.delete(upload2.id);
    this.onChange({ type: "changed", upload: this.view(upload2) });
  }
  remove(upload2, deleteFile = true) {
    this.uploads.delete(upload2.id);
    this.lastProgress.delete(upload2.id);
    if (deleteFile && upload2.status === "received") rmQuietly(upload2.path);
    this.onChange({ type: "removed", id: upload2.id, chargerId: upload2.chargerId });
  }
  /** Forgets locations a week past their expiry, deletes uploads past theirs, and empty folders. */
  expire() {
    const now = this.now();
    let changed = false;
    for (const u of this.uploads.values()) {
      if (u.status === "receiving" || Date.parse(u.expiresAt) > now) continue;
      this.remove(u);
      changed = true;
    }
    for (const l of this.locations.values()) {
      if (Date.parse(l.expiresAt) + UPLOAD_KEPT_MS > now) continue;
      if ([...this.uploads.values()].some((u) => u.locationId === l.id)) continue;
      this.locations.delete(l.id);
      rmQuietly(join6(this.dir, chargerFolder(l.chargerId), l.id), true);
      changed = true;
    }
    if (changed) this.save();
  }
  load() {
    let saved = {};
    try {
      saved = JSON.parse(readFileSync5(this.indexFile, "utf8"));
    } catch {
    }
    for (const l of Array.isArray(saved.locations) ? saved.locations : []) {
      if (typeof l?.id === "string" && /^[0-9a-f]{12}$/.test(l.id) && typeof l.token === "string" && typeof l.chargerId === "string" && typeof l.expiresAt === "string") this.locations.set(l.id, l);
    }
    for (const u of Array.isArray(saved.uploads) ? saved.uploads : []) {
      if (typeof u?.id !== "string" || typeof u.path !== "string" || !this.locations.has(u.locationId)) continue;
      if (u.status === "receiving") {
        rmQuietly(join6(this.dir, chargerFolder(u.chargerId), u.locationId, `.${u.id}.part`));
        Object.assign(u, { status: "failed", error: "The bench stopped during the upload", finishedAt: u.startedAt });
      }
      if (u.status === "received" && !isFile2(u.path)) continue;
      this.uploads.set(u.id, u);
    }
  }
  save() {
    try {
      mkdirSync5(this.dir, { recursive: true, mode: 448 });
      const tmp = `${this.indexFile}.tmp`;
      writeFileSync5(tmp, JSON.stringify({ locations: [...this.locations.values()], uploads: [...this.uploads.values()] }, null, 2), { mode: 384 });
      renameSync2(tmp, this.indexFile);
    } catch (e) {
      console.error(`chargebench: could not save the list of uploads: ${e.message}`);
    }
  }
};
var UploadSink = class extends Writable2 {
  constructor(part, target, maxBytes, hooks) {
    super();
    this.part = part;
    this.target = target;
    this.maxBytes = maxBytes;
    this.hooks = hooks;
    this.file = createWriteStream2(part, { flags: "wx", mode: 384 });
    this.file.on("error", (e) => this.destroy(new BenchError(507, `The bench could not store the file: ${e.message}`)));
  }
  part;
  target;
  maxBytes;
  hooks;
  file;
  bytes = 0;
  settled = false;
  _write(chunk, _encoding, callback) {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return callback(new BenchError(413, `The file is larger than the ${megabytes(this.maxBytes)} the bench takes`));
    this.hooks.progress(this.bytes);
    this.file.write(chunk, (e) => callback(e ? new BenchError(507, `The bench could not store the file: ${e.message}`) : null));
  }
  _final(callback) {
    this.file.end();
    this.file.once("close", () => {
      try {
        renameSync2(this.part, this.target);
      } catch (e) {
        return callback(new BenchError(507, `The bench could not store the file: ${e.message}`));
      }
      this.settle(null);
      callback();
    });
  }
  _destroy(error, callback) {
    if (!this.settled) {
      if (this.file.closed) rmQuietly(this.part);
      else this.file.once("close", () => rmQuietly(this.part)).destroy();
      this.settle(error ?? new Error("The upload was cut off before it completed"));
    }
    callback(error);
  }
  /** Bytes received so far. */
  get received() {
    return this.bytes;
  }
  settle(error) {
    if (this.settled) return;
    this.settled = true;
    this.hooks.progress(this.bytes);
    this.hooks.done(error);
  }
};
function chargerFolder(chargerId) {
  const readable = chargerId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 48);
  return `${readable}-${createHash5("sha256").update(chargerId).digest("hex").slice(0, 10)}`;
}
function megabytes(bytes) {
  return bytes >= 1024 ** 2 ? `${Math.floor(bytes / 1024 ** 2)} MiB` : `${bytes} bytes`;
}
function rmQuietly(path, recursive = false) {
  try {
    rmSync2(path, { force: true, recursive });
  } catch (e) {
    console.error(`chargebench: could not delete ${path}: ${e.message}`);
  }
}
function isFile2(path) {
  try {
    return statSync3(path).isFile();
  } catch {
    return false;
  }
}

// src/main/core/upload-http.ts
import { pipeline as pipeline2 } from "node:stream/promises";
import { Busboy } from "@fastify/busboy";
function handleUploadRequest(inbox, req, res) {
  const path = (req.url ?? "/").split("?")[0];
  if (!path.startsWith("/uploads/")) return false;
  receive(inbox, req, res, path).then(
    (text) => answer(res, 200, text),
    (e) => {
      const status = e instanceof BenchError ? e.status : 400;
      answer(res, status, e instanceof Error ? e.message : String(e));
    }
  );
  return true;
}
async function receive(inbox, req, res, path) {
  const [, , token = "", ...rest] = path.split("/");
  let pathName;
  try {
    pathName = decodeURIComponent(rest.join("/"));
  } catch {
    throw new BenchError(400, "The file name in the URL has a malformed %-escape");
  }
  const found = inbox.byToken(token);
  if ("refused" in found) {
    if (found.refused === "expired") throw new BenchError(410, `This upload location expired at ${found.expiresAt}: ask the bench for a new one (each GetDiagnostics request gets its own)`);
    throw new BenchError(404, "No such upload location: ask the bench for one (each GetDiagnostics request gets its own)");
  }
  if (req.method !== "POST" && req.method !== "PUT") {
    res.setHeader("Allow", "POST, PUT");
    throw new BenchError(405, `${req.method} is not allowed here: upload with POST (multipart/form-data) or PUT; uploads are never read back from this URL`);
  }
  const declared = Number(req.headers["content-length"]);
  if (declared > inbox.maxBytes + 64 * 1024) throw new BenchError(413, `The upload is larger than the ${Math.floor(inbox.maxBytes / 1024 ** 2)} MiB the bench takes`);
  const location = found.location;
  const fallback = pathName || `diagnostics-${new Date(inbox.now()).toISOString().replace(/[:.]/g, "-")}`;
  if (req.method === "POST" && /^multipart\/form-data/i.test(req.headers["content-type"] ?? "")) return multipart(inbox, location, req, fallback);
  return store(inbox, location, req, fallback, Number.isFinite(declared) ? declared : null);
}
async function store(inbox, location, body, name, expectedBytes) {
  const sink = inbox.receive(location, name, "http", expectedBytes);
  await pipeline2(body, sink);
  return `Received ${name} (${sink.received} bytes)`;
}
function multipart(inbox, location, req, fallback) {
  return new Promise((resolve6, reject) => {
    let parser;
    try {
      parser = new Busboy({ headers: req.headers, limits: { files: 1, fields: 50, fieldSize: 64 * 1024, parts: 60, headerPairs: 50 } });
    } catch (e) {
      return reject(new BenchError(400, `The multipart/form-data body cannot be read: ${e.message}`));
    }
    let stored = null;
    const fail = (e) => {
      req.unpipe(parser);
      reject(e);
    };
    parser.on("file", (_field, file, fileName) => {
      if (stored) return void file.resume();
      try {
        stored = store(inbox, location, file, fileName || fallback, null);
      } catch (e) {
        stored = Promise.reject(e);
        file.resume();
      }
      stored.catch(fail);
    });
    parser.on("error", (e) => fail(new BenchError(400, `The multipart/form-data body cannot be read: ${e.message}`)));
    parser.on("finish", () => {
      if (!stored) return reject(new BenchError(400, "The form has no file: send the file as a multipart/form-data part with a filename"));
      stored.then(resolve6, reject);
    });
    req.on("error", (e) => reject(e));
    req.pipe(parser);
  });
}
function answer(res, status, text) {
  if (res.headersSent) return void res.destroy();
  const headers = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
  if (status >= 400) headers.Connection = "close";
  res.writeHead(status, headers).end(`${text}
`);
}

// src/main/core/ftp-server.ts
import { createReadStream as createReadStream2 } from "node:fs";
import { stat as stat2 } from "node:fs/promises";
import { posix } from "node:path";
import { FileSystem, FtpSrv } from "ftp-srv";

// src/main/core/network.ts
import { networkInterfaces } from "node:os";
function urlHosts(at) {
  const addresses = reachableAddresses(at).filter((a) => at.host !== "0.0.0.0" || a.family === "IPv4");
  const hosts = addresses.map((a) => a.family === "IPv6" ? `[${a.address}]` : a.address);
  return hosts.length ? hosts : ["127.0.0.1"];
}
function hostedFileView(file, at, ftp) {
  const urls = urlHosts(at).map((h) => `http://${h}:${at.port}/files/${file.id}/${encodeURIComponent(file.name)}`);
  const ftpUrl = ftp ? `ftp://${file.ftpUser}:${file.ftpPassword}@${urlHosts(ftp)[0]}:${ftp.port}/${encodeURIComponent(file.name)}` : null;
  return { url: urls[0], ftpUrl, name: file.name, size: file.size, alternatives: urls.slice(1), hostedAt: file.hostedAt, expiresAt: file.expiresAt };
}
function uploadLocationView(location, at, ftp) {
  const http = urlHosts(at).map((h) => `http://${h}:${at.port}/uploads/${location.token}/`);
  const ftps = ftp ? urlHosts(ftp).map((h) => `ftp://${location.ftpUser}:${location.ftpPassword}@${h}:${ftp.port}/`) : [];
  return {
    id: location.id,
    chargerId: location.chargerId,
    http: http[0],
    ftp: ftps[0] ?? null,
    alternatives: { http: http.slice(1), ftp: ftps.slice(1) },
    createdAt: location.createdAt,
    expiresAt: location.expiresAt
  };
}
function passiveAddress(clientIp, listenHost) {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(listenHost) && listenHost !== "0.0.0.0") return listenHost;
  const client = (clientIp ?? "").replace(/^::ffff:/i, "");
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(client) || client.startsWith("127.")) return "127.0.0.1";
  const own = Object.values(networkInterfaces()).flat().filter((a) => a?.family === "IPv4");
  const same = own.find((a) => a && (toInt(a.address) & toInt(a.netmask)) === (toInt(client) & toInt(a.netmask)));
  return same?.address ?? own.find((a) => a && !a.internal)?.address ?? "127.0.0.1";
}
function toInt(ip) {
  return ip.split(".").reduce((n, part) => (n << 8 | Number(part)) >>> 0, 0);
}
function reachableAddresses({ host, port }) {
  if (host !== "0.0.0.0" && host !== "::") {
    const v6 = host.includes(":");
    return [{ interface: "", address: host, family: v6 ? "IPv6" : "IPv4", url: `ws://${v6 ? `[${host}]` : host}:${port}/ocpp/`, internal: host === "127.0.0.1" || host === "::1" }];
  }
  return machineAddresses(port, host === "::");
}
function machineAddresses(port, withIpv6) {
  const out = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family !== "IPv4" && !(a.family === "IPv6" && withIpv6)) continue;
      if (a.family === "IPv6" && a.address.toLowerCase().startsWith("fe80")) continue;
      const host = a.family === "IPv6" ? `[${a.address}]` : a.address;
      out.push({ interface: name, address: a.address, family: a.family, url: `ws://${host}:${port}/ocpp/`, internal: a.internal });
    }
  }
  return out.sort((x, y) => Number(x.internal) - Number(y.internal) || (x.family === y.family ? 0 : x.family === "IPv4" ? -1 : 1));
}

// src/main/core/ftp-server.ts
var IDLE_MS = 30 * 60 * 1e3;
var MAX_CONNECTIONS = 200;
var REFUSED_COMMANDS = ["MKD", "XMKD", "RMD", "XRMD", "DELE", "RNFR", "RNTO", "SITE", "STOU"];
var quiet = { child: () => quiet, trace() {
}, debug() {
}, info() {
}, warn() {
}, error() {
}, fatal() {
} };
var BenchFtpServer = class {
  constructor(files, uploads) {
    this.files = files;
    this.uploads = uploads;
  }
  files;
  uploads;
  server = null;
  listening = null;
  /** Where it listens, or null while it is not running. */
  address() {
    return this.listening;
  }
  /**
   * Listens on `host` (where the central system listens) and `port`; when that port is taken or not
   * allowed, on any free one, and says so in the answer's notice. Rejects only when it cannot listen at all.
   */
  async start(host, port) {
    await this.stop();
    try {
      return { port: await this.listen(host, port), notice: null };
    } catch (e) {
      const code = e.code;
      if (port === 0 || code !== "EADDRINUSE" && code !== "EACCES") throw e;
      const free = await this.listen(host, 0);
      const why2 = code === "EACCES" ? `port ${port} needs administrator rights` : `port ${port} is in use`;
      return { port: free, notice: `The bench's FTP server listens on port ${free}: ${why2}. Choose another FTP port in Settings to keep it fixed.` };
    }
  }
  async stop() {
    const server = this.server;
    this.server = null;
    this.listening = null;
    if (!server) return;
    await Promise.race([Promise.resolve(server.close()).catch(() => void 0), new Promise((r) => setTimeout(r, 2e3).unref())]);
    server.server.close();
  }
  async listen(host, port) {
    const url = `ftp://${host.includes(":") ? `[${host}]` : host}:${port}`;
    const server = withoutSignalHandlers(
      () => new FtpSrv({
        url,
        log: quiet,
        greeting: "ChargeBench: diagnostics uploads and firmware for chargers on this bench",
        // PASV answers with the address of this machine the client can reach (it named the one it connected to).
        pasv_url: (clientIp) => passiveAddress(clientIp, host),
        timeout: IDLE_MS,
        blacklist: REFUSED_COMMANDS,
        anonymous: false
      })
    );
    const net = server.server;
    net.maxConnections = MAX_CONNECTIONS;
    server.on("client-error", () => void 0);
    server.on("server-error", () => void 0);
    server.on("login", ({ connection, username, password }, resolve6, reject) => {
      try {
        resolve6({ fs: this.login(connection, username, password), cwd: "/" });
      } catch (e) {
        reject(e);
      }
    });
    await server.listen();
    this.server = server;
    const address = net.address();
    const actual = typeof address === "object" && address ? address.port : port;
    this.listening = { host, port: actual };
    return actual;
  }
  /** The folder a user sees: an upload location's, or a hosted file's; any other login is refused. */
  login(connection, user, password) {
    if (user.startsWith("diag-")) {
      const found = this.uploads.byFtpLogin(user, password);
      if ("location" in found) return new UploadFolder(connection, this.uploads, found.location);
      if (found.refused === "expired") throw new Error(`This upload location expired at ${found.expiresAt}: ask the bench for a new one`);
    } else {
      const file = this.files.byFtpLogin(user, password);
      if (file) return new HostedFolder(connection, this.files, file.id);
    }
    throw new Error("Login incorrect");
  }
};
var Refused = class extends Error {
  constructor(message, code = 550) {
    super(message);
    this.code = code;
  }
  code;
};
var entry = (name, size, mtime, directory = false) => ({ name, size, mtime, mode: directory ? 16749 : 33060, isDirectory: () => directory });
function nameIn(path) {
  const given = String(path ?? ".").replace(/\\/g, "/");
  if (/(^|\/)\.\.(\/|$)/.test(given)) throw new Refused("There is no way out of this folder: use a plain file name");
  const normal = posix.normalize(posix.join("/", given));
  if (normal === "/") return "";
  const name = normal.slice(1);
  if (name.includes("/")) throw new Refused("There are no folders here: use a plain file name");
  return name;
}
var OneFolder = class extends FileSystem {
  currentDirectory() {
    return "/";
  }
  async chdir(path = ".") {
    if (nameIn(path) !== "") throw new Refused("There are no folders here: stay in /");
    return "/";
  }
  mkdir() {
    return Promise.reject(new Refused("Folders cannot be made here"));
  }
  delete() {
    return Promise.reject(new Refused("Nothing can be deleted here"));
  }
  rename() {
    return Promise.reject(new Refused("Nothing can be renamed here"));
  }
  chmod() {
    return Promise.reject(new Refused("Permissions cannot be changed here"));
  }
};
var UploadFolder = class extends OneFolder {
  constructor(connection, inbox, location) {
    super(connection, { root: "/", cwd: "/" });
    this.inbox = inbox;
    this.location = location;
  }
  inbox;
  location;
  async get(path) {
    const name = nameIn(path);
    if (name === "") return entry("/", 0, new Date(this.location.createdAt), true);
    const found = this.inbox.received(this.location.id).find((u) => u.name === name);
    if (!found) throw new Refused(`No file ${name} here`);
    return entry(found.name, found.bytes, new Date(found.finishedAt ?? found.startedAt));
  }
  async list(path = ".") {
    if (nameIn(path) !== "") throw new Refused("There are no folders here");
    return this.inbox.received(this.location.id).map((u) => entry(u.name, u.bytes, new Date(u.finishedAt ?? u.startedAt)));
  }
  write(path, { append = false, start } = {}) {
    if (append || typeof start === "number" && start > 0) throw new Refused("Resuming or appending is not supported here: upload the whole file again");
    const name = nameIn(path);
    if (name === "") throw new Refused("Name the file to upload");
    const still = this.inbox.byFtpLogin(this.location.ftpUser, this.location.ftpPassword);
    if (!("location" in still)) throw new Refused("This upload location has expired: ask the bench for a new one", 530);
    let stream;
    try {
      stream = this.inbox.receive(this.location, name, "ftp");
    } catch (e) {
      throw new Refused(e instanceof BenchError ? e.message : String(e), 553);
    }
    stream.once("close", () => {
      if (!stream.destroyed && !stream.writableEnded) stream.end();
    });
    return { stream, clientPath: `/${name}` };
  }
  read() {
    return Promise.reject(new Refused("This location only takes uploads"));
  }
};
var HostedFolder = class extends OneFolder {
  constructor(connection, files, id2) {
    super(connection, { root: "/", cwd: "/" });
    this.files = files;
    this.id = id2;
  }
  files;
  id;
  /** The hosted file, while it is hosted (it may expire during a session). */
  file() {
    const file = this.files.get(this.id);
    if (!file) throw new Refused("This file is no longer hosted (hosted files are served for 24 hours)", 530);
    return file;
  }
  async stats() {
    const file = this.file();
    const info = await stat2(file.path).catch(() => null);
    if (!info?.isFile()) throw new Refused(`${file.name} is no longer on the bench's disk`);
    return entry(file.name, info.size, info.mtime);
  }
  async get(path) {
    const name = nameIn(path);
    if (name === "") return entry("/", 0, new Date(this.file().hostedAt), true);
    if (name !== this.file().name) throw new Refused(`No file ${name} here`);
    return this.stats();
  }
  async list(path = ".") {
    if (nameIn(path) !== "") throw new Refused("There are no folders here");
    return [await this.stats()];
  }
  async read(path, { start } = {}) {
    const name = nameIn(path);
    if (name !== this.file().name) throw new Refused(`No file ${name || "/"} here`);
    const info = await this.stats();
    const from = typeof start === "number" && start > 0 ? Math.min(start, info.size) : 0;
    return { stream: createReadStream2(this.file().path, { start: from }), clientPath: `/${name}` };
  }
  write() {
    throw new Refused("This file is read-only");
  }
};
function withoutSignalHandlers(make) {
  const signals = ["SIGTERM", "SIGINT", "SIGQUIT"];
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  try {
    return make();
  } finally {
    for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s).has(l)) process.removeListener(s, l);
  }
}

// src/main/core/exports.ts
import { setImmediate as nextTurn } from "node:timers/promises";

// src/shared/api/message-export.ts
var csvColumns = ["id", "time", "charger", "direction", "kind", "messageId", "action", "error", "raw"];
function csvField(value) {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// src/main/core/exports.ts
var exportContentTypes = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" };
var fileCharger = (chargerId) => chargerId ? `-${chargerId.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60)}` : "";
function fileStamp(now) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}
function exportFileName(q, now = /* @__PURE__ */ new Date()) {
  return `chargebench-log${fileCharger(q.filter.chargerId)}-${fileStamp(now)}.${q.format}`;
}
function transactionsFileName(q, now = /* @__PURE__ */ new Date()) {
  const state = q.active === void 0 ? "all" : q.active ? "active" : "finished";
  return `chargebench-transactions${fileCharger(q.chargerId)}-${state}-${fileStamp(now)}.csv`;
}
function drained(out) {
  return new Promise((resolve6, reject) => {
    const done = (e) => {
      out.off("drain", onDrain);
      out.off("close", onClose);
      out.off("error", done);
      if (e) reject(e);
      else resolve6();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error("The export was closed before it was complete"));
    out.on("drain", onDrain);
    out.on("close", onClose);
    out.on("error", done);
  });
}
var writerTo = (out) => async (text) => {
  if (out.destroyed) throw new Error("The export was closed before it was complete");
  if (!out.write(text)) await drained(out);
};
async function writeMessages(record, q, out) {
  let frames = 0;
  const write = writerTo(out);
  if (q.format === "csv") await write(`${csvColumns.join(",")}\r
`);
  else await write("[");
  for await (const chunk of record.messages.exportText(q.filter, q.format)) {
    frames += chunk.frames;
    await write(chunk.bytes);
  }
  if (q.format === "json") await write(frames ? "\n]\n" : "]\n");
  return { frames };
}
var transactionCsvColumns = [
  "ID",
  "Charger",
  "Connector",
  "idTag",
  "Started",
  "Stopped",
  "Energy (Wh)",
  "Meter start (Wh)",
  "Meter stop (Wh)",
  "Stop reason",
  "Stopped by idTag",
  "Authorization",
  "Reservation",
  "State",
  "Warning"
];
function transactionCsvRow(t, energyWh) {
  const stopReason = t.stopReason ?? (t.active ? null : "Local");
  return [
    t.transactionId,
    t.chargerId,
    t.connectorId,
    t.idTag,
    t.startTime,
    t.stopTime,
    energyWh,
    t.meterStart,
    t.meterStop,
    stopReason,
    t.stopIdTag,
    t.authStatus,
    t.reservationId,
    t.active ? "Active" : "Finished",
    t.warning ?? null
  ].map(csvField).join(",");
}
var TRANSACTIONS_PER_BATCH = 500;
async function runningSamples(record, t) {
  const [own, connector] = await Promise.all([
    record.meterValues.read({ chargerId: t.chargerId, transactionId: t.transactionId, limit: 200 }),
    record.meterValues.read({ chargerId: t.chargerId, connectorId: t.connectorId, limit: 200 })
  ]);
  const byId = new Map([...own, ...connector].map((v) => [v.id, v]));
  return toSamples([...byId.values()]);
}
async function writeTransactions(record, q, out) {
  let transactions = 0;
  const write = writerTo(out);
  await write(`\uFEFF${transactionCsvColumns.join(",")}\r
`);
  let beforeId = (record.transactions.list({ ...q, limit: 1 })[0]?.transactionId ?? 0) + 1;
  for (; ; ) {
    const batch = record.transactions.list({ ...q, beforeId, limit: TRANSACTIONS_PER_BATCH });
    if (!batch.length) break;
    const rows = [];
    for (const t of batch) {
      const energy = t.active ? energySoFar(t, await runningSamples(record, t)) : t.energyWh;
      rows.push(`${transactionCsvRow(t, energy)}\r
`);
    }
    await write(rows.join(""));
    transactions += batch.length;
    beforeId = batch[batch.length - 1].transactionId;
    await nextTurn();
  }
  return { transactions };
}

// src/main/conformance/reports/pdf.ts
import { existsSync as existsSync2 } from "node:fs";
import { win32 } from "node:path";
function chromiumCandidates(env = process.env, platform = process.platform) {
  if (platform === "win32") {
    const roots = [env.PROGRAMFILES, env["PROGRAMFILES(X86)"], env.LOCALAPPDATA].filter((r) => !!r);
    return [
      env.CHROMIUM_PATH,
      ...roots.map((r) => win32.join(r, "Chromium", "Application", "chrome.exe")),
      ...roots.map((r) => win32.join(r, "Google", "Chrome", "Application", "chrome.exe")),
      // Every Windows 10 and 11 has Edge.
      ...roots.map((r) => win32.join(r, "Microsoft", "Edge", "Application", "msedge.exe"))
    ].filter((p) => !!p);
  }
  if (platform === "darwin")
    return [
      env.CHROMIUM_PATH,
      "/Applications/Chromium.app/Contents/MacOS/Chromium",
      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
      "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"
    ].filter((p) => !!p);
  return [env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/microsoft-edge"].filter((p) => !!p);
}
function chromiumForPdf() {
  return chromiumCandidates().find((p) => existsSync2(p)) ?? null;
}
var htmlToPdf = async (html) => {
  const executablePath = chromiumForPdf();
  if (!executablePath) return { pdf: null, reason: "No Chromium, Chrome or Edge is installed to print the PDF (set CHROMIUM_PATH); the HTML report prints to PDF from any browser" };
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const pdf = await page.pdf({ format: "A4", printBackground: true, margin: { top: "12mm", bottom: "12mm", left: "10mm", right: "10mm" } });
    return { pdf: new Uint8Array(pdf) };
  } finally {
    await browser.close();
  }
};

// src/main/core/bench.ts
var PRUNE_EVERY_MS = 60 * 60 * 1e3;
var DAY_MS3 = 864e5;
var Bench = class _Bench {
  constructor(record, bus, settings, clock, centralSystem, virtualChargers, dataDir, files, uploads, ftp, printPdf) {
    this.record = record;
    this.bus = bus;
    this.settings = settings;
    this.clock = clock;
    this.centralSystem = centralSystem;
    this.virtualChargers = virtualChargers;
    this.dataDir = dataDir;
    this.files = files;
    this.uploads = uploads;
    this.ftp = ftp;
    this.printPdf = printPdf;
    this.operations = new Operations(centralSystem, record, settings, bus, clock);
    this.conformance = new ConformanceService(this);
    this.commissioning = new CommissioningService(this);
  }
  record;
  bus;
  settings;
  clock;
  centralSystem;
  virtualChargers;
  dataDir;
  files;
  uploads;
  ftp;
  printPdf;
  pruneTimer = null;
  pruning = Promise.resolve();
  stopping = false;
  /** What the bench itself found at start (beside the record's), e.g. the FTP port it could not have. */
  notices = [];
  ftpStarting = Promise.resolve();
  operations;
  /** Conformance runs (the OCTT test cases) started from the UI or the API. */
  conformance;
  /** Commissioning of newly installed chargers: the plan on the same engine, checklist, photos, handover. */
  commissioning;
  // ---- what the faces ask of the bench beyond the contract (they never reach the parts behind it) ----
  /** Where the central system listens for chargers. */
  ocppAddress() {
    return this.centralSystem.address();
  }
  /** The chargers connected now. */
  connectedChargers() {
    return this.centralSystem.connectedChargers();
  }
  /** Resolves once every write queued before the call is in the record, so a read that follows sees it. */
  settled() {
    return this.record.settled();
  }
  /**
   * Resolves once `chargerId` is connected (at once when it is), or rejects when `timeoutMs` of the
   * bench's time pass first.
   */
  waitForCharger(chargerId, timeoutMs) {
    if (this.centralSystem.isConnected(chargerId)) return Promise.resolve();
    return new Promise((resolve6, reject) => {
      const off2 = this.bus.subscribe((e) => {
        if (e.type !== "chargerConnected" || e.chargerId !== chargerId) return;
        off2();
        timer.cancel();
        resolve6();
      });
      const timer = this.clock.after(timeoutMs, () => {
        off2();
        reject(new Error(`${chargerId} did not connect within ${Math.round(timeoutMs / 1e3)} s`));
      });
    });
  }
  /** Writes the frames matching the query to `out` (not ended here), read on the record's reader thread. */
  async exportMessages(query, out) {
    await this.record.settled();
    return writeMessages(this.record, query, out);
  }
  /** Streams every transaction matching the query to `out` as CSV (serve's download, the desktop's save). */
  async exportTransactions(query, out) {
    await this.record.settled();
    return writeTransactions(this.record, query, out);
  }
  /** A hosted file's URLs as chargers use them (HTTP and FTP, on this machine's LAN address). */
  hostedFileView(file) {
    return hostedFileView(file, this.centralSystem.address(), this.ftp.address());
  }
  /** An upload location's URLs as chargers use them. */
  uploadLocationView(location) {
    return uploadLocationView(location, this.centralSystem.address(), this.ftp.address());
  }
  /**
   * (Re)starts the FTP server where the central system listens. It is a side door: when it cannot listen
   * the bench runs on without it (its URLs are null) and says why.
   */
  startFtp(port) {
    this.ftpStarting = this.ftpStarting.then(async () => {
      try {
        const { notice } = await this.ftp.start(this.centralSystem.address().host, port);
        if (notice) this.notice(notice);
      } catch (e) {
        this.notice(`The bench's FTP server could not start (${e.message}): chargers can use the HTTP locations meanwhile.`);
      }
    });
    return this.ftpStarting;
  }
  /** Resolves once the FTP server has (re)started after the last change of its port. */
  ftpSettled() {
    return this.ftpStarting;
  }
  notice(line) {
    this.notices.push(line);
    console.error(`chargebench: ${line}`);
  }
  /** Starts the bench; without `port`, the central system listens on the saved ocppPort setting. */
  static async start(options) {
    const clock = options.clock ?? systemClock;
    const record = await BenchRecord.open(options.dataDir, { ...options, clock });
    const bus = new EventBus(clock);
    const settings = new SettingsStore(record);
    const files = new FileHost(join7(options.dataDir, "files"), { now: () => clock.now() });
    const uploads = new UploadInbox(join7(options.dataDir, "uploads"), {
      clock,
      onChange: (c) => {
        const ts = new Date(clock.now()).toISOString();
        bus.publish(c.type === "changed" ? { type: "uploadChanged", upload: c.upload, ts } : { type: "uploadRemoved", id: c.id, chargerId: c.chargerId, ts });
      }
    });
    const port = options.port ?? settings.get().ocppPort;
    const httpHandler = (req, res) => files.handle(req, res) || handleUploadRequest(uploads, req, res);
    const centralSystem = (p) => new CentralSystem({ record, settings, bus, clock }, { ...options, port: p, httpHandler });
    let cs = centralSystem(port);
    try {
      try {
        await cs.start();
      } catch (e) {
        if (e.code !== "EADDRINUSE" || options.portInUse !== "anyFree") throw e;
        console.error(`chargebench: port ${port} is in use; listening on a free port instead until the next start`);
        await cs.stop();
        cs = centralSystem(0);
        await cs.start();
      }
    } catch (e) {
      uploads.close();
      await record.close();
      const err = e;
      if (err.code === "EADDRINUSE") throw new Error(`Port ${port} is already in use: another ChargeBench or central system is running. Pick another with --port.`, { cause: e });
      throw e;
    }
    const saved = record.virtualChargers;
    const store2 = {
      virtualChargers: () => saved.list(),
      saveVirtualCharger: (id2, createdAt, definition, state) => saved.save(id2, createdAt, definition, state),
      saveVirtualChargerState: (id2, state) => saved.saveState(id2, state),
      deleteVirtualCharger: (id2) => saved.delete(id2)
    };
    const virtualChargers = new VirtualChargerManager(store2, {
      // Virtual chargers reach the central system over loopback unless it listens on one address only.
      url: () => {
        const { host, port: port2 } = cs.address();
        const reach = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
        return `ws://${reach}:${port2}/ocpp`;
      },
      register: async (id2, password) => void await cs.registry.register(id2, { virtual: true, ...password ? { password } : {} }),
      emit: (e) => bus.publish(e),
      clock: options.virtualClock ?? clock
    });
    await virtualChargers.load();
    const bench = new _Bench(record, bus, settings, clock, cs, virtualChargers, options.dataDir, files, uploads, new BenchFtpServer(files, uploads), options.printPdf ?? htmlToPdf);
    await bench.startFtp(options.ftpPort ?? settings.get().ftpPort);
    if (options.ftpPort === void 0) settings.onChanged((now, before) => now.ftpPort !== before.ftpPort && void bench.startFtp(now.ftpPort));
    const alarm = options.alarm ?? ((line) => console.error(line));
    for (const notice of record.notices) alarm(`chargebench: at start: ${notice}`);
    record.writer.onProblem = (problem, recovered) => {
      if (problem) alarm(`chargebench: ALARM: ${recordProblemText(problem, options.dataDir)}`);
      else
        alarm(
          `chargebench: recording again in ${options.dataDir}: the trouble is over${recovered?.droppedWrites ? ` (${recovered.droppedWrites} records of calls refused meanwhile could not be kept)` : ""}.`
        );
      bus.publish({ type: "healthChanged", health: bench.health(), ts: new Date(clock.now()).toISOString() });
    };
    void bench.prune();
    settings.onChanged((now, before) => now.retentionDays !== before.retentionDays && void bench.prune());
    bench.pruneTimer = every(
      clock,
      () => PRUNE_EVERY_MS,
      () => void bench.prune(),
      { background: true }
    );
    return bench;
  }
  /** Whether the bench can record, what it found at start, and the connections it turned away. */
  health() {
    const problem = this.record.problem;
    return {
      ok: problem === null,
      recording: problem?.kind ?? "ok",
      message: recordProblemText(problem, this.dataDir),
      since: problem?.since ?? null,
      dataDir: this.dataDir,
      notices: [...this.record.notices, ...this.notices],
      connections: this.centralSystem.connectionStats()
    };
  }
  /**
   * Prunes what is older than the retentionDays setting (nothing when it is unset or 0), after any
   * pruning under way; resolves when done. Never rejects: a failure is logged.
   */
  prune() {
    this.pruning = this.pruning.then(async () => {
      const days = this.settings.get().retentionDays;
      if (!days || this.stopping) return;
      const cutoff = new Date(this.clock.now() - days * DAY_MS3).toISOString();
      try {
        await this.record.pruneBefore(cutoff, { stop: () => this.stopping });
        this.centralSystem.forgetAllBut(new Set(this.record.chargers.ids()));
      } catch (e) {
        console.error(`chargebench: pruning old records failed: ${e.message}`);
      }
    });
    return this.pruning;
  }
  async stop() {
    this.conformance.stopAll();
    this.commissioning.stopAll();
    this.stopping = true;
    this.pruneTimer?.cancel();
    await this.pruning;
    await this.virtualChargers.close();
    await this.ftpStarting;
    await this.ftp.stop();
    this.uploads.close();
    await this.centralSystem.stop();
    await this.record.close();
  }
};

// src/main/api-server/server.ts
import { createServer as createServer2 } from "node:http";
import { createHmac, timingSafeEqual as timingSafeEqual3 } from "node:crypto";
import { WebSocketServer as WebSocketServer2, WebSocket as WebSocket3 } from "ws";

// src/shared/api/contract.ts
import { z as z50 } from "zod";

// src/shared/api/message-filter.ts
import { z as z48 } from "zod";
var messageKinds = ["CALL", "CALLRESULT", "CALLERROR", "INVALID"];
var MessageFilter = z48.strictObject({
  chargerId: z48.string().min(1).optional(),
  /** Any of these actions (a CALLRESULT/CALLERROR carries its CALL's action). */
  actions: z48.array(z48.string().min(1)).max(64).optional(),
  direction: z48.enum(["in", "out"]).optional(),
  kinds: z48.array(z48.enum(messageKinds)).max(4).optional(),
  /** CALLERRORs, invalid frames and frames the bench flagged. */
  errorsOnly: z48.boolean().optional(),
  /** ISO time range, inclusive. */
  from: z48.iso.datetime({ offset: true }).optional(),
  to: z48.iso.datetime({ offset: true }).optional(),
  /** Case-insensitive text anywhere in the raw frame. */
  search: z48.string().max(200).optional()
});

// src/shared/api/bench-behaviour.ts
import { z as z49 } from "zod";
var actionNames = chargePointActions;
var ActionMisbehaviour = z49.strictObject({
  mode: z49.enum(["callError", "delay", "withhold"]),
  /** For delay: seconds before the answer goes. */
  delaySeconds: z49.int().min(1).max(3600).default(10),
  /** For callError: the code answered. */
  errorCode: z49.enum(errorCodes).default("InternalError")
});
var BenchBehaviour = z49.strictObject({
  /** The answer to BootNotification, over the charger's boot policy, and the interval it gives (s). */
  boot: z49.strictObject({ status: RegistrationStatus, interval: z49.int().min(0).max(86400).optional() }).optional(),
  /** Every idTag this charger presents is answered with this status (Authorize, StartTransaction, StopTransaction). */
  idTagStatus: AuthorizationStatus.optional(),
  /** Per charge-point action: a CALLERROR, a late answer, or none at all. */
  actions: z49.partialRecord(z49.enum(actionNames), ActionMisbehaviour).optional(),
  /** Seconds added to every time the bench tells the charger (BootNotification, Heartbeat): a wrong clock. */
  timeOffsetSeconds: z49.int().min(-31536e3).max(31536e3).optional()
});

// src/shared/api/methods.ts
var benchMethods = [
  "bench:status",
  "bench:health",
  "network:addresses",
  "chargers:list",
  "chargers:get",
  "chargers:register",
  "chargers:update",
  "chargers:delete",
  "chargers:disconnect",
  "chargers:operate",
  "chargers:meterValues",
  "chargers:statusHistory",
  "chargers:behaviour",
  "chargers:setBehaviour",
  "chargers:goOffline",
  "chargers:backOnline",
  "chargerEvents:list",
  "messages:list",
  "messages:page",
  "messages:count",
  "transactions:list",
  "transactions:get",
  "operations:list",
  "connectionAttempts:list",
  "settings:get",
  "settings:update",
  "idTags:list",
  "idTags:replace",
  "idTags:add",
  "idTags:delete",
  "files:uploadLocation",
  "files:uploads",
  "files:upload",
  "files:deleteUpload",
  "files:hosted",
  "tests:cases",
  "tests:start",
  "tests:stop",
  "tests:answer",
  "tests:prompt",
  "tests:list",
  "tests:get",
  "commissioning:templates",
  "commissioning:saveTemplate",
  "commissioning:deleteTemplate",
  "commissioning:referenceTemplate",
  "commissioning:sites",
  "commissioning:site",
  "commissioning:create",
  "commissioning:run",
  "commissioning:stop",
  "commissioning:prompt",
  "commissioning:answer",
  "commissioning:get",
  "commissioning:list",
  "commissioning:setChecklist",
  "commissioning:addPhoto",
  "commissioning:removePhoto",
  "commissioning:photo",
  "commissioning:handover",
  "virtualChargers:list",
  "virtualChargers:get",
  "virtualChargers:create",
  "virtualChargers:delete",
  "virtualChargers:start",
  "virtualChargers:stop",
  "virtualChargers:act",
  "virtualChargers:faults",
  "virtualChargers:setFaults",
  "virtualChargers:setFault"
];

// src/shared/api/contract.ts
var Empty = z50.strictObject({});
var ChargerRef = z50.strictObject({ id: z50.string().min(1) });
var Limit = (max) => z50.int().min(1).max(max).optional();
var MessagePageQuery = MessageFilter.extend({
  /** Only frames up to this id: the log pins its view while new frames keep arriving. */
  upToId: z50.int().min(1).optional(),
  offset: z50.int().min(0).max(1e8).default(0),
  limit: z50.int().min(1).max(1e3).default(200)
});
var MessageExportQuery = z50.strictObject({ filter: MessageFilter, format: z50.enum(["json", "csv"]) });
var TransactionExportQuery = z50.strictObject({ chargerId: z50.string().min(1).optional(), active: z50.boolean().optional() });
var OperateArgsSchema = z50.strictObject({
  chargerId: z50.string().min(1),
  /** A central-system action, e.g. "Reset". */
  action: z50.string().min(1),
  payload: z50.unknown(),
  /** Seconds to wait for the answer; the bench's callTimeout when absent. */
  timeoutSeconds: z50.int().min(1).max(3600).optional()
});
var call = () => (args) => ({ args });
var contract = {
  "bench:status": call()(Empty),
  /** Whether the bench can record, what it found at start, connections turned away. */
  "bench:health": call()(Empty),
  /** This machine's LAN addresses, for the Connect screen. */
  "network:addresses": call()(Empty),
  "chargers:list": call()(Empty),
  "chargers:get": call()(ChargerRef),
  /** Registers a charger before (or after) its first connection; `created` when it was new. */
  "chargers:register": call()(ChargerRegistration),
  "chargers:update": call()(z50.strictObject({ id: ChargePointIdentity, patch: ChargerPatch })),
  "chargers:delete": call()(ChargerRef),
  "chargers:disconnect": call()(ChargerRef),
  "chargers:operate": call()(OperateArgsSchema),
  "chargers:meterValues": call()(
    z50.strictObject({ chargerId: z50.string().min(1), connectorId: z50.int().min(0).optional(), transactionId: z50.int().min(1).optional(), limit: Limit(1e5) })
  ),
  "chargers:statusHistory": call()(z50.strictObject({ chargerId: z50.string().min(1), connectorId: z50.int().min(0).optional(), limit: Limit(1e4) })),
  /** How the bench misbehaves toward a charger on purpose (server-side faults), and whether it is refused. */
  "chargers:behaviour": call()(ChargerRef),
  "chargers:setBehaviour": call()(z50.strictObject({ id: z50.string().min(1), behaviour: BenchBehaviour })),
  /** Drops the charger's connection and refuses it for `seconds`: the central system is unreachable. */
  "chargers:goOffline": call()(z50.strictObject({ id: z50.string().min(1), seconds: z50.int().min(1).max(86400) })),
  /** Ends goOffline early: the charger may connect again at once. */
  "chargers:backOnline": call()(ChargerRef),
  /** DataTransfer, firmware and diagnostics status, security events, CSRs and warnings, newest first. */
  "chargerEvents:list": call()(z50.strictObject({ chargerId: z50.string().optional(), limit: Limit(1e4) })),
  /** The message log newest first, paged by id (the automation API's plain list). */
  "messages:list": call()(z50.strictObject({ chargerId: z50.string().optional(), action: z50.string().optional(), limit: Limit(1e4), beforeId: z50.int().min(1).optional() })),
  "messages:page": call()(MessagePageQuery),
  /** How many frames match, counted up to `cap` (counting a million filtered frames is not free). */
  "messages:count": call()(
    z50.strictObject({ filter: MessageFilter, upToId: z50.int().min(1).optional(), cap: z50.int().min(1).max(1e7).default(1e6) })
  ),
  "transactions:list": call()(z50.strictObject({ chargerId: z50.string().min(1).optional(), active: z50.boolean().optional(), limit: Limit(1e4) })),
  "transactions:get": call()(z50.strictObject({ transactionId: z50.int().min(1) })),
  "operations:list": call()(z50.strictObject({ chargerId: z50.string().min(1).optional(), limit: Limit(1e4) })),
  "connectionAttempts:list": call()(z50.strictObject({ limit: Limit(1e4) })),
  "settings:get": call()(Empty),
  "settings:update": call()(SettingsPatch),
  "idTags:list": call()(Empty),
  "idTags:replace": call()(z50.strictObject({ entries: IdTagList })),
  "idTags:add": call()(IdTagEntrySchema),
  "idTags:delete": call()(z50.strictObject({ idTag: z50.string().min(1).max(20) })),
  /**
   * A new upload location for one GetDiagnostics request of this charger: an HTTP URL and an FTP URL with
   * their own secret, valid for a day. What arrives through it is listed by files:uploads.
   */
  "files:uploadLocation": call()(z50.strictObject({ chargerId: z50.string().min(1) })),
  /** Files chargers sent to the bench (of one charger, or all), newest first, with their progress. */
  "files:uploads": call()(z50.strictObject({ chargerId: z50.string().min(1).optional() })),
  "files:upload": call()(z50.strictObject({ id: z50.string().min(1) })),
  /** Deletes an upload (one still arriving is cut off). */
  "files:deleteUpload": call()(z50.strictObject({ id: z50.string().min(1) })),
  /** Firmware and other files the bench hosts for chargers now, newest first. */
  "files:hosted": call()(Empty),
  /** The OCTT 1.6 charge-point test cases the bench can run. */
  "tests:cases": call()(Empty),
  /** Starts a conformance run on a charger (a built-in virtual charger's operator steps are automatic). */
  "tests:start": call()(
    z50.strictObject({
      chargerId: z50.string().min(1),
      cases: z50.array(z50.string().min(1)).min(1).optional(),
      profile: z50.enum([...featureProfiles, "Security"]).optional(),
      rerunFailedOf: z50.string().min(1).optional(),
      data: TestData.partial().optional(),
      /** What the person confirms or corrects of the charger: feature profiles, fixed cable, lock, reader, back-up power. */
      declared: PicsDeclaration.optional()
    })
  ),
  /** Stops a run after the case in progress (its operator prompt is skipped). */
  "tests:stop": call()(z50.strictObject({ runId: z50.string().min(1) })),
  /** The person's answer to the run's operator prompt. */
  "tests:answer": call()(z50.strictObject({ runId: z50.string().min(1), answer: z50.enum(["done", "cannot", "skip"]) })),
  "tests:prompt": call()(z50.strictObject({ runId: z50.string().min(1) })),
  /** Runs, newest first (running ones first), of one charger or all. */
  "tests:list": call()(z50.strictObject({ chargerId: z50.string().min(1).optional() })),
  "tests:get": call()(z50.strictObject({ runId: z50.string().min(1) })),
  /** The built-in commissioning templates and the user's saved ones. */
  "commissioning:templates": call()(Empty),
  /** Saves a user template (a saved one of the same name is replaced; a built-in name is refused). */
  "commissioning:saveTemplate": call()(z50.strictObject({ template: CommissioningTemplate })),
  "commissioning:deleteTemplate": call()(z50.strictObject({ name: z50.string().min(1) })),
  /**
   * A template whose baseline is this charger's configuration as it reads now (the writable keys), to
   * compare another charger, or this one after a firmware update, against it. Not saved until saveTemplate.
   */
  "commissioning:referenceTemplate": call()(z50.strictObject({ chargerId: z50.string().min(1), name: z50.string().trim().min(1).max(80) })),
  /** The sites commissioned before, newest first, with the job last used there (to fill in the next charger's). */
  "commissioning:sites": call()(Empty),
  /** One site's chargers side by side. */
  "commissioning:site": call()(z50.strictObject({ site: z50.string().min(1) })),
  /** A new commissioning of a connected charger for a site and job (remembered for the site); nothing runs yet. */
  "commissioning:create": call()(z50.strictObject({ chargerId: z50.string().min(1), job: SiteJob, template: CommissioningTemplate })),
  /** Runs the plan's steps (all, or the ones named: re-running a step replaces its result) in the background. */
  "commissioning:run": call()(z50.strictObject({ id: z50.string().min(1), steps: z50.array(z50.string().min(1)).min(1).optional() })),
  /** Stops the run after the step in progress (its operator prompt is skipped). */
  "commissioning:stop": call()(z50.strictObject({ id: z50.string().min(1) })),
  "commissioning:prompt": call()(z50.strictObject({ id: z50.string().min(1) })),
  "commissioning:answer": call()(z50.strictObject({ id: z50.string().min(1), answer: z50.enum(["done", "cannot", "skip"]) })),
  "commissioning:get": call()(z50.strictObject({ id: z50.string().min(1) })),
  /** Commissionings, newest first, of one site or charger, or all. */
  "commissioning:list": call()(z50.strictObject({ site: z50.string().min(1).optional(), chargerId: z50.string().min(1).optional() })),
  /** Replaces the on-site checklist's entries given (the others stay). Refused after the handover. */
  "commissioning:setChecklist": call()(z50.strictObject({ id: z50.string().min(1), entries: z50.array(ChecklistEntry).min(1) })),
  "commissioning:addPhoto": call()(PhotoUpload),
  "commissioning:removePhoto": call()(z50.strictObject({ id: z50.string().min(1), photoId: z50.string().min(1) })),
  /** A photo's bytes, base64. */
  "commissioning:photo": call()(z50.strictObject({ id: z50.string().min(1), photoId: z50.string().min(1) })),
  /** Signs the handover: the verdict at this moment, the installer's signature and the customer's acknowledgement. The record is final afterwards. */
  "commissioning:handover": call()(z50.strictObject({ id: z50.string().min(1), handover: Handover })),
  "virtualChargers:list": call()(Empty),
  "virtualChargers:get": call()(ChargerRef),
  /** The argument is a VirtualChargerDefinition; the manager validates it (defaults applied). */
  "virtualChargers:create": call()(z50.record(z50.string(), z50.unknown())),
  "virtualChargers:delete": call()(ChargerRef),
  "virtualChargers:start": call()(ChargerRef),
  "virtualChargers:stop": call()(ChargerRef),
  "virtualChargers:act": call()(
    z50.strictObject({
      id: z50.string().min(1),
      /** One of the physical actions (physicalActions); the manager names the known ones when it is not. */
      action: z50.string().min(1),
      body: z50.record(z50.string(), z50.unknown()).default({})
    })
  ),
  "virtualChargers:setFaults": call()(z50.strictObject({ id: z50.string().min(1), faults: FaultsPatch })),
  "virtualChargers:faults": call()(ChargerRef),
  /** One fault switch by name; the manager checks the value against that fault's schema. */
  "virtualChargers:setFault": call()(z50.strictObject({ id: z50.string().min(1), fault: z50.string().min(1), value: z50.unknown() }))
};

// src/main/api-server/export-routes.ts
var downloadPaths = /* @__PURE__ */ new Set(["/api/messages/export", "/api/transactions/export"]);
function exportQueryOf(q) {
  const text = q.get("filter");
  let filter = {};
  if (text !== null && text !== "") {
    try {
      filter = JSON.parse(text);
    } catch (e) {
      throw new BenchError(400, `Invalid query field "filter": not JSON (${e.message})`, { field: "filter" });
    }
  }
  return parse(MessageExportQuery, { filter, format: q.get("format") ?? "csv" }, "query");
}
function transactionExportQueryOf(q) {
  const active = q.get("active");
  if (active !== null && active !== "true" && active !== "false") throw new BenchError(400, 'Invalid query field "active": must be true or false', { field: "active" });
  return parse(TransactionExportQuery, { chargerId: q.get("chargerId") ?? void 0, active: active === null ? void 0 : active === "true" }, "query");
}
async function download2(res, contentType, fileName, write) {
  res.writeHead(200, {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff"
  });
  try {
    await write();
    res.end();
  } catch (e) {
    res.destroy(e);
  }
  return [200, null];
}
function defineExportRoutes(route2, bench) {
  route2("GET", "/api/messages/export", async (_req, _p, q, _body, res) => {
    const query = exportQueryOf(q);
    return download2(res, exportContentTypes[query.format], exportFileName(query, new Date(bench.clock.now())), () => bench.exportMessages(query, res));
  });
  route2("GET", "/api/transactions/export", async (_req, _p, q, _body, res) => {
    const query = transactionExportQueryOf(q);
    return download2(res, exportContentTypes.csv, transactionsFileName(query, new Date(bench.clock.now())), () => bench.exportTransactions(query, res));
  });
}

// src/main/api-server/file-routes.ts
import { createReadStream as createReadStream3 } from "node:fs";
import { pipeline as pipeline3 } from "node:stream/promises";
function defineFileRoutes(route2, bench) {
  route2("POST", "/api/files", async (req, _p, q) => {
    const name = q.get("name");
    if (!name) throw new BenchError(400, "Say what the file is called: POST /api/files?name=<file name>", { field: "name" });
    const declared = Number(req.headers["content-length"]);
    if (declared > MAX_UPLOAD_BYTES) throw new BenchError(413, `The file is larger than ${Math.floor(MAX_UPLOAD_BYTES / 1024 ** 2)} MiB`);
    const file = await bench.files.store(req, name);
    return [201, bench.hostedFileView(file)];
  });
  route2("GET", "/api/uploads/{id}/content", async (_req, p, _q, _body, res) => {
    const upload2 = bench.uploads.downloadable(p.id);
    const stream = createReadStream3(upload2.path);
    await new Promise((resolve6, reject) => stream.once("open", () => resolve6()).once("error", reject)).catch(() => {
      throw new BenchError(404, `${upload2.name} is no longer on the bench's disk`);
    });
    res.writeHead(200, {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(upload2.name)}`,
      "Content-Length": upload2.bytes,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff"
    });
    await pipeline3(stream, res).catch(() => res.destroy());
    return [200, null];
  });
}

// src/main/api-server/report-routes.ts
var kinds = { "report.html": "html", "report.json": "json", "junit.xml": "junit", "report.pdf": "pdf", "evidence.zip": "evidence" };
function sendReport(res, report) {
  const html = report.contentType.startsWith("text/html");
  res.writeHead(200, {
    "Content-Type": report.contentType,
    "Content-Disposition": `${html || report.contentType.startsWith("image/") ? "inline" : "attachment"}; filename="${report.fileName}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
  });
  res.end(report.body);
  return [200, null];
}
function defineReportRoutes(route2, bench) {
  route2("GET", "/api/test-runs/{id}/{file}", async (_req, p, _q, _body, res) => {
    const kind = kinds[p.file];
    if (!kind) throw new BenchError(404, `No such report: ${p.file}; one of ${Object.keys(kinds).join(", ")}`, { field: "file" });
    return sendReport(res, await bench.conformance.report(p.id, kind));
  });
  route2("GET", "/api/commissioning/{id}/{file}", async (_req, p, _q, _body, res) => {
    if (!commissioningFiles.includes(p.file)) throw new BenchError(404, `No such file: ${p.file}; one of ${commissioningFiles.join(", ")}`, { field: "file" });
    return sendReport(res, await bench.commissioning.file(p.id, p.file));
  });
  route2("GET", "/api/commissioning/{id}/photos/{photoId}", async (_req, p, _q, _body, res) => {
    const photo = bench.commissioning.photo(p.id, p.photoId);
    return sendReport(res, { body: photo.data, contentType: photo.contentType, fileName: `${p.photoId.replace(/[^A-Za-z0-9_.-]/g, "_")}.${photo.contentType.split("/")[1]}` });
  });
  route2("GET", "/api/commissioning-sites/{site}/summary.html", async (_req, p, _q, _body, res) => sendReport(res, bench.commissioning.siteSummary(p.site)));
}

// src/main/api-server/static-ui.ts
import { createReadStream as createReadStream4 } from "node:fs";
import { stat as stat3 } from "node:fs/promises";
import { extname, join as join8, normalize, sep } from "node:path";
var types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".map": "application/json; charset=utf-8"
};
function servedCsp(port) {
  const hosts = ["127.0.0.1", "localhost", "[::1]"];
  const own = hosts.flatMap((h) => [`http://${h}:${port}`, `ws://${h}:${port}`]).join(" ");
  return `default-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src ${own}`;
}
async function serveUi(res, uiDir, pathname, port) {
  if (!uiDir) throw new BenchError(404, "This bench serves no UI; the automation API lives under /api/");
  let rel;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    throw new BenchError(400, `Bad path ${pathname}`);
  }
  if (rel === "/" || rel === "") rel = "/index.html";
  const file = normalize(join8(uiDir, rel));
  if (file !== uiDir && !file.startsWith(uiDir.endsWith(sep) ? uiDir : uiDir + sep)) throw new BenchError(404, `Nothing at ${pathname}`);
  const info = await stat3(file).catch(() => null);
  if (!info?.isFile()) {
    if (rel === "/index.html")
      throw new BenchError(404, "The UI is not built yet: run npm run build in the ChargeBench folder, then reload this page. The automation API under /api/ works meanwhile.");
    throw new BenchError(404, `Nothing at ${pathname}`);
  }
  const immutable = rel.startsWith("/assets/");
  res.writeHead(200, {
    "Content-Type": types[extname(file)] ?? "application/octet-stream",
    "Content-Length": info.size,
    "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    ...extname(file) === ".html" ? { "Content-Security-Policy": servedCsp(port), "X-Frame-Options": "DENY" } : {}
  });
  await new Promise((resolve6, reject) => createReadStream4(file).on("error", reject).on("end", resolve6).pipe(res));
}

// src/main/core/bench-service.ts
var methods = new Set(benchMethods);
var fromMemory = /* @__PURE__ */ new Set(["bench:status", "bench:health", "network:addresses", "settings:get"]);
var BenchService = class {
  constructor(bench, face) {
    this.bench = bench;
    this.face = face;
    this.handlers = this.define();
  }
  bench;
  face;
  handlers;
  isMethod(name) {
    return methods.has(name);
  }
  /** Validates `args` against the method's schema and runs it; bad input is a BenchError 400 naming the field. */
  async call(method, args) {
    return valueOf(await this.serve(method, args));
  }
  /**
   * `call` for the faces that answer in JSON (serve's HTTP API): a big read may come as the JSON text
   * the reader thread made, to be sent as it is.
   */
  async serve(method, args) {
    if (!this.isMethod(method)) throw new BenchError(404, `No bench call "${String(method)}"`);
    const parsed = parse(contract[method].args, args ?? {}, `${method} argument`);
    if (!fromMemory.has(method)) await this.bench.record.settled();
    return this.handlers[method](parsed);
  }
  /** `call` with its failure as a value, for transports that carry only data (IPC). */
  async reply(method, args) {
    try {
      if (!this.isMethod(method)) throw new BenchError(404, `No bench call "${method}"`);
      const served = await this.serve(method, args);
      return served instanceof JsonText ? { ok: true, json: served.bytes } : { ok: true, value: served };
    } catch (e) {
      return { ok: false, error: toCallError(e) };
    }
  }
  /**
   * A charger whose bench behaviour a person may change: not one a test run or a commissioning drives
   * now (their steps set the behaviour themselves; a change by hand would decide their verdicts).
   */
  notDriven(id2) {
    this.charger(id2);
    const run = this.bench.conformance.runningOn(id2);
    if (run) throw new BenchError(409, `A test run is running on ${id2} (${run}): its cases set the bench's behaviour themselves; wait for it, or stop it first`, { field: "id" });
    const commissioning = this.bench.commissioning.runningOn(id2);
    if (commissioning) throw new BenchError(409, `${id2} is being commissioned (${commissioning}): its checks set the bench's behaviour themselves; wait for it, or stop it first`, { field: "id" });
  }
  charger(id2) {
    const c = this.bench.record.chargers.get(id2);
    if (!c) throw new BenchError(404, `No charger "${id2}" is known to this bench: it has never connected and is not registered (POST /api/chargers registers it)`);
    return { ...c, connected: this.bench.centralSystem.isConnected(id2) };
  }
  behaviourView(id2) {
    this.charger(id2);
    return this.bench.centralSystem.behaviours.view(id2);
  }
  define() {
    const { record, centralSystem: cs, virtualChargers: vcps, settings, operations: operations2 } = this.bench;
    const registry = cs.registry;
    return {
      "bench:status": () => {
        const { host, port } = cs.address();
        return { version, host, port, connectedChargers: cs.connectedChargers(), dataDir: this.bench.dataDir, face: this.face };
      },
      "bench:health": () => this.bench.health(),
      "network:addresses": () => reachableAddresses(cs.address()),
      "chargers:list": () => record.chargers.list().map((c) => ({ ...c, connected: cs.isConnected(c.id) })),
      "chargers:get": ({ id: id2 }) => this.charger(id2),
      "chargers:register": async ({ id: id2, password, bootPolicy }) => {
        const { created } = await registry.register(id2, { password, bootPolicy });
        return { charger: this.charger(id2), created };
      },
      "chargers:update": async ({ id: id2, patch }) => {
        if (patch.bootPolicy !== void 0) await registry.setBootPolicy(id2, patch.bootPolicy);
        if (patch.password !== void 0) await registry.setPassword(id2, patch.password);
        return this.charger(id2);
      },
      "chargers:delete": async ({ id: id2 }) => {
        await cs.deleteCharger(id2);
        return null;
      },
      "chargers:disconnect": ({ id: id2 }) => {
        this.charger(id2);
        return { disconnected: cs.disconnect(id2) };
      },
      "chargers:operate": ({ chargerId, action, payload, timeoutSeconds }) => operations2.operateByName(chargerId, action, payload ?? {}, { timeoutMs: timeoutSeconds === void 0 ? void 0 : timeoutSeconds * 1e3 }),
      "chargers:meterValues": ({ chargerId, ...q }) => {
        this.charger(chargerId);
        return record.meterValues.read({ chargerId, ...q });
      },
      "chargers:statusHistory": ({ chargerId, ...q }) => {
        this.charger(chargerId);
        return record.connectors.history(chargerId, q);
      },
      "chargers:behaviour": ({ id: id2 }) => this.behaviourView(id2),
      "chargers:setBehaviour": ({ id: id2, behaviour }) => {
        this.notDriven(id2);
        cs.behaviours.setStanding(id2, behaviour);
        return this.behaviourView(id2);
      },
      "chargers:goOffline": ({ id: id2, seconds }) => {
        this.notDriven(id2);
        cs.goOffline(id2, seconds);
        return this.behaviourView(id2);
      },
      "chargers:backOnline": ({ id: id2 }) => {
        this.notDriven(id2);
        cs.backOnline(id2);
        return this.behaviourView(id2);
      },
      "chargerEvents:list": (q) => record.events.list(q),
      "messages:list": (q) => record.messages.readJson(q),
      "messages:page": (q) => record.messages.pageJson(q),
      "messages:count": ({ filter, upToId, cap }) => record.messages.count(filter, { upToId, cap }),
      "transactions:list": (q) => record.transactions.list(q),
      "transactions:get": async ({ transactionId }) => {
        const tx = record.transactions.get(transactionId);
        if (!tx) throw new BenchError(404, `No transaction ${transactionId}`);
        return { ...tx, meterValues: (await record.meterValues.read({ transactionId, limit: 1e5 })).reverse() };
      },
      "operations:list": (q) => record.operations.list(q),
      "connectionAttempts:list": ({ limit: limit2 }) => record.connectionAttempts.list(limit2),
      "settings:get": () => settings.get(),
      "settings:update": async (patch) => {
        const saved = await settings.update(patch);
        await this.bench.ftpSettled();
        return saved;
      },
      "idTags:list": () => record.idTags.list(),
      "idTags:replace": async ({ entries }) => {
        await record.idTags.put(entries, true);
        cs.auth.reloadTags();
        return record.idTags.list();
      },
      "idTags:add": async (entry2) => {
        await record.idTags.put([entry2], false);
        cs.auth.reloadTags();
        return record.idTags.get(entry2.idTag);
      },
      "idTags:delete": async ({ idTag: idTag3 }) => {
        if (!await record.idTags.delete(idTag3)) throw new BenchError(404, `idTag "${idTag3}" is not in the local list`);
        cs.auth.reloadTags();
        return null;
      },
      "files:uploadLocation": ({ chargerId }) => {
        this.charger(chargerId);
        return this.bench.uploadLocationView(this.bench.uploads.newLocation(chargerId));
      },
      "files:uploads": ({ chargerId }) => this.bench.uploads.list(chargerId),
      "files:upload": ({ id: id2 }) => this.bench.uploads.view(this.bench.uploads.get(id2)),
      "files:deleteUpload": ({ id: id2 }) => {
        this.bench.uploads.delete(id2);
        return null;
      },
      "tests:cases": () => this.bench.conformance.cases(),
      "tests:start": (args) => this.bench.conformance.start(args),
      "tests:stop": ({ runId }) => (this.bench.conformance.stop(runId), null),
      "tests:answer": ({ runId, answer: answer2 }) => (this.bench.conformance.answer(runId, answer2), null),
      "tests:prompt": ({ runId }) => this.bench.conformance.prompt(runId),
      "tests:list": ({ chargerId }) => this.bench.conformance.list(chargerId),
      "tests:get": ({ runId }) => this.bench.conformance.get(runId),
      "commissioning:templates": () => this.bench.commissioning.templates(),
      "commissioning:saveTemplate": ({ template }) => this.bench.commissioning.saveTemplate(template),
      "commissioning:deleteTemplate": async ({ name }) => (await this.bench.commissioning.deleteTemplate(name), null),
      "commissioning:referenceTemplate": ({ chargerId, name }) => this.bench.commissioning.referenceTemplate(chargerId, name),
      "commissioning:sites": () => this.bench.commissioning.sites(),
      "commissioning:site": ({ site }) => this.bench.commissioning.site(site),
      "commissioning:create": (args) => this.bench.commissioning.create(args),
      "commissioning:run": ({ id: id2, steps: steps2 }) => (this.bench.commissioning.run(id2, steps2), null),
      "commissioning:stop": ({ id: id2 }) => (this.bench.commissioning.stop(id2), null),
      "commissioning:prompt": ({ id: id2 }) => this.bench.commissioning.prompt(id2),
      "commissioning:answer": ({ id: id2, answer: answer2 }) => (this.bench.commissioning.answer(id2, answer2), null),
      "commissioning:get": ({ id: id2 }) => this.bench.commissioning.get(id2),
      "commissioning:list": (q) => this.bench.commissioning.list(q),
      "commissioning:setChecklist": ({ id: id2, entries }) => this.bench.commissioning.setChecklist(id2, entries),
      "commissioning:addPhoto": (args) => this.bench.commissioning.addPhoto(args),
      "commissioning:removePhoto": async ({ id: id2, photoId }) => (await this.bench.commissioning.removePhoto(id2, photoId), null),
      "commissioning:photo": ({ id: id2, photoId }) => {
        const p = this.bench.commissioning.photo(id2, photoId);
        return { contentType: p.contentType, dataBase64: p.data.toString("base64") };
      },
      "commissioning:handover": ({ id: id2, handover }) => this.bench.commissioning.handover(id2, handover),
      "files:hosted": () => this.bench.files.list().map((f) => this.bench.hostedFileView(f)),
      "virtualChargers:list": () => vcps.list(),
      "virtualChargers:get": ({ id: id2 }) => vcps.get(id2),
      "virtualChargers:create": (definition) => {
        const id2 = typeof definition.id === "string" ? definition.id : "";
        if (cs.isConnected(id2) && !vcps.has(id2))
          throw new BenchError(409, `A charger with the id ${id2} is connected to this bench now: a virtual charger of the same id would take its place. Choose another id.`, { field: "id" });
        if (cs.registry.isReal(id2))
          throw new BenchError(
            409,
            `${id2} is a real charger this bench knows (it has connected, or was registered): a virtual charger of the same id would take over its identity and record. Choose another id, or delete ${id2} on the Chargers screen first.`,
            { field: "id" }
          );
        return vcps.create(definition);
      },
      "virtualChargers:delete": async ({ id: id2 }) => {
        await vcps.remove(id2);
        return null;
      },
      "virtualChargers:start": ({ id: id2 }) => vcps.start(id2),
      "virtualChargers:stop": ({ id: id2 }) => vcps.stop(id2),
      "virtualChargers:act": ({ id: id2, action, body }) => vcps.act(id2, action, body),
      "virtualChargers:faults": ({ id: id2 }) => vcps.get(id2).faults,
      "virtualChargers:setFaults": ({ id: id2, faults }) => vcps.setFaults(id2, faults),
      "virtualChargers:setFault": ({ id: id2, fault, value }) => vcps.setFault(id2, fault, value)
    };
  }
};
function toCallError(e) {
  if (e instanceof BenchError) {
    const field = typeof e.extra.field === "string" ? e.extra.field : void 0;
    return { status: e.status, message: e.message, ...field ? { field } : {} };
  }
  console.error("chargebench: unexpected error in a bench call", e);
  return { status: 500, message: `Internal error: ${e?.message ?? String(e)}` };
}

// src/main/api-server/rest-routes.ts
var route = ({ status, answer: answer2, ...r }) => ({
  ...r,
  async reply(serve, args) {
    const served = await serve(r.call, args);
    if (!answer2 && typeof status !== "function") return [status ?? 200, served];
    const result = valueOf(served);
    return [typeof status === "function" ? status(result) : status ?? 200, answer2 ? answer2(result) : result];
  }
});
var restRoutes = [
  route({ method: "GET", path: "/api/health", call: "bench:health", status: (h) => h.ok ? 200 : 503 }),
  route({ method: "GET", path: "/api/chargers", call: "chargers:list" }),
  // Registering is idempotent (201 when the charger is new, 200 when it was already seen or registered),
  // so one call commissions a charger whether or not it has connected yet.
  route({ method: "POST", path: "/api/chargers", call: "chargers:register", body: true, status: (r) => r.created ? 201 : 200, answer: (r) => r.charger }),
  route({ method: "GET", path: "/api/chargers/{id}", call: "chargers:get", params: { id: "id" } }),
  route({ method: "PATCH", path: "/api/chargers/{id}", call: "chargers:update", params: { id: "id" }, body: "patch" }),
  route({ method: "DELETE", path: "/api/chargers/{id}", call: "chargers:delete", params: { id: "id" }, status: 204 }),
  route({ method: "POST", path: "/api/chargers/{id}/disconnect", call: "chargers:disconnect", params: { id: "id" } }),
  route({
    method: "POST",
    path: "/api/chargers/{id}/operations/{action}",
    call: "chargers:operate",
    params: { id: "chargerId", action: "action" },
    query: { timeout: ["timeoutSeconds", "int"] },
    body: "payload",
    status: (r) => r.outcome === "offline" ? 409 : 200
  }),
  route({ method: "GET", path: "/api/chargers/{id}/meter-values", call: "chargers:meterValues", params: { id: "chargerId" }, query: { connectorId: "int", transactionId: "int", limit: "int" } }),
  route({ method: "GET", path: "/api/chargers/{id}/status-history", call: "chargers:statusHistory", params: { id: "chargerId" }, query: { connectorId: "int", limit: "int" } }),
  route({ method: "GET", path: "/api/chargers/{id}/behaviour", call: "chargers:behaviour", params: { id: "id" } }),
  route({ method: "PUT", path: "/api/chargers/{id}/behaviour", call: "chargers:setBehaviour", params: { id: "id" }, body: "behaviour" }),
  route({ method: "POST", path: "/api/chargers/{id}/offline", call: "chargers:goOffline", params: { id: "id" }, body: true }),
  route({ method: "DELETE", path: "/api/chargers/{id}/offline", call: "chargers:backOnline", params: { id: "id" } }),
  route({ method: "GET", path: "/api/messages", call: "messages:list", query: { chargerId: "string", action: "string", limit: "int", beforeId: "int" } }),
  route({ method: "GET", path: "/api/transactions", call: "transactions:list", query: { chargerId: "string", active: "bool", limit: "int" } }),
  route({ method: "GET", path: "/api/transactions/{id}", call: "transactions:get", params: { id: ["transactionId", "int"] } }),
  route({ method: "GET", path: "/api/operations", call: "operations:list", query: { chargerId: "string", limit: "int" } }),
  route({ method: "GET", path: "/api/charger-events", call: "chargerEvents:list", query: { chargerId: "string", limit: "int" } }),
  route({ method: "GET", path: "/api/connection-attempts", call: "connectionAttempts:list", query: { limit: "int" } }),
  route({ method: "GET", path: "/api/settings", call: "settings:get" }),
  route({ method: "PATCH", path: "/api/settings", call: "settings:update", body: true }),
  route({ method: "GET", path: "/api/id-tags", call: "idTags:list" }),
  route({ method: "PUT", path: "/api/id-tags", call: "idTags:replace", body: "entries" }),
  route({ method: "POST", path: "/api/id-tags", call: "idTags:add", body: true, status: 201 }),
  route({ method: "DELETE", path: "/api/id-tags/{idTag}", call: "idTags:delete", params: { idTag: "idTag" }, status: 204 }),
  // Files chargers fetch and send: an upload location per GetDiagnostics request, what arrived, hosted firmware.
  route({ method: "POST", path: "/api/chargers/{id}/upload-locations", call: "files:uploadLocation", params: { id: "chargerId" }, status: 201 }),
  route({ method: "GET", path: "/api/chargers/{id}/uploads", call: "files:uploads", params: { id: "chargerId" } }),
  route({ method: "GET", path: "/api/uploads", call: "files:uploads", query: { chargerId: "string" } }),
  route({ method: "GET", path: "/api/uploads/{id}", call: "files:upload", params: { id: "id" } }),
  route({ method: "DELETE", path: "/api/uploads/{id}", call: "files:deleteUpload", params: { id: "id" }, status: 204 }),
  route({ method: "GET", path: "/api/files", call: "files:hosted" }),
  route({ method: "GET", path: "/api/test-cases", call: "tests:cases" }),
  route({ method: "POST", path: "/api/test-runs", call: "tests:start", body: true, status: 202 }),
  route({ method: "GET", path: "/api/test-runs", call: "tests:list", query: { chargerId: "string" } }),
  route({ method: "GET", path: "/api/test-runs/{id}", call: "tests:get", params: { id: "runId" } }),
  route({ method: "POST", path: "/api/test-runs/{id}/stop", call: "tests:stop", params: { id: "runId" }, status: 204 }),
  route({ method: "GET", path: "/api/test-runs/{id}/prompt", call: "tests:prompt", params: { id: "runId" } }),
  route({ method: "POST", path: "/api/test-runs/{id}/answer", call: "tests:answer", params: { id: "runId" }, body: true, status: 204 }),
  // Commissioning: templates, sites, and each commissioning's run, checklist, photos and handover. Its
  // files (report.html, report.pdf, report.json, bundle.zip), photos and a site's summary.html are in report-routes.ts.
  route({ method: "GET", path: "/api/commissioning-templates", call: "commissioning:templates" }),
  route({ method: "POST", path: "/api/commissioning-templates", call: "commissioning:saveTemplate", body: "template", status: 201 }),
  route({ method: "POST", path: "/api/commissioning-templates/reference", call: "commissioning:referenceTemplate", body: true }),
  route({ method: "DELETE", path: "/api/commissioning-templates/{name}", call: "commissioning:deleteTemplate", params: { name: "name" }, status: 204 }),
  route({ method: "GET", path: "/api/commissioning-sites", call: "commissioning:sites" }),
  route({ method: "GET", path: "/api/commissioning-sites/{site}", call: "commissioning:site", params: { site: "site" } }),
  route({ method: "GET", path: "/api/commissioning", call: "commissioning:list", query: { site: "string", chargerId: "string" } }),
  route({ method: "POST", path: "/api/commissioning", call: "commissioning:create", body: true, status: 201 }),
  route({ method: "GET", path: "/api/commissioning/{id}", call: "commissioning:get", params: { id: "id" } }),
  route({ method: "POST", path: "/api/commissioning/{id}/run", call: "commissioning:run", params: { id: "id" }, body: true, status: 202 }),
  route({ method: "POST", path: "/api/commissioning/{id}/stop", call: "commissioning:stop", params: { id: "id" }, status: 204 }),
  route({ method: "GET", path: "/api/commissioning/{id}/prompt", call: "commissioning:prompt", params: { id: "id" } }),
  route({ method: "POST", path: "/api/commissioning/{id}/answer", call: "commissioning:answer", params: { id: "id" }, body: true, status: 204 }),
  route({ method: "PATCH", path: "/api/commissioning/{id}/checklist", call: "commissioning:setChecklist", params: { id: "id" }, body: "entries" }),
  route({ method: "POST", path: "/api/commissioning/{id}/photos", call: "commissioning:addPhoto", params: { id: "id" }, body: true, status: 201 }),
  route({ method: "DELETE", path: "/api/commissioning/{id}/photos/{photoId}", call: "commissioning:removePhoto", params: { id: "id", photoId: "photoId" }, status: 204 }),
  route({ method: "POST", path: "/api/commissioning/{id}/handover", call: "commissioning:handover", params: { id: "id" }, body: "handover" }),
  route({ method: "GET", path: "/api/virtual-chargers", call: "virtualChargers:list" }),
  route({ method: "POST", path: "/api/virtual-chargers", call: "virtualChargers:create", body: true, status: 201 }),
  route({ method: "GET", path: "/api/virtual-chargers/{id}", call: "virtualChargers:get", params: { id: "id" } }),
  route({ method: "DELETE", path: "/api/virtual-chargers/{id}", call: "virtualChargers:delete", params: { id: "id" }, status: 204 }),
  route({ method: "POST", path: "/api/virtual-chargers/{id}/start", call: "virtualChargers:start", params: { id: "id" } }),
  route({ method: "POST", path: "/api/virtual-chargers/{id}/stop", call: "virtualChargers:stop", params: { id: "id" } }),
  route({ method: "POST", path: "/api/virtual-chargers/{id}/actions/{action}", call: "virtualChargers:act", params: { id: "id", action: "action" }, body: "body" }),
  route({ method: "GET", path: "/api/virtual-chargers/{id}/faults", call: "virtualChargers:faults", params: { id: "id" } }),
  route({ method: "PATCH", path: "/api/virtual-chargers/{id}/faults", call: "virtualChargers:setFaults", params: { id: "id" }, body: "faults" }),
  route({ method: "POST", path: "/api/virtual-chargers/{id}/faults/{fault}", call: "virtualChargers:setFault", params: { id: "id", fault: "fault" }, body: "value" })
];

// src/main/api-server/server.ts
var MAX_BODY = 1024 * 1024;
var MAX_PHOTO_BODY = Math.ceil(maxPhotoBytes / 3) * 4 + 64 * 1024;
var photoPaths = /^\/api\/(call\/commissioning(:|%3A)addPhoto|commissioning\/[^/]+\/photos)$/i;
var MAX_EVENT_BACKLOG = 8 * 1024 * 1024;
var EVENT_BATCH_MS = 50;
var SESSION_COOKIE = "chargebench_session";
var ApiServer = class {
  constructor(bench, options) {
    this.bench = bench;
    this.options = options;
    this.useToken(options.token);
    this.service = new BenchService(bench, "serve");
    this.defineRoutes();
  }
  bench;
  options;
  server = null;
  wss = null;
  routes = [];
  tokenBuf;
  /** What the session cookie holds: derived from the token, so a new token ends every session. */
  sessionValue;
  service;
  useToken(token) {
    this.tokenBuf = Buffer.from(token);
    this.sessionValue = createHmac("sha256", token).update("chargebench browser session v1").digest("base64url");
  }
  async start() {
    const server = createServer2((req, res) => void this.handle(req, res));
    const wss = new WebSocketServer2({ noServer: true });
    server.on("upgrade", (req, socket2, head) => {
      const url = new URL(req.url ?? "/", "http://api");
      const refuse = (status, body) => void socket2.end(`HTTP/1.1 ${status}\r
Content-Type: application/json\r
Connection: close\r
\r
${body}`);
      if (!this.ownHost(req)) return refuse("421 Misdirected Request", JSON.stringify({ error: hostError }));
      if (url.pathname !== "/api/events") return refuse("404 Not Found", '{"error":"No such WebSocket endpoint"}');
      if (!this.sameOrigin(req)) return refuse("403 Forbidden", `{"error":"A page of another site may not open the bench's event stream"}`);
      if (!this.authorised(req)) return refuse("401 Unauthorized", '{"error":"Missing or wrong API token"}');
      wss.handleUpgrade(req, socket2, head, (ws) => this.onEventsClient(ws, url.searchParams.has("batched")));
    });
    this.server = server;
    this.wss = wss;
    await new Promise((resolve6, reject) => {
      server.once("error", (e) => reject(e.code === "EADDRINUSE" ? new Error(`API port ${this.options.port} is already in use. Pick another with --api-port.`) : e));
      server.listen(this.options.port ?? 8180, this.options.host ?? "127.0.0.1", () => resolve6());
    });
    return this.address();
  }
  address() {
    const a = this.server.address();
    return { host: a.address, port: a.port };
  }
  async stop() {
    for (const ws of this.wss?.clients ?? []) ws.terminate();
    this.wss?.close();
    await new Promise((resolve6) => {
      if (!this.server) return resolve6();
      this.server.close(() => resolve6());
      this.server.closeAllConnections();
    });
  }
  /**
   * One event per message, or with `?batched` (the bench's own UI) a JSON array of the events of up to
   * EVENT_BATCH_MS per message, in order: at 20,000 frames a second a browser then handles 20 messages a
   * second, not 20,000.
   */
  onEventsClient(ws, batched) {
    const send2 = (events) => {
      if (ws.readyState !== WebSocket3.OPEN) return;
      if (ws.bufferedAmount > MAX_EVENT_BACKLOG) {
        off2();
        return ws.close(1013, "Too far behind on events: reconnect and reload");
      }
      ws.send(JSON.stringify(events));
    };
    const off2 = batched ? this.bench.bus.subscribeBatched(send2, EVENT_BATCH_MS) : this.bench.bus.subscribe(send2);
    ws.on("close", off2);
    ws.on("error", off2);
    ws.send(JSON.stringify({ type: "hello", chargers: this.bench.connectedChargers() }));
  }
  /**
   * The token, only in the Authorization header (`Bearer`, any case), or the session cookie a browser
   * traded it for. A token in the URL leaks (history, logs, a shared link), so it counts only where a
   * browser cannot send a header: `queryToken` (export downloads by script).
   */
  authorised(req, queryToken = null) {
    const m = /^\s*bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    if (m) return sameSecret2(m[1], this.tokenBuf);
    const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
    if (cookie !== null) return sameSecret2(cookie, Buffer.from(this.sessionValue));
    return queryToken !== null && sameSecret2(queryToken, this.tokenBuf);
  }
  /**
   * DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1 reaches this port with
   * Host: evil.example. Only the bench's own loopback names are answered.
   */
  ownHost(req) {
    const host = (req.headers.host ?? "").toLowerCase();
    const port = this.server ? this.server.address().port : this.options.port;
    return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host);
  }
  /** A request a browser sends from another site carries its Origin; the bench's own page has the bench's. */
  sameOrigin(req) {
    const origin = req.headers.origin;
    if (origin === void 0) return true;
    try {
      return new URL(origin).host === (req.headers.host ?? "").toLowerCase();
    } catch {
      return false;
    }
  }
  sessionCookie() {
    return `${SESSION_COOKIE}=${this.sessionValue}; HttpOnly; SameSite=Strict; Path=/`;
  }
  async handle(req, res) {
    const url = new URL(req.url ?? "/", "http://api");
    try {
      if (!this.ownHost(req)) throw new BenchError(421, hostError);
      if (!url.pathname.startsWith("/api/")) {
        if (req.method !== "GET" && req.method !== "HEAD") throw new BenchError(405, `${req.method} is not allowed on ${url.pathname}`);
        const token = url.searchParams.get("token");
        if (token !== null) {
          const headers = { Location: "/", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };
          if (sameSecret2(token, this.tokenBuf)) headers["Set-Cookie"] = this.sessionCookie();
          return void res.writeHead(303, headers).end();
        }
        return await serveUi(res, this.options.uiDir, url.pathname, this.address().port);
      }
      if (url.pathname === "/api/session") return this.session(req, res);
      if (url.pathname === "/api/session/token") return this.newToken(req, res);
      if (!this.sameOrigin(req)) throw new BenchError(403, "A page of another site may not call the bench");
      const queryToken = req.method === "GET" && downloadPaths.has(url.pathname) ? url.searchParams.get("token") : null;
      if (!this.authorised(req, queryToken)) throw new BenchError(401, 'Missing or wrong API token: send "Authorization: Bearer <token>" (serve prints the token at start)');
      let matchedPath = false;
      for (const route2 of this.routes) {
        const m = route2.pattern.exec(url.pathname);
        if (!m) continue;
        matchedPath = true;
        if (route2.method !== req.method) continue;
        const params = {};
        route2.keys.forEach((k, i) => params[k] = decodeParam(k, m[i + 1]));
        if (!route2.contract) await this.bench.settled();
        const [status, body] = await route2.run(req, params, url.searchParams, () => readJson(req, photoPaths.test(url.pathname) ? MAX_PHOTO_BODY : MAX_BODY), res);
        if (res.headersSent) return;
        return send(res, status, body);
      }
      throw new BenchError(matchedPath ? 405 : 404, matchedPath ? `${req.method} is not allowed on ${url.pathname}` : `No API endpoint ${req.method} ${url.pathname}`);
    } catch (e) {
      if (e instanceof BenchError) return send(res, e.status, { error: e.message, ...e.extra });
      console.error("chargebench api: unexpected error", e);
      return send(res, 500, { error: `Internal error: ${e.message}` });
    }
  }
  /** POST /api/session with the token in the header: the browser gets the session cookie. DELETE ends it. */
  session(req, res) {
    if (!this.sameOrigin(req)) throw new BenchError(403, "A page of another site may not sign in to the bench");
    if (req.method === "DELETE") return void res.writeHead(204, { "Set-Cookie": `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` }).end();
    if (req.method !== "POST") throw new BenchError(405, `${req.method} is not allowed on /api/session`);
    const m = /^\s*bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    if (!m || !sameSecret2(m[1], this.tokenBuf)) throw new BenchError(401, 'Missing or wrong API token: send "Authorization: Bearer <token>"');
    res.writeHead(204, { "Set-Cookie": this.sessionCookie(), "Cache-Control": "no-store" }).end();
  }
  /**
   * POST /api/session/token (signed in): a new token, saved where serve keeps it; this browser gets a new
   * session cookie, every other session, saved link and event stream made with the old token ends.
   */
  newToken(req, res) {
    if (!this.sameOrigin(req)) throw new BenchError(403, "A page of another site may not change the bench's token");
    if (req.method !== "POST") throw new BenchError(405, `${req.method} is not allowed on /api/session/token`);
    if (!this.authorised(req)) throw new BenchError(401, "Missing or wrong API token");
    if (!this.options.regenerateToken) throw new BenchError(409, "This bench was started with --api-token: its token is fixed for this run");
    this.useToken(this.options.regenerateToken());
    for (const ws of this.wss?.clients ?? []) ws.close(4001, "The API token was regenerated: sign in again");
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Set-Cookie": this.sessionCookie() }).end(JSON.stringify({ token: this.tokenBuf.toString() }));
  }
  route(method, path, run, contract2 = false) {
    const keys = [];
    const pattern = new RegExp(`^${path.replace(/\{(\w+)\}/g, (_, k) => (keys.push(k), "([^/]+)"))}$`);
    this.routes.push({ method, pattern, keys, run, contract: contract2 });
  }
  defineRoutes() {
    defineExportRoutes((method, path, run) => this.route(method, path, run), this.bench);
    for (const r of restRoutes) this.route(r.method, r.path, (_req, params, query, body) => this.runRoute(r, params, query, body), true);
    this.route("POST", "/api/call/{method}", async (_r, p, _q, body) => [200, await this.service.serve(p.method, await body())], true);
    defineFileRoutes((method, path, run) => this.route(method, path, run), this.bench);
    defineReportRoutes((method, path, run) => this.route(method, path, run), this.bench);
  }
  /** One REST route: its contract call's argument object from the path, the query and the body; its status and answer from the result. */
  async runRoute(r, params, query, body) {
    const args = {};
    for (const [name, to] of Object.entries(r.params ?? {})) {
      const [field, type] = typeof to === "string" ? [to, "string"] : to;
      args[field] = typed(params[name], type, name);
    }
    for (const [name, value] of query) {
      const to = r.query?.[name];
      if (to === void 0)
        throw new BenchError(400, `Unknown query field "${name}"${r.query ? ` (this endpoint takes ${Object.keys(r.query).join(", ")})` : " (this endpoint takes none)"}`, { field: name });
      const [field, type] = typeof to === "string" ? [name, to] : to;
      args[field] = typed(value, type, name);
    }
    if (r.body !== void 0) {
      const given = await body();
      if (r.body === true) {
        if (given !== void 0 && (typeof given !== "object" || given === null || Array.isArray(given))) throw new BenchError(400, "The request body must be a JSON object", { field: "body" });
        Object.assign(args, given);
      } else if (given !== void 0) args[r.body] = given;
      for (const [name, to] of Object.entries(r.params ?? {})) {
        const [field, type] = typeof to === "string" ? [to, "string"] : to;
        args[field] = typed(params[name], type, name);
      }
    }
    try {
      return await r.reply((method, callArgs) => this.service.serve(method, callArgs), args);
    } catch (e) {
      throw asRestError(e, r);
    }
  }
};
function asRestError(e, r) {
  if (!(e instanceof BenchError) || typeof e.extra.field !== "string") return e;
  const whole = `${r.call} argument`;
  let field = e.extra.field;
  if (field === whole || typeof r.body === "string" && field === r.body) field = "body";
  else if (typeof r.body === "string" && field.startsWith(`${r.body}.`)) field = field.slice(r.body.length + 1);
  const message = e.message.replace(`Invalid ${whole} field "${e.extra.field}"`, `Invalid body field "${field}"`).replace(`Invalid ${whole}`, "Invalid body");
  return new BenchError(e.status, message, { ...e.extra, field });
}
function typed(text, type, name) {
  if (type === "string") return text;
  if (type === "int") {
    if (!/^-?\d+$/.test(text.trim())) throw new BenchError(400, `Invalid query field "${name}": must be a whole number`, { field: name });
    return Number(text);
  }
  if (text !== "true" && text !== "false") throw new BenchError(400, `Invalid query field "${name}": must be true or false`, { field: name });
  return text === "true";
}
function decodeParam(name, raw) {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BenchError(400, `The ${name} in the URL, "${raw}", has a malformed %-escape: write % itself as %25`, { field: name });
  }
}
async function readJson(req, max) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > max) throw new BenchError(413, `Request body is larger than ${max} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (!text) return void 0;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BenchError(400, `Request body is not valid JSON: ${e.message}`, { field: "body" });
  }
}
function send(res, status, body) {
  if (status === 204) return void res.writeHead(204).end();
  const text = body instanceof JsonText ? body.bytes : JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" }).end(text);
}
var hostError = "This is the bench's local API: it answers only requests addressed to 127.0.0.1, localhost or [::1] with its port (another Host header is refused, against DNS rebinding)";
function sameSecret2(given, expected) {
  const buf = Buffer.from(given);
  return buf.length === expected.length && timingSafeEqual3(buf, expected);
}
function cookieValue(header, name) {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

// src/main/api-server/api-token.ts
import { randomBytes as randomBytes3 } from "node:crypto";
import { chmodSync as chmodSync2, existsSync as existsSync3, readFileSync as readFileSync6, renameSync as renameSync3, writeFileSync as writeFileSync6 } from "node:fs";
import { join as join9 } from "node:path";
var PRIVATE_FILE2 = 384;
var API_TOKEN_FILE = "api-token";
var TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
var ApiTokenFile = class {
  path;
  constructor(dataDir) {
    this.path = join9(dataDir, API_TOKEN_FILE);
  }
  /** The saved token, or a new one saved now when there is none (or the file holds something else). */
  load() {
    if (existsSync3(this.path)) {
      const saved = readFileSync6(this.path, "utf8").trim();
      if (TOKEN.test(saved)) return saved;
    }
    return this.regenerate();
  }
  /** A new random token (144 bits), saved atomically; the old one stops working wherever it is checked. */
  regenerate() {
    const token = randomBytes3(18).toString("base64url");
    const tmp = `${this.path}.tmp`;
    writeFileSync6(tmp, `${token}
`, { mode: PRIVATE_FILE2 });
    chmodSync2(tmp, PRIVATE_FILE2);
    renameSync3(tmp, this.path);
    return token;
  }
};

// src/main/cli/terminal.ts
function printable(text) {
  return text.replace(/[\p{C}\p{Zl}\p{Zp}]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
}

// src/main/cli/options.ts
import { InvalidArgumentError } from "commander";
import envPaths from "env-paths";
var int = (name, min, max) => (v) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
};
function defaultDataDir() {
  return process.env.CHARGEBENCH_DATA_DIR ?? envPaths("chargebench", { suffix: "" }).data;
}

// src/main/cli/serve.ts
function registerServeCommand(program2) {
  program2.command("serve").description("Run the OCPP 1.6J central system headless, with the automation API (HTTP + WebSocket) on 127.0.0.1").option("--host <address>", "address the central system listens on", "0.0.0.0").option("--port <port>", "port chargers connect to (default: the saved OCPP port setting, 9000 at first)", int("--port", 0, 65535)).option("--ftp-port <port>", "port of the bench's FTP server, for diagnostics uploads and firmware (default: the saved FTP port setting, 2121 at first)", int("--ftp-port", 0, 65535)).option("--api-port <port>", "port of the automation API (always on 127.0.0.1)", int("--api-port", 0, 65535), 8180).option("--data-dir <dir>", "where the record (SQLite) is kept", defaultDataDir()).option("--api-token <token>", "bearer token the API requires for this run only (default: the one kept in the data directory, made at first start)").option("--new-api-token", "make a new API token (saved in the data directory); saved links and open tabs must sign in again").addOption(new Option("--boot-status <status>", "answer to BootNotification (saved)").choices(["Accepted", "Pending", "Rejected"])).option("--heartbeat-interval <seconds>", "heartbeat interval given to chargers (saved)", int("--heartbeat-interval", 1, 86400)).addOption(new Option("--auth <mode>", "accept-all: unknown idTags are accepted; local-list: only listed tags (saved)").choices(["accept-all", "local-list"])).option("--call-timeout <seconds>", "how long to wait for a charger to answer (saved)", int("--call-timeout", 1, 3600)).option("--require-password", "security profile 1: refuse chargers that have no password on the bench (saved)").option("--no-require-password", "let chargers without a bench password connect without auth (saved; the default)").addOption(new Option("--unknown-chargers <policy>", "accept: any identity may connect; reject: only chargers registered on the bench (saved)").choices(["accept", "reject"])).option("--quiet", "do not print connections and status changes").action(async (opts) => {
    const dataDir = resolve2(opts.dataDir);
    let bench;
    try {
      bench = await Bench.start({ dataDir, host: opts.host, port: opts.port, ftpPort: opts.ftpPort, face: "chargebench serve" });
    } catch (e) {
      console.error(`chargebench: ${e.message}`);
      process.exit(1);
    }
    const patch = {};
    if (opts.bootStatus) patch.defaultBootStatus = opts.bootStatus;
    if (opts.heartbeatInterval) patch.heartbeatInterval = opts.heartbeatInterval;
    if (opts.auth) patch.authorization = opts.auth === "local-list" ? "localList" : "acceptAll";
    if (opts.callTimeout) patch.callTimeout = opts.callTimeout;
    if (opts.requirePassword !== void 0) patch.requirePassword = opts.requirePassword;
    if (opts.unknownChargers) patch.unknownChargers = opts.unknownChargers;
    if (Object.keys(patch).length) await bench.settings.update(patch);
    const tokenFile = new ApiTokenFile(dataDir);
    const token = opts.apiToken ?? (opts.newApiToken ? tokenFile.regenerate() : tokenFile.load());
    const uiDir = fileURLToPath(new URL("../../../out/renderer", import.meta.url));
    const api = new ApiServer(bench, { host: "127.0.0.1", port: opts.apiPort, token, uiDir, regenerateToken: opts.apiToken ? void 0 : () => tokenFile.regenerate() });
    try {
      await api.start();
    } catch (e) {
      console.error(`chargebench: ${e.message}`);
      await bench.stop();
      process.exit(1);
    }
    const cs = bench.ocppAddress();
    const apiAddr = api.address();
    const s = bench.settings.get();
    const uiBuilt = existsSync4(join10(uiDir, "index.html"));
    console.log(`ChargeBench ${version}: OCPP 1.6J central system`);
    if (uiBuilt) console.log(`  Open the bench UI    http://127.0.0.1:${apiAddr.port}/?token=${token}`);
    else console.log("  Bench UI             not built yet: run npm run build (the API works meanwhile)");
    for (const a of reachableAddresses(cs)) console.log(`  Chargers connect to  ${a.url}<chargePointId>`);
    const ftp = bench.ftp.address();
    console.log(
      `  Files for chargers   HTTP on port ${cs.port}, ${ftp ? `FTP on port ${ftp.port}` : "no FTP (see above)"}: firmware and diagnostics locations with per-request credentials, for a day`
    );
    console.log(`  Automation API       http://127.0.0.1:${apiAddr.port}/api/`);
    console.log(`  API token            ${token}${opts.apiToken ? " (this run only)" : ` (kept in ${tokenFile.path}; --new-api-token makes a new one)`}`);
    console.log(`  Record               ${join10(dataDir, "chargebench.sqlite")}`);
    console.log(
      `  Boot answer ${s.defaultBootStatus}, heartbeat ${s.heartbeatInterval} s, idTags ${s.authorization === "acceptAll" ? "accept all" : "local list only"}, call timeout ${s.callTimeout} s, passwords ${s.requirePassword ? "required" : "checked where set"}, unknown chargers ${s.unknownChargers === "accept" ? "accepted" : "refused"}`
    );
    const virtual = bench.virtualChargers.list();
    if (virtual.length) console.log(`  Virtual chargers     ${virtual.map((v) => `${v.id}${v.running ? "" : " (stopped)"}`).join(", ")}`);
    console.log("Press Ctrl+C to stop.");
    const health = bench.health();
    if (!health.ok) console.log(`  ALARM                ${health.message}`);
    if (!opts.quiet)
      bench.bus.subscribe((e) => {
        const line = describeEvent(e);
        if (line) console.log(`${formatClock(bench.clock.now())}  ${printable(line)}`);
      });
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await api.stop();
      await bench.stop();
      process.exit(0);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
function describeEvent(e) {
  switch (e.type) {
    case "chargerConnected":
      return `${e.chargerId} connected from ${e.remoteAddress ?? "?"}`;
    case "chargerDisconnected":
      return `${e.chargerId} disconnected: ${e.reason}`;
    case "connectionRefused":
      return `refused ${e.chargerId ?? "a connection"} from ${e.remoteAddress ?? "?"}: ${e.reason}`;
    case "bootNotification":
      return `${e.chargerId} booted: ${e.boot.chargePointVendor} ${e.boot.chargePointModel} fw ${e.boot.firmwareVersion ?? "?"} -> ${e.status}`;
    case "statusChanged":
      return `${e.chargerId} connector ${e.connector.connectorId}: ${e.connector.status}${e.connector.errorCode !== "NoError" ? ` (${e.connector.errorCode})` : ""}`;
    case "transactionStarted":
      return `${e.transaction.chargerId} transaction ${e.transaction.transactionId} started on connector ${e.transaction.connectorId} for ${e.transaction.idTag} (${e.transaction.authStatus})`;
    case "transactionStopped":
      return `${e.transaction.chargerId} transaction ${e.transaction.transactionId} stopped (${e.transaction.stopReason}), ${e.transaction.energyWh ?? "?"} Wh${e.transaction.warning ? ` (${e.transaction.warning})` : ""}`;
    case "operationFinished":
      return `${e.operation.chargerId} ${e.operation.action}: ${e.operation.outcome}`;
    case "uploadChanged":
      if (e.upload.status === "receiving") return e.upload.bytes === 0 ? `${e.upload.chargerId} is uploading ${e.upload.name} over ${e.upload.via.toUpperCase()}` : null;
      return e.upload.status === "received" ? `${e.upload.chargerId} uploaded ${e.upload.name} (${e.upload.bytes} bytes) over ${e.upload.via.toUpperCase()}` : `${e.upload.chargerId}'s upload of ${e.upload.name} failed: ${e.upload.error}`;
    default:
      return null;
  }
}

// src/main/cli/vcp.ts
import { createInterface } from "node:readline";
function fleetIds(base, count2) {
  if (count2 === 1) return [base];
  const m = /^(.*?)(\d+)$/.exec(base);
  const prefix = m ? m[1] : base;
  const first = m ? Number(m[2]) : 1;
  const width = Math.max(m ? m[2].length : 3, String(first + count2 - 1).length);
  return Array.from({ length: count2 }, (_, i) => `${prefix}${String(first + i).padStart(width, "0")}`);
}
function formatFrame(f) {
  const t = formatClock(f.ts);
  const arrow = f.direction === "out" ? "->" : "<-";
  let what;
  let body;
  try {
    const frame = JSON.parse(f.raw);
    if (f.kind === "CALL") {
      what = `${f.action}`;
      body = JSON.stringify(frame[3]);
    } else if (f.kind === "CALLRESULT") {
      what = `${f.action ?? "?"} result`;
      body = JSON.stringify(frame[2]);
    } else if (f.kind === "CALLERROR") {
      what = `${f.action ?? "?"} CALLERROR ${frame[2]}`;
      body = `${frame[3]}`;
    } else {
      what = "INVALID";
      body = f.raw;
    }
  } catch {
    what = "INVALID";
    body = f.raw;
  }
  return `${t}  ${f.chargerId} ${arrow} ${what}  ${body}${f.error ? `  !! ${f.error}` : ""}`;
}
function helpText() {
  const rows = Object.keys(physicalActions).map((a) => [commandUsage(a), physicalActions[a].explanation]);
  const own = [
    ["switch", "lists the fault switches, with which are on"],
    ["switch <fault> on|off [json]", 'sets one, e.g. switch offline on {"seconds": 30}'],
    ["status", "help, quit"]
  ];
  const width = Math.max(...[...rows, ...own].map(([usage]) => usage.length)) + 2;
  const line = ([usage, what]) => `  ${usage.padEnd(width)}${what}`;
  return ["Physical actions (type and press Enter; connector 0 is the whole charger):", ...rows.map(line), "Fault switches and the rest:", ...own.map(line)].join("\n");
}
function registerVcpCommand(program2) {
  program2.command("vcp").description("Run virtual charge points against any OCPP 1.6J central system").requiredOption("--url <url>", "central system URL without the identity, e.g. ws://host:9000/ocpp").requiredOption("--id <id>", "charge point identity (with --count, the first of the fleet: CP001)").option("--connectors <n>", "connectors per charger", int("--connectors", 1, 10), 1).option("--password <password>", "security profile 1: Basic auth password (AuthorizationKey, 16 to 40 characters)").option("--count <n>", "run a fleet of n chargers with consecutive ids", int("--count", 1, 2e4), 1).option("--vendor <name>", "chargePointVendor in BootNotification", "ChargeBench").option("--model <name>", "chargePointModel in BootNotification", "Virtual AC").option("--firmware <version>", "firmware version reported", "1.0.0").option("--max-power <watts>", "most a connector delivers, W", int("--max-power", 1e3, 35e4), 22e3).option("--fixed-cable", "a cable fixed to the charger, no socket: plugging in is the EV being connected; UnlockConnector answers NotSupported").option("--backup-power", "back-up power: on a power cut the charger ends its sessions (PowerLoss) before it goes down").option("--connect-rate <n>", "fleet: new connections per second", int("--connect-rate", 1, 1e4), 200).option("--verbose", "fleet: print every frame too").option("--quiet", "print no frames").action(async (opts) => {
    let url;
    try {
      url = new URL(opts.url);
      if (url.protocol !== "ws:" && url.protocol !== "wss:") throw new Error("not ws");
    } catch {
      console.error(`chargebench vcp: --url must be a ws:// or wss:// URL such as ws://192.168.1.20:9000/ocpp; got "${opts.url}"`);
      process.exit(2);
    }
    const ids = fleetIds(opts.id, opts.count);
    const definitions = [];
    for (const id2 of ids) {
      const def2 = VirtualChargerDefinition.safeParse({
        id: id2,
        connectors: opts.connectors,
        password: opts.password,
        vendor: opts.vendor,
        model: opts.model,
        firmwareVersion: opts.firmware,
        maxPowerW: opts.maxPower,
        fixedCable: !!opts.fixedCable,
        backupPower: !!opts.backupPower
      });
      if (!def2.success) {
        const { field, message } = firstIssue(def2.error, { key: "first" });
        const flag = { id: "--id", password: "--password", vendor: "--vendor", model: "--model", firmwareVersion: "--firmware" }[field] ?? field;
        console.error(`chargebench vcp: ${flag}: ${message}`);
        process.exit(2);
      }
      definitions.push(def2.data);
    }
    const fleet = opts.count > 1;
    const printFrames = !opts.quiet && (!fleet || opts.verbose);
    let frames = 0;
    const latencies = [];
    const chargers = definitions.map(
      (definition) => new VirtualChargePoint({
        definition,
        url: opts.url,
        keepDiagnostics: !fleet,
        onFrame: (f) => {
          frames++;
          if (printFrames) console.log(printable(formatFrame({ ...f, raw: redactFrameText(f.raw) })));
        },
        onCallDone: fleet ? (_a, ms3) => latencies.push(ms3) : void 0
      })
    );
    console.log(
      `ChargeBench virtual charge point${fleet ? `s ${ids[0]}..${ids[ids.length - 1]} (${ids.length})` : ` ${ids[0]}`}, ${opts.connectors} connector(s), to ${opts.url}${opts.password ? " with Basic auth" : ""}`
    );
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await Promise.all(chargers.map((c) => c.stop()));
      process.exit(0);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    if (!fleet) {
      const vcp = chargers[0];
      let lastError = null;
      const report = setInterval(() => {
        const e = vcp.view().lastError;
        if (e && e !== lastError) console.log(printable(`${formatClock(Date.now())}  ${vcp.id}: ${e}`));
        lastError = e;
      }, 250);
      report.unref();
      vcp.start();
      if (process.stdin.isTTY) console.log(helpText());
      const rl = createInterface({ input: process.stdin });
      rl.on("line", (line) => void runCommand(vcp, line.trim(), stop));
      rl.on("close", () => {
        if (process.stdin.isTTY) void stop();
      });
      return;
    }
    const perTick = Math.max(1, Math.round(opts.connectRate / 10));
    let next = 0;
    const starter = setInterval(() => {
      for (let i = 0; i < perTick && next < chargers.length; i++) chargers[next++].start();
      if (next >= chargers.length) clearInterval(starter);
    }, 100);
    let lastFrames = 0;
    let lastAt = Date.now();
    setInterval(() => {
      const now = Date.now();
      const rate = (frames - lastFrames) * 1e3 / (now - lastAt);
      lastFrames = frames;
      lastAt = now;
      const views = chargers.map((c) => c.view());
      const connected = views.filter((v) => v.connection === "connected").length;
      const accepted2 = views.filter((v) => v.registration === "Accepted").length;
      const sorted = latencies.splice(0).sort((a, b) => a - b);
      const p99 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] : 0;
      const errors = new Set(views.map((v) => v.lastError).filter(Boolean));
      console.log(
        `${formatClock(Date.now())}  started ${next}/${chargers.length}, connected ${connected}, accepted ${accepted2}, ${Math.round(rate)} frames/s, p99 ${p99.toFixed(1)} ms${errors.size ? `; e.g. ${[...errors][0]}` : ""}`
      );
    }, 5e3);
  });
}
async function runCommand(vcp, line, quit) {
  if (!line) return;
  const words2 = line.split(/\s+/);
  const cmd = words2[0];
  try {
    const typed2 = commandLine(words2);
    if (typed2 && "usage" in typed2) throw new BenchError(400, typed2.usage);
    if (typed2) {
      const outcome = await performPhysicalAction(vcp, typed2.action, typed2.body, "command");
      if (outcome?.message) console.log(outcome.message);
      return;
    }
    switch (cmd) {
      case "switch":
        return switchFault(vcp, line.slice(cmd.length).trim());
      case "status": {
        const v = vcp.view();
        console.log(`${v.id}: ${v.connection}, registration ${v.registration ?? "-"}, firmware ${v.firmwareVersion}, ${v.queuedMessages} queued`);
        for (const c of v.connectors)
          console.log(
            `  connector ${c.connectorId}: ${c.status}${c.errorCode !== "NoError" ? ` (${c.errorCode})` : ""}${c.plugged ? ", plugged" : ""}${c.transaction ? `, transaction ${c.transaction.transactionId ?? "(pending)"} for ${c.transaction.idTag}, ${c.transaction.energyWh} Wh` : ""}, ${c.powerW} W, meter ${c.meterWh} Wh`
          );
        const on = activeFaults(v.faults);
        if (on.length) console.log(`  fault switches on: ${on.join(", ")}`);
        return;
      }
      case "help":
        return console.log(helpText());
      case "quit":
      case "exit":
        return void quit();
      default:
        console.log(`Unknown command "${cmd}". Type help.`);
    }
  } catch (e) {
    console.log(`Cannot ${cmd}: ${e.message}`);
  }
}
function switchFault(vcp, rest) {
  if (!rest) {
    for (const [name, row] of faultRows) console.log(`  ${name.padEnd(26)}${faultSummary(row, vcp.faults).length ? "on " : "off"}  ${row.label}: ${row.explanation}`);
    return;
  }
  const m = /^(\S+)(?:\s+(on|off))?\s*(.*)$/.exec(rest);
  let body = {};
  if (m[3]) {
    try {
      body = JSON.parse(m[3]);
    } catch {
      throw new BenchError(400, `${m[3]} is not JSON; e.g. switch ${faultRows[0][0]} ${faultRows[0][1].example}`);
    }
  }
  if (m[2]) body = { ...body, on: m[2] === "on" };
  vcp.setFaults(faultPatch(m[1], body, vcp.faults));
  console.log(activeFaults(vcp.faults).length ? `Fault switches on: ${activeFaults(vcp.faults).join(", ")}` : "All fault switches off");
}

// src/main/cli/test.ts
import { Option as Option2 } from "commander";
import { readFileSync as readFileSync7 } from "node:fs";
import { resolve as resolve4 } from "node:path";

// src/main/cli/run-on-charger.ts
import { mkdtempSync, rmSync as rmSync3, writeFileSync as writeFileSync7 } from "node:fs";
import { tmpdir } from "node:os";
import { join as join11, resolve as resolve3 } from "node:path";
import { createInterface as createInterface2 } from "node:readline/promises";
var verdictWords2 = { pass: "PASS", fail: "FAIL", notApplicable: "N/A ", inconclusive: "INCONCLUSIVE", error: "ERROR", notSupported: "NOT SUPPORTED" };
function chargerRunOptions(command, what) {
  return command.option("--charger <id>", `the charge point id of the charger to ${what} (it connects to this bench)`).option("--virtual", "run against a built-in virtual charger, every operator step automatic, on fake time").option("--data-dir <dir>", "the bench record to use (with --charger); --virtual uses a temporary one", defaultDataDir()).option("--host <address>", "address the central system listens on (with --charger)", "0.0.0.0").option("--port <port>", "port chargers connect to (with --charger; default: the saved OCPP port)", int("--port", 0, 65535)).option("--json <file>", "write the result as JSON").option("--html <file>", "write the report as one self-contained HTML page").option("--pdf <file>", "write the report as PDF (printed by a headless Chromium where installed)").option("--profiles <list>", `the feature profiles the charger supports, comma-separated (default: its SupportedFeatureProfiles): ${featureProfiles.join(", ")}`).option("--fixed-cable", "the charger has a fixed cable (no socket)").option("--no-connector-lock", "the socket has no lock").option("--no-reader", "the charger has no card reader or start button").option("--backup-power", "the charger has back-up power to stop its sessions on a power cut");
}
function declaredPics(opts) {
  const declared = {
    connectorLock: opts.connectorLock !== false,
    reader: opts.reader !== false,
    ...opts.fixedCable ? { fixedCable: true } : {},
    ...opts.backupPower ? { backupPower: true } : {}
  };
  if (opts.profiles) {
    const list = String(opts.profiles).split(",").map((p) => p.trim()).filter(Boolean);
    const unknown = list.filter((p) => !featureProfiles.includes(p));
    if (unknown.length) throw new Error(`--profiles: ${unknown.join(", ")} ${unknown.length > 1 ? "are not feature profiles" : "is not a feature profile"} (one of ${featureProfiles.join(", ")})`);
    declared.profiles = list;
  }
  return declared;
}
async function openRun(command, opts) {
  try {
    declaredPics(opts);
  } catch (e) {
    console.error(`chargebench ${command}: ${e.message}`);
    return 2;
  }
  if (!opts.virtual && !opts.charger) {
    console.error(`chargebench ${command}: say which charger: --charger <id> (a charger connecting to this bench) or --virtual`);
    return 2;
  }
  const temp = opts.virtual ? mkdtempSync(join11(tmpdir(), `chargebench-${command}-`)) : null;
  let bench;
  try {
    bench = opts.virtual ? await Bench.start({ dataDir: temp, host: "127.0.0.1", port: 0, clock: new FakeClock(Date.now()), face: `chargebench ${command}` }) : await Bench.start({ dataDir: resolve3(opts.dataDir), host: opts.host, port: opts.port, face: `chargebench ${command}` });
  } catch (e) {
    console.error(`chargebench: ${e.message}`);
    return 1;
  }
  const rl = !opts.virtual && process.stdin.isTTY ? createInterface2({ input: process.stdin, output: process.stdout }) : null;
  const close = async () => {
    rl?.close();
    await bench.stop();
    if (temp) rmSync3(temp, { recursive: true, force: true });
  };
  try {
    const target = opts.virtual ? await virtualTarget(bench) : null;
    const chargerId = target?.id ?? String(opts.charger);
    if (!target) console.log(`Waiting for ${chargerId} to connect to ws://<this machine>:${bench.ocppAddress().port}/ocpp/${chargerId} ...`);
    const ask = async (p) => {
      if (!rl) return "skip";
      try {
        const question = `
>>> ${p.text}
    [Enter] done, c = cannot do, s = skip (${p.timeoutS} s): `;
        const answer2 = (await rl.question(question, { signal: AbortSignal.timeout(p.timeoutS * 1e3) })).trim().toLowerCase();
        return answer2 === "c" ? "cannot" : answer2 === "s" ? "skip" : "done";
      } catch {
        console.log("\n    (nobody answered in time: the step is inconclusive)");
        return "timeout";
      }
    };
    return { bench, chargerId, target, ask, close };
  } catch (e) {
    console.error(`chargebench ${command}: ${e.message}`);
    await close();
    return 1;
  }
}
function printCase(c) {
  console.log(printable(`${formatClock(Date.now())}  ${verdictWords2[c.verdict].padEnd(5)} ${c.id.padEnd(15)} ${c.title}`));
  if (c.reason && c.verdict !== "pass") console.log(`${" ".repeat(17)}${printable(`${c.decidingStep ? `step ${c.decidingStep}: ` : ""}${c.reason}`)}`);
}
function printSummary(noun, results, wallMs, chargerMs) {
  const n = (v) => results.filter((c) => c.verdict === v).length;
  console.log(
    `
${results.length} ${noun}: ${n("pass")} passed, ${n("fail")} failed, ${n("notApplicable")} not applicable, ${n("inconclusive")} inconclusive, ${n("error")} errors${n("notSupported") ? `, ${n("notSupported")} not supported` : ""}; ${(wallMs / 1e3).toFixed(1)} s${chargerMs !== null ? ` (${Math.round(chargerMs / 1e3)} s of charger time)` : ""}`
  );
}
async function runOnCharger(r) {
  const { opts } = r;
  const open = await openRun(r.command, opts);
  if (typeof open === "number") return open;
  const { bench, chargerId } = open;
  const service = bench.conformance;
  try {
    await bench.waitForCharger(chargerId, r.data.operatorTimeoutS * 1e3);
    const { runId } = service.start({ chargerId, cases: r.cases.map((c) => c.id), data: r.data, declared: declaredPics(opts) });
    const off2 = bench.bus.subscribe((e) => {
      if (e.type === "testCaseFinished" && e.runId === runId) printCase(e.result);
      else if (e.type === "testPrompt" && e.runId === runId && e.prompt) void open.ask(e.prompt).then((a) => a !== "timeout" && service.prompt(runId) && service.answer(runId, a));
    });
    const run = await service.settled(runId).finally(off2);
    if (run.error) console.error(`chargebench ${r.command}: ${run.error}`);
    printSummary("cases", run.cases, run.wallMs, run.virtual ? run.ms : null);
    const write = async (kind, to) => {
      if (!to) return;
      try {
        writeFileSync7(resolve3(to), (await service.reportOf(run, kind)).body);
      } catch (e) {
        console.error(`chargebench ${r.command}: no ${kind === "pdf" ? "PDF" : kind}: ${e.message}`);
      }
    };
    await write("json", opts.json);
    await write("junit", r.junit);
    await write("html", opts.html);
    await write("pdf", opts.pdf);
    await write("evidence", r.bundle);
    const s = run.summary;
    return s.fail + s.error > 0 || run.error ? 1 : 0;
  } catch (e) {
    console.error(`chargebench ${r.command}: ${e.message}`);
    return 1;
  } finally {
    await open.close();
  }
}

// src/main/cli/test.ts
function registerTestCommand(program2) {
  chargerRunOptions(program2.command("test").description("Run the OCTT 1.6 charge-point test cases against a charger (the bench plays the central system)"), "test").option("--cases <ids>", "comma-separated case ids, e.g. TC_003_CS,TC_010_CS (default: every case)").addOption(new Option2("--profile <profile>", "only the cases of one feature profile").choices([...featureProfiles, "Security"])).option("--data <file>", "test data (JSON): idTags, connector, durations, locations (see the README)").option("--junit <file>", "write the result as JUnit XML").option("--evidence <file>", "write the evidence pack (zip): reports, every frame, configuration, test data, SHA-256 manifest").option("--list", "list the cases and exit").action(async (opts) => {
    let cases = octt16Cases;
    try {
      if (opts.cases)
        cases = findCases(
          String(opts.cases).split(",").map((s) => s.trim()).filter(Boolean)
        );
      if (opts.profile) cases = cases.filter((c) => c.profile === opts.profile);
    } catch (e) {
      console.error(`chargebench test: ${e.message}`);
      process.exit(2);
    }
    if (opts.list) {
      for (const c of octt16Cases) console.log(`${c.id.padEnd(12)} ${c.profile.padEnd(24)} ${c.title}${c.notSupported ? " (not supported yet)" : ""}`);
      return;
    }
    let data;
    try {
      data = TestData.parse(opts.data ? JSON.parse(readFileSync7(resolve4(opts.data), "utf8")) : {});
    } catch (e) {
      console.error(`chargebench test: --data ${opts.data}: ${e.message}`);
      process.exit(2);
    }
    process.exit(await runOnCharger({ command: "test", opts, cases, data, junit: opts.junit, bundle: opts.evidence }));
  });
}

// src/main/cli/commission.ts
import { readFileSync as readFileSync8, writeFileSync as writeFileSync8 } from "node:fs";
import { resolve as resolve5 } from "node:path";
function registerCommissionCommand(program2) {
  chargerRunOptions(program2.command("commission").description("Commission a newly installed charger: a guided check that ends in a handover report"), "commission").option(
    "--template <file|name>",
    `the configuration baseline and site policy: a JSON file, or a built-in one (${builtInTemplates.map((t) => `"${t.name}"`).join(", ")})`,
    builtInTemplates[0].name
  ).option("--session-seconds <s>", "how long the test session delivers meter values (default: the template, 300)", int("--session-seconds", 10, 3600)).option("--site <name>", "the site", "Unnamed site").option("--address <address>", "the site's address").option("--location <where>", "where the charger is on the site (e.g. parking bay 4)").option("--installer <name>", "the installer", "Not given").option("--company <name>", "the installer's company").option("--customer <name>", "the customer").option("--bundle <file>", "write the diagnostic bundle (zip): the report, every frame, the configuration before and after, the identity").option("--list-templates", "print the built-in templates as JSON and exit").action(async (opts) => {
    if (opts.listTemplates) {
      console.log(JSON.stringify(builtInTemplates, null, 2));
      return;
    }
    let template;
    let job;
    try {
      const builtIn = builtInTemplates.find((t) => t.name === opts.template);
      template = builtIn ?? CommissioningTemplate.parse(JSON.parse(readFileSync8(resolve5(opts.template), "utf8")));
      if (opts.sessionSeconds) template = { ...template, sessionSeconds: opts.sessionSeconds };
    } catch (e) {
      console.error(`chargebench commission: --template ${opts.template}: ${e.message}`);
      process.exit(2);
    }
    try {
      job = SiteJob.parse({ site: opts.site, address: opts.address, location: opts.location, installer: opts.installer, company: opts.company, customer: opts.customer });
    } catch (e) {
      console.error(`chargebench commission: the site and job: ${e.message}`);
      process.exit(2);
    }
    process.exit(await commission(opts, template, job));
  });
}
async function commission(opts, template, job) {
  const open = await openRun("commission", opts);
  if (typeof open === "number") return open;
  const { bench, chargerId } = open;
  const service = bench.commissioning;
  try {
    await bench.waitForCharger(chargerId, defaultTestData().operatorTimeoutS * 1e3);
    const c = await service.create({ chargerId, job, template, declared: declaredPics(opts) });
    const off2 = bench.bus.subscribe((e) => {
      if (e.type === "commissioningPrompt" && e.id === c.id && e.prompt)
        void open.ask(e.prompt).then((a) => {
          if (service.prompt(c.id)) service.answer(c.id, a === "timeout" ? "skip" : a);
        });
    });
    const started = Date.now();
    const t0 = bench.clock.now();
    service.run(c.id, void 0, (e) => e.type === "caseFinished" && printCase(e.result));
    await service.settled(c.id);
    off2();
    const view = service.get(c.id);
    const results = view.steps.map((s) => s.result).filter((r) => r !== null);
    printSummary("steps", results, Date.now() - started, open.target ? bench.clock.now() - t0 : null);
    const write = async (file, to) => {
      if (!to) return;
      try {
        writeFileSync8(resolve5(to), (await service.file(c.id, file)).body);
      } catch (e) {
        console.error(`chargebench commission: no ${file}: ${e.message}`);
      }
    };
    await write("report.json", opts.json);
    await write("report.html", opts.html);
    await write("report.pdf", opts.pdf);
    await write("bundle.zip", opts.bundle);
    return results.some((r) => r.verdict === "fail" || r.verdict === "error" || r.verdict === "inconclusive") || results.length < view.steps.length ? 1 : 0;
  } catch (e) {
    console.error(`chargebench commission: ${e.message}`);
    return 1;
  } finally {
    await open.close();
  }
}

// src/main/cli/index.ts
var program = new Command3();
program.name("chargebench").description("Commissioning and test bench for EV chargers over OCPP 1.6J").version(version);
registerServeCommand(program);
registerVcpCommand(program);
registerTestCommand(program);
registerCommissionCommand(program);
await program.parseAsync(process.argv);
