// serve mode's page policy: every source in it is one a browser accepts (an invalid one, such as an IPv6
// literal host, is reported in the console on every page load), and it lets the page reach only this
// bench's API port: its HTTP calls and its event stream (ws://<host>:<port>/api/events).
import { describe, expect, it } from 'vitest';
import { servedCsp } from '../../../../src/main/api-server/static-ui';

/** A CSP source expression as CSP Level 3 defines it (keyword, scheme-source or host-source); no nonces or hashes here. */
const keyword = /^'(self|none|unsafe-inline|unsafe-eval|strict-dynamic|unsafe-hashes|wasm-unsafe-eval|report-sample)'$/;
const schemeSource = /^[A-Za-z][A-Za-z0-9+.-]*:$/;
// host-part: "*" or [ "*." ] labels of ALPHA / DIGIT / "-" (no brackets: an IPv6 literal is not a host-source).
const hostSource = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?(?:\*|(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?::(?:\d+|\*))?(?:\/[^\s;,]*)?$/;
const validSource = (s: string) => keyword.test(s) || schemeSource.test(s) || hostSource.test(s);

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('the served page policy', () => {
  it('holds only sources a browser accepts: no IPv6 literal host', () => {
    expect(validSource('http://[::1]:8611')).toBe(false);
    expect(validSource('ws://[::1]:8611')).toBe(false);
    const csp = servedCsp(8611);
    expect(csp).not.toContain('[');
    for (const [name, sources] of directives(csp)) for (const s of sources) expect(validSource(s), `${name} ${s}`).toBe(true);
  });

  it('shows images the page makes itself (a photo preview, a drawn signature: data: URLs) and its own files, nothing from elsewhere', () => {
    expect(directives(servedCsp(8611)).get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('lets the page connect to its own origin and to this port on 127.0.0.1 and localhost, HTTP and WebSocket, and nowhere else', () => {
    const connect = directives(servedCsp(8611)).get('connect-src');
    expect(connect).toEqual(["'self'", 'http://127.0.0.1:8611', 'ws://127.0.0.1:8611', 'http://localhost:8611', 'ws://localhost:8611']);
    // No wildcard, no bare scheme (ws: would let the page reach any host).
    for (const s of connect ?? []) expect(s.includes('*') || schemeSource.test(s), s).toBe(false);
  });
});
