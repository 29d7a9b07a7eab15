// 2.1 Cold Boot Charge Point.
import { bootStatuses, secondsBetween, type Case } from './cases';

/** The interval the bench gives in a Rejected or Pending answer (the document does not state it). */
const RETRY_S = 10;

/**
 * The Heartbeat rule of TC_001_CS and TC_002_CS ("repeated every x seconds, x = interval returned"; the
 * document gives no tolerance): each Heartbeat is waited for up to half an interval late, and two in a row
 * must be the interval apart within 10 % (at least 2 s). Every title and expectation states it as one.
 */
const HEARTBEAT_RULE =
  'Heartbeats are judged at the interval the bench gave with a tolerance, as the document gives none: each may come up to half an interval late (within 1.5 times the interval), and two in a row must be the interval apart within 10 % of it (at least 2 s).';
const heartbeats = (intervalS: number) => {
  const waitS = intervalS * 1.5;
  const slackS = Math.max(2, intervalS * 0.1);
  return {
    waitS,
    slackS,
    first: { within: waitS, title: `Charger sends Heartbeat within the interval (${intervalS} s, up to half an interval late: ${waitS} s)` },
    next: { within: waitS, title: `Charger sends the next Heartbeat one interval later (${intervalS} s ± ${slackS} s, waited for up to ${waitS} s)` },
    apart: `Heartbeats every ${intervalS} s (± ${slackS} s)`,
  };
};

export const bootCases: Case[] = [
  {
    id: 'TC_001_CS',
    title: 'Cold Boot Charge Point',
    profile: 'Core',
    section: '2.1.1',
    decisions: [`The Rejected BootNotification answer gives an interval of ${RETRY_S} s (the document does not state it); the retry must not come earlier.`, HEARTBEAT_RULE],
    async run(t) {
      t.behave({ boot: { status: 'Rejected', interval: RETRY_S } });
      await t.operator({ kind: 'powerCycle' });
      const first = await t.expect('BootNotification', { within: 120, title: 'Charger sends BootNotification (answered Rejected)' });
      t.behave({ boot: { status: 'Accepted', interval: t.data.heartbeatIntervalS } });
      const second = await t.expect('BootNotification', { within: RETRY_S * 3, title: `Charger sends BootNotification again, not before ${RETRY_S} s` });
      t.check(secondsBetween(first, second) >= RETRY_S, `the second BootNotification at least ${RETRY_S} s after the first`, `it came after ${secondsBetween(first, second)} s`);
      await bootStatuses(t);
      const rule = heartbeats(t.data.heartbeatIntervalS);
      const hb = await t.expect('Heartbeat', rule.first);
      const hb2 = await t.expect('Heartbeat', rule.next);
      const gap = secondsBetween(hb, hb2);
      t.check(Math.abs(gap - t.data.heartbeatIntervalS) <= rule.slackS, rule.apart, `they came ${gap} s apart`);
    },
  },
  {
    id: 'TC_002_CS',
    title: 'Cold Boot Charge Point - Pending',
    profile: 'Core',
    section: '2.1.2',
    decisions: [`The Pending answer gives an interval of ${RETRY_S} s (not stated); the charger is configured while Pending, then accepted at its next BootNotification.`, HEARTBEAT_RULE],
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
      const rule = heartbeats(t.data.heartbeatIntervalS);
      const hb = await t.expect('Heartbeat', rule.first);
      const hb2 = await t.expect('Heartbeat', rule.next);
      const gap = secondsBetween(hb, hb2);
      t.check(Math.abs(gap - t.data.heartbeatIntervalS) <= rule.slackS, rule.apart, `they came ${gap} s apart`);
    },
  },
];
