// Generates src/shared/ocpp16/{enums,types}.ts and messages/<Action>.ts (zod) from the official
// OCPP 1.6 JSON schemas (core + security extension) that the ocpp-rpc package ships.
// Run: node scripts/gen-ocpp16.mjs   (the output is committed; rerun only if the schemas change)
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';

const require = createRequire(import.meta.url);
const schemas = JSON.parse(readFileSync(require.resolve('ocpp-rpc/lib/schemas/ocpp1_6.json'), 'utf8'));
const outDir = join(dirname(new URL(import.meta.url).pathname), '..', 'src', 'shared', 'ocpp16');

// Spec names of the enumerations, keyed by their values.
const enumNames = {
  'Accepted|Blocked|Expired|Invalid|ConcurrentTx': 'AuthorizationStatus',
  'Accepted|Pending|Rejected': 'RegistrationStatus',
  'Accepted|Rejected': 'GenericStatus',
  'Inoperative|Operative': 'AvailabilityType',
  'Accepted|Rejected|Scheduled': 'AvailabilityStatus',
  'Accepted|Rejected|RebootRequired|NotSupported': 'ConfigurationStatus',
  'ChargePointMaxProfile|TxDefaultProfile|TxProfile': 'ChargingProfilePurposeType',
  'Accepted|Unknown': 'ClearChargingProfileStatus',
  'Accepted|Rejected|UnknownMessageId|UnknownVendorId': 'DataTransferStatus',
  'SHA256|SHA384|SHA512': 'HashAlgorithm',
  'Accepted|Failed|NotFound': 'DeleteCertificateStatus',
  'Accepted|Rejected|NotImplemented': 'TriggerMessageStatus',
  'Idle|Uploaded|UploadFailed|Uploading': 'DiagnosticsStatus',
  'A|W': 'ChargingRateUnitType',
  'CentralSystemRootCertificate|ManufacturerRootCertificate': 'CertificateUse',
  'Accepted|NotFound': 'GetInstalledCertificateStatus',
  'DiagnosticsLog|SecurityLog': 'LogType',
  'Accepted|Rejected|AcceptedCanceled': 'LogStatus',
  'Accepted|Failed|Rejected': 'InstallCertificateStatus',
  'Raw|SignedData': 'ValueFormat',
  'L1|L2|L3|N|L1-N|L2-N|L3-N|L1-L2|L2-L3|L3-L1': 'Phase',
  'Cable|EV|Inlet|Outlet|Body': 'Location',
  'Absolute|Recurring|Relative': 'ChargingProfileKindType',
  'Daily|Weekly': 'RecurrencyKindType',
  'Accepted|Faulted|Occupied|Rejected|Unavailable': 'ReservationStatus',
  'Hard|Soft': 'ResetType',
  'Differential|Full': 'UpdateType',
  'Accepted|Failed|NotSupported|VersionMismatch': 'UpdateStatus',
  'Accepted|Rejected|NotSupported': 'ChargingProfileStatus',
  'Accepted|Rejected|AcceptedCanceled|InvalidCertificate|RevokedCertificate': 'UpdateFirmwareStatus',
  'Unlocked|UnlockFailed|NotSupported': 'UnlockStatus',
};
// Enumerations whose values are long: named by where they first occur.
const enumNamesByPath = {
  'ExtendedTriggerMessage.req.requestedMessage': 'ExtendedMessageTrigger',
  'FirmwareStatusNotification.req.status': 'FirmwareStatus',
  'LogStatusNotification.req.status': 'UploadLogStatus',
  'MeterValues.req.meterValue.sampledValue.context': 'ReadingContext',
  'MeterValues.req.meterValue.sampledValue.measurand': 'Measurand',
  'MeterValues.req.meterValue.sampledValue.unit': 'UnitOfMeasure',
  'SignedFirmwareStatusNotification.req.status': 'SignedFirmwareStatus',
  'StatusNotification.req.errorCode': 'ChargePointErrorCode',
  'StatusNotification.req.status': 'ChargePointStatus',
  'StopTransaction.req.reason': 'Reason',
  'TriggerMessage.req.requestedMessage': 'MessageTrigger',
  'SecurityEventNotification.req.type': 'SecurityEventType',
};
// Named complex types of the spec, keyed by the property that holds them.
const typeNames = {
  idTagInfo: 'IdTagInfo',
  chargingProfile: 'ChargingProfile',
  csChargingProfiles: 'ChargingProfile',
  chargingSchedule: 'ChargingSchedule',
  chargingSchedulePeriod: 'ChargingSchedulePeriod',
  meterValue: 'MeterValue',
  transactionData: 'MeterValue',
  sampledValue: 'SampledValue',
  localAuthorizationList: 'AuthorizationData',
  certificateHashData: 'CertificateHashData',
  firmware: 'Firmware',
  log: 'LogParameters',
};
// The spec's cardinality 1..* where the official schema leaves minItems out.
const minItemsOne = new Set(['meterValue', 'sampledValue', 'chargingSchedulePeriod']);

const enums = new Map(); // values signature -> name
const types = new Map(); // name -> { sig, code }

function enumRef(values, path) {
  const sig = values.join('|');
  if (enums.has(sig)) return enums.get(sig);
  const name = enumNames[sig] ?? enumNamesByPath[path];
  if (!name) throw new Error(`no name for enum at ${path}: ${sig}`);
  enums.set(sig, name);
  return name;
}

function resolve(schema, root) {
  if (schema.$ref) {
    const key = schema.$ref.replace('#/definitions/', '');
    return root.definitions[key];
  }
  return schema;
}

function zodOf(schema, root, path, key) {
  schema = resolve(schema, root);
  if (schema.enum) return enumRef(schema.enum, path);
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'date-time') return 'DateTime';
      let s = schema.format === 'uri' ? 'Uri' : 'z.string()';
      if (schema.maxLength !== undefined) s += `.max(${schema.maxLength})`;
      return s;
    }
    case 'integer':
      return 'Integer';
    case 'number':
      return schema.multipleOf !== undefined ? `Decimal.multipleOf(${schema.multipleOf})` : 'Decimal';
    case 'boolean':
      return 'z.boolean()';
    case 'array': {
      let s = `z.array(${zodOf(schema.items, root, path, key)})`;
      const min = schema.minItems ?? (minItemsOne.has(key) ? 1 : undefined);
      if (min !== undefined) s += `.min(${min})`;
      return s;
    }
    case 'object': {
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties ?? {}).map(([k, v]) => {
        const inner = zodOf(v, root, `${path}.${k}`, k);
        return `  ${k}: ${inner}${required.has(k) ? '' : '.optional()'},`;
      });
      const code = fields.length ? `z.strictObject({\n${fields.join('\n')}\n})` : 'z.strictObject({})';
      const name = typeNames[key];
      return name ? namedType(name, code, path) : code;
    }
    default:
      throw new Error(`unsupported schema at ${path}: ${JSON.stringify(schema).slice(0, 80)}`);
  }
}

function namedType(name, code, path) {
  const existing = types.get(name);
  if (existing) {
    if (existing.code !== code) throw new Error(`type ${name} differs at ${path}`);
    return name;
  }
  types.set(name, { code, path });
  return name;
}

const messages = new Map(); // action -> { req, conf }
for (const s of schemas) {
  const [, id] = s.$id.split(':');
  const [action, side] = id.split('.');
  const m = messages.get(action) ?? {};
  const body = zodOf({ ...s, $id: undefined }, s, `${action}.${side}`, null);
  m[side] = body;
  messages.set(action, m);
}

rmSync(join(outDir, 'messages'), { recursive: true, force: true });
mkdirSync(join(outDir, 'messages'), { recursive: true });
const header = '// Generated by scripts/gen-ocpp16.mjs from the official OCPP 1.6 JSON schemas. Do not edit by hand.\n';

const enumFile = [header, "import { z } from 'zod';", ''];
for (const [sig, name] of [...enums].sort((a, b) => a[1].localeCompare(b[1]))) {
  enumFile.push(`export const ${name} = z.enum(${JSON.stringify(sig.split('|'))});`);
  enumFile.push(`export type ${name} = z.infer<typeof ${name}>;`);
}
writeFileSync(join(outDir, 'enums.ts'), enumFile.join('\n') + '\n');

const enumNamesUsed = (code) => [...enums.values()].filter((n) => new RegExp(`\\b${n}\\b`).test(code));
const typeNamesUsed = (code, self) => [...types.keys()].filter((n) => n !== self && new RegExp(`\\b${n}\\b`).test(code));

// Types may reference each other: order them so each is defined before use.
const ordered = [];
const visit = (n, seen = new Set()) => {
  if (ordered.includes(n)) return;
  if (seen.has(n)) throw new Error(`cycle at ${n}`);
  seen.add(n);
  for (const d of typeNamesUsed(types.get(n).code, n)) visit(d, seen);
  ordered.push(n);
};
for (const n of types.keys()) visit(n);
const typeCode = ordered.map((n) => `export const ${n} = ${types.get(n).code};\nexport type ${n} = z.infer<typeof ${n}>;`).join('\n\n');
const typeEnums = enumNamesUsed(typeCode);
const typePrims = ['DateTime', 'Decimal', 'Integer', 'Uri'].filter((n) => new RegExp(`\\b${n}\\b`).test(typeCode));
writeFileSync(
  join(outDir, 'types.ts'),
  [header, "import { z } from 'zod';", `import { ${typePrims.join(', ')} } from './primitives';`, `import { ${typeEnums.join(', ')} } from './enums';`, '', typeCode, ''].join('\n'),
);

for (const [action, { req, conf }] of messages) {
  const code = `export const ${action}Request = ${req};\nexport type ${action}Request = z.infer<typeof ${action}Request>;\n\nexport const ${action}Response = ${conf};\nexport type ${action}Response = z.infer<typeof ${action}Response>;\n`;
  const imports = ["import { z } from 'zod';"];
  const prim = ['DateTime', 'Decimal', 'Integer', 'Uri'].filter((n) => new RegExp(`\\b${n}\\b`).test(code));
  if (prim.length) imports.push(`import { ${prim.join(', ')} } from '../primitives';`);
  const e = enumNamesUsed(code);
  if (e.length) imports.push(`import { ${e.join(', ')} } from '../enums';`);
  const t = typeNamesUsed(code);
  if (t.length) imports.push(`import { ${t.join(', ')} } from '../types';`);
  writeFileSync(join(outDir, 'messages', `${action}.ts`), [header + imports.join('\n'), '', code].join('\n'));
}
writeFileSync(
  join(outDir, 'messages', 'index.ts'),
  header +
    [...messages.keys()]
      .sort()
      .map((a) => `export * from './${a}';`)
      .join('\n') +
    '\n',
);
console.log(`${messages.size} actions, ${enums.size} enums, ${types.size} types`);
