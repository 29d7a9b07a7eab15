// Admission at the WebSocket upgrade: the identity, the browser Origin, the subprotocol, the unknown-
// charger policy and security profile 1, each refusal with its status and a reason that says what to fix.
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { admit } from '../../../../src/main/central-system/admission';
import type { ChargerRegistry } from '../../../../src/main/central-system/registry';
import { basicAuthorization } from '../../../../src/main/rpc/basic-auth';
import { defaultSettings } from '../../../../src/shared/api/settings';

const req = (url: string, headers: Record<string, string> = {}) => ({ url, headers: { 'sec-websocket-protocol': 'ocpp1.6', ...headers } }) as unknown as IncomingMessage;
const registry = (passwords: Record<string, string> = {}, registered: string[] = []) =>
  // No virtual charger of the bench's own among them (their refusals point to their card: vcp-password.test.ts).
  ({
    passwordOf: (id: string) => passwords[id],
    isRegistered: (id: string) => registered.includes(id),
    isKnown: () => false,
    isReal: () => true,
    otherPasswordOf: () => undefined,
    connectedWith: () => null,
  }) as unknown as ChargerRegistry;

describe('admission', () => {
  it('takes the last path segment as the identity, and lets a plain charger in', () => {
    expect(admit(req('/ocpp/CP%201'), registry(), defaultSettings)).toEqual({ admitted: true, chargerId: 'CP 1', note: null });
    expect(admit(req('/CP2'), registry(), defaultSettings)).toMatchObject({ admitted: true, chargerId: 'CP2' });
  });

  it('refuses an empty, too long or unprintable identity, a browser page and another OCPP version', () => {
    expect(admit(req('/ocpp/'), registry(), defaultSettings)).toMatchObject({ admitted: false, status: 400, reason: expect.stringMatching(/^Missing identity/) });
    expect(admit(req(`/ocpp/${'x'.repeat(49)}`), registry(), defaultSettings)).toMatchObject({ admitted: false, status: 400, reason: expect.stringMatching(/^Identity too long/) });
    expect(admit(req('/ocpp/CP%0A1'), registry(), defaultSettings)).toMatchObject({ admitted: false, status: 400, reason: expect.stringMatching(/^Unprintable identity/) });
    expect(admit(req('/ocpp/CP1', { origin: 'http://evil.example' }), registry(), defaultSettings)).toMatchObject({ admitted: false, status: 403 });
    expect(admit(req('/ocpp/CP1', { origin: 'http://evil.example' }), registry(), { ...defaultSettings, allowBrowserOrigins: true })).toMatchObject({ admitted: true });
    expect(admit(req('/ocpp/CP1', { 'sec-websocket-protocol': 'ocpp2.0.1' }), registry(), defaultSettings)).toMatchObject({
      admitted: false,
      status: 400,
      reason: expect.stringMatching(/^Wrong OCPP version/),
    });
  });

  it('applies the unknown-charger policy and security profile 1', () => {
    const strict = { ...defaultSettings, unknownChargers: 'reject' as const };
    expect(admit(req('/ocpp/CP1'), registry(), strict)).toMatchObject({ admitted: false, status: 403 });
    expect(admit(req('/ocpp/CP1'), registry({}, ['CP1']), strict)).toMatchObject({ admitted: true });
    const withPassword = registry({ CP1: 'correct-horse-battery' });
    expect(admit(req('/ocpp/CP1'), withPassword, defaultSettings)).toMatchObject({ admitted: false, status: 401, headers: { 'WWW-Authenticate': 'Basic realm="ChargeBench"' } });
    expect(admit(req('/ocpp/CP1', { authorization: basicAuthorization('CP1', 'wrong-password-here') }), withPassword, defaultSettings)).toMatchObject({
      admitted: false,
      reason: expect.stringMatching(/^Wrong password/),
    });
    expect(admit(req('/ocpp/CP1', { authorization: basicAuthorization('CP1', 'correct-horse-battery') }), withPassword, defaultSettings)).toMatchObject({ admitted: true, note: null });
    expect(admit(req('/ocpp/CP1'), registry(), { ...defaultSettings, requirePassword: true })).toMatchObject({ admitted: false, status: 401, reason: expect.stringMatching(/^No password set/) });
  });

  it('takes a hex password as its text or as the bytes it stands for (the Security Whitepaper form, OCTT TC_073_CS)', () => {
    const hex = '4F43415F4F4354545F61646D696E5F74657374';
    const withHex = registry({ CP1: hex });
    expect(admit(req('/ocpp/CP1', { authorization: basicAuthorization('CP1', hex) }), withHex, defaultSettings)).toMatchObject({ admitted: true });
    expect(admit(req('/ocpp/CP1', { authorization: basicAuthorization('CP1', 'OCA_OCTT_admin_test') }), withHex, defaultSettings)).toMatchObject({ admitted: true });
    expect(admit(req('/ocpp/CP1', { authorization: basicAuthorization('CP1', 'OCA_OCTT_admin_tesT') }), withHex, defaultSettings)).toMatchObject({ admitted: false, status: 401 });
    // A password that is not hex is compared as text only.
    expect(admit(req('/ocpp/CP1', { authorization: basicAuthorization('CP1', 'OCA_OCTT_admin_test') }), registry({ CP1: 'OCA_OCTT_admin_test' }), defaultSettings)).toMatchObject({ admitted: true });
  });
});
