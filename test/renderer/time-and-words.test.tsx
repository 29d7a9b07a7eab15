// @vitest-environment jsdom
// Every time on screen is written the one way (src/shared/format/time.ts, the user's locale), and no UI
// text shows a literal backtick.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThemeProvider } from '@mui/material/styles';
import { fakeClient, liveBench, routed, withBench, stubResizeObserver } from './fake-client';
import { aCharger, minutesAgo } from './builders';
import { ChargerDetailScreen } from '../../src/renderer/src/app/screens';
import { SignIn } from '../../src/renderer/src/app/SignIn';
import { makeTheme } from '../../src/renderer/src/app/theme';
import { formatDateTime } from '../../src/shared/format/time';

stubResizeObserver();

afterEach(cleanup);

describe('times and words on screen', () => {
  it('writes the charger page’s times in the shared format', () => {
    const lastBoot = minutesAgo(90);
    const client = fakeClient({ 'chargers:meterValues': () => [], 'chargers:list': () => [] });
    const off = liveBench(client, { chargers: { CP001: aCharger('CP001', { lastBoot }) } });
    render(withBench(client, routed({ '/chargers/:id': <ChargerDetailScreen /> }), '/chargers/CP001'));
    expect(screen.getByText(`${formatDateTime(lastBoot)} (1 h ago)`)).toBeTruthy();
    off();
  });

  it('shows no backticks in the sign-in page, its hints or its errors', async () => {
    render(
      <ThemeProvider theme={makeTheme('light')}>
        <SignIn onToken={async () => false} rejected />
      </ThemeProvider>,
    );
    expect(document.body.textContent).toContain('chargebench serve');
    expect(document.body.textContent).not.toContain('`');
    await userEvent.type(screen.getByLabelText('API token'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/That token was not accepted \(or the bench is not running\)/)).toBeTruthy();
    expect(document.body.textContent).not.toContain('`');
  });
});
