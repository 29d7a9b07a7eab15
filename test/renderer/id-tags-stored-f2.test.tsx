// @vitest-environment jsdom
// A card an older bench stored with spaces around it stays the same card in the idTag dialog: editing it
// saves it under its id as the list holds it (not a new, trimmed card), and naming it as a parent keeps it;
// what is typed for a new card is still trimmed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { idTagList, settingsBench, type IdTagList } from './settings-fixtures';
import { SettingsScreen } from '../../src/renderer/src/app/screens';
import type { BenchSettings } from '../../src/shared/api/views';
import { defaultSettings } from '../../src/shared/api/settings';

const STORED = ' OLD-CARD ';
let ids: IdTagList;

const client = () =>
  fakeClient({
    'settings:get': () => ({ ...defaultSettings }) as BenchSettings,
    ...ids.handlers,
  });

beforeEach(() => {
  ids = idTagList([{ idTag: STORED, status: 'Accepted', expiryDate: null, parentIdTag: null }]);
  settingsBench();
});
afterEach(cleanup);

describe('the idTag dialog with a stored card that has spaces around it', () => {
  it('editing it saves the same card', async () => {
    const c = client();
    render(withBench(c, <SettingsScreen />));
    await screen.findByText(/OLD-CARD/, {}, { timeout: 5000 });
    await userEvent.click(screen.getByRole('button', { name: /Edit\s+OLD-CARD/ }));
    const dialog = await screen.findByRole('dialog', { name: /Edit idTag/ });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save idTag' }));
    await waitFor(() => expect(c.callsOf('idTags:add')).toEqual([expect.objectContaining({ idTag: STORED })]));
  });

  it('naming it as the parent of a new card keeps it; the new card typed is trimmed', async () => {
    const c = client();
    render(withBench(c, <SettingsScreen />));
    await screen.findByText(/OLD-CARD/, {}, { timeout: 5000 });
    await userEvent.click(screen.getByRole('button', { name: 'Add idTag' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add an idTag' });
    await userEvent.type(within(dialog).getByLabelText(/^idTag/), ' CHILD ');
    await userEvent.type(within(dialog).getByLabelText(/^Parent idTag/), STORED);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add idTag' }));
    await waitFor(() => expect(c.callsOf('idTags:add')).toEqual([expect.objectContaining({ idTag: 'CHILD', parentIdTag: STORED })]));
  });
});
