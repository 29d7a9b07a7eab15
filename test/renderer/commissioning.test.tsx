// @vitest-environment jsdom
// The commissioning wizard, step by step against a fake bench: the site and job (the schema's messages, a
// known site filling in its job), the checks (each step's verdict, what to do, a step run again, news
// from the bench fetched), the checklist and photos (saved as given, a wrong file refused in words), the
// handover (signature drawn or typed, the customer's acknowledgement, signed after asking) and the report.
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CallFailure } from '../../src/renderer/src/api/client';
import { useBench } from '../../src/renderer/src/stores/bench';
import { setDraft } from '../../src/renderer/src/features/commissioning/draft';
import { builtInTemplates, type CommissioningView } from '../../src/shared/api/commissioning';
import { fakeClient } from './fake-client';
import { charger, open, template, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

describe('site and job', () => {
  it("says what is missing in the schema's words and stays on the step", async () => {
    const client = fakeClient({ 'commissioning:sites': () => [] });
    open(client, '/commissioning/new?step=site');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Name the site')).toBeTruthy();
    expect(screen.getByText('Name the installer')).toBeTruthy();
    expect(screen.getByTestId('where').textContent).toBe('/commissioning/new?step=site');
  });

  it('fills in the job last used at a site picked from the list, then goes on to connect', async () => {
    const client = fakeClient({
      'commissioning:sites': () => [{ site: 'Depot Nord', address: 'Hafenstraße 1', location: 'Bay 3', installer: 'A. Person', company: 'Elektro GmbH', customer: 'Stadtwerke' }],
    });
    open(client, '/commissioning/new?step=site');
    const site = screen.getByRole('combobox', { name: /Site/ });
    await userEvent.type(site, 'Dep');
    await userEvent.click(await screen.findByRole('option', { name: 'Depot Nord' }));
    expect((screen.getByRole('textbox', { name: 'Site address' }) as HTMLInputElement).value).toBe('Hafenstraße 1');
    expect((screen.getByRole('textbox', { name: /^Installer/ }) as HTMLInputElement).value).toBe('A. Person');
    expect((screen.getByRole('textbox', { name: 'Company' }) as HTMLInputElement).value).toBe('Elektro GmbH');
    expect((screen.getByRole('textbox', { name: 'Customer' }) as HTMLInputElement).value).toBe('Stadtwerke');
    // The location is this charger's own: offered, not copied.
    expect((screen.getByRole('textbox', { name: 'Charger location' }) as HTMLInputElement).value).toBe('');
    expect(screen.getByText(/the last charger there: Bay 3/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByTestId('where').textContent).toBe('/commissioning/new?step=connect');
  });
});

describe('connect and plan', () => {
  it('shows the reason of a refusal as it happens, and lets the plan start once the chosen charger is in', async () => {
    useBench.setState({ chargers: {} });
    let attempts = [{ id: 1, ts: '2000-01-01T00:00:00Z', chargerId: 'OLD', remoteAddress: '::ffff:10.0.0.9', outcome: 'refused' as const, reason: 'an old refusal' }];
    const client = fakeClient({
      'network:addresses': () => [{ url: 'ws://192.168.1.10:9000/ocpp/', interface: 'eth0', family: 'IPv4', internal: false }] as never,
      'settings:get': () => ({ requirePassword: false, unknownChargers: 'accept' }) as never,
      'connectionAttempts:list': () => attempts,
    });
    open(client, '/commissioning/new?step=connect');
    expect(await screen.findByText(/No charger has been refused since/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    attempts = [
      { id: 2, ts: new Date(Date.now() + 1000).toISOString(), chargerId: 'CP001', remoteAddress: '::ffff:192.168.1.20', outcome: 'refused', reason: 'Wrong password for CP001' },
      ...attempts,
    ];
    act(() => useBench.setState((st) => ({ connectionsVersion: st.connectionsVersion + 1 })));
    const refusal = await screen.findByRole('status', { name: 'Last refused attempt' });
    expect(refusal.textContent).toContain('CP001 from 192.168.1.20');
    expect(refusal.textContent).toContain('Wrong password for CP001');
    act(() => useBench.setState({ chargers: { CP001: charger('CP001') } }));
    expect(screen.getByText(/CP001 is connected \(Acme Wall 22\)/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Next: plan for CP001' }));
    expect(screen.getByTestId('where').textContent).toBe('/commissioning/new?step=plan');
  });

  it('notes a short session, refuses a file that is no template, and takes a charger as the reference', async () => {
    const client = fakeClient({
      'commissioning:templates': () => ({ builtIn: builtInTemplates, saved: [] }),
      'commissioning:referenceTemplate': ({ name }) => ({ ...builtInTemplates[0], name, keys: { HeartbeatInterval: '120' } }),
    });
    open(client, '/commissioning/new?step=plan');
    const length = await screen.findByRole('textbox', { name: 'Test session (s)' });
    expect((length as HTMLInputElement).value).toBe('300');
    await userEvent.clear(length);
    await userEvent.type(length, '60');
    expect(screen.getByText('Shorter than 5 minutes: allowed, noted in the report')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Template JSON file'), { target: { files: [new File(['{"name": 5}'], 'bad.json', { type: 'application/json' })] } });
    expect(await screen.findByText(/bad\.json is not a commissioning template \(name:/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Use a charger as the reference' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: "Read CP001's configuration" }));
    expect(client.callsOf('commissioning:referenceTemplate')).toEqual([{ chargerId: 'CP001', name: 'As CP001' }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('As CP001: not saved (save it to use it again)')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Configuration baseline' })).getByText('120')).toBeTruthy();
  });
});

describe('checks', () => {
  it('when the run cannot start, says why and on Start again runs the same commissioning rather than making another', async () => {
    useBench.setState({ chargers: { CP001: { ...charger('CP001'), virtual: true } } });
    setDraft({ job: view().job, chargerId: 'CP001', template });
    let busy = true;
    const client = fakeClient({
      'commissioning:create': () => view({ state: 'ready' }),
      'commissioning:run': () => {
        if (busy) throw new CallFailure({ status: 409, message: 'A test run is running on CP001: stop it first' });
        return null;
      },
      'commissioning:get': () => view(),
    });
    open(client, '/commissioning/new?step=checks');
    await userEvent.click(await screen.findByRole('button', { name: 'Start the checks on CP001' }));
    expect(await screen.findByText(/Could not start: A test run is running on CP001/)).toBeTruthy();
    busy = false;
    await userEvent.click(screen.getByRole('button', { name: 'Start the checks on CP001' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/commissioning/c1?step=checks'));
    expect(client.callsOf('commissioning:create')).toHaveLength(1);
    expect(client.callsOf('commissioning:run')).toEqual([{ id: 'c1' }, { id: 'c1' }]);
  });

  it("shows each step's verdict, what to do about a failure with the values wanted, and the configuration diff", async () => {
    const client = fakeClient({ 'commissioning:get': () => view() });
    open(client, '/commissioning/c1?step=checks');
    const steps = await screen.findByRole('list', { name: 'Steps of the plan' });
    expect(within(within(steps).getByRole('listitem', { name: 'Identity and clock' })).getByText('Pass')).toBeTruthy();
    expect(within(within(steps).getByRole('listitem', { name: 'Test session' })).getByText('Not run yet')).toBeTruthy();
    const failed = within(steps).getByRole('listitem', { name: 'Configuration baseline' });
    expect(within(failed).getByText('Fail')).toBeTruthy();
    // Open by itself: the installer's work is there.
    expect(within(failed).getByText(/set it in the vendor's tool/)).toBeTruthy();
    const measured = within(failed).getByRole('table', { name: 'Measured in Configuration baseline' });
    const row = within(measured).getByText('AllowOfflineTxForUnknownId').closest('tr')!;
    expect(row.textContent).toContain('was true, now true (Rejected)');
    expect(row.textContent).toContain('false');
    expect(within(failed).getByRole('table', { name: 'Frames of Configuration baseline' }).textContent).toContain('ChangeConfiguration');
    const diff = screen.getByRole('table', { name: 'Configuration diff' });
    const diffRow = within(diff).getByText('AllowOfflineTxForUnknownId').closest('tr')!;
    expect([...diffRow.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['AllowOfflineTxForUnknownId', 'false', 'true', 'true', 'Rejected']);
  });

  it('runs one step again, and fetches the commissioning again when the bench says it changed', async () => {
    let current = view();
    const client = fakeClient({ 'commissioning:get': () => current, 'commissioning:run': () => null });
    open(client, '/commissioning/c1?step=checks');
    const failed = await screen.findByRole('listitem', { name: 'Configuration baseline' });
    await userEvent.click(within(failed).getByRole('button', { name: 'Run “Configuration baseline” again' }));
    // It changes the charger as the first run did: asked first, saying what it does.
    const ask = within(await screen.findByRole('dialog', { name: 'Run “Configuration baseline” again on CP001?' }));
    expect(ask.getByText(/^It sets 2 configuration keys to the baseline \(a key that needs it restarts the charger\)\. Earlier results are replaced\.$/)).toBeTruthy();
    expect(client.callsOf('commissioning:run')).toEqual([]);
    const go = ask.getByRole('button', { name: 'Run “Configuration baseline” again' });
    await waitFor(() => expect((go as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(go);
    expect(client.callsOf('commissioning:run')).toEqual([{ id: 'c1', steps: ['C5_BASELINE'] }]);

    current = view({ state: 'running', running: { stepId: 'C5_BASELINE', step: 'Bench sets AllowOfflineTxForUnknownId to false' } });
    act(() =>
      client.emit([
        {
          type: 'commissioningChanged',
          commissioning: { id: 'c1', chargerId: 'CP001', site: 'Depot Nord', location: 'Bay 4', state: 'running', verdict: 'fail', createdAt: '', updatedAt: '', running: current.running },
          ts: '2025-01-01T10:06:00Z',
        },
      ]),
    );
    await waitFor(() => expect(screen.getByRole('status', { name: '' }).textContent).toContain('Running: Configuration baseline — Bench sets AllowOfflineTxForUnknownId to false'));
    expect(client.callsOf('commissioning:get').length).toBe(2);
    expect(within(screen.getByRole('listitem', { name: 'Configuration baseline' })).getByText('Running')).toBeTruthy();
    // While it runs, no step can be started again.
    expect((within(screen.getByRole('listitem', { name: 'Configuration baseline' })).getByRole('button', { name: /again/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('marks what it shows as not live while the link to the bench is lost', async () => {
    const client = fakeClient({ 'commissioning:get': () => view() });
    open(client, '/commissioning/c1?step=checks');
    await screen.findByRole('list', { name: 'Steps of the plan' });
    expect(screen.queryByText(/Not live/)).toBeNull();
    act(() => useBench.setState({ link: 'closed' }));
    expect(screen.getByText(/Not live: the link to the bench is lost/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Run every step again' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('on-site checklist', () => {
  it('saves each answer and measured value as given', async () => {
    const client = fakeClient({ 'commissioning:get': () => view(), 'commissioning:setChecklist': ({ entries }) => view({ checklist: entries as CommissioningView['checklist'] }) });
    open(client, '/commissioning/c1?step=checklist');
    const earth = await screen.findByRole('region', { name: 'Earth resistance' });
    await userEvent.click(within(earth).getByRole('button', { name: 'Conform' }));
    expect(client.callsOf('commissioning:setChecklist')).toEqual([{ id: 'c1', entries: [{ id: 'earthResistance', result: 'conform', value: '', note: '' }] }]);
    await userEvent.type(within(earth).getByRole('textbox', { name: 'Earth resistance: measured value (Ω)' }), '0.8');
    await userEvent.tab();
    expect(client.callsOf('commissioning:setChecklist')[1]).toEqual({ id: 'c1', entries: [{ id: 'earthResistance', result: 'conform', value: '0.8', note: '' }] });
    // An item without a measured value has no field for one.
    expect(within(screen.getByRole('region', { name: 'Mounting, clearances and impact protection' })).queryByRole('textbox', { name: /measured value/ })).toBeNull();
  });

  it('refuses a measured value that is not a reading, naming the unit, and saves nothing; an over-range reading is one', async () => {
    const client = fakeClient({ 'commissioning:get': () => view(), 'commissioning:setChecklist': ({ entries }) => view({ checklist: entries as CommissioningView['checklist'] }) });
    open(client, '/commissioning/c1?step=checklist');
    const rcd = await screen.findByRole('region', { name: 'RCD trip time' });
    const field = within(rcd).getByRole('textbox', { name: 'RCD trip time: measured value (ms)' });
    for (const bad of ['-5', 'abc']) {
      await userEvent.clear(field);
      await userEvent.type(field, bad);
      await userEvent.tab();
      expect(within(rcd).getByText(/Enter the reading in ms as a number/)).toBeTruthy();
    }
    await userEvent.click(within(rcd).getByRole('button', { name: 'Conform' }));
    expect(client.callsOf('commissioning:setChecklist')).toEqual([]);
    const insulation = screen.getByRole('region', { name: 'Insulation resistance' });
    await userEvent.type(within(insulation).getByRole('textbox', { name: 'Insulation resistance: measured value (MΩ)' }), '>999');
    await userEvent.tab();
    expect(client.callsOf('commissioning:setChecklist')).toEqual([{ id: 'c1', entries: [{ id: 'insulation', result: null, value: '>999', note: '' }] }]);
  });

  it('refuses a file that is not an image, or too big, saying which and why, and adds a photo', async () => {
    const client = fakeClient({
      'commissioning:get': () => view(),
      'commissioning:addPhoto': (p) => ({ id: 'p1', name: p.name, contentType: p.contentType, bytes: 3, sha256: 'x', caption: '', addedAt: '2025-01-01T10:00:00Z' }),
    });
    open(client, '/commissioning/c1?step=checklist');
    const input = (await screen.findByLabelText('Photo files')) as HTMLInputElement;
    const text = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    const big = new File([new Uint8Array(11 * 1024 * 1024)], 'huge.jpg', { type: 'image/jpeg' });
    const png = new File([new Uint8Array([137, 80, 78])], 'board.png', { type: 'image/png' });
    fireEvent.change(input, { target: { files: [text, big, png] } });
    expect(await screen.findByText('notes.txt is not a JPEG, PNG or WebP image: not added.')).toBeTruthy();
    expect(screen.getByText(/huge\.jpg is too big \(11\.0 MB\): a photo may be at most 10\.0 MB/)).toBeTruthy();
    await waitFor(() => expect(client.callsOf('commissioning:addPhoto')).toHaveLength(1));
    expect(client.callsOf('commissioning:addPhoto')[0]).toEqual({ id: 'c1', name: 'board.png', contentType: 'image/png', dataBase64: 'iVBO', caption: '' });
  });

  it("says why the bench refused a file that only looks like an image, in the file's words, not the API's", async () => {
    const client = fakeClient({
      'commissioning:get': () => view(),
      'commissioning:addPhoto': () => {
        throw new CallFailure({ status: 400, field: 'dataBase64', message: 'Invalid field "dataBase64": the file is not a JPEG, PNG or WebP image' });
      },
    });
    open(client, '/commissioning/c1?step=checklist');
    const input = (await screen.findByLabelText('Photo files')) as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([new Uint8Array([1, 2, 3])], 'renamed.png', { type: 'image/png' })] } });
    expect(await screen.findByText('renamed.png was not added: the file is not a JPEG, PNG or WebP image')).toBeTruthy();
  });
});

describe('handover', () => {
  const handedOver = (h: NonNullable<CommissioningView['handover']>) => view({ state: 'handedOver', handover: h });

  it('asks for the signature and the acknowledgement in the schema words before anything is sent', async () => {
    const client = fakeClient({ 'commissioning:get': () => view() });
    open(client, '/commissioning/c1?step=handover');
    await userEvent.click(await screen.findByRole('button', { name: 'Sign the handover' }));
    expect(screen.getByText('Draw the signature')).toBeTruthy();
    expect(screen.getByText('The customer must acknowledge the handover')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(client.callsOf('commissioning:handover')).toEqual([]);
  });

  it('signs with a typed signature after naming the verdict and what is open, and is read-only afterwards', async () => {
    const client = fakeClient({
      'commissioning:get': () => view(),
      'commissioning:handover': ({ handover }) => handedOver({ ...handover, notes: handover.notes ?? '', signedAt: '2025-01-01T11:00:00Z', verdict: 'fail' }),
    });
    open(client, '/commissioning/c1?step=handover');
    expect(
      within(await screen.findByRole('list', { name: 'Still open' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Configuration baseline failed', 'Earth resistance not checked']);
    await userEvent.click(screen.getAllByRole('button', { name: 'Type' })[0]);
    expect(screen.getByLabelText("Installer's signature: typed").textContent).toBe('A. Person');
    await userEvent.click(screen.getByRole('checkbox', { name: /Stadtwerke acknowledges/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign the handover' }));
    const ask = screen.getByRole('dialog', { name: 'Sign the handover of CP001?' });
    expect(ask.textContent).toContain('Needs a revisit');
    expect(ask.textContent).toContain('2 items still open');
    await userEvent.click(within(ask).getByRole('button', { name: 'Sign: Needs a revisit' }));
    expect(client.callsOf('commissioning:handover')).toEqual([
      { id: 'c1', handover: { installer: { name: 'A. Person', kind: 'typed' }, customer: { name: 'Stadtwerke', acknowledged: true }, notes: '' } },
    ]);
    expect(await screen.findByText(/Handed over on .* with the verdict Needs a revisit/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign the handover' })).toBeNull();
  });

  it('sends a drawn signature as the PNG drawn on the pad', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({ beginPath() {}, moveTo() {}, lineTo() {}, stroke() {}, clearRect() {} } as unknown as CanvasRenderingContext2D);
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,SIGNED');
    const client = fakeClient({
      'commissioning:get': () => view(),
      'commissioning:handover': ({ handover }) => handedOver({ ...handover, notes: handover.notes ?? '', signedAt: '2025-01-01T11:00:00Z', verdict: 'fail' }),
    });
    open(client, '/commissioning/c1?step=handover');
    const pad = await screen.findByRole('img', { name: "Installer's signature: draw here" });
    fireEvent.pointerDown(pad, { pointerId: 1, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(pad, { pointerId: 1, clientX: 60, clientY: 40 });
    fireEvent.pointerUp(pad, { pointerId: 1 });
    await userEvent.click(screen.getByRole('checkbox', { name: /acknowledges/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign the handover' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: /^Sign:/ }));
    expect(client.callsOf('commissioning:handover')[0].handover.installer).toEqual({ name: 'A. Person', kind: 'drawn', image: 'data:image/png;base64,SIGNED' });
    expect(await screen.findByRole('img', { name: 'Signature of A. Person' })).toBeTruthy();
  });
});

describe('report', () => {
  it('downloads the report and the bundle, and says when the bench could not make one', async () => {
    const client = fakeClient({ 'commissioning:get': () => view() });
    const download = vi.fn(async ({ file }: { id: string; file: string }) => {
      if (file === 'report.pdf') throw new CallFailure({ status: 503, message: 'no Chromium to print the PDF with' });
      return { saved: true, where: 'the browser’s downloads' };
    });
    client.downloadCommissioningFile = download;
    open(client, '/commissioning/c1?step=report');
    await userEvent.click(await screen.findByRole('button', { name: 'Report (HTML)' }));
    expect(download).toHaveBeenLastCalledWith({ id: 'c1', file: 'report.html' });
    expect((await screen.findByRole('status', { name: '' })).textContent).toBe('Report (HTML) saved to the browser’s downloads.');
    await userEvent.click(screen.getByRole('button', { name: 'Diagnostic bundle (zip)' }));
    expect(download).toHaveBeenLastCalledWith({ id: 'c1', file: 'bundle.zip' });
    await userEvent.click(screen.getByRole('button', { name: 'Report (PDF)' }));
    expect(await screen.findByText('Could not make the report (pdf): no Chromium to print the PDF with')).toBeTruthy();
  });
});
