// @vitest-environment jsdom
// Settings refuses a port that collides with another port of the bench, on the field and naming the clash,
// and sends nothing: an FTP port that is the OCPP port (saved, in use now, or set by the same save), an
// OCPP port that is the FTP port, either one that is serve's API port (bench:status `apiPort`). The
// bench's own refusal (e.g. of the API port, from a bench whose status does not say it) lands on the field too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench, type FakeClient } from './fake-client';
import { settingsBench } from './settings-fixtures';
import { useBench } from '../../src/renderer/src/stores/bench';
import { CallFailure } from '../../src/renderer/src/api/client';
import { SettingsScreen } from '../../src/renderer/src/app/screens';
import type { BenchSettings } from '../../src/shared/api/views';
import { defaultSettings } from '../../src/shared/api/settings';

let saved: BenchSettings;
const client = (over: Parameters<typeof fakeClient>[0] = {}): FakeClient =>
  fakeClient({ 'settings:get': () => saved, 'settings:update': (patch) => (saved = { ...saved, ...patch } as BenchSettings), 'idTags:list': () => [], ...over });

beforeEach(() => {
  saved = { ...defaultSettings };
  settingsBench();
});
afterEach(cleanup);

async function typeInto(label: string, value: string): Promise<HTMLElement> {
  const field = await screen.findByLabelText(label);
  await userEvent.clear(field);
  await userEvent.type(field, value);
  return field;
}
const save = () => userEvent.click(screen.getByRole('button', { name: 'Save' }));

describe('Settings refuses a port that collides with another of the bench', () => {
  it('an FTP port that is the OCPP port: the field names the clash and nothing is sent', async () => {
    const c = client();
    render(withBench(c, <SettingsScreen />));
    const ftp = await typeInto('FTP port', '9000');
    await save();
    expect(await screen.findByText('FTP port 9000 is the OCPP port: pick another')).toBeTruthy();
    expect(ftp.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Nothing was saved: fix the field marked in red first/)).toBeTruthy();
    expect(screen.queryByText(/Settings saved/)).toBeNull();
    expect(c.callsOf('settings:update')).toEqual([]);
  });

  it('an FTP port that is the port chargers connect to now, though another OCPP port is saved', async () => {
    saved = { ...defaultSettings, ocppPort: 9100 };
    const c = client();
    render(withBench(c, <SettingsScreen />));
    await typeInto('FTP port', '9000');
    await save();
    expect(await screen.findByText('FTP port 9000 is the OCPP port chargers connect to now: pick another')).toBeTruthy();
    expect(c.callsOf('settings:update')).toEqual([]);
  });

  it('an OCPP port that is the FTP port, and both set to one port', async () => {
    const c = client();
    render(withBench(c, <SettingsScreen />));
    await typeInto('OCPP port', '2121');
    await save();
    expect(await screen.findByText('OCPP port 2121 is the FTP port: pick another')).toBeTruthy();
    await typeInto('OCPP port', '9200');
    await typeInto('FTP port', '9200');
    await save();
    expect(await screen.findByText('FTP port 9200 is the OCPP port this save sets: pick another')).toBeTruthy();
    expect(c.callsOf('settings:update')).toEqual([]);
  });

  it("an FTP or OCPP port that is serve's API port: the field names it and --api-port, and nothing is sent", async () => {
    useBench.setState({ status: { ...useBench.getState().status!, apiPort: 8180 } });
    const c = client();
    render(withBench(c, <SettingsScreen />));
    const ftp = await typeInto('FTP port', '8180');
    await save();
    expect(await screen.findByText("FTP port 8180 is the port of the bench's API and this UI (serve --api-port): pick another")).toBeTruthy();
    expect(ftp.getAttribute('aria-invalid')).toBe('true');
    await typeInto('FTP port', '2121');
    await typeInto('OCPP port', '8180');
    await save();
    expect(await screen.findByText("OCPP port 8180 is the port of the bench's API and this UI (serve --api-port): pick another")).toBeTruthy();
    expect(screen.getByText(/Nothing was saved: fix the field marked in red first/)).toBeTruthy();
    expect(c.callsOf('settings:update')).toEqual([]);
  });

  it("says the clash with serve's API port as soon as the FTP port field is left, before any Save", async () => {
    useBench.setState({ status: { ...useBench.getState().status!, apiPort: 8180 } });
    const c = client();
    render(withBench(c, <SettingsScreen />));
    const message = "FTP port 8180 is the port of the bench's API and this UI (serve --api-port): pick another";
    // A field the user passes through without changing it says nothing.
    const ocpp = await screen.findByLabelText('OCPP port');
    await userEvent.click(ocpp);
    await userEvent.tab();
    expect(ocpp.getAttribute('aria-invalid')).toBe('false');
    const ftp = await typeInto('FTP port', '8180');
    // Not while the user is still typing in it: only once the field is left.
    expect(screen.queryByText(message)).toBeNull();
    await userEvent.tab();
    expect(screen.getByText(message)).toBeTruthy();
    expect(ftp.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText(/Nothing was saved/)).toBeNull();
    // Once left, the message follows the field's edits.
    await typeInto('FTP port', '2122');
    expect(screen.queryByText(/pick another/)).toBeNull();
    expect(ftp.getAttribute('aria-invalid')).toBe('false');
    await typeInto('FTP port', '8180');
    expect(screen.getByText(message)).toBeTruthy();
    // Save still refuses it and takes the user to it.
    await save();
    expect(screen.getByText(/Nothing was saved: fix the field marked in red first/)).toBeTruthy();
    expect(document.activeElement).toBe(ftp);
    expect(c.callsOf('settings:update')).toEqual([]);
  });

  it("puts the bench's refusal of a clash it alone knows (the API port) on the field", async () => {
    const c = client({
      'settings:update': () => {
        throw new CallFailure({ status: 400, field: 'ftpPort', message: 'Invalid settings:update argument field "ftpPort": 8180 is the port of the bench\'s API and this UI: pick another' });
      },
    });
    render(withBench(c, <SettingsScreen />));
    await typeInto('FTP port', '8180');
    await save();
    await userEvent.click(await screen.findByRole('button', { name: /^Save: move FTP to port 8180/ }));
    expect(await screen.findByText("FTP port 8180 is the port of the bench's API and this UI: pick another")).toBeTruthy();
  });
});
