// @vitest-environment jsdom
// The Settings screen: nothing is sent until Save, a bad field says what is wrong and nothing is sent,
// saving sends only what changed, the bench's own refusal lands on its field, and the idTag list is
// edited entry by entry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/shared/format/time';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench, type FakeClient } from './fake-client';
import { idTagList, settingsBench, type IdTagList } from './settings-fixtures';
import { CallFailure } from '../../src/renderer/src/api/client';
import { useBench } from '../../src/renderer/src/stores/bench';
import { SettingsScreen } from '../../src/renderer/src/app/screens';
import { parseIdTagLines } from '../../src/renderer/src/features/id-tags/IdTagList';
import type { BenchSettings } from '../../src/shared/api/views';
import { defaultSettings } from '../../src/shared/api/settings';

const defaults: BenchSettings = { ...defaultSettings };

let saved: BenchSettings;
let ids: IdTagList;

function client(over: Parameters<typeof fakeClient>[0] = {}): FakeClient {
  return fakeClient({
    'settings:get': () => saved,
    'settings:update': (patch) => (saved = { ...saved, ...patch } as BenchSettings),
    ...ids.handlers,
    ...over,
  });
}

beforeEach(() => {
  saved = { ...defaults };
  ids = idTagList();
  settingsBench();
});
afterEach(cleanup);

const save = () => screen.getByRole('button', { name: 'Save' });

describe('Settings screen', () => {
  it("shows a bad heartbeat interval's message on the field and sends nothing", async () => {
    const c = client();
    render(withBench(c, <SettingsScreen />));
    const heartbeat = await screen.findByLabelText('Heartbeat interval');
    expect((save() as HTMLButtonElement).disabled).toBe(true);
    await userEvent.clear(heartbeat);
    await userEvent.type(heartbeat, '0');
    expect(screen.getByText('1 unsaved change')).toBeTruthy();
    await userEvent.click(save());
    expect(await screen.findByText('Heartbeat interval must be at least 1 second')).toBeTruthy();
    expect(screen.getByText(/Nothing was saved: fix the field marked in red first/)).toBeTruthy();
    expect(heartbeat.getAttribute('aria-invalid')).toBe('true');
    // The user is taken to the field at fault.
    expect(document.activeElement).toBe(heartbeat);
    await userEvent.clear(heartbeat);
    await userEvent.type(heartbeat, '1.5');
    expect(screen.getByText('Heartbeat interval must be a whole number of seconds')).toBeTruthy();
    await userEvent.clear(heartbeat);
    expect(screen.getByText('Enter the heartbeat interval')).toBeTruthy();
    await userEvent.click(save());
    expect(c.callsOf('settings:update')).toEqual([]);
  });

  it('sends only the changed fields on Save and confirms it', async () => {
    const c = client();
    render(withBench(c, <SettingsScreen />));
    const heartbeat = await screen.findByLabelText('Heartbeat interval');
    await userEvent.clear(heartbeat);
    await userEvent.type(heartbeat, '60');
    await userEvent.click(screen.getByRole('switch', { name: /Require a password from every charger/ }));
    // A field typed back to its saved value is no change.
    const timeout = screen.getByLabelText('Call timeout');
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '30');
    expect(screen.getByText('2 unsaved changes')).toBeTruthy();
    await userEvent.click(save());
    // A heartbeat interval reaches connected chargers only at their next boot: the confirmation says so.
    expect(await screen.findByText('Settings saved (2 changes). Connected chargers keep their old heartbeat interval until they boot again (or until HeartbeatInterval is set on them).')).toBeTruthy();
    expect(c.callsOf('settings:update')).toEqual([{ heartbeatInterval: 60, requirePassword: true }]);
    expect(screen.queryByText(/unsaved change/)).toBeNull();

    await userEvent.clear(screen.getByLabelText('OCPP port'));
    await userEvent.type(screen.getByLabelText('OCPP port'), '9100');
    await userEvent.click(save());
    expect(await screen.findByText(/The new OCPP port takes effect after a restart/)).toBeTruthy();
    expect(c.callsOf('settings:update')[1]).toEqual({ ocppPort: 9100 });
    // The port just saved is pending a restart: it was not "in use".
    expect(screen.getByText('Port 9100 is saved and takes effect when the bench restarts; until then chargers use port 9000.')).toBeTruthy();
    expect(screen.queryByText(/was in use/)).toBeNull();
  });

  it('shows the port chargers use now, the API port and the data directory read-only, and sets retention', async () => {
    saved = { ...defaults, ocppPort: 9100 };
    const c = client();
    render(withBench(c, <SettingsScreen />));
    expect(await screen.findByText(/Takes effect after a restart; 0 picks any free port. Listening now on port 9000/)).toBeTruthy();
    expect(screen.getByText(/The bench is listening on port 9000, not the saved 9100/)).toBeTruthy();
    expect(screen.getByLabelText('API and UI port').hasAttribute('readonly')).toBe(true);
    const dataDir = screen.getByLabelText('Data directory') as HTMLInputElement;
    expect(dataDir.value).toBe('/var/lib/chargebench');
    expect(dataDir.readOnly).toBe(true);
    expect(screen.getByRole('button', { name: 'Copy the data directory' })).toBeTruthy();

    expect(screen.getByText(/Older frames and meter values are deleted as soon as a shorter time is saved, then at each start and every hour/)).toBeTruthy();
    await userEvent.click(screen.getByRole('combobox', { name: 'Keep the message log and meter values for' }));
    await userEvent.click(screen.getByRole('option', { name: '30 days' }));
    const clickedAt = Date.now();
    await userEvent.click(save());
    // Turning retention on deletes data at once: the user confirms, knowing the cutoff (the minute the
    // dialog was opened in: read before and after, in case a minute ended in between).
    const dialog = await screen.findByRole('dialog', { name: 'Delete old frames and meter values now?' });
    const cutoffs = [clickedAt, Date.now()].map((t) => formatDateTime(t - 30 * 86_400_000, { seconds: false }));
    const text = within(dialog).getByText(/is deleted now and cannot be recovered\. Transactions and operations are kept\./).textContent ?? '';
    const cutoff = cutoffs.find((c) => text.includes(c));
    expect([text, cutoff]).toEqual([text, expect.any(String)]);
    await userEvent.click(within(dialog).getByRole('button', { name: `Delete frames and meter values older than ${cutoff}` }));
    await screen.findByText('Settings saved (1 change).');
    expect(c.callsOf('settings:update')).toEqual([{ retentionDays: 30 }]);
  });

  it('shows the FTP port in use: one fixed by --ftp-port is not the saved one, and a saved port is shown in use once saved', async () => {
    useBench.setState({ status: { ...useBench.getState().status!, ftp: { port: 2411, fixed: true } } });
    const c = client({ 'bench:status': () => ({ ...useBench.getState().status!, ftp: { port: 2200, fixed: false } }) });
    render(withBench(c, <SettingsScreen />));
    expect(await screen.findByText(/Applies when the bench starts without --ftp-port; 0 picks any free port\. Listening now on port 2411\./)).toBeTruthy();
    expect(screen.getByText(/This bench was started with --ftp-port 2411: chargers use FTP port 2411 until it restarts without that option; port 2121 is saved for then\./)).toBeTruthy();
    cleanup();

    // A bench that follows the setting: the port saved is where it listens once the save is answered.
    useBench.setState({ status: { ...useBench.getState().status!, ftp: { port: 2121, fixed: false } } });
    render(withBench(c, <SettingsScreen />));
    expect(await screen.findByText(/Applies at once; 0 picks any free port\. Listening now on port 2121\./)).toBeTruthy();
    await userEvent.clear(screen.getByLabelText('FTP port'));
    await userEvent.type(screen.getByLabelText('FTP port'), '2200');
    await userEvent.click(save());
    // Moving the FTP server cuts off its links: asked first (settings-ftp-move.test.tsx).
    await userEvent.click(await screen.findByRole('button', { name: 'Save: move FTP to port 2200' }));
    expect(await screen.findByText(/Listening now on port 2200\./)).toBeTruthy();
    expect(screen.queryByText(/was taken or not allowed/)).toBeNull();
  });

  it('asks before a shorter retention deletes data, sends nothing on Cancel, and does not ask for a longer one', async () => {
    saved = { ...defaults, retentionDays: 90 };
    const c = client();
    render(withBench(c, <SettingsScreen />));
    const retention = await screen.findByRole('combobox', { name: 'Keep the message log and meter values for' });
    await userEvent.click(retention);
    await userEvent.click(screen.getByRole('option', { name: '7 days' }));
    await userEvent.click(save());
    const dialog = await screen.findByRole('dialog', { name: 'Delete old frames and meter values now?' });
    expect(within(dialog).getByText(/Saving keeps 7 days of data/)).toBeTruthy();
    // The safe choice has the focus; Escape and Cancel both send nothing.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(c.callsOf('settings:update')).toEqual([]);
    expect(screen.getByText('1 unsaved change')).toBeTruthy();

    await userEvent.click(screen.getByRole('combobox', { name: 'Keep the message log and meter values for' }));
    await userEvent.click(screen.getByRole('option', { name: '1 year' }));
    await userEvent.click(save());
    await screen.findByText('Settings saved (1 change).');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(c.callsOf('settings:update')).toEqual([{ retentionDays: 365 }]);
  });

  it('does not save the settings on Ctrl+S while an idTag dialog is open', async () => {
    const c = client();
    render(withBench(c, <SettingsScreen />));
    const heartbeat = await screen.findByLabelText('Heartbeat interval');
    await userEvent.clear(heartbeat);
    await userEvent.type(heartbeat, '60');
    await userEvent.click(screen.getByRole('button', { name: 'Add idTag' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add an idTag' });
    await userEvent.type(within(dialog).getByLabelText(/^idTag/), 'CARD-1');
    await userEvent.keyboard('{Control>}s{/Control}');
    expect(c.callsOf('settings:update')).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await userEvent.keyboard('{Control>}s{/Control}');
    await screen.findByText('Settings saved (1 change). Connected chargers keep their old heartbeat interval until they boot again (or until HeartbeatInterval is set on them).');
    expect(c.callsOf('settings:update')).toEqual([{ heartbeatInterval: 60 }]);
  });

  it("puts the bench's refusal on the field it names, and Discard brings back what is saved", async () => {
    const c = client({
      'settings:update': () => {
        throw new CallFailure({ status: 400, message: 'Invalid settings:update argument field "callTimeout": must be at most 3600 seconds (one hour)', field: 'callTimeout' });
      },
    });
    render(withBench(c, <SettingsScreen />));
    const timeout = await screen.findByLabelText('Call timeout');
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '99');
    await userEvent.click(save());
    expect(await screen.findByText('Call timeout must be at most 3600 seconds (one hour)')).toBeTruthy();
    expect(screen.getByText(/the bench refused the field marked in red/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect((screen.getByLabelText('Call timeout') as HTMLInputElement).value).toBe('30');
    expect(screen.queryByText(/must be at most 3600/)).toBeNull();
  });

  it('adds an idTag from its dialog (naming a bad field first) and deletes one with undo, without touching the settings', async () => {
    ids.tags = [{ idTag: 'CARD-OLD', status: 'Blocked', expiryDate: null, parentIdTag: null }];
    const c = client();
    render(withBench(c, <SettingsScreen />));
    expect(await screen.findByText('CARD-OLD')).toBeTruthy();
    expect(screen.getByText(/used only when the bench accepts only listed idTags/)).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Add idTag' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add an idTag' });
    await userEvent.type(within(dialog).getByLabelText(/^idTag/), 'X'.repeat(21));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add idTag' }));
    expect(within(dialog).getByText(/idTag must be at most 20 characters/)).toBeTruthy();
    expect(c.callsOf('idTags:add')).toEqual([]);
    await userEvent.clear(within(dialog).getByLabelText(/^idTag/));
    await userEvent.type(within(dialog).getByLabelText(/^idTag/), 'CARD-NEW{Enter}');
    await waitFor(() => expect(c.callsOf('idTags:add')).toEqual([{ idTag: 'CARD-NEW', status: 'Accepted', expiryDate: null, parentIdTag: null }]));
    expect(await screen.findByText('Added idTag CARD-NEW')).toBeTruthy();
    expect(screen.getByText('CARD-NEW')).toBeTruthy();

    // Once the dialog has gone, the page is no longer hidden from assistive technology.
    await userEvent.click(await screen.findByRole('button', { name: 'Delete CARD-OLD' }));
    expect(await screen.findByText('Deleted idTag CARD-OLD')).toBeTruthy();
    expect(c.callsOf('idTags:delete')).toEqual([{ idTag: 'CARD-OLD' }]);
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(c.callsOf('idTags:add')).toHaveLength(2));
    expect(c.callsOf('idTags:add')[1]).toMatchObject({ idTag: 'CARD-OLD', status: 'Blocked' });
    expect(c.callsOf('settings:update')).toEqual([]);
  });

  it('reads an idTag import one entry a line and names the bad lines', () => {
    expect(parseIdTagLines('# cards\nA1\nB2,Blocked\n\nC3,Accepted,2030-01-01T00:00:00Z,FLEET')).toEqual({
      entries: [
        { idTag: 'A1', status: 'Accepted', expiryDate: null, parentIdTag: null },
        { idTag: 'B2', status: 'Blocked', expiryDate: null, parentIdTag: null },
        { idTag: 'C3', status: 'Accepted', expiryDate: '2030-01-01T00:00:00Z', parentIdTag: 'FLEET' },
      ],
      errors: [],
    });
    expect(parseIdTagLines('OK\nBAD,Maybe\nLATE,Accepted,tomorrow').errors).toEqual([
      'Line 2: Status must be one of Accepted, Blocked, Expired, Invalid, ConcurrentTx',
      'Line 3: Expiry date must be a date and time with its time zone, e.g. 2030-01-01T00:00:00Z',
    ]);
  });

  it('makes a new API token only after asking, and shows the new sign-in link to copy', async () => {
    const c = client();
    let made = 0;
    c.newApiToken = async () => {
      made++;
      return { token: 'NEWTOKEN', link: 'http://127.0.0.1:8180/?token=NEWTOKEN' };
    };
    render(withBench(c, <SettingsScreen />));
    await userEvent.click(await screen.findByRole('button', { name: 'Make a new API token' }));
    expect(screen.getByText(/other open tabs, saved sign-in links and scripts using it must sign in again/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(made).toBe(0);
    await userEvent.click(await screen.findByRole('button', { name: 'Make a new API token' }));
    await userEvent.click(screen.getByRole('button', { name: 'Make a new token' }));
    expect(((await screen.findByLabelText('New sign-in link')) as HTMLInputElement).value).toBe('http://127.0.0.1:8180/?token=NEWTOKEN');
    expect(made).toBe(1);
  });

  it('has no token section on the desktop, which needs no token', async () => {
    useBench.setState({ status: { ...useBench.getState().status!, face: 'desktop' } });
    const c = { ...client(), face: 'desktop' as const, newApiToken: undefined };
    render(withBench(c, <SettingsScreen />));
    await screen.findByLabelText('Heartbeat interval');
    expect(screen.queryByRole('button', { name: 'Make a new API token' })).toBeNull();
  });
});
