// @vitest-environment jsdom
// The checks step names the connector the test session ran on, and the charger's other connectors as not
// tested in a session, as the session step recorded them; before the step has run it names none.
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { fakeClient } from './fake-client';
import { open, result, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const session = result({
  id: 'C8_SESSION',
  title: 'Test session',
  section: '8',
  verdict: 'pass',
  measurements: [
    { label: 'Test session on connector', value: '1', ok: null },
    { label: 'Connector 2', value: 'not tested in a session', ok: null, wanted: 'the test session ran on connector 1' },
  ],
});
const steps = (r: typeof session | null) => view().steps.map((s) => (s.id === 'C8_SESSION' ? { ...s, result: r, attempts: r ? 1 : 0 } : s));

describe('the checks step’s test session', () => {
  it('names its connector and the connector not tested in a session', async () => {
    const client = fakeClient({ 'commissioning:get': () => view({ steps: steps(session), session: { samples: [], limitW: null } }) });
    open(client, '/commissioning/c1?step=checks');
    const region = await screen.findByRole('region', { name: 'Test session' });
    expect(region.querySelector('h3')!.textContent).toBe('Test session on connector 1 (connector 2 not tested in a session)');
  });

  it('names no connector before the session step has run', async () => {
    const client = fakeClient({ 'commissioning:get': () => view({ steps: steps(null) }) });
    open(client, '/commissioning/c1?step=checks');
    const region = await screen.findByRole('region', { name: 'Test session' });
    expect(region.querySelector('h3')!.textContent).toBe('Test session');
  });
});
