// @vitest-environment jsdom
// The checks step's test session chart writes its time axis in this computer's local time: the axis says
// which zone, as the log and the transactions say theirs ("Time (UTC+01:00)").
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { fakeClient } from './fake-client';
import { open, view, freshCommissioningScreens } from './commissioning-fixtures';
import { zoneLabel } from '../../src/renderer/src/components/format';

freshCommissioningScreens();

const samples = Array.from({ length: 6 }, (_, i) => ({ ts: new Date(Date.UTC(2025, 0, 1, 10, 0, i * 60)).toISOString(), energyWh: 1000 + i * 180, powerW: 11000 }));

describe("the test session chart's time axis", () => {
  it('is labelled with the zone its times are in', async () => {
    const client = fakeClient({ 'commissioning:get': () => view({ session: { samples, limitW: null, energyWh: 900 } }) });
    open(client, '/commissioning/c1?step=checks');
    const chart = await screen.findByRole('figure', { name: 'Test session meter values' });
    const label = `Time (${zoneLabel(Date.parse(samples[0]!.ts))})`;
    expect(label).toMatch(/^Time \(UTC([+-]\d\d:\d\d)?\)$/);
    expect(chart.textContent).toContain(label);
  });
});
