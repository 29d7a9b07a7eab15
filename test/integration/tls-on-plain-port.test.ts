// A charger set to wss:// (TLS) against the bench's plain ws:// port: its ClientHello is no HTTP, so
// without care it vanished with a TLS error on the charger and nothing on the bench. It must leave a
// connection attempt saying what to change, and its socket must be closed.
import { connect } from 'node:tls';
import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestBench, waitFor } from '../helpers/bench';
import { isTlsClientHello, tlsRefusal } from '../../src/main/central-system/server';

const tb = useTestBench();

/** A TLS client's attempt on the plain port; resolves with how it ended. */
const tlsAttempt = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'bench.local', rejectUnauthorized: false });
    socket.once('secureConnect', () => resolve('secure'));
    socket.once('error', (e) => resolve(`error: ${e.message}`));
    socket.once('close', () => resolve('closed'));
  });

describe('a TLS handshake on the plain OCPP port', () => {
  it('is recorded as a refused attempt that says to use ws://, and closed', async () => {
    const ended = await tlsAttempt(tb.port);
    expect(ended).not.toBe('secure');
    const found = await waitFor(async () => {
      const attempts = (await tb.request('GET', '/api/connection-attempts')).body as Array<{ outcome: string; reason: string; chargerId: string | null; remoteAddress: string | null }>;
      return attempts.find((a) => a.reason.startsWith('TLS handshake'));
    });
    expect(found).toMatchObject({
      outcome: 'refused',
      chargerId: null,
      reason: 'TLS handshake from 127.0.0.1: this bench has no TLS: configure the charger with ws:// (OCPP security profile 0 or 1)',
    });
  });

  it('leaves other bad requests their plain HTTP 400', async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port: tb.port }, () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.once('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    const attempts = (await tb.request('GET', '/api/connection-attempts')).body as Array<{ reason: string }>;
    expect(attempts.some((a) => a.reason.startsWith('TLS handshake') && a.reason.includes('NOT'))).toBe(false);
  });

  it('knows a ClientHello from other bytes', () => {
    expect(isTlsClientHello(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00]))).toBe(true);
    expect(isTlsClientHello(Buffer.from('GET / HTTP/1.1\r\n'))).toBe(false);
    expect(tlsRefusal('::ffff:192.0.2.7')).toBe('TLS handshake from 192.0.2.7: this bench has no TLS: configure the charger with ws:// (OCPP security profile 0 or 1)');
  });
});
