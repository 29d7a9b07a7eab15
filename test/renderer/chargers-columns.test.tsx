// @vitest-environment jsdom
// The chargers list's columns: what the user shows or hides stays (across a charger's page and back), laid
// over the defaults of the window's width, which still apply to the columns the user did not touch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { fakeClient, liveBench, Where, withBench, stubResizeObserver } from './fake-client';
import { aCharger } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargersScreen } from '../../src/renderer/src/features/chargers/ChargersScreen';

stubResizeObserver();

/** The window's width as the media queries read it. */
let width = 1600;
beforeEach(() => {
  width = 1600;
  sessionStorage.clear();
  window.matchMedia = ((query: string) => {
    const max = /max-width:\s*([\d.]+)px/.exec(query);
    return {
      matches: max ? width <= Number(max[1]) : false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    };
  }) as unknown as typeof window.matchMedia;
  useBench.setState(initialBenchState, true);
});
let off: (() => void) | undefined;
afterEach(() => {
  off?.();
  cleanup();
});

const NoSend = () => null;
const screens = (
  <>
    <Routes>
      <Route path="/chargers" element={<ChargersScreen SendDialog={NoSend} />} />
      <Route path="/chargers/:id" element={<div>the charger page</div>} />
    </Routes>
    <Where />
  </>
);
const headers = () => screen.getAllByRole('columnheader').map((h) => h.textContent);

/** Hides a column from its header's menu, as the user does. */
async function hide(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(screen.getByLabelText(`${name} column menu`));
  await user.click(await screen.findByRole('menuitem', { name: /Hide column/i }));
}

describe('the columns of the chargers list', () => {
  it('keeps the columns the user hid across a charger page and back, and the narrow window still hides the ones not touched', async () => {
    const user = userEvent.setup();
    const client = fakeClient();
    off = liveBench(client, { chargers: { CP001: aCharger('CP001') } });
    render(withBench(client, screens, '/chargers'));
    await screen.findByText('CP001');
    // Wide: every column.
    expect(headers()).toContain('Registered');
    expect(headers()).toContain('Address');
    await hide(user, 'Firmware');
    expect(headers()).not.toContain('Firmware');
    expect(headers()).toContain('Registered');

    // To the charger's page (a click on its row) and back, in a narrower window.
    await user.click(screen.getByText('CP001'));
    expect(screen.getByTestId('where').textContent).toBe('/chargers/CP001');
    cleanup();
    width = 1200;
    render(withBench(client, screens, '/chargers'));
    await screen.findByText('CP001');
    // The user's choice stays; the width's default hides Registered, which the user did not touch.
    expect(headers()).not.toContain('Firmware');
    expect(headers()).not.toContain('Registered');
    expect(headers()).toContain('Address');
    expect(headers()).toContain('Vendor / model');
  });
});
