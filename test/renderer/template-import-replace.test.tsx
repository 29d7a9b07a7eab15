// @vitest-environment jsdom
// Commissioning → Plan → Import JSON: a template whose name is a saved one's is never replaced without
// asking (replace it, or save the import under another name); a built-in's exported JSON is offered to be
// saved as a copy (an editable name) rather than refused flatly; and a new import attempt clears what was
// said about the earlier file, so one red alert stands for one bad file.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CallFailure } from '../../src/renderer/src/api/client';
import { builtInTemplates, type CommissioningTemplate } from '../../src/shared/api/commissioning';
import { copyName } from '../../src/renderer/src/features/commissioning/TemplateTools';
import { fakeClient } from './fake-client';
import { open, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const builtIn = builtInTemplates[0]!;
const t1 = (heartbeat: string): CommissioningTemplate => ({ ...builtIn, name: 'T1', keys: { HeartbeatInterval: heartbeat } });

/** A fake bench holding the built-ins and `saved`, saving as the real one does (a built-in's name refused). */
function bench(saved: CommissioningTemplate[]) {
  return fakeClient({
    'commissioning:templates': () => ({ builtIn: builtInTemplates, saved: [...saved] }),
    'commissioning:saveTemplate': ({ template }) => {
      if (builtInTemplates.some((b) => b.name === template.name))
        throw new CallFailure({ status: 400, message: `Invalid field "template.name": "${template.name}" is a built-in template; save yours under another name`, field: 'template.name' });
      const at = saved.findIndex((s) => s.name === template.name);
      if (at >= 0) saved[at] = template as CommissioningTemplate;
      else saved.push(template as CommissioningTemplate);
      return template as CommissioningTemplate;
    },
  });
}

const importFile = (text: string, name: string) => fireEvent.change(screen.getByLabelText('Template JSON file'), { target: { files: [new File([text], name, { type: 'application/json' })] } });

describe('importing a template whose name is in use', () => {
  it('asks before replacing a saved template of the same name, and replaces it only when told', async () => {
    const saved = [t1('300')];
    const client = bench(saved);
    open(client, '/commissioning/new?step=plan');
    await screen.findByRole('button', { name: 'Import JSON' });

    importFile(JSON.stringify(t1('600')), 'T1.json');
    const dialog = within(await screen.findByRole('dialog', { name: 'Import T1?' }));
    expect(dialog.getByText(/a saved template has that name\. Importing it under that name replaces the saved one/)).toBeTruthy();
    expect(dialog.getByText('Replaces the saved template T1')).toBeTruthy();
    expect(client.callsOf('commissioning:saveTemplate')).toEqual([]);

    // Cancel: nothing saved.
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('commissioning:saveTemplate')).toEqual([]);
    expect(saved[0]!.keys).toEqual({ HeartbeatInterval: '300' });

    // Again, and replace.
    importFile(JSON.stringify(t1('600')), 'T1.json');
    const again = within(await screen.findByRole('dialog', { name: 'Import T1?' }));
    await userEvent.click(again.getByRole('button', { name: 'Replace T1' }));
    expect(await screen.findByText('Imported T1.json and replaced the saved template T1.')).toBeTruthy();
    expect(client.callsOf('commissioning:saveTemplate')).toEqual([{ template: expect.objectContaining({ name: 'T1', keys: { HeartbeatInterval: '600' } }) }]);
  });

  it('saves the import under another name when one is given, leaving the saved one as it was', async () => {
    const saved = [t1('300')];
    const client = bench(saved);
    open(client, '/commissioning/new?step=plan');
    await screen.findByRole('button', { name: 'Import JSON' });
    importFile(JSON.stringify(t1('600')), 'T1.json');
    const dialog = within(await screen.findByRole('dialog', { name: 'Import T1?' }));
    const name = dialog.getByRole('textbox', { name: 'Save the import as' });
    await userEvent.clear(name);
    await userEvent.type(name, 'T1 site B');
    expect(dialog.getByText('Saved as a new template')).toBeTruthy();
    await userEvent.click(dialog.getByRole('button', { name: 'Save as T1 site B' }));
    expect(await screen.findByText('Imported T1.json and saved it as T1 site B (its name in the file, T1, is in use).')).toBeTruthy();
    expect(saved.map((t) => [t.name, t.keys.HeartbeatInterval])).toEqual([
      ['T1', '300'],
      ['T1 site B', '600'],
    ]);
  });

  it("offers to save a built-in's exported JSON as an editable copy instead of refusing it", async () => {
    const client = bench([]);
    open(client, '/commissioning/new?step=plan');
    await screen.findByRole('button', { name: 'Import JSON' });
    importFile(JSON.stringify(builtIn, null, 2), 'Public-AC.json');
    const dialog = within(await screen.findByRole('dialog', { name: `Import ${builtIn.name}?` }));
    expect(dialog.getByText(/the name of a built-in template, which cannot be replaced/)).toBeTruthy();
    const name = dialog.getByRole('textbox', { name: 'Save the import as' }) as HTMLInputElement;
    expect(name.value).toBe(`${builtIn.name} (copy)`);

    // The built-in's own name cannot be chosen.
    await userEvent.clear(name);
    await userEvent.type(name, builtIn.name);
    expect(dialog.getByText('A built-in’s name cannot be used: choose another')).toBeTruthy();
    expect((dialog.getByRole('button', { name: `Save as ${builtIn.name}` }) as HTMLButtonElement).disabled).toBe(true);

    await userEvent.clear(name);
    await userEvent.type(name, 'My public AC');
    await userEvent.click(dialog.getByRole('button', { name: 'Save as My public AC' }));
    expect(await screen.findByText(`Imported Public-AC.json and saved it as My public AC (its name in the file, ${builtIn.name}, is in use).`)).toBeTruthy();
    expect(client.callsOf('commissioning:saveTemplate')).toEqual([{ template: expect.objectContaining({ name: 'My public AC', keys: builtIn.keys }) }]);
  });

  it('saves a template with a new name at once', async () => {
    const client = bench([]);
    open(client, '/commissioning/new?step=plan');
    await screen.findByRole('button', { name: 'Import JSON' });
    importFile(JSON.stringify(t1('600')), 'T1.json');
    expect(await screen.findByText('Imported T1.json and saved it as T1.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('names copies apart, within the length a name may have', () => {
    expect(copyName('A', [])).toBe('A (copy)');
    expect(copyName('A', ['A (copy)', 'A (copy 2)'])).toBe('A (copy 3)');
    expect(copyName('x'.repeat(80), []).length).toBe(80);
  });
});

describe('one import, one message', () => {
  it('clears the earlier import error when another file is imported', async () => {
    const client = bench([]);
    open(client, '/commissioning/new?step=plan');
    await screen.findByRole('button', { name: 'Import JSON' });
    importFile('{"name": 5}', 'first.json');
    expect(await screen.findByText(/first\.json is not a commissioning template/)).toBeTruthy();
    importFile('not json', 'second.json');
    expect(await screen.findByText('second.json is not JSON.')).toBeTruthy();
    expect(screen.queryByText(/first\.json/)).toBeNull();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('clears a refusal by the bench when another file is imported', async () => {
    const client = fakeClient({
      'commissioning:templates': () => ({ builtIn: builtInTemplates, saved: [] }),
      'commissioning:saveTemplate': () => {
        throw new CallFailure({ status: 507, message: 'The bench cannot record right now (its disk is full)' });
      },
    });
    open(client, '/commissioning/new?step=plan');
    await screen.findByRole('button', { name: 'Import JSON' });
    importFile(JSON.stringify(t1('600')), 'T1.json');
    expect(await screen.findByText(/Not imported: The bench cannot record right now/)).toBeTruthy();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    importFile('not json', 'second.json');
    expect(await screen.findByText('second.json is not JSON.')).toBeTruthy();
    expect(screen.queryByText(/Not imported/)).toBeNull();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });
});
