// 2.6 Core Profile - Resetting Happy Flow.
import { charging } from '../states';
import type { CaseContext } from '../context';
import { bootStatuses, type Case } from './cases';

/** TC_013/TC_014: the connector Inoperative, a reset, still Unavailable after it, then Operative again. */
async function resetKeepsUnavailable(t: CaseContext, type: 'Hard' | 'Soft'): Promise<void> {
  const c = t.connectorId;
  t.touched.availability = true;
  await t.send('ChangeAvailability', { connectorId: c, type: 'Inoperative' }, { checks: { status: 'Accepted' } });
  await t.expect('StatusNotification', { where: { connectorId: c, status: 'Unavailable' } });
  await t.send('Reset', { type }, { checks: { status: 'Accepted' } });
  if (type === 'Hard') {
    await t.expect('BootNotification', { within: 120 });
    await bootStatuses(t, (id) => (id === c ? 'Unavailable' : 'Available'));
  } else {
    // A soft reset may or may not reboot; either way the connector stays Unavailable.
    const booted = await t.waitFor(60_000, () => t.host.frames.pending.some((p) => p.action === 'BootNotification') || null);
    if (booted) {
      await t.expect('BootNotification');
      await bootStatuses(t, (id) => (id === c ? 'Unavailable' : 'Available'));
    }
  }
  await t.send('ChangeAvailability', { connectorId: c, type: 'Operative' }, { checks: { status: 'Accepted' } });
  await t.expect('StatusNotification', { where: { connectorId: c, status: 'Available' } });
}

/** TC_015/TC_016: a reset during a session stops it with the reset's reason. */
async function resetStopsSession(t: CaseContext, type: 'Hard' | 'Soft'): Promise<void> {
  const c = t.connectorId;
  const tx = await charging(t);
  await t.send('Reset', { type }, { checks: { status: 'Accepted' } });
  const reason = type === 'Hard' ? 'HardReset' : 'SoftReset';
  // StopTransaction may come before or after the BootNotification (hard reset); Finishing goes with it when before.
  await bootStatuses(t, (id) => (id === c ? ['Finishing', 'Preparing'] : 'Available'), [
    { action: 'StopTransaction', checks: { transactionId: tx, reason }, within: 120 },
    { action: 'BootNotification', within: 120 },
  ]);
}

export const resetCases: Case[] = [
  {
    id: 'TC_013_CS',
    title: 'Hard Reset Without transaction',
    profile: 'Core',
    section: '2.6.1',
    async run(t) {
      await resetKeepsUnavailable(t, 'Hard');
    },
  },
  {
    id: 'TC_014_CS',
    title: 'Soft Reset Without Transaction',
    profile: 'Core',
    section: '2.6.2',
    decisions: ['The bench waits 60 s for the optional BootNotification of a soft reset, then goes on.'],
    async run(t) {
      await resetKeepsUnavailable(t, 'Soft');
    },
  },
  {
    id: 'TC_015_CS',
    title: 'Hard Reset With Transaction',
    profile: 'Core',
    section: '2.6.3',
    decisions: ['StopTransaction (reason HardReset) and the BootNotification may come in either order; a Finishing before the reboot is an observation.'],
    async run(t) {
      await resetStopsSession(t, 'Hard');
    },
  },
  {
    id: 'TC_016_CS',
    title: 'Soft Reset With Transaction',
    profile: 'Core',
    section: '2.6.4',
    decisions: ['The bench expects the reboot of the soft reset within 120 s after StopTransaction (reason SoftReset); chargers that do not reboot on a soft reset fail at that step.'],
    async run(t) {
      await resetStopsSession(t, 'Soft');
    },
  },
];
