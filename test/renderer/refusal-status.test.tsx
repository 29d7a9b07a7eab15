// @vitest-environment jsdom
// A refusal's HTTP status is read in one place for the Chargers list and the Connect screen: a reason the
// bench's admission gives has its status, any other (refused before HTTP, or a reason this UI does not
// know) has none. The Chargers list then says plain "Refused", never a made-up "Refused (400)" beside a
// Connect screen that shows no HTTP status for the very same attempt.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { fakeClient, withBench } from './fake-client';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { refusalKind, refusalStatus, refusalsOf } from '../../src/renderer/src/components/refusals';
import { AttemptsTable } from '../../src/renderer/src/components/connect-parts';
import { ConnectionChip, refusalWords } from '../../src/renderer/src/features/chargers/chargerFields';
import type { ConnectionAttemptView } from '../../src/shared/api/views';

const unknownReason = 'TLS on the plain port: CP-1 opened a TLS handshake (wss://) on the bench’s ws:// port';
const attempt = (id: number, reason: string): ConnectionAttemptView => ({
  id,
  ts: new Date(Date.now() - id * 1000).toISOString(),
  chargerId: 'CP-1',
  remoteAddress: '10.0.0.7',
  outcome: 'refused',
  reason,
});

beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true }, true));
afterEach(cleanup);

describe("a refusal's HTTP status", () => {
  it('is one reading for both screens: null for a reason not of admission’s, not 400', () => {
    expect(refusalKind(unknownReason)).toEqual({ status: null, short: 'tls on the plain port', fix: 'see the Connect screen' });
    expect(refusalKind(null).status).toBeNull();
    for (const reason of [unknownReason, 'Password missing: CP-1 sent no password', 'Unknown charger: CP-1 is not registered', 'Wrong OCPP version: ocpp2.0.1', '', 'Something new'])
      expect(refusalStatus(reason)).toBe(refusalKind(reason).status);
    expect(refusalStatus('Password missing: CP-1 sent no password')).toBe(401);
  });

  it('shows as plain "Refused" on the Chargers list when not known, as the Connect screen shows no status', () => {
    const refusal = refusalsOf([attempt(1, unknownReason)])['CP-1'];
    render(
      withBench(
        fakeClient(),
        <>
          <ConnectionChip connected={false} lastSeen={new Date().toISOString()} withLastSeen refusal={refusal} />
          <AttemptsTable attempts={[attempt(1, unknownReason)]} />
        </>,
      ),
    );
    const chip = screen.getByTestId('connection-refused');
    expect(within(chip).getByText('Refused')).toBeTruthy();
    expect(chip.textContent).not.toMatch(/\d{3}/);
    expect(chip.getAttribute('aria-label')).toMatch(/^Refused \(tls on the plain port\) 1× since/);
    expect(refusalWords(refusal)).toMatch(/^Refused \(tls on the plain port\) 1× since .*: see the Connect screen$/);
    const table = screen.getByRole('table', { name: 'Connection attempts' });
    expect(within(table).queryByText(/HTTP/)).toBeNull();
  });

  it('keeps its status on both when admission gave one', () => {
    const reason = 'Password missing: CP-1 sent no password';
    render(
      withBench(
        fakeClient(),
        <>
          <ConnectionChip connected={false} refusal={refusalsOf([attempt(1, reason)])['CP-1']} />
          <AttemptsTable attempts={[attempt(1, reason)]} />
        </>,
      ),
    );
    expect(within(screen.getByTestId('connection-refused')).getByText('Refused (401)')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Connection attempts' })).getByText('HTTP 401')).toBeTruthy();
  });
});
