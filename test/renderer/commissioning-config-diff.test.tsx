// @vitest-environment jsdom
// The configuration diff's chip is decided by the value at the end of the run, not by the baseline step's
// answer alone: HeartbeatInterval set to 300 (Accepted) and 15 at the end (the bench's boot answer set it
// back at the reset) is red, as the step and the report say; at 300 it is green; a key the charger refused
// stays red as before. And the plan says before the run when the bench's boot answer will undo the key.
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { ConfigDiff } from '../../src/renderer/src/features/commissioning/ConfigDiff';
import { builtInTemplates } from '../../src/shared/api/commissioning';
import { fakeClient } from './fake-client';
import { formatWhen } from '../../src/renderer/src/components/format';
import { baselineFailed, freshCommissioningScreens, open, result, view } from './commissioning-fixtures';

freshCommissioningScreens();

/** The baseline step as it ran: HeartbeatInterval set to 300 and read back (Accepted); AllowOfflineTxForUnknownId refused. */
const baselineRan = result({
  ...baselineFailed,
  measurements: [
    { label: 'HeartbeatInterval', value: 'was 15, now 300 (Accepted)', ok: true, wanted: '300' },
    { label: 'AllowOfflineTxForUnknownId', value: 'was true, now true (Rejected)', ok: false, wanted: 'false' },
  ],
});

const diffWith = (heartbeatAtEnd: string) =>
  view({
    steps: [{ id: 'C5_BASELINE', title: 'Configuration baseline', section: '5', result: baselineRan, attempts: 1 }],
    configBefore: { HeartbeatInterval: '15', AllowOfflineTxForUnknownId: 'true' },
    configAfter: { HeartbeatInterval: heartbeatAtEnd, AllowOfflineTxForUnknownId: 'true' },
  });

const chipOf = (key: string) => {
  const row = within(screen.getByRole('table', { name: 'Configuration diff' }))
    .getByText(key)
    .closest('tr')!;
  const cells = [...row.querySelectorAll('td')];
  return { cells: cells.map((td) => td.textContent), chip: cells[4]!.querySelector('.MuiChip-root')! };
};

describe('the configuration diff', () => {
  it('shows a key accepted at the baseline but 15 at the end in red, said not kept', () => {
    render(<ConfigDiff view={diffWith('15')} />);
    const { cells, chip } = chipOf('HeartbeatInterval');
    expect(cells).toEqual(['HeartbeatInterval', '300', '15', '15', 'Accepted, then changed']);
    expect(chip.className).toContain('MuiChip-colorError');
    expect(chip.className).not.toContain('MuiChip-colorSuccess');
    expect(screen.getByRole('note').textContent).toContain('HeartbeatInterval is 15, 300 wanted');
    // A key the charger refused stays as it was: red, its answer as given.
    const refused = chipOf('AllowOfflineTxForUnknownId');
    expect(refused.cells[4]).toBe('Rejected');
    expect(refused.chip.className).toContain('MuiChip-colorError');
  });

  it('shows the key green when it is at its wanted value at the end', () => {
    render(<ConfigDiff view={diffWith('300')} />);
    const { cells, chip } = chipOf('HeartbeatInterval');
    expect(cells).toEqual(['HeartbeatInterval', '300', '15', '300', 'Accepted']);
    expect(chip.className).toContain('MuiChip-colorSuccess');
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('shows red the row the bench judged by the end ("now 15 at the end"), whatever the values read', () => {
    const judged = result({
      ...baselineRan,
      measurements: [{ label: 'HeartbeatInterval', value: 'was 15, read back 300, now 15 at the end (Accepted)', ok: false, wanted: '300' }],
    });
    render(<ConfigDiff view={{ ...diffWith('15'), steps: [{ id: 'C5_BASELINE', title: 'Configuration baseline', section: '5', result: judged, attempts: 1 }] }} />);
    const { cells, chip } = chipOf('HeartbeatInterval');
    expect(cells[4]).toBe('Accepted, then changed');
    expect(chip.className).toContain('MuiChip-colorError');
  });
});

describe('the configuration diff, a key already set at the start', () => {
  it('says nothing was sent (not that the charger took it) when the end shows it otherwise', () => {
    const judged = result({
      ...baselineRan,
      measurements: [{ label: 'HeartbeatInterval', value: 'was 300 at the start (nothing sent), read back 300, now 15 at the end (already set)', ok: false, wanted: '300' }],
    });
    render(
      <ConfigDiff
        view={{ ...diffWith('15'), configBefore: { HeartbeatInterval: '300' }, steps: [{ id: 'C5_BASELINE', title: 'Configuration baseline', section: '5', result: judged, attempts: 1 }] }}
      />,
    );
    const { cells, chip } = chipOf('HeartbeatInterval');
    expect(cells).toEqual(['HeartbeatInterval', '300', '300', '15', 'already set, then changed']);
    expect(chip.getAttribute('title')).toBe('It was 300 at the start (nothing sent), but it is 15 at the end of the run: not a pass');
  });
});

describe('the configuration diff, not read at the end of the run', () => {
  it('says when and why it was not read, and that the values shown are the baseline step’s read-back (and when)', () => {
    const notRead = {
      ...diffWith('300'),
      configAtEndProblem: 'the charger did not answer GetConfiguration within 30 s',
      configAtEndProblemAt: new Date(Date.now() - 60_000).toISOString(),
      configAfterFrom: { read: 'baseline' as const, at: new Date(Date.now() - 600_000).toISOString() },
    };
    render(<ConfigDiff view={notRead} />);
    expect(screen.getByRole('note').textContent).toBe(
      `Configuration at the end: not read at ${formatWhen(notRead.configAtEndProblemAt)} (the charger did not answer GetConfiguration within 30 s); the values shown are the baseline step's read-back of ${formatWhen(notRead.configAfterFrom.at)}. Whether the keys were kept is not known.`,
    );
  });
});

describe('the plan, before the run', () => {
  const planWith = (heartbeatInterval: number) =>
    fakeClient({
      'commissioning:templates': () => ({ builtIn: builtInTemplates, saved: [] }),
      'settings:get': () => ({ heartbeatInterval }) as never,
    });

  it("warns when the bench's boot answer interval differs from the template's HeartbeatInterval, saying what to do", async () => {
    open(planWith(15), '/commissioning/new?step=plan');
    const warning = await screen.findByRole('alert', { name: 'Heartbeat interval at the reset' });
    expect(warning.textContent).toContain('The plan wants HeartbeatInterval 300, but the bench answers every BootNotification with a heartbeat interval of 15 s');
    expect(warning.textContent).toContain("Make the bench's heartbeat interval 300 s in Settings before the run, or run the baseline step again after the reset.");
  });

  it('says nothing when they agree', async () => {
    const client = planWith(300);
    open(client, '/commissioning/new?step=plan');
    await screen.findByRole('table', { name: 'Configuration baseline' });
    await new Promise((r) => setTimeout(r, 50));
    expect(client.callsOf('settings:get').length).toBeGreaterThan(0);
    expect(screen.queryByRole('alert', { name: 'Heartbeat interval at the reset' })).toBeNull();
  });
});
