// The heartbeat on a FakeClock: every HeartbeatInterval while registered, following a changed interval,
// silent when not registered, gone when the power goes.
import { describe, expect, it } from 'vitest';
import { fakeWire } from '../../../../helpers/vcp-model';

describe('heartbeat', () => {
  it('sends a Heartbeat every HeartbeatInterval while registered, and follows a changed interval at once', async () => {
    const w = fakeWire();
    w.cp.heartbeat.start();
    await w.clock.advance(299_000);
    expect(w.sent()).toEqual([]);
    await w.clock.advance(1_000);
    expect(w.sent()).toEqual(['Heartbeat']);
    expect(w.cp.config.change('HeartbeatInterval', '60').status).toBe('Accepted');
    await w.clock.advance(60_000);
    expect(w.sent()).toEqual(['Heartbeat', 'Heartbeat']);
    w.accepted = false;
    await w.clock.advance(600_000);
    expect(w.sent()).toHaveLength(2);
  });

  it('takes the interval a BootNotification answer gives, a day at most', () => {
    const w = fakeWire();
    w.cp.heartbeat.useInterval(120);
    expect(w.cp.config.int('HeartbeatInterval')).toBe(120);
    w.cp.heartbeat.useInterval(200_000);
    expect(w.cp.config.int('HeartbeatInterval')).toBe(86_400);
  });

  it('sends none with HeartbeatInterval 0, and none once the power is gone', async () => {
    const w = fakeWire();
    w.cp.config.change('HeartbeatInterval', '0');
    w.cp.heartbeat.start();
    await w.clock.advance(86_400_000);
    expect(w.sent()).toEqual([]);
    w.cp.config.change('HeartbeatInterval', '10');
    w.cp.heartbeat.powerDown();
    await w.clock.advance(60_000);
    expect(w.sent()).toEqual([]);
  });
});
