// The conformance engine's vocabulary: a test case as the engine runs it; the results, the test data and
// the capabilities are shared with the faces (src/shared/api/test-runs.ts).
import type { ActionProfile } from '../../shared/ocpp16';
import type { Pics, TestData } from '../../shared/api/test-runs';
import type { CaseContext } from './context';

export type { CaseFrame, CaseResult, Measurement, NotYetSupported, Observation, Pics, RunResult, RunSummary, StepActor, StepResult, Verdict } from '../../shared/api/test-runs';

export interface CaseDefinition {
  id: string;
  title: string;
  profile: ActionProfile;
  /** The document's section, e.g. "2.2.1". */
  section: string;
  /** Why the case does not apply to this charger, or null when it does. */
  appliesTo?: (pics: Pics, data: TestData) => string | null;
  /** Why the bench cannot run the case yet (security cases needing TLS), when it cannot. */
  notSupported?: string;
  /** Decisions taken where the document is ambiguous, shown in every report. */
  decisions?: string[];
  run(t: CaseContext): Promise<void>;
}

export class StepFailure extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Expected ${expected}; ${actual}`);
  }
}

export class NotApplicable extends Error {}
/** The run was stopped (a person pressed Stop) while the case was on this step. */
export class RunStopped extends Error {}
/** The run was stopped during its setup (before its first case or step) while the bench waited on the charger: no case runs after it, and what it left undone is not a problem of the run. */
export class SetupStopped extends RunStopped {}
export class Inconclusive extends Error {}
