// @vitest-environment jsdom
// A connector card whose meter values the bench refuses to read (connector id 9007199254740993, read as
// 9007199254740992, beyond what the bench's calls take) says they could not be read, with the bench's
// reason, never "No meter values yet". And the notice of a connector beyond NumberOfConnectors lists such
// an id as the bench read it, saying it lost precision, never "as sent".
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { aCharger, aConnector } from './builders';
import { chargerScreenHooks, renderChargers } from './charger-page-harness';
import { CallFailure } from '../../src/renderer/src/api/client';
import type { OperationView } from '../../src/shared/api/views';

chargerScreenHooks();

// 9007199254740993 as JSON.parse reads it.
const HUGE = 9007199254740992;
const raw7 = () => aCharger('RAW7', { connectors: [aConnector(0), aConnector(1), aConnector(HUGE)] });
const TOO_BIG = 'Too big: expected int to be <=9007199254740991';
const meterValues = ({ connectorId }: { connectorId: number }) => {
  if (!Number.isSafeInteger(connectorId)) throw new CallFailure({ status: 400, message: TOO_BIG });
  return [];
};
const configurationRead: OperationView = {
  id: 3,
  chargerId: 'RAW7',
  action: 'GetConfiguration',
  request: { key: ['NumberOfConnectors'] },
  sentAt: '2025-03-01T10:00:00Z',
  finishedAt: '2025-03-01T10:00:01Z',
  outcome: 'completed',
  response: { configurationKey: [{ key: 'NumberOfConnectors', readonly: true, value: '1' }] },
  error: null,
};

describe('a connector whose meter values the bench cannot read', () => {
  it('says they could not be read, with the reason, and not "No meter values yet"', async () => {
    renderChargers([raw7()], { path: '/chargers/RAW7', handlers: { 'operations:list': () => [], 'chargers:meterValues': meterValues as never } });
    const card = within(await screen.findByRole('region', { name: `Connector ${HUGE}` }));
    expect((await card.findByTestId(`meter-error-${HUGE}`)).textContent).toBe(`The meter values could not be read: ${TOO_BIG}`);
    expect(card.queryByText(/No meter values yet/)).toBeNull();
    expect(card.queryByText('No readings yet')).toBeNull();
    // Connector 1, read fine, still says it has none yet.
    const one = within(screen.getByRole('region', { name: 'Connector 1' }));
    expect(await one.findByText(/No meter values yet/)).toBeTruthy();
    expect(one.queryByTestId('meter-error-1')).toBeNull();
  });

  it('lists its id as the bench read it, said to have lost precision, not as sent', async () => {
    renderChargers([raw7()], { path: '/chargers/RAW7', handlers: { 'operations:list': () => [configurationRead], 'chargers:meterValues': meterValues as never } });
    const notice = await screen.findByTestId('connectors-beyond');
    expect(notice.textContent).toContain(`RAW7 reported a status for connector ${HUGE}, but it said it has 1`);
    expect(notice.textContent).not.toContain('as sent');
    expect(notice.textContent).toContain('as it read the id');
    expect(notice.textContent).toContain(`${HUGE} is beyond 2^53, where numbers lose precision: the id the charger sent may differ.`);
  });
});
