// 2.1 Cold Boot Charge Point.
import { bootStatuses, secondsBetween, type Case } from './cases';

/** The interval the bench gives in a Rejected or Pending answer (the document does not state it). */
const RETRY_S = 10;

export const bootCases: Case[] = [
  {
    id: 'TC_001_CS',
    title: 'Cold Boot Charge Point',
    profile: 'Core',
    section: '2.1.1',
    decisions: [`The Rejected BootNotification answer gives an interval of ${RETRY_S} s (the document does not state it); the retry must not come earlier.`],
    async run(t) {
      t.behave({ boot: { status: 'Rejected', interval: RETRY_S } });
      await t.operator({ kind: 'powerCycle' });
      const first = await t.expect('BootNotification', { within: 120, title: 'Charger sends BootNotification (answered Rejected)' });
      t.behave({ boot: { status: 'Accepted', interval: t.data.heartbeatIntervalS } });
      const second = await t.expect('BootNotification', { within: RETRY_S * 3, title: `Charger sends BootNotification again, not before ${RETRY_S} s` });
      t.check(secondsBetween(first, second) >= RETRY_S, `the second BootNotification at least ${RETRY_S} s after the first`, `it came after ${secondsBetween(first, second)} s`);
      await bootStatuses(t);
      const hb = await t.expect('Heartbeat', { within: t.data.heartbeatIntervalS * 1.5, title: `Charger sends Heartbeat within the interval (${t.data.heartbeatIntervalS} s)` });
      const hb2 = await t.expect('Heartbeat', { within: t.data.heartbeatIntervalS * 1.5, title: 'Charger sends the next Heartbeat one interval later' });
      const gap = secondsBetween(hb, hb2);
      t.check(Math.abs(gap - t.data.heartbeatIntervalS) <= Math.max(2, t.data.heartbeatIntervalS * 0.1), `Heartbeats every ${t.data.heartbeatIntervalS} s`, `they came ${gap} s apart`);
    },
  },
  {
    id: 'TC_002_CS',
    title: 'Cold Boot Charge Point - Pending',
    profile: 'Core',
    section: '2.1.2',
    decisions: [`The Pending answer gives an interval of ${RETRY_S} s (not stated); the charger is configured while Pending, then accepted at its next BootNotification.`],
    async run(t) {
      t.behave({ boot: { status: 'Pending', interval: RETRY_S } });
      await t.operator({ kind: 'powerCycle' });
      const first = await t.expect('BootNotification', { within: 120, title: 'Charger sends BootNotification (answered Pending)' });
      await t.send('GetConfiguration', {}, { title: 'Bench reads every configuration key while the charger is Pending' });
      await t.configure('MeterValueSampleInterval', String(t.data.meterValueIntervalS));
      t.behave({ boot: { status: 'Accepted', interval: t.data.heartbeatIntervalS } });
      const second = await t.expect('BootNotification', { within: RETRY_S * 3, title: `Charger sends BootNotification again after ${RETRY_S} s (answered Accepted)` });
      t.check(secondsBetween(first, second) >= RETRY_S, `the second BootNotification at least ${RETRY_S} s after the first`, `it came after ${secondsBetween(first, second)} s`);
      await bootStatuses(t);
      const hb = await t.expect('Heartbeat', { within: t.data.heartbeatIntervalS * 1.5 });
      const hb2 = await t.expect('Heartbeat', { within: t.data.heartbeatIntervalS * 1.5 });
      const gap = secondsBetween(hb, hb2);
      t.check(Math.abs(gap - t.data.heartbeatIntervalS) <= Math.max(2, t.data.heartbeatIntervalS * 0.1), `Heartbeats every ${t.data.heartbeatIntervalS} s`, `they came ${gap} s apart`);
    },
  },
];
