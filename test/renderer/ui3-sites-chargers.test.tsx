// @vitest-environment jsdom
// The Sites list counts a site's chargers, each once (as the site's page does), not its commissionings.
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { CommissioningListItem } from '../../src/shared/api/commissioning';
import { fakeClient } from './fake-client';
import { freshCommissioningScreens, open } from './commissioning-fixtures';

freshCommissioningScreens();

const item = (id: string, chargerId: string, site: string): CommissioningListItem => ({
  id,
  chargerId,
  site,
  location: 'Bay 1',
  state: 'finished',
  verdict: 'pass',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
});

const job = (site: string) => ({ site, address: 'Hafenstraße 1', location: '', installer: '', company: '', customer: '' });

describe('the Sites list', () => {
  it('counts each charger once, saying the commissionings apart when a charger was commissioned again', async () => {
    const client = fakeClient({
      'commissioning:list': () => [item('c1', 'VCP1', 'Depot Nord'), item('c2', 'VCP1', 'Depot Nord'), item('c3', 'VCPW', 'Depot Nord'), item('c4', 'CP9', 'Depot Süd')],
      'commissioning:sites': () => [job('Depot Nord'), job('Depot Süd')],
    });
    open(client, '/commissioning');
    const sites = await screen.findByRole('table', { name: 'Sites' });
    const row = (site: string) => within(sites).getByRole('link', { name: site }).closest('tr')!;
    expect(await within(row('Depot Nord')).findByText('2 (3 commissionings)')).toBeTruthy();
    expect(within(row('Depot Süd')).getByText('1')).toBeTruthy();
  });
});
