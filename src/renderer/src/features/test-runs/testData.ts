// The test data fields the start form offers (the main ones, with the bench's defaults), and what a form's
// text becomes in tests:start: only the fields changed from their defaults are sent.
import { defaultTestData, type TestData } from '../../../../shared/api/test-runs';

export interface DataField {
  key: keyof TestData;
  label: string;
  kind: 'text' | 'int';
  help?: string;
}

export const dataFields: DataField[] = [
  { key: 'connectorId', label: 'Connector', kind: 'int' },
  { key: 'validIdTag', label: 'Valid idTag', kind: 'text', help: 'Accepted by the bench' },
  { key: 'validIdTag2', label: 'Second valid idTag', kind: 'text' },
  { key: 'invalidIdTag', label: 'Invalid idTag', kind: 'text' },
  { key: 'blockedIdTag', label: 'Blocked idTag', kind: 'text' },
  { key: 'expiredIdTag', label: 'Expired idTag', kind: 'text' },
  { key: 'parentIdTag', label: 'Parent idTag', kind: 'text' },
  { key: 'transactionDurationS', label: 'Transaction duration (s)', kind: 'int' },
  { key: 'heartbeatIntervalS', label: 'Heartbeat interval (s)', kind: 'int' },
  { key: 'meterValueIntervalS', label: 'Meter value interval (s)', kind: 'int' },
  { key: 'connectionTimeoutS', label: 'Connection timeout (s)', kind: 'int' },
  { key: 'reservationExpiryOffsetS', label: 'Reservation expiry (s)', kind: 'int' },
  { key: 'chargerTimeoutS', label: 'Wait for the charger (s)', kind: 'int', help: "Default time for a charger's message" },
  { key: 'operatorTimeoutS', label: 'Operator time limit (s)', kind: 'int', help: 'How long a person has for each request' },
];

export const defaults: TestData = defaultTestData();

export type DataForm = Record<string, string>;

export const initialDataForm = (): DataForm => Object.fromEntries(dataFields.map((f) => [f.key, String(defaults[f.key] ?? '')]));

/**
 * The fields that differ from the defaults (`all`: every field, as a re-run sends what it shows rather than
 * let the bench take the earlier run's), typed; a number field that is no number is sent as typed, for the bench to name.
 */
export function changedData(form: DataForm, all = false): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of dataFields) {
    const text = (form[f.key] ?? '').trim();
    if (!all && text === String(defaults[f.key])) continue;
    out[f.key] = f.kind === 'int' && /^-?\d+$/.test(text) ? Number(text) : text;
  }
  return out;
}
