// @vitest-environment jsdom
// The site's page compares the chargers' offline policies only when at least two were checked, and shows a
// charger's signed handover beside a newer commissioning of it that is not finished (not "not signed").
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { SiteSummaryScreen } from '../../src/renderer/src/features/commissioning/SiteSummaryScreen';
import type { SiteSummary } from '../../src/shared/api/commissioning';
import { formatDateTime } from '../../src/renderer/src/components/format';
import { fakeClient, withBench } from './fake-client';
import { freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const signedAt = '2026-02-03T23:44:00.000Z';
const charger = (patch: Partial<SiteSummary['chargers'][number]> = {}): SiteSummary['chargers'][number] => ({
  commissioningId: 'com-2',
  chargerId: 'CP001',
  location: 'Bay 5',
  state: 'ready',
  verdict: 'incomplete',
  offlinePolicy: null,
  failed: [],
  checkedAt: null,
  signedAt: null,
  signedEarlier: null,
  ...patch,
});
const summary = (chargers: SiteSummary['chargers']): SiteSummary => {
  const found = chargers.map((c) => c.offlinePolicy).filter((p) => p !== null);
  return { site: 'Depot', address: 'Mole 2', chargers, madeAt: '2026-02-04T09:00:00.000Z', offlinePolicySame: new Set(found).size <= 1, offlinePolicyChecked: found.length };
};

const show = (s: SiteSummary) =>
  render(
    withBench(
      fakeClient({ 'commissioning:site': () => s }),
      <Routes>
        <Route path="/commissioning/sites/:site" element={<SiteSummaryScreen />} />
      </Routes>,
      '/commissioning/sites/Depot',
    ),
  );

describe("the site's page", () => {
  it('says nothing is compared when no charger had its offline policy checked, and keeps the signed handover beside a newer unfinished one', async () => {
    show(summary([charger({ signedEarlier: { commissioningId: 'com-1', location: 'Bay 4', signedAt } })]));
    expect(await screen.findByText('The offline policy was checked on no charger yet: nothing is compared.')).toBeTruthy();
    expect(screen.queryByText(/same offline policy/)).toBeNull();
    const table = screen.getByRole('table', { name: 'Chargers of Depot' });
    expect(within(table).getByText(`Signed ${formatDateTime(signedAt)} (Bay 4); a newer commissioning, Bay 5, is not finished`)).toBeTruthy();
  });

  it('says one charger only when one was checked, and compares two', async () => {
    show(summary([charger({ offlinePolicy: 'Local list only' }), charger({ commissioningId: 'com-3', chargerId: 'CP002' })]));
    expect(await screen.findByText('The offline policy was checked on one charger only (of 2): nothing is compared.')).toBeTruthy();
  });

  it('compares two chargers checked', async () => {
    show(summary([charger({ offlinePolicy: 'Local list only' }), charger({ commissioningId: 'com-3', chargerId: 'CP002', offlinePolicy: 'Local list only' })]));
    expect(await screen.findByText('Every charger was found with the same offline policy.')).toBeTruthy();
  });
});
