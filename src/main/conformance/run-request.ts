// A request to start a conformance run, checked before anything runs (a wrong request is a 400 whoever is
// busy on the charger): the cases it chooses (a re-run of the cases an earlier run did not pass, with
// that run's test data and declared capabilities unless the request gives them), the test data, and the
// connector it names against the connectors the charger is known to have.
import type { Bench } from '../core/bench';
import { BenchError } from '../errors';
import { firstIssue } from '../../shared/api/issues';
import { EarlierTestData, TestDataGiven, type PicsDeclaration, type RerunOf, type RunResult, type TestDataInput } from '../../shared/api/test-runs';
import { rerunOrigin } from '../../shared/api/rerun-words';
import type { ActionProfile } from '../../shared/ocpp16';
import { TestData } from './test-data';
import type { CaseDefinition } from './types';

export interface RunRequest {
  chargerId: string;
  cases?: string[];
  profile?: ActionProfile;
  data?: TestDataInput;
  declared?: PicsDeclaration;
}

export interface CheckedRun {
  cases: CaseDefinition[];
  data: TestData;
  /** What the person declares of the charger (absent: nothing declared). */
  declared: PicsDeclaration | undefined;
  /** The earlier run it re-runs the failed cases of (its reports name it); absent: not a re-run. */
  rerunOf?: RerunOf;
}

/** The fields that are set. */
export const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * The run a request asks for, or a 400 naming the field at fault. `earlier`: the run whose failed,
 * erred or inconclusive cases are re-run; its test data and declaration stand where the request gives none
 * (a field the request gives wins).
 */
export function checkRunRequest(bench: Bench, args: RunRequest, suite: CaseDefinition[], earlier: RunResult | null): CheckedRun {
  let cases = suite;
  if (earlier) {
    const failed = new Set(earlier.cases.filter((c) => c.verdict === 'fail' || c.verdict === 'error' || c.verdict === 'inconclusive').map((c) => c.id));
    cases = cases.filter((c) => failed.has(c.id));
  }
  if (args.cases) {
    const unknown = args.cases.filter((id) => !suite.some((c) => c.id === id));
    if (unknown.length) throw new BenchError(400, `Unknown test case${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, { field: 'cases' });
    cases = cases.filter((c) => args.cases!.includes(c.id));
  }
  if (args.profile) cases = cases.filter((c) => c.profile === args.profile);
  if (cases.length === 0) throw new BenchError(400, 'No test case is left to run under this choice', { field: 'cases' });
  // As the CLI refuses it: a run that could only list its cases as not supported yet is no run.
  if (cases.every((c) => c.notSupported))
    throw new BenchError(
      400,
      `None of the cases chosen can run yet: ${cases.length === 1 ? `${cases[0]!.id}: ${cases[0]!.notSupported}` : `${cases.map((c) => c.id).join(', ')} are not supported yet (they need TLS or certificate operations)`}`,
      { field: 'cases' },
    );
  // The earlier run's data as this bench knows test data (a field a later version dropped is left out).
  const before = Object.fromEntries(Object.entries(earlier?.data ?? {}).filter(([k]) => k in TestData.shape));
  // What the request gives by TestData's rule; what the earlier run kept by the rule it was taken under.
  const given = defined(args.data ?? {});
  const own = TestDataGiven.safeParse(given);
  const parsed = (earlier ? EarlierTestData : TestData).safeParse({ ...before, ...given });
  if (!own.success || !parsed.success) {
    const { field, message } = firstIssue((own.error ?? parsed.error)!);
    throw new BenchError(400, `Test data: ${field}: ${message}`, { field: `data.${field}` });
  }
  const known = knownConnectors(bench, args.chargerId);
  const { connectorId } = parsed.data;
  if (known && connectorId > known.count)
    throw new BenchError(400, `Test data: connectorId: ${args.chargerId} has no connector ${connectorId}: it has ${known.count} (${known.how})`, { field: 'data.connectorId' });
  const declared = { ...(earlier ? declaredIn(earlier) : {}), ...defined(args.declared ?? {}) };
  return { cases, data: parsed.data, declared: Object.keys(declared).length ? declared : undefined, ...(earlier && { rerunOf: rerunOrigin(earlier) }) };
}

/** What was declared for an earlier run: as recorded, or for a run kept before it was, the profiles it was declared to have. */
function declaredIn(run: RunResult): PicsDeclaration {
  if (run.declared) return run.declared;
  return run.pics?.profilesFrom === 'declared' ? { profiles: run.pics.profiles } : {};
}

/**
 * How many connectors the charger is known to have, and how that is known: a virtual charger's definition;
 * a real one's NumberOfConnectors as the bench last read it, else the highest connector it reported a status
 * for. Null when nothing is known (the run reads NumberOfConnectors at its start).
 */
export function knownConnectors(bench: Bench, chargerId: string): { count: number; how: string } | null {
  if (bench.virtualChargers.has(chargerId)) return { count: bench.virtualChargers.get(chargerId).definition.connectors, how: 'as the virtual charger is defined' };
  const read = bench.record.operations.lastConfigurationWith(chargerId, 'NumberOfConnectors') as { configurationKey?: Array<{ key: string; value?: string }> } | null;
  const value = read?.configurationKey?.find((k) => k.key === 'NumberOfConnectors')?.value;
  const count = Number(value);
  if (value !== undefined && Number.isInteger(count) && count >= 1) return { count, how: 'NumberOfConnectors, as the bench last read it' };
  const reported = (bench.record.chargers.get(chargerId)?.connectors ?? []).map((c) => c.connectorId).filter((id) => id > 0);
  if (reported.length) {
    const highest = Math.max(...reported);
    return { count: highest, how: `the connectors it has reported a status for; read its configuration (GetConfiguration) if it has more` };
  }
  return null;
}
