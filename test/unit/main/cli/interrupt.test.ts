// What a second Ctrl-C names as perhaps left changed on the charger: the run's own change (MinimumStatusDuration
// 0, set before the first case and put back only at the end) beside the case's, never what a commissioning
// means to leave (its baseline keys, the site's limit); and a signal before anything runs, or after the run ended.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../../src/main/core/event-bus';
import { changesTo, Interrupt } from '../../../../src/main/cli/interrupt';
import { commissionStays } from '../../../../src/main/cli/commission';
import { SITE_LIMIT_PROFILE_ID } from '../../../../src/main/commissioning/plan';
import { builtInTemplates, CommissioningTemplate } from '../../../../src/shared/api/commissioning';
import type { Bench } from '../../../../src/main/core/bench';

afterEach(() => vi.restoreAllMocks());

let n = 0;
const sent = (bus: EventBus, action: string, payload: object, chargerId = 'CP1') =>
  bus.publish({
    type: 'frameLogged',
    message: { chargerId, ts: new Date().toISOString(), direction: 'out', kind: 'CALL', messageId: String(++n), action, raw: JSON.stringify([2, String(n), action, payload]), error: null },
    ts: new Date().toISOString(),
  } as never);

describe('changesTo', () => {
  it("keeps the run's MinimumStatusDuration 0 when each case starts, beside the case's own changes", () => {
    const bus = new EventBus();
    const changes = changesTo({ bus } as unknown as Bench, 'CP1');
    // Before the first case: the run's declared policy.
    sent(bus, 'ChangeConfiguration', { key: 'MinimumStatusDuration', value: '0' });
    changes.reset();
    sent(bus, 'ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '10' });
    changes.reset();
    sent(bus, 'ChangeConfiguration', { key: 'ConnectionTimeOut', value: '30' });
    sent(bus, 'ReserveNow', { connectorId: 1, reservationId: 7 });
    sent(bus, 'ClearCache', {}, 'OTHER');
    expect(changes.describe()).toBe('configuration set for the run: MinimumStatusDuration=0; configuration set: ConnectionTimeOut=30; sent: ReserveNow');
    // The stop: what the putting back sends is not news.
    changes.freeze();
    sent(bus, 'ChangeConfiguration', { key: 'ConnectionTimeOut', value: '60' });
    expect(changes.describe()).toContain('ConnectionTimeOut=30');
    changes.off();
  });

  it("leaves out what a commissioning means to leave on the charger: the template's keys at its values and the site's limit", () => {
    const bus = new EventBus();
    const template = CommissioningTemplate.parse({ ...builtInTemplates[0], keys: { HeartbeatInterval: '900' } });
    const changes = changesTo({ bus } as unknown as Bench, 'CP1', commissionStays(template));
    changes.reset();
    sent(bus, 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '900' });
    sent(bus, 'SetChargingProfile', { connectorId: 0, csChargingProfiles: { chargingProfileId: SITE_LIMIT_PROFILE_ID } });
    expect(changes.describe()).toBe('');
    // A key of the template at another value, or another profile, is to be put back.
    sent(bus, 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '30' });
    sent(bus, 'SetChargingProfile', { connectorId: 1, csChargingProfiles: { chargingProfileId: 1 } });
    expect(changes.describe()).toBe('configuration set: HeartbeatInterval=30; sent: SetChargingProfile');
    changes.off();
  });
});

describe('Interrupt', () => {
  it('before the run is set up: the first signal says nothing was run, and aborts what waits', () => {
    const logs: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(m));
    const interrupt = new Interrupt('test', { process: false, exit: () => undefined });
    interrupt.heard('SIGINT');
    expect([interrupt.by, interrupt.signal.aborted, interrupt.status]).toEqual(['SIGINT', true, 130]);
    expect(logs).toEqual(['\nStopped by Ctrl-C: nothing was run']);
  });

  it('after the run ended: a signal stops nothing and changes no status; a second one quits at once naming what is not written', () => {
    const logs: string[] = [];
    const errors: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(m));
    vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const exits: number[] = [];
    const interrupt = new Interrupt('commission', { process: false, exit: (s) => void exits.push(s) });
    interrupt.stopsRun('ending the step in progress (inconclusive), putting the charger back, writing the reports');
    interrupt.ended('writing the reports');
    interrupt.left = () => 'the PDF report (--pdf r.pdf)';
    interrupt.heard('SIGTERM');
    expect([interrupt.by, interrupt.signal.aborted, interrupt.status, exits]).toEqual([null, false, 0, []]);
    expect(logs).toEqual(['\nHeard SIGTERM: the run has already ended, its result stands; writing the reports; SIGTERM again quits at once']);
    interrupt.heard('SIGTERM');
    expect(exits).toEqual([143]);
    expect(errors).toEqual(['chargebench commission: stopped by SIGTERM again, quitting at once: not written: the PDF report (--pdf r.pdf)']);
  });
});
