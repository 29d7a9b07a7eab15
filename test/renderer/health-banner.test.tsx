// @vitest-environment jsdom
// The bench's alarm on every screen: when it cannot record, a banner says so, where and what to do, and
// goes when the trouble is over; what it found at start is shown once, to dismiss.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HealthBanner } from '../../src/renderer/src/app/HealthBanner';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import type { BenchHealth } from '../../src/shared/api/views';
import { fakeClient, liveBench, withBench } from './fake-client';

afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState, true);
});

const healthy: BenchHealth = {
  ok: true,
  recording: 'ok',
  message: 'Recording normally in /data.',
  since: null,
  dataDir: '/data',
  notices: [],
  conditions: [],
  connections: { open: 1, refusedOverCap: 0, incompleteHandshakes: 0, cutOffUnread: 0, throttled: 0 },
};
const ts = '2026-12-01T10:00:00.000Z';

describe('the health banner', () => {
  it('appears when the disk fills, naming the folder and what to do, and goes when recording resumes', async () => {
    const client = fakeClient();
    liveBench(client, { health: healthy });
    render(withBench(client, <HealthBanner />));
    expect(screen.queryByRole('alert')).toBeNull();
    const full: BenchHealth = {
      ...healthy,
      ok: false,
      recording: 'diskFull',
      since: ts,
      message: 'No space left on the disk holding the data directory /data. ... Free disk space there (at least 100 MB)',
    };
    act(() => client.emit([{ type: 'healthChanged', health: full, ts }]));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The bench cannot record: the disk is full');
    expect(alert.textContent).toContain('/data');
    expect(alert.textContent).toContain('Free disk space');
    act(() => client.emit([{ type: 'healthChanged', health: healthy, ts }]));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows what was found at start until dismissed', async () => {
    const client = fakeClient();
    liveBench(client, { health: { ...healthy, notices: ['1 journal line was damaged and could not be read; moved aside to /data/damaged/x.txt'] } });
    render(withBench(client, <HealthBanner />));
    expect(screen.getByText(/moved aside to \/data\/damaged/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByText(/moved aside/)).toBeNull();
  });

  it('shows a condition of now (not "found at start") while it is true, and drops it once it is over', async () => {
    const client = fakeClient();
    liveBench(client, { health: healthy });
    render(withBench(client, <HealthBanner />));
    const moved = "The bench's FTP server listens on port 46207: port 9332 is in use. Choose another FTP port in Settings to keep it fixed.";
    act(() => client.emit([{ type: 'healthChanged', health: { ...healthy, conditions: [moved] }, ts }]));
    expect(screen.getByText(/listens on port 46207/)).toBeTruthy();
    expect(screen.queryByText('Found at start')).toBeNull();
    expect(screen.getByText('Needs attention')).toBeTruthy();
    act(() => client.emit([{ type: 'healthChanged', health: healthy, ts }]));
    expect(screen.queryByText(/listens on port 46207/)).toBeNull();
    expect(screen.queryByText('Needs attention')).toBeNull();
  });
});
