// @vitest-environment jsdom
// The meter chart at small scales and with a load limit: a charger that delivered a few Wh gets an energy
// axis in Wh that reads (not "0 0 0 0 0" kWh), small values keep their digits, and the commissioning's
// test session chart draws the load limit the text above it names, labelled, on the power axis.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ThemeProvider } from '@mui/material/styles';
import { axisNumber, MeterChart } from '../../src/renderer/src/components/MeterChart';
import { makeTheme } from '../../src/renderer/src/app/theme';
import { SessionChart } from '../../src/renderer/src/features/commissioning/ChecksStep';
import type { MeterSample } from '../../src/shared/api/meter';
import { stubResizeObserver, withBench, fakeClient } from './fake-client';
import { view } from './commissioning-fixtures';

stubResizeObserver();
afterEach(cleanup);

const t0 = Date.UTC(2026, 2, 1, 9, 0, 0);
/** A session that delivered 4 Wh over a minute, at 250 W. */
const small: MeterSample[] = Array.from({ length: 7 }, (_, i) => ({ t: t0 + i * 10_000, powerW: 250, energyWh: 1000 + Math.round((i * 4) / 6), transactionId: 5 }));

const texts = (root: Element) => [...root.querySelectorAll('text')].map((t) => t.textContent ?? '');

describe('the energy axis at a small scale', () => {
  it('is in Wh with distinct ticks for a session of 4 Wh', () => {
    const { container } = render(
      <ThemeProvider theme={makeTheme('light')}>
        <MeterChart samples={small} meterStart={1000} energyLabel="Energy delivered (kWh)" title="chart" emptyText="" width={600} height={240} />
      </ThemeProvider>,
    );
    const all = texts(container);
    expect(all).toContain('Wh');
    expect(all).not.toContain('kWh');
    // The right axis's ticks: distinct numbers up to 4 (Wh), not a row of zeros.
    const energyAxis = container.querySelectorAll('.MuiChartsAxis-directionY')[1]!;
    const ticks = texts(energyAxis).filter((t) => /^[\d.,]+$/.test(t));
    expect(ticks.length).toBeGreaterThan(2);
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(ticks).toContain('4');
  });

  it('keeps the digits of small tick values', () => {
    expect(axisNumber(0.004)).toBe((0.004).toLocaleString());
    expect(axisNumber(0.0005)).not.toBe('0');
    expect(axisNumber(0.25)).toBe((0.25).toLocaleString());
    expect(axisNumber(12_345)).toBe((12_345).toLocaleString());
  });
});

describe('the load limit', () => {
  it('is drawn on the meter chart, labelled, with the power axis reaching it', () => {
    const { container } = render(
      <ThemeProvider theme={makeTheme('light')}>
        <MeterChart samples={small} title="chart" emptyText="" width={600} height={240} limitW={11_000} />
      </ThemeProvider>,
    );
    expect(texts(container)).toContain('Load limit 11.0 kW');
    const powerAxis = container.querySelectorAll('.MuiChartsAxis-directionY')[0]!;
    expect(texts(powerAxis).some((t) => Number(t.replace(/,/g, '')) >= 11)).toBe(true);
  });

  it('is drawn on the commissioning test session chart the text above names it on', () => {
    const v = view({
      session: {
        transactionId: 5,
        samples: small.map((s) => ({ ts: new Date(s.t).toISOString(), energyWh: s.energyWh!, powerW: s.powerW! })),
        limitW: 11_000,
      } as never,
    });
    render(withBench(fakeClient({}), <SessionChart view={v} stale={false} />));
    expect(screen.getByText(/The power must stay under the load limit of 11\.0 kW\./)).toBeTruthy();
    const chart = screen.getByRole('figure', { name: 'Test session meter values' });
    expect(texts(chart)).toContain('Load limit 11.0 kW');
  });
});
