// 2.13 Core Profile - Power Failure Non-Happy Flow.
import type { ExpectOptions } from '../context';
import { charging, stoppedCharging } from '../states';
import type { ChargePointAction } from '../../../shared/ocpp16';
import type { Pics } from '../types';
import { capabilitySource } from '../capabilities';
import { bootStatuses, type Case } from './cases';

// Where the run took its back-up power from, said beside it (declared, the virtual charger's definition, or the default).
const from = (p: Pics) => {
  const source = capabilitySource(p, 'backupPower');
  return source ? ` (${source})` : '';
};
const backupPower = (p: Pics) => (p.backupPower ? null : `The charger has no back-up power source${from(p)} to stop its transactions before it goes down`);
const noBackupPower = (p: Pics) => (p.backupPower ? `The charger has a back-up power source${from(p)}: TC_032_1_CS applies instead` : null);

type Expected = { action: ChargePointAction } & ExpectOptions;

export const powerFailureCases: Case[] = [
  {
    id: 'TC_032_1_CS',
    title: 'Power failure boot charging point - configured to stop transaction(s) before going down',
    profile: 'Core',
    section: '2.13.1',
    appliesTo: backupPower,
    decisions: ['StopTransaction (PowerLoss) and Finishing may come in either order (the standing exception); the BootNotification may come up to 120 s after the power is back.'],
    async run(t) {
      const c = t.connectorId;
      const tx = await charging(t);
      await t.operator({ kind: 'powerOff' });
      await stoppedCharging(t, tx, { reason: 'PowerLoss' });
      await t.operator({ kind: 'powerOn' });
      await t.expect('BootNotification', { within: 120 });
      await bootStatuses(t, (id) => (id === c ? ['Finishing', 'Preparing'] : 'Available'));
    },
  },
  {
    id: 'TC_032_2_CS',
    title: 'Power failure boot charging point-configured to stop transaction(s)',
    profile: 'Core',
    section: '2.13.2',
    appliesTo: noBackupPower,
    decisions: [
      'After the boot, the connector that had the transaction reports Preparing, Finishing or Charging (an Unavailable or Available before it is an observation); a StopTransaction (PowerLoss) may come among these statuses.',
      'When the connector reports Charging (the transaction resumed), the operator presents <Configured Valid IdTag> and the StopTransaction must have reason Local or none; otherwise the charger must stop it by itself with PowerLoss.',
      'Step 7 is needed only when neither Preparing nor Finishing was reported for the connector after the boot.',
    ],
    async run(t) {
      const c = t.connectorId;
      const tx = await charging(t);
      await t.operator({ kind: 'powerCycle' });
      await t.expect('BootNotification', { within: 120 });
      const statuses: Expected[] = Array.from({ length: t.pics.connectors + 1 }, (_, id) =>
        id === c
          ? { action: 'StatusNotification', where: { connectorId: id, status: ['Preparing', 'Finishing', 'Charging'] } }
          : { action: 'StatusNotification', where: { connectorId: id }, checks: { status: 'Available' } },
      );
      const got = await t.expectAll(
        [...statuses, { action: 'StopTransaction', optional: true, checks: { transactionId: tx, reason: 'PowerLoss' } }],
        `Charger sends StatusNotification for connector 0 and each of its ${t.pics.connectors} connectors (connector ${c} Preparing, Finishing or Charging), and maybe StopTransaction (PowerLoss), in any order`,
      );
      const status = got[c]!.payload.status;
      const rest: Expected[] = [];
      if (!got[statuses.length]) {
        if (status === 'Charging') {
          await t.operator({ kind: 'presentIdTag', connectorId: c, idTag: t.data.validIdTag });
          rest.push({ action: 'StopTransaction', checks: { transactionId: tx, reason: ['Local', undefined] } });
        } else rest.push({ action: 'StopTransaction', checks: { transactionId: tx, reason: 'PowerLoss' } });
      }
      if (status === 'Charging') rest.push({ action: 'StatusNotification', where: { connectorId: c, status: ['Preparing', 'Finishing'] } });
      if (rest.length)
        await t.expectAll(
          rest,
          `Charger sends ${rest.map((r) => (r.action === 'StopTransaction' ? `StopTransaction (${status === 'Charging' ? 'Local or no reason' : 'PowerLoss'})` : 'StatusNotification (Preparing or Finishing)')).join(' and ')}${rest.length > 1 ? ', in either order' : ''}`,
        );
    },
  },
  {
    id: 'TC_034_CS',
    title: 'Power Failure with Unavailable Status',
    profile: 'Core',
    section: '2.13.3',
    decisions: ['The end of the case sets the charger Operative again (the document does not; the general post-conditions want connectors available).'],
    async run(t) {
      const unavailable = (when: string) =>
        t.expectAll(
          Array.from({ length: t.pics.connectors + 1 }, (_, id) => ({ action: 'StatusNotification' as const, where: { connectorId: id }, checks: { status: 'Unavailable' } })),
          `Charger sends StatusNotification Unavailable for connector 0 and each of its ${t.pics.connectors} connectors ${when}, in any order`,
        );
      t.touched.availability = true;
      await t.send(
        'ChangeAvailability',
        { connectorId: 0, type: 'Inoperative' },
        { checks: { status: 'Accepted' }, title: 'Bench sends ChangeAvailability Inoperative for the whole charger (connector 0) expecting status Accepted' },
      );
      await unavailable('once Inoperative');
      await t.operator({ kind: 'powerCycle' });
      await t.expect('BootNotification', { within: 120 });
      await unavailable('after the power cycle');
    },
  },
];
