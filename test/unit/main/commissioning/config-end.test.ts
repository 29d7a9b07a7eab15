// The baseline step judged by the configuration read at the end of the run: a key the charger read back at
// its wanted value but shows otherwise at the end fails it; an end that could not be read judges nothing,
// so a baseline that passed on an older read is inconclusive (a commissioning cannot pass on it).
import { describe, expect, it } from 'vitest';
import { judgedSteps, type ConfigAtEnd } from '../../../../src/main/commissioning/config-end';
import { builtInTemplates } from '../../../../src/shared/api/commissioning';
import type { CaseResult } from '../../../../src/shared/api/test-runs';

const template = { ...builtInTemplates[0]!, keys: { HeartbeatInterval: '300' } };
const baseline = {
  id: 'C5_BASELINE',
  title: 'Configuration baseline',
  section: 'C5',
  attempts: 1,
  result: {
    id: 'C5_BASELINE',
    verdict: 'pass',
    reason: null,
    steps: [],
    observations: [],
    measurements: [{ label: 'HeartbeatInterval', value: 'was 15, now 300 (Accepted)', ok: true }],
  } as unknown as CaseResult,
};
const at = (configAfter: Record<string, string>, configAtEndProblem?: string): ConfigAtEnd => ({ steps: [baseline], template, configAfter, ...(configAtEndProblem ? { configAtEndProblem } : {}) });

describe('judgedSteps', () => {
  it('keeps a baseline whose keys are at their wanted value at the end, and fails one set back', () => {
    expect(judgedSteps(at({ HeartbeatInterval: '300' }))[0]!.result!.verdict).toBe('pass');
    expect(judgedSteps(at({ HeartbeatInterval: '15' }))[0]!.result!.verdict).toBe('fail');
  });

  it('says of a key already at its wanted value at the start that nothing was sent, when the end shows it otherwise', () => {
    const alreadySet = { ...baseline, result: { ...baseline.result, measurements: [{ label: 'HeartbeatInterval', value: 'was 300, now 300 (already set)', ok: true }] } };
    const [step] = judgedSteps({ ...at({ HeartbeatInterval: '60' }), steps: [alreadySet] });
    expect(step!.result).toMatchObject({
      verdict: 'fail',
      reason:
        "HeartbeatInterval read 300 at the start (nothing sent), 60 at the end: it changed during the run. Find what changes it (the charger's own settings, another back office), then re-run the baseline step.",
      measurements: [{ label: 'HeartbeatInterval', value: 'was 300 at the start (nothing sent), read back 300, now 60 at the end (already set)', ok: false }],
    });
  });

  it('leaves a signed commissioning as it was signed', () => {
    expect(judgedSteps({ ...at({ HeartbeatInterval: '15' }), handover: {} })[0]!.result!.verdict).toBe('pass');
  });

  it('judges nothing by an older read when the end could not be read: the baseline that passed is inconclusive', () => {
    const [step] = judgedSteps(at({ HeartbeatInterval: '300' }, 'the charger did not answer GetConfiguration within 30 s'));
    expect(step!.result).toMatchObject({
      verdict: 'inconclusive',
      reason: expect.stringContaining('The configuration could not be read at the end of the run (the charger did not answer GetConfiguration within 30 s)'),
    });
  });
});
