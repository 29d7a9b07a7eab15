// "Unlock each connector" on a charger that does not report NumberOfConnectors: the connectors are those its
// StatusNotifications named (the highest id seen, in this run or recorded since its last boot), not connector 1
// alone, and a note says so.
import { describe, expect, it } from 'vitest';
import { availabilityEach, connectorsOf, unlockEach } from '../../../src/main/commissioning/each-connector';
import { eachConnectorContext } from '../../helpers/each-connector-context';

const context = eachConnectorContext;

describe('the connectors of a charger without NumberOfConnectors', () => {
  it('are 1 to the highest connector its statuses named, with a note', async () => {
    const { t, sent, notes } = context({}, { 0: 'Available', 1: 'Available', 3: 'Available' });
    await unlockEach(t);
    expect(sent).toEqual([1, 2, 3]);
    expect(notes).toContain('NumberOfConnectors not reported: connectors 1..3 as seen in its statuses');
  });

  it("do not include a connector whose status the record holds only from before the charger's last boot", async () => {
    // Connector 2's status is from an earlier unit under the same id: this charger has not reported it since it booted.
    const { t, sent, notes } = context({}, { 1: 'Available' }, { 2: 'Available' }, []);
    expect(connectorsOf(t)).toEqual([1]);
    await unlockEach(t);
    expect(sent).toEqual([1]);
    expect(notes).toContain('NumberOfConnectors not reported: connectors 1..1 as seen in its statuses');
  });

  it("include a connector whose status the bench recorded before the run, since the charger's last boot", async () => {
    const { t, notes } = context({}, {}, { 2: 'Available' });
    expect(connectorsOf(t)).toEqual([1, 2]);
    await availabilityEach(t);
    expect(notes).toContain('NumberOfConnectors not reported: connectors 1..2 as seen in its statuses');
  });

  it('follow NumberOfConnectors where it is reported, without the note', async () => {
    const { t, sent, notes } = context({ NumberOfConnectors: '1' }, { 1: 'Available', 2: 'Available' });
    await unlockEach(t);
    expect(sent).toEqual([1]);
    expect(notes.filter((n) => n.startsWith('NumberOfConnectors'))).toEqual([]);
  });
});
