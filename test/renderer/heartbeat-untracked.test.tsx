// @vitest-environment jsdom
// A record written by an earlier version holds no tracked heartbeat interval for a charger whose last boot
// that version answered (the interval is in its boot answer, in the message log). The chargers list then
// judges "heartbeat overdue" by the bench's setting and says why in words that are true (the interval of
// that boot is not tracked yet, not "the record holds no boot answer"); the charger's page, which reads
// the charger's frames anyway, judges by the interval the record gives, the same in every notice on it.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aCharger, aConnector } from './builders';
import { aBootAnswer, aHeartbeatSet, ago, chargerScreenHooks, renderChargers, type HeartbeatRecord } from './charger-page-harness';
import { formatTime } from '../../src/renderer/src/components/format';
import type { ChargerView } from '../../src/shared/api/views';

vi.mock('../../src/renderer/src/features/operations/MultiSendDialog', () => ({ MultiSendDialog: () => null }));
chargerScreenHooks({ fakeTimers: true });

const booted = ago(3_600_000);

const UNTRACKED =
  "the bench's setting (the interval its last boot was given is not tracked for this charger: that boot was recorded by an earlier version of the bench; it is tracked from its next boot)";
const NONE = "the bench's setting (the record holds no boot answer or configuration of it)";

/** An online charger last heard from `silentMs` ago whose view tells no interval given; booted (accepted) an hour ago unless `over` says otherwise. */
const online = (silentMs: number, over: Partial<ChargerView> = {}): ChargerView =>
  aCharger('CP-1', { lastSeen: ago(silentMs), lastHeartbeat: ago(silentMs), lastBoot: booted, connectors: [aConnector(1, { updatedAt: ago(silentMs) })], heartbeatGiven: null, ...over });

/** The bench's answer to the charger's boot, as the message log holds it. */
const bootAnswer = (interval: number) => aBootAnswer(interval, booted);

const start = (charger: ChargerView, settingS: number, path: string, record: HeartbeatRecord = {}) => renderChargers([charger], { path, settings: { heartbeatInterval: settingS }, record });

describe('the chargers list, for a charger whose last boot an earlier version answered', () => {
  it("judges by the bench's setting and says the boot's interval is not tracked yet, not that the record holds no boot answer", async () => {
    const client = start(online(90_000), 30, '/chargers', { boot: bootAnswer(600) });
    const overdue = await screen.findByTestId('heartbeat-overdue');
    vi.useRealTimers();
    await userEvent.hover(overdue);
    const tip = (await screen.findByRole('tooltip')).textContent;
    expect(tip).toContain(`30 s, ${UNTRACKED}`);
    expect(tip).not.toContain('the record holds no boot answer');
    // The list reads nothing per charger.
    expect(client.calls.map((c) => c.method)).not.toContain('messages:page');
  });

  it('says the record holds none for a charger never booted', async () => {
    start(online(90_000, { registrationStatus: null, lastBoot: null, boot: null }), 30, '/chargers');
    const overdue = await screen.findByTestId('heartbeat-overdue');
    vi.useRealTimers();
    await userEvent.hover(overdue);
    expect((await screen.findByRole('tooltip')).textContent).toContain(`30 s, ${NONE}`);
  });
});

describe("the charger's page, for a charger whose last boot an earlier version answered", () => {
  it('judges by the interval of its boot answer the record holds, in every notice, not the longer setting', async () => {
    // Given 60 s at its boot; the setting is now 1 h. Silent for 150 s: past twice 60 s.
    start(online(150_000), 3600, '/chargers/CP-1', { boot: bootAnswer(60) });
    const words = `60 s, from the bench's answer to its boot at ${formatTime(booted)}`;
    const alert = await screen.findByTestId('charger-heartbeat-overdue');
    expect(alert.textContent).toContain(`longer than twice its heartbeat interval allows (${words})`);
    expect(screen.getByText(words)).toBeTruthy();
    const header = within((await screen.findByRole('heading', { name: 'CP-1' })).parentElement as HTMLElement);
    expect(header.getByTestId('heartbeat-overdue').textContent).toContain('(heartbeat overdue)');
  });

  it('takes a later accepted change of HeartbeatInterval over the boot answer', async () => {
    const set = ago(1_800_000);
    start(online(150_000), 30, '/chargers/CP-1', { boot: bootAnswer(60), operations: [aHeartbeatSet('3600', set)] });
    const words = `3600 s, as set on it (ChangeConfiguration accepted) at ${formatTime(set)}`;
    expect(await screen.findByText(words)).toBeTruthy();
    // Within 1 h: not overdue, whatever the 30 s setting says.
    await act(async () => void vi.advanceTimersByTime(1000));
    expect(screen.queryByTestId('charger-heartbeat-overdue')).toBeNull();
    expect(screen.queryByTestId('heartbeat-overdue')).toBeNull();
  });

  it('says the setting, as not tracked, when the record no longer holds the boot answer', async () => {
    start(online(150_000), 3600, '/chargers/CP-1', { boot: null });
    expect(await screen.findByText(`3600 s, ${UNTRACKED}`)).toBeTruthy();
  });
});
