// StartTransaction's ConcurrentTx: a tag charging elsewhere (another charger, another connector of this one)
// is refused; a session the bench still has open on the very connector the charger starts a new one on is
// one the charger lost, and does not block; and a test run's answer (its test data) is given as it is.
import { describe, expect, it } from 'vitest';
import { StartTransaction } from '../../../../../src/main/central-system/handlers/StartTransaction';
import { BehaviourRegistry } from '../../../../../src/main/central-system/behaviour';
import { FakeClock } from '../../../../../src/main/clock';
import type { HandlerContext } from '../../../../../src/main/central-system/handlers/context';
import { fakeContext } from './fake-context';

const start = (ctx: HandlerContext, connectorId: number, idTag = 'TAG') => StartTransaction(ctx, { connectorId, idTag, meterStart: 0, timestamp: '2026-03-01T12:00:00Z' }).idTagInfo.status;

describe('StartTransaction and a tag already charging', () => {
  it('answers ConcurrentTx for a tag charging on another charger or on another connector of the same one', () => {
    const f = fakeContext('CP1');
    expect(start(f.ctx, 1)).toBe('Accepted');
    expect(start(f.ctx, 2)).toBe('ConcurrentTx');
    expect(start(f.as('CP2'), 1)).toBe('ConcurrentTx');
  });

  it('accepts a new session on the connector of a session the bench still has open there (the charger lost it)', () => {
    const f = fakeContext('CP1');
    expect(start(f.ctx, 1)).toBe('Accepted');
    expect(start(f.ctx, 1)).toBe('Accepted');
    expect([...f.transactions.values()].filter((t) => t.active).map((t) => t.authStatus)).toEqual(['Accepted', 'Accepted']);
  });

  it("gives a test run's answer from its test data as it is, whatever the tag does on other chargers", () => {
    const f = fakeContext('CP1');
    expect(start(f.as('OTHER'), 1)).toBe('Accepted');
    const behaviours = new BehaviourRegistry(new FakeClock());
    // As the central system builds it: the run's table first, then the bench's list.
    const run: HandlerContext = { ...f.ctx, authorize: (idTag) => behaviours.idTagInfo('CP1', idTag) ?? f.ctx.authorize(idTag) };
    expect(start(run, 1)).toBe('ConcurrentTx');
    behaviours.setIdTags('CP1', { tags: new Map([['TAG', { status: 'Accepted' }]]), otherwise: { status: 'Invalid' } });
    expect(start(run, 2)).toBe('Accepted');
    expect(start(run, 1, 'UNKNOWN')).toBe('Invalid');
    behaviours.setIdTags('CP1', null);
    expect(start(run, 1)).toBe('ConcurrentTx');
  });
});
