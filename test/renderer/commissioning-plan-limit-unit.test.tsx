// @vitest-environment jsdom
// The plan's load limit: switching its unit converts the value typed in the other one and says from what
// (not "16" W with a range error and no hint); a limit in W grouped with a point ("11.000") is said to be
// ambiguous, as the checklist says of "1,000", not taken for 11 W and refused as out of range.
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { builtInTemplates } from '../../src/shared/api/commissioning';
import { fakeClient } from './fake-client';
import { open, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

describe('the plan’s load limit', () => {
  it('converts the limit when its unit is switched, saying from what', async () => {
    const user = userEvent.setup();
    open(fakeClient({ 'commissioning:templates': () => ({ builtIn: builtInTemplates, saved: [] }) }), '/commissioning/new?step=plan');
    await user.click(await screen.findByLabelText('The site has a load limit'));
    expect((screen.getByRole('textbox', { name: 'Limit (A per phase)' }) as HTMLInputElement).value).toBe('16');
    await user.click(screen.getByRole('combobox', { name: 'Unit' }));
    await user.click(screen.getByRole('option', { name: 'W' }));
    const watts = screen.getByRole('textbox', { name: 'Limit (W)' }) as HTMLInputElement;
    expect(watts.value).toBe('11040');
    expect(screen.getByText('= 11.0 kW (converted from 16 A per phase on 3 phases)')).toBeTruthy();
    expect(screen.queryByText('Between 1380 and 400000 W')).toBeNull();
    // Typed again: no longer said to be converted.
    await user.clear(watts);
    await user.type(watts, '11000');
    expect(screen.getByText('= 11.0 kW')).toBeTruthy();
  });

  it('says "11.000" W is ambiguous rather than out of range', async () => {
    const user = userEvent.setup();
    open(fakeClient({ 'commissioning:templates': () => ({ builtIn: builtInTemplates, saved: [] }) }), '/commissioning/new?step=plan');
    await user.click(await screen.findByLabelText('The site has a load limit'));
    await user.click(screen.getByRole('combobox', { name: 'Unit' }));
    await user.click(screen.getByRole('option', { name: 'W' }));
    const watts = screen.getByRole('textbox', { name: 'Limit (W)' });
    await user.clear(watts);
    await user.type(watts, '11.000');
    expect(screen.getByText('Is the point a thousands separator or a decimal point? Write the value without grouping: "11000" or "11"')).toBeTruthy();
    expect(screen.queryByText('Between 1380 and 400000 W')).toBeNull();
  });
});
