// "Unlock each connector" / "Availability" and a connector with a cable in but no session (Preparing, Finishing,
// no transaction): it is checked as any other (unlocking a connector with a cable in is what the Unlock check is
// for; nothing charges to be ended), with a note naming its status. A connector Charging without a transaction
// the bench knows of is left alone, its row naming the real status, not "transaction 0".
import { describe, expect, it } from 'vitest';
import { unlockEach } from '../../../src/main/commissioning/each-connector';
import { eachConnectorContext } from '../../helpers/each-connector-context';

/** Statuses of this run on a charger with NumberOfConnectors 2. */
const context = (statuses: Record<number, string>) => eachConnectorContext({ NumberOfConnectors: '2' }, statuses);

describe('a connector with a cable in and no session', () => {
  it('is unlocked as any other (Preparing, Finishing), with a note naming its status', async () => {
    const { t, sent, notes, rows } = context({ 1: 'Preparing', 2: 'Finishing' });
    await unlockEach(t);
    expect(sent).toEqual([1, 2]);
    expect(rows.filter((r) => r.label.startsWith('Connector'))).toEqual([
      { label: 'Connector 1', value: 'Unlocked', ok: true },
      { label: 'Connector 2', value: 'Unlocked', ok: true },
    ]);
    expect(notes).toContain('connector 1 is Preparing: a cable is in, no session; checked as any other');
  });

  it('Charging without a known transaction is left alone, its row naming the status', async () => {
    const { t, sent, rows } = context({ 1: 'Available', 2: 'Charging' });
    await expect(unlockEach(t)).rejects.toThrow(/connector 2 was not checked/);
    expect(sent).toEqual([1]);
    expect(rows.find((r) => r.label === 'Connector 2')?.value).toBe('not checked: the connector is Charging: a session runs on it (no transaction the bench knows of)');
  });
});
