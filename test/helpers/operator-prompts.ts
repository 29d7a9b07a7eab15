// Operator requests as the bench asks them, for the tests of the faces that show them (the UI's dialog, the
// CLI's terminal).
import type { OperatorPrompt } from '../../src/shared/api/test-runs';

/** TC_001_CS step 2 (power-cycle the charger), asked at `issuedAtMs` with 30 s to answer. */
export const powerCyclePrompt = (issuedAtMs: number): OperatorPrompt => ({
  id: 'req-A',
  caseId: 'TC_001_CS',
  step: 2,
  action: { kind: 'powerCycle' },
  text: 'Switch the charger off at the mains, wait 10 seconds, switch it on again, then press Done.',
  timeoutS: 30,
  issuedAt: new Date(issuedAtMs).toISOString(),
  deadline: new Date(issuedAtMs + 30_000).toISOString(),
});

/** TC_003_CS step 1 (plug the cable into connector 1), asked at `issuedAtMs` with 30 s to answer. */
export const plugPrompt = (issuedAtMs: number): OperatorPrompt => ({
  id: 'req-B',
  caseId: 'TC_003_CS',
  step: 1,
  action: { kind: 'plug', connectorId: 1 },
  text: 'Plug the EV cable into connector 1, then press Done.',
  timeoutS: 30,
  issuedAt: new Date(issuedAtMs).toISOString(),
  deadline: new Date(issuedAtMs + 30_000).toISOString(),
});
