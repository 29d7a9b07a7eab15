// What a value of a standard configuration key must look like, from the one table of keys and their types
// (configuration-keys.ts): a whole number (0 or more, in the key's unit), true or false, or a
// comma-separated list of measurands (or of the other words a list key takes). The bench UI checks a value
// typed for a standard key against it before sending ChangeConfiguration; a key it does not know, or of a
// type it cannot check (string), is anyone's to set.
import { configurationKeys, type ConfigurationKeySpec } from './configuration-keys';
import { featureProfiles } from './actions';
import { Measurand, Phase } from './enums';
import { MAX_OCPP_INTEGER as INT32_MAX } from './primitives';

/** The unit of an integer key's value, in words ("a whole number of seconds"), and its range where it is not 0 or more. */
interface IntegerRule {
  unit: string;
  min?: number;
  max?: number;
}

const seconds: IntegerRule = { unit: ' of seconds' };
const times: IntegerRule = { unit: ' of times' };

/** Integer keys whose value has a unit or a range of its own; every other integer key is a count, 0 or more. */
const integerRules: Record<string, IntegerRule> = {
  BlinkRepeat: times,
  ClockAlignedDataInterval: seconds,
  ConnectionTimeOut: seconds,
  HeartbeatInterval: seconds,
  LightIntensity: { unit: ' of percent', max: 100 },
  MaxEnergyOnInvalidId: { unit: ' of Wh' },
  MeterValueSampleInterval: seconds,
  MinimumStatusDuration: seconds,
  ResetRetries: times,
  TransactionMessageAttempts: times,
  TransactionMessageRetryInterval: seconds,
  WebSocketPingInterval: seconds,
  SecurityProfile: { unit: '', max: 3 },
};

/** The words a list key's items may be, and what one is called; the measurand lists may name a phase too (Current.Import.L1). */
interface ListRule {
  items: readonly string[];
  what: string;
  example: string;
  phased?: boolean;
}

const measurands: ListRule = { items: Measurand.options, what: 'measurands', example: 'Energy.Active.Import.Register,Power.Active.Import', phased: true };
const listRules: Record<string, ListRule> = {
  MeterValuesAlignedData: measurands,
  MeterValuesSampledData: measurands,
  StopTxnAlignedData: measurands,
  StopTxnSampledData: measurands,
  ChargingScheduleAllowedChargingRateUnit: { items: ['Current', 'Power'], what: 'charging rate units', example: 'Current,Power' },
  SupportedFeatureProfiles: { items: featureProfiles, what: 'feature profiles', example: 'Core,Reservation' },
};

const byName = new Map<string, ConfigurationKeySpec>(configurationKeys.map((k) => [k.name.toLowerCase(), k]));

/** The standard key `name` names (without regard to case, as OCPP matches keys); undefined for any other key. */
export const standardKeyOf = (name: string): ConfigurationKeySpec | undefined => byName.get(name.trim().toLowerCase());

/** What a value of the standard key must be, in words: "HeartbeatInterval is a whole number of seconds (0 or more)"; null for a key the bench cannot check. */
export function configurationValueRule(name: string): string | null {
  const spec = standardKeyOf(name);
  if (!spec) return null;
  switch (spec.type) {
    case 'integer': {
      const { unit, min = 0, max } = integerRules[spec.name] ?? { unit: '' };
      return `${spec.name} is a whole number${unit} (${max === undefined ? `${min} or more` : `${min} to ${max}`})`;
    }
    case 'boolean':
      return `${spec.name} is true or false`;
    case 'csl': {
      const list = listRules[spec.name];
      return list ? `${spec.name} is a comma-separated list of ${list.what}, e.g. ${list.example}` : null;
    }
    default:
      return null;
  }
}

/**
 * What is wrong with `value` for the standard key `name`, in words naming the key and what it takes
 * ("HeartbeatInterval is a whole number of seconds (0 or more)"); null when it looks right, or when the
 * key is not a standard one of a type the bench can check. Spaces around a number or true/false are let
 * through (valueToSend takes them off); true and false only in lower case, as OCPP 1.6 writes them.
 */
export function configurationValueProblem(name: string, value: string): string | null {
  const spec = standardKeyOf(name);
  const rule = configurationValueRule(name);
  if (!spec || !rule) return null;
  const text = value.trim();
  switch (spec.type) {
    case 'integer': {
      const { min = 0, max = INT32_MAX } = integerRules[spec.name] ?? {};
      const n = Number(text);
      if (!/^\d+$/.test(text)) return rule;
      // Above 32 bits: said with the limit (the rule's "0 or more" is true of it, and says nothing of why).
      if (max === INT32_MAX && n > max) return `${spec.name} is at most ${INT32_MAX} (OCPP 1.6 integers are 32-bit)`;
      return n >= min && n <= max ? null : rule;
    }
    case 'boolean':
      // OCPP 1.6 booleans are lower case: TRUE or False is refused, saying so (what a charger reports is read elsewhere, tolerantly).
      if (/^(true|false)$/.test(text)) return null;
      return /^(true|false)$/i.test(text) ? `${rule}: type ${text.toLowerCase()} in lower case (OCPP 1.6 booleans are lower case)` : rule;
    case 'csl':
      return listProblem(listRules[spec.name]!, value, rule);
    default:
      return null;
  }
}

/** The value as it goes to the charger: a number or true/false without the spaces around it; any other value as typed. */
export function configurationValueToSend(name: string, value: string): string {
  const type = standardKeyOf(name)?.type;
  return type === 'integer' || type === 'boolean' ? value.trim() : value;
}

function listProblem(list: ListRule, value: string, rule: string): string | null {
  // An empty list is a list: none of them (StopTxnSampledData is empty by default).
  if (value.trim() === '') return null;
  const seen = new Set<string>();
  for (const raw of value.split(',')) {
    const item = raw.trim();
    if (item === '') return `${rule}: an item is empty (two commas, or a comma at an end)`;
    if (!isItem(list, item)) return `${rule}: ${item} is not one`;
    if (seen.has(item)) return `${rule}: ${item} is listed twice`;
    seen.add(item);
  }
  return null;
}

function isItem(list: ListRule, item: string): boolean {
  if (list.items.includes(item)) return true;
  if (!list.phased) return false;
  const dot = item.lastIndexOf('.');
  return dot > 0 && list.items.includes(item.slice(0, dot)) && (Phase.options as readonly string[]).includes(item.slice(dot + 1));
}
