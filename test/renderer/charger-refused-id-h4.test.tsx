// @vitest-environment jsdom
// A charger stored under an id the identity rule now refuses (spaces at either end, or blank) says so on its
// own page, as it is said at start and in the health banner: the bench refuses the id when a charger
// connects, why, and what to do (register the charger under the id without the spaces).
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { aCharger } from './builders';
import { chargerScreenHooks, renderChargers } from './charger-page-harness';
import { paths } from '../../src/renderer/src/app/routes';

chargerScreenHooks();

describe('the page of a charger stored under an id the bench now refuses', () => {
  it('says the id is refused at connect, why, and to register it under the id without the spaces', async () => {
    renderChargers([aCharger(' CP-SPACED ', { connected: false })], { path: paths.charger(' CP-SPACED ') });
    const banner = await screen.findByTestId('charger-id-refused');
    const text = banner.textContent!;
    expect(text).toContain('The bench refuses this id, " CP-SPACED ", when a charger connects.');
    expect(text).toContain('must not begin or end with a space');
    expect(text).toContain('register the charger under "CP-SPACED" (this id without the spaces)');
    // The page's offline notice agrees: no charger can connect under this id, so not "until it connects".
    const page = document.body.textContent!;
    expect(page).toContain('no charger can connect under this id');
    expect(page).not.toMatch(/until it connects|until it is let in again/);
  });

  it('says a blank id is refused, and to register the charger under a valid id', async () => {
    renderChargers([aCharger('   ', { connected: false })], { path: paths.charger('   ') });
    const text = (await screen.findByTestId('charger-id-refused')).textContent!;
    expect(text).toContain('must not be blank');
    expect(text).toContain('register the charger under a valid id');
  });

  it('says nothing of the kind for a charger whose id the bench takes', async () => {
    renderChargers([aCharger('CP/A-01')], { path: paths.charger('CP/A-01') });
    await screen.findByRole('heading', { level: 1, name: 'CP/A-01' });
    expect(screen.queryByTestId('charger-id-refused')).toBeNull();
  });
});
