// What the start form checks before a run starts, as it is typed: the test data by the very schema the bench
// checks tests:start with (so the form and the bench cannot disagree), in each field's own words, and the
// connector against the charger's. And what the form declares of the charger: only what the person changed
// from what the bench already knows (a built-in virtual charger's definition, or the bench's defaults), so a
// run's report says where each capability came from truthfully.
import { contract } from '../../../../shared/api/contract';
import { issueWords } from '../../../../shared/api/issues';
import { capabilities, type Capability } from '../../../../shared/api/test-runs';
import { changedData, dataFields, type DataForm } from './testData';

const startArgs = contract['tests:start'].args;

/** A field's name in a message: "Operator time limit" where its words give the unit ("at least 5 s"). */
const bare = (label: string) => label.replace(/ \(s\)$/, '');

/**
 * What is wrong with each test data field as typed ({ field key: "Label: words" }), empty when nothing is:
 * what tests:start's schema refuses, and a connector the charger does not have (`connectors`: how many it
 * has for certain, a built-in virtual charger's definition; null when not known for certain).
 */
export function testDataProblems(form: DataForm, connectors: number | null): Record<string, string> {
  const data = changedData(form, true);
  const args = { chargerId: 'charger', data };
  const parsed = startArgs.safeParse(args);
  const out: Record<string, string> = {};
  if (!parsed.success) {
    const dataIssues = parsed.error.issues.filter((i) => i.path[0] === 'data' && i.path.length > 1);
    const plain = issueWords({ issues: dataIssues }, { key: 'last', plain: { input: args, schema: startArgs } });
    for (const issue of dataIssues) {
      const key = String(issue.path[1]);
      if (key in out) continue;
      const field = dataFields.find((f) => f.key === key);
      const label = field?.label ?? key;
      if (field?.kind !== 'int') {
        out[key] = `${label}: ${lower(sameCardWords(issue) ?? plain[key] ?? issue.message)}`;
        continue;
      }
      const unit = field.key.endsWith('S') ? ' s' : '';
      const whole = `a whole number${unit ? ' of seconds' : ''}`;
      const text = String(form[key] ?? '').trim();
      if (issue.code === 'too_small' && typeof data[key] === 'number') out[key] = `${bare(label)}: at least ${String(issue.minimum)}${unit}`;
      else if (issue.code === 'too_big' && typeof data[key] === 'number') out[key] = `${bare(label)}: at most ${String(issue.maximum)}${unit}`;
      else out[key] = `${label}: ${text === '' ? `required, ${whole}` : whole}`;
    }
  }
  const connectorId = data.connectorId;
  if (!('connectorId' in out) && connectors !== null && connectors >= 1 && typeof connectorId === 'number' && connectorId > connectors) out.connectorId = `Connector: the charger has ${connectors}`;
  return out;
}

/**
 * What the form can only warn of about the connector typed, without holding Start: a real charger's count is
 * not known for certain before the run (the bench takes NumberOfConnectors as last read first, and the
 * connectors it reported only when that is not known), so a connector above the highest it has reported
 * (`reportedUpTo`, 0 for none) may still be there, and the bench's own check at the start is the judge.
 * Null when there is nothing to warn of (or when the connector is wrong anyway: `problems` says so).
 */
export function connectorWarning(form: DataForm, reportedUpTo: number, problems: Record<string, string>): string | null {
  if ('connectorId' in problems || reportedUpTo < 1) return null;
  const connectorId = changedData(form, true).connectorId;
  if (typeof connectorId !== 'number' || connectorId <= reportedUpTo) return null;
  return `Connector ${connectorId}: the charger has reported connectors up to ${reportedUpTo} so far; the bench checks it against NumberOfConnectors when the run starts`;
}

const lower = (m: string) => `${m.charAt(0).toLowerCase()}${m.slice(1)}`;

/** Two idTag roles given one card, in the form's words: the other field by its label ("must differ from Valid idTag (…)"). */
function sameCardWords(issue: { code: string; message: string; params?: Record<string, unknown> }): string | null {
  const other = issue.code === 'custom' ? issue.params?.other : undefined;
  const field = dataFields.find((f) => f.key === other);
  return field ? issue.message.replace(`from ${field.key} `, `from ${field.label} `) : null;
}

export type Capabilities = Record<Capability, boolean>;

/** What the bench takes a charger to have when nothing is declared (a socket with a lock, a reader, no back-up power). */
export const benchDefaults: Capabilities = { fixedCable: false, connectorLock: true, reader: true, backupPower: false };

/**
 * What the form declares: each capability the person set otherwise than `known` (the virtual charger's
 * definition over the bench's defaults), and those in `keep` (declared for the earlier run a re-run repeats,
 * which the bench would otherwise take again).
 */
export function declaredCapabilities(shown: Capabilities, known: Capabilities, keep: readonly Capability[] = []): Partial<Capabilities> {
  return Object.fromEntries(capabilities.filter((k) => shown[k] !== known[k] || keep.includes(k)).map((k) => [k, shown[k]]));
}
