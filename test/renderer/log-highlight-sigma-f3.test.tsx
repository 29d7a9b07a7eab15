// @vitest-environment jsdom
// A search typed with the Greek final sigma marks the capitals it finds (σίσυφος marks ΣΊΣΥΦΟΣ).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { highlight } from '../../src/renderer/src/features/log/Highlight';
import { payloadPreview } from '../../src/renderer/src/features/log/frame';

afterEach(cleanup);

describe('marking a search with a final sigma', () => {
  it('marks ΣΊΣΥΦΟΣ and σίσυφος for σίσυφος', () => {
    const { container } = render(<p>{highlight('{"data":"ΣΊΣΥΦΟΣ, σίσυφος"}', 'σίσυφος')}</p>);
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['ΣΊΣΥΦΟΣ', 'σίσυφος']);
  });

  it('starts a long payload just before its match', () => {
    const raw = JSON.stringify([2, 'm1', 'DataTransfer', { vendorId: 'x', data: `${'x'.repeat(100)} ΣΊΣΥΦΟΣ` }]);
    expect(payloadPreview({ kind: 'CALL', raw }, 40, 'σίσυφος')).toContain('ΣΊΣΥΦΟΣ');
  });
});
