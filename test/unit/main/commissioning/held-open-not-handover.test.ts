// A transaction only the bench's record holds open (the charger answered Rejected to the run's
// RemoteStopTransaction before the first step: it lost the session) is the bench's own housekeeping: the
// installer's note (benchNotes), never an item "Still open" of the handover, in the report's Open list, nor
// "Not put back after this step" under steps that neither started nor could end it. And a run the bench's
// shutdown cut short says so (outcome shutDown, when, during which step), not "stopped".
import { describe, expect, it } from 'vitest';
import { viewOf, type StoredCommissioning } from '../../../../src/main/commissioning/model';
import { RUN_START, storedCommissioning } from '../../../helpers/stored-commissioning';
import { heldOpenNow, heldOpenOf } from '../../../../src/main/commissioning/held-open';
import { commissioningHtml } from '../../../../src/main/commissioning/reports/html';
import type { CommissioningStep } from '../../../../src/shared/api/commissioning';
import type { CaseResult } from '../../../../src/shared/api/test-runs';

const LOST = 'stopping transaction 2: the charger answered Rejected: it may have lost the session (close it in the record if it no longer runs)';
const LOST_7 = 'stopping transaction 7: the charger answered Rejected: it may have lost the session';

const result = (id: string, title: string, verdict: CaseResult['verdict'], cleanupProblems: string[], transactionId?: number): CaseResult =>
  ({
    id,
    title,
    profile: 'Core',
    section: '8',
    verdict,
    reason: null,
    decidingStep: null,
    steps: [],
    observations: [],
    decisions: [],
    cleanupProblems,
    measurements: [],
    frames: [],
    startedAt: '2026-01-01T10:00:05.000Z',
    ...(transactionId !== undefined ? { transactionId } : {}),
  }) as unknown as CaseResult;

const step = (id: string, title: string, r: CaseResult | null): CommissioningStep => ({ id, title, section: '8', result: r, attempts: r ? 1 : 0 });

const stored = (steps: CommissioningStep[], run: Partial<StoredCommissioning['runs'][number]> = {}): StoredCommissioning => storedCommissioning({ steps, run, setupProblems: [LOST] });

describe('a transaction held open in the bench’s record only', () => {
  const steps = [
    step('C10_LOAD_LIMIT', "Site's load limit", result('C10_LOAD_LIMIT', "Site's load limit", 'pass', [LOST])),
    // The test session's own transaction (7) is its own, though held open in the record only too; the leftover's failed stop is not.
    step('C8_SESSION', 'Test session', result('C8_SESSION', 'Test session', 'pass', [LOST, LOST_7], 7)),
  ];
  const c = stored(steps, { heldOpen: heldOpenOf([LOST, LOST_7], RUN_START, () => ({ connectorId: 1, idTag: 'COMMISSION-1', cause: 'connector 1 reports Available since it started' })) });
  const view = viewOf(
    c,
    [],
    null,
    heldOpenNow(c.runs, () => true),
  );

  it('is not listed among what is still open (handover, signing, the report’s Open list)', () => {
    expect(view.open.join('\n')).not.toContain('transaction 2');
    const html = commissioningHtml({ view, photo: () => null, evidenceSha256: 'x' });
    expect(html).not.toContain('stopping transaction 2');
  });

  it('is not listed under steps that did not do it; a step’s own transaction stays', () => {
    expect(view.steps.find((s) => s.id === 'C10_LOAD_LIMIT')!.result!.cleanupProblems).toEqual([]);
    expect(c.runs[0]!.heldOpen!.map((h) => h.transactionId)).toEqual([2, 7]);
    expect(view.steps.find((s) => s.id === 'C8_SESSION')!.result!.cleanupProblems).toEqual([LOST_7]);
  });

  it('is the installer’s note about the bench’s record, naming the transaction, connector and idTag', () => {
    expect(view.benchNotes).toHaveLength(2);
    expect(view.benchNotes![0]).toMatch(
      /^Bench record: transaction 2 \(connector 1, idTag COMMISSION-1\) is held open in the bench's record only: .*answered Rejected to its RemoteStopTransaction, and connector 1 reports Available since it started .*Close it in the record/,
    );
    // Closed in the record since: no note.
    expect(
      viewOf(
        c,
        [],
        null,
        heldOpenNow(c.runs, () => false),
      ).benchNotes,
    ).toBeUndefined();
  });
});

describe('a run the bench’s shutdown cut short', () => {
  it('reads as cut short by the shutdown, when and during which step, not as stopped', () => {
    const shutDown = { at: '2026-01-01T10:02:13.000Z', during: 'Card reader' };
    const c = stored([step('C6_READER', 'Card reader', result('C6_READER', 'Card reader', 'inconclusive', [])), step('C8_SESSION', 'Test session', null)], {
      outcome: 'shutDown',
      stoppedIn: 'C6_READER',
      shutDown,
    });
    const view = viewOf(c, [], null);
    expect(view.lastRun).toMatchObject({ outcome: 'shutDown', stoppedIn: 'C6_READER', shutDown });
    expect(view.open.join('\n')).not.toContain('was stopped');
    expect(view.open.find((o) => o.startsWith('The last run was cut short: the bench shut down at '))).toMatch(/during Card reader; 1 step not run yet$/);
  });
});
