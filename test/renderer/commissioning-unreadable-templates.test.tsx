// @vitest-environment jsdom
// Commissioning → Plan: a saved template this version cannot read (another version saved it) is shown,
// greyed, with why, instead of vanishing; it cannot be chosen to start a commissioning, and it can be
// deleted after a question naming it (Cancel deletes nothing); a JSON import of its name asks before
// replacing it, as for any saved template.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { builtInTemplates, type UnreadableTemplate } from '../../src/shared/api/commissioning';
import { fakeClient } from './fake-client';
import { open, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const saved = { ...builtInTemplates[0]!, name: 'Depot good' };
const REASON = 'sessionSeconds: Invalid input: expected number, received string';
const WORDS = `Saved by another version of ChargeBench; this version cannot read it (${REASON})`;

function bench() {
  const unreadable: UnreadableTemplate[] = [{ name: 'Depot newer', reason: REASON }];
  return fakeClient({
    'commissioning:templates': () => ({ builtIn: builtInTemplates, saved: [saved], unreadable: [...unreadable] }),
    'commissioning:deleteTemplate': ({ name }) => {
      unreadable.splice(
        unreadable.findIndex((t) => t.name === name),
        1,
      );
      return null;
    },
  });
}

describe('a saved template this version cannot read', () => {
  it('is shown with its reason and cannot be chosen', async () => {
    open(bench(), '/commissioning/new?step=plan');
    const shown = within(await screen.findByRole('region', { name: 'Saved templates this version cannot read' }));
    expect(shown.getByText('Depot newer')).toBeTruthy();
    expect(shown.getByText(WORDS)).toBeTruthy();

    // In the template choice it is there, greyed and not choosable; the others are.
    await userEvent.click(screen.getByRole('combobox', { name: 'Template' }));
    const option = await screen.findByRole('option', { name: 'Depot newer (this version cannot read it)' });
    expect(option.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('option', { name: 'Depot good' }).getAttribute('aria-disabled')).not.toBe('true');
    await userEvent.click(option, { pointerEventsCheck: 0 });
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
    expect(screen.getByRole('combobox', { name: 'Template' }).textContent).toContain(builtInTemplates[0]!.name);
  });

  it('is deleted by its name after a question naming it; Cancel deletes nothing', async () => {
    const client = bench();
    open(client, '/commissioning/new?step=plan');
    const shown = within(await screen.findByRole('region', { name: 'Saved templates this version cannot read' }));

    await userEvent.click(shown.getByRole('button', { name: 'Delete Depot newer' }));
    const ask = within(await screen.findByRole('dialog', { name: 'Delete Depot newer?' }));
    await userEvent.click(ask.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('commissioning:deleteTemplate')).toEqual([]);

    await userEvent.click(shown.getByRole('button', { name: 'Delete Depot newer' }));
    const again = within(await screen.findByRole('dialog', { name: 'Delete Depot newer?' }));
    await userEvent.click(again.getByRole('button', { name: 'Delete Depot newer' }));
    await waitFor(() => expect(screen.queryByText(WORDS)).toBeNull());
    expect(client.callsOf('commissioning:deleteTemplate')).toEqual([{ name: 'Depot newer' }]);
    expect(screen.queryByRole('region', { name: 'Saved templates this version cannot read' })).toBeNull();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('an import of its name asks before replacing it', async () => {
    const client = bench();
    open(client, '/commissioning/new?step=plan');
    await screen.findByRole('region', { name: 'Saved templates this version cannot read' });
    const file = new File([JSON.stringify({ ...saved, name: 'Depot newer' })], 'newer.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Template JSON file'), { target: { files: [file] } });
    const ask = within(await screen.findByRole('dialog', { name: 'Import Depot newer?' }));
    expect(ask.getByText('Replaces the saved template Depot newer')).toBeTruthy();
    expect(client.callsOf('commissioning:saveTemplate')).toEqual([]);
  });
});
