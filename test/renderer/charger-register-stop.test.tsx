// @vitest-environment jsdom
// An idle connector's register is the newest the bench knows: a StopTransaction's meterStop that came after
// the last meter reading (a charger sends none after the stop) is shown, with its time, not the older reading.
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { chargerScreenHooks, showChargerAfterStop } from './charger-page-harness';
import { aTransaction, meterRows, minutesAgo } from './builders';
import { formatClock } from '../../src/renderer/src/components/format';

chargerScreenHooks();

describe('the register of an idle connector', () => {
  it('is the later StopTransaction’s meterStop, at its time', async () => {
    const readingAt = minutesAgo(12);
    const stopAt = minutesAgo(5);
    showChargerAfterStop(aTransaction(5, 'CP001', 1, 'USER-9', { meterStart: 100, meterStop: 434, stopTime: stopAt, active: false }), meterRows('CP001', 1, readingAt, 368, 7000, 5));
    await waitFor(() => expect(screen.getByTestId('meter-latest-1').textContent).toBe('No session running · register 434 Wh'));
    expect(screen.getByTestId('meter-latest-1').parentElement?.textContent).toContain(`at ${formatClock(Date.parse(stopAt))}`);
  });

  it('is the meter reading when it is newer than the last stop', async () => {
    showChargerAfterStop(aTransaction(4, 'CP001', 1, 'USER-9', { meterStart: 100, meterStop: 300, stopTime: minutesAgo(30), active: false }), meterRows('CP001', 1, minutesAgo(12), 368, 7000, null));
    await waitFor(() => expect(screen.getByTestId('meter-latest-1').textContent).toBe('No session running · register 368 Wh'));
  });
});
