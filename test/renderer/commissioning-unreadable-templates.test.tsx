// @vitest-environment jsdom
// Commissioning → Plan: a saved template this version cannot read (another version saved it, or its record
// is damaged: not JSON, said as such) is shown, greyed, with why, instead of vanishing; it cannot be chosen
// to start a commissioning; it can be downloaded exactly as stored, and deleted after a question naming it
// that says deleting cannot be undone (Cancel deletes nothing); one already gone when deleted (from another
// window) leaves the list and is said to be gone; a JSON import of its name asks before replacing it, as
// for any saved template.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { builtInTemplates, type UnreadableTemplate } from '../../src/shared/api/commissioning';
import { CallFailure } from '../../src/renderer/src/api/client';
import { fakeClient } from './fake-client';
import { open, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const urlBefore = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
afterEach(() => {
  vi.restoreAllMocks();
  Object.assign(URL, urlBefore);
});

const saved = { ...builtInTemplates[0]!, name: 'Depot good' };
const REASON = 'sessionSeconds: Invalid input: expected number, received string';
const WORDS = `Saved by another version of ChargeBench; this version cannot read it (${REASON})`;

const STORED = '{"name":"Depot newer","sessionSeconds":"long"}';
const DAMAGED = '{"name": "Depot torn", ';

function bench() {
  const unreadable: UnreadableTemplate[] = [{ name: 'Depot newer', kind: 'otherVersion', reason: REASON, stored: STORED }];
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
    // What deleting means: it cannot be undone, and the version that saved it could still use it.
    expect(
      again.getByText(
        'Deleting Depot newer from this bench cannot be undone. The version of ChargeBench that saved it could still use it: download it as saved first to keep it. Commissionings already made with it keep their plan.',
      ),
    ).toBeTruthy();
    expect(again.getByRole('button', { name: 'Download as saved' })).toBeTruthy();
    await userEvent.click(again.getByRole('button', { name: 'Delete Depot newer' }));
    await waitFor(() => expect(screen.queryByText(WORDS)).toBeNull());
    expect(client.callsOf('commissioning:deleteTemplate')).toEqual([{ name: 'Depot newer' }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByRole('region', { name: 'Saved templates this version cannot read' })).toBeNull();
  });

  it("a damaged one (not JSON) is said to be damaged, not another version's", async () => {
    const client = bench();
    client.handlers['commissioning:templates'] = () => ({
      builtIn: builtInTemplates,
      saved: [saved],
      unreadable: [{ name: 'Depot torn', kind: 'damaged', reason: 'it is not JSON', stored: DAMAGED }],
    });
    open(client, '/commissioning/new?step=plan');
    const shown = within(await screen.findByRole('region', { name: 'Saved templates this version cannot read' }));
    expect(shown.getByText('Damaged in the record (not JSON): no version of ChargeBench can read it')).toBeTruthy();
    expect(shown.queryByText(/another version/)).toBeNull();
    await userEvent.click(shown.getByRole('button', { name: 'Delete Depot torn' }));
    const ask = within(await screen.findByRole('dialog', { name: 'Delete Depot torn?' }));
    expect(ask.getByText(/^Deleting Depot torn from this bench cannot be undone\. Its record is damaged/)).toBeTruthy();
    expect(ask.queryByText(/another version|could still use it/)).toBeNull();
  });

  it('downloads it exactly as stored, as <name>.json', async () => {
    const blobs = new Map<string, Blob>();
    const files: { name: string; blob: Blob }[] = [];
    Object.assign(URL, { createObjectURL: vi.fn((b: Blob) => (blobs.set(`blob:test/${blobs.size}`, b), `blob:test/${blobs.size - 1}`)), revokeObjectURL: vi.fn() });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      files.push({ name: this.download, blob: blobs.get(this.href)! });
    });
    const client = bench();
    open(client, '/commissioning/new?step=plan');
    const shown = within(await screen.findByRole('region', { name: 'Saved templates this version cannot read' }));
    await userEvent.click(shown.getByRole('button', { name: 'Download Depot newer as saved' }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]!.name).toBe('Depot-newer.json');
    expect(await files[0]!.blob.text()).toBe(STORED);
    // From the question too, before deleting it.
    await userEvent.click(shown.getByRole('button', { name: 'Delete Depot newer' }));
    const ask = within(await screen.findByRole('dialog', { name: 'Delete Depot newer?' }));
    await userEvent.click(ask.getByRole('button', { name: 'Download as saved' }));
    await waitFor(() => expect(files).toHaveLength(2));
    expect(await files[1]!.blob.text()).toBe(STORED);
    expect(client.callsOf('commissioning:deleteTemplate')).toEqual([]);
  });

  it('one already gone (deleted from another window) leaves the list and is said to be gone', async () => {
    const client = bench();
    const listed: UnreadableTemplate[] = [{ name: 'Depot newer', kind: 'otherVersion', reason: REASON, stored: STORED }];
    client.handlers['commissioning:templates'] = () => ({ builtIn: builtInTemplates, saved: [saved], unreadable: [...listed] });
    client.handlers['commissioning:deleteTemplate'] = ({ name }) => {
      throw new CallFailure({ status: 404, message: `No saved template "${name}"`, field: 'name' });
    };
    open(client, '/commissioning/new?step=plan');
    const shown = within(await screen.findByRole('region', { name: 'Saved templates this version cannot read' }));
    await userEvent.click(shown.getByRole('button', { name: 'Delete Depot newer' }));
    const ask = within(await screen.findByRole('dialog', { name: 'Delete Depot newer?' }));
    // Meanwhile another window deletes it.
    listed.length = 0;
    await userEvent.click(ask.getByRole('button', { name: 'Delete Depot newer' }));
    expect(await ask.findByText('Depot newer was already deleted (from another window, say): it is no longer saved on this bench.')).toBeTruthy();
    expect(ask.queryByText(/Not deleted/)).toBeNull();
    await userEvent.click(ask.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The list was read again: it is no longer listed (nor offered in the template choice).
    expect(screen.queryByRole('region', { name: 'Saved templates this version cannot read' })).toBeNull();
    expect(screen.queryByText('Depot newer')).toBeNull();
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
