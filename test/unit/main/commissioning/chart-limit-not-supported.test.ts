// The report's session chart on a charger without smart charging: "Site's load limit" is not applicable, so
// no limit can be set on it; the report says so under the chart, not that the limit step "had not passed"
// (which would send the installer to run a step that can never pass).
import { describe, expect, it } from 'vitest';
import { chartLimit } from '../../../../src/main/commissioning/reports/chart';
import { LOAD_LIMIT_LABEL, LOAD_LIMIT_STEP, limitNotInForce, LIMIT_NOT_SET } from '../../../../src/shared/api/session-limit';
import type { CommissioningView } from '../../../../src/shared/api/commissioning';

const view = (row: string, limitVerdict: string): Pick<CommissioningView, 'steps' | 'session'> =>
  ({
    steps: [
      { id: LOAD_LIMIT_STEP, result: { verdict: limitVerdict, measurements: [] } },
      { id: 'C8_SESSION', result: { verdict: 'pass', measurements: [{ label: LOAD_LIMIT_LABEL, value: row }] } },
    ],
    session: { limitW: 11040 },
  }) as never;

describe('the report chart of a session not judged against the load limit', () => {
  it('says a charger without smart charging can have no limit set on it', () => {
    const { limitW, why } = chartLimit(view(limitNotInForce('notApplicable'), 'notApplicable'));
    expect(limitW).toBeNull();
    expect(why).toContain('the charger does not support smart charging');
    expect(why).not.toContain('had not passed');
  });

  it('says the limit was not set when the limit step had not passed', () => {
    const { limitW, why } = chartLimit(view(LIMIT_NOT_SET, 'fail'));
    expect(limitW).toBeNull();
    expect(why).toContain('had not passed');
    expect(why).not.toContain('smart charging');
  });
});
