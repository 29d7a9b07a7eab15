// @vitest-environment jsdom
// A panel that failed to draw tries again when what it shows changes (another charger, another tab, a new
// view of the charger): a transient bad record does not leave "Could not show …" in place for good.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ErrorBoundary } from '../../src/renderer/src/components/ErrorBoundary';

afterEach(cleanup);

const Panel = ({ view }: { view: { ok: boolean } }) => {
  if (!view.ok) throw new RangeError('Invalid array length');
  return <p>drawn</p>;
};

describe('ErrorBoundary', () => {
  it('says what failed, then draws the panel again once the view it shows changes', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const bad = { ok: false };
      const { rerender } = render(
        <ErrorBoundary what="CP1's overview" resetKey={['CP1', bad]}>
          <Panel view={bad} />
        </ErrorBoundary>,
      );
      expect(screen.getByTestId('panel-error').textContent).toContain("Could not show CP1's overview");
      const good = { ok: true };
      rerender(
        <ErrorBoundary what="CP1's overview" resetKey={['CP1', good]}>
          <Panel view={good} />
        </ErrorBoundary>,
      );
      expect(screen.queryByTestId('panel-error')).toBeNull();
      expect(screen.getByText('drawn')).toBeTruthy();
    } finally {
      quiet.mockRestore();
    }
  });
});
