// The bench's event bus: one faulty subscriber (a UI forwarder that throws) neither breaks the code that
// publishes (the central system recording a frame, a run) nor keeps the event from the other subscribers.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../src/main/clock';
import { EventBus } from '../../../../src/main/core/event-bus';
import type { BenchEvent } from '../../../../src/shared/api/views';

const connected = (chargerId: string): BenchEvent => ({ type: 'chargerConnected', chargerId, remoteAddress: null, ts: '2025-01-01T00:00:00.000Z' });
const dropped = (chargerId: string): BenchEvent => ({ type: 'chargerDisconnected', chargerId, reason: 'closed', ts: '2025-01-01T00:00:01.000Z' });

describe('EventBus', () => {
  it('gives the event to every subscriber when one throws, and the publisher never sees the throw', () => {
    const reported: string[] = [];
    const bus = new EventBus(undefined, (line) => reported.push(line));
    bus.subscribe(() => {
      throw new Error('the UI forwarder broke');
    });
    const seen: string[] = [];
    bus.subscribe((e) => seen.push(e.type === 'chargerConnected' ? e.chargerId : e.type));

    expect(() => bus.publish(connected('CP1'))).not.toThrow();
    expect(seen).toEqual(['CP1']);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain('chargerConnected');
  });

  it('reports a failing subscriber once per kind of event, not on every event', () => {
    const reported: string[] = [];
    const bus = new EventBus(undefined, (line) => reported.push(line));
    bus.subscribe(() => {
      throw new Error('broken');
    });
    bus.publish(connected('CP1'));
    bus.publish(connected('CP2'));
    bus.publish(dropped('CP1'));
    bus.publish(dropped('CP2'));
    expect(reported).toHaveLength(2);
    expect(reported[0]).toContain('chargerConnected');
    expect(reported[1]).toContain('chargerDisconnected');
  });

  it("keeps a batched subscriber's throw inside the bus (it runs from a timer)", async () => {
    const clock = new FakeClock(0);
    const reported: string[] = [];
    const bus = new EventBus(clock, (line) => reported.push(line));
    bus.subscribeBatched(() => {
      throw new Error('broken');
    }, 50);
    const seen: string[] = [];
    bus.subscribeBatched((events) => seen.push(...events.map((e) => e.type)), 50);
    bus.publish(connected('CP1'));
    await clock.advance(50);
    expect(seen).toEqual(['chargerConnected']);
    expect(reported).toHaveLength(1);
  });

  it('stops calling a subscriber once it is unsubscribed, the same function subscribed twice being two subscribers', () => {
    const bus = new EventBus(undefined, () => {});
    const seen: string[] = [];
    const listener = (e: BenchEvent) => seen.push(e.type);
    const off = bus.subscribe(listener);
    bus.subscribe(listener);
    bus.publish(connected('CP1'));
    off();
    bus.publish(dropped('CP1'));
    expect(seen).toEqual(['chargerConnected', 'chargerConnected', 'chargerDisconnected']);
    expect(bus.hasListeners).toBe(true);
  });
});
