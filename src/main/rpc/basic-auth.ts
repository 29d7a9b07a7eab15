// OCPP 1.6 security profile 1 on the WebSocket upgrade: HTTP Basic auth with the charge point identity as
// the user and its AuthorizationKey as the password. Both sides use it: the charger builds the header,
// the central system reads it and compares in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

/** The Authorization header a charger sends. */
export function basicAuthorization(chargePointId: string, authorizationKey: string): string {
  return `Basic ${Buffer.from(`${chargePointId}:${authorizationKey}`, 'utf8').toString('base64')}`;
}

export type SentCredentials = { kind: 'none' } | { kind: 'notBasic' } | { kind: 'malformed' } | { kind: 'otherUser'; user: string } | { kind: 'password'; password: Buffer };

/**
 * Reads `Authorization: Basic base64(user:password)`. The password may contain ':'. So may an identity,
 * which is why a header that starts with "<identity>:" is taken as that user before splitting at the
 * first ':' (as ocpp-rpc and the whitepaper's "user is the identity" allow). The password stays bytes:
 * the whitepaper allows binary keys.
 */
export function parseBasicAuth(header: string | undefined, identity: string): SentCredentials {
  if (header === undefined || header.trim() === '') return { kind: 'none' };
  const m = /^\s*basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!m) return /^\s*basic(\s|$)/i.test(header) ? { kind: 'malformed' } : { kind: 'notBasic' };
  const decoded = Buffer.from(m[1], 'base64');
  const prefix = Buffer.from(`${identity}:`, 'utf8');
  if (decoded.length >= prefix.length && decoded.subarray(0, prefix.length).equals(prefix)) return { kind: 'password', password: decoded.subarray(prefix.length) };
  const colon = decoded.indexOf(0x3a);
  if (colon < 0) return { kind: 'malformed' };
  // Only the user part is ever shown; cut short so a garbled header cannot flood the record.
  const user = decoded.subarray(0, colon).toString('utf8');
  return { kind: 'otherUser', user: user.length > 60 ? `${user.slice(0, 60)}…` : user };
}

/**
 * Compares in constant time: both sides are hashed first so neither the content nor the length leaks.
 * An expected password in hex (the Security Whitepaper's form of AuthorizationKey, e.g. OCTT TC_073_CS's
 * 4F43415F...) also matches the bytes it stands for, which is what whitepaper chargers send; chargers
 * that send the key's text as it was given match it as before.
 */
export function samePassword(sent: Buffer, expected: string): boolean {
  const a = createHash('sha256').update(sent).digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  const asText = timingSafeEqual(a, b);
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(expected)) return asText;
  const c = createHash('sha256').update(Buffer.from(expected, 'hex')).digest();
  return timingSafeEqual(a, c) || asText;
}
