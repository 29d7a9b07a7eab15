// @vitest-environment jsdom
// A search's matches are marked where the log's search finds them: letters beyond ASCII in any case too
// (müller marks MÜLLER), and a long payload's row starts just before such a match.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { highlight } from '../../src/renderer/src/features/log/Highlight';
import { payloadPreview } from '../../src/renderer/src/features/log/frame';

afterEach(cleanup);

describe('marking a search beyond ASCII', () => {
  it('marks MÜLLER and Élan for müller and ÉLAN', () => {
    const { container } = render(<p>{highlight('{"idTag":"MÜLLER","note":"élan"}', 'müller')}</p>);
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['MÜLLER']);
    const second = render(<p>{highlight('Élan, ÉLAN', 'ÉLAN')}</p>);
    expect([...second.container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Élan', 'ÉLAN']);
  });

  it('starts a long payload just before its first match', () => {
    const raw = JSON.stringify([2, 'm1', 'DataTransfer', { vendorId: 'x', data: `${'x'.repeat(100)} STRAẞE` }]);
    expect(payloadPreview({ kind: 'CALL', raw }, 40, 'straße')).toContain('STRAẞE');
  });
});
