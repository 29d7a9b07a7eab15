// After TC_073_CS's new key went unanswered the bench lets the charger in with either that key or its password
// from before; a password a person sets in any way (set, Register, a virtual charger's card) ends that at once:
// the old one no longer gets it in, and it never overwrites the person's.
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { ChargerRegistry } from '../../../../src/main/central-system/registry';
import { admit } from '../../../../src/main/central-system/admission';
import { basicAuthorization } from '../../../../src/main/rpc/basic-auth';
import { defaultSettings } from '../../../../src/shared/api/settings';

const OLD = 'old-password-1234';
const NEW = 'NEW-KEY-abcdef12';
const PERSON = 'person-chosen-999';
const login = (pw: string) => ({ url: '/ocpp/CP1', headers: { 'sec-websocket-protocol': 'ocpp1.6', authorization: basicAuthorization('CP1', pw) } }) as unknown as IncomingMessage;

async function registryLettingInEither(): Promise<{ registry: ChargerRegistry; stored: Map<string, string | null> }> {
  const stored = new Map<string, string | null>();
  const record = {
    chargers: {
      list: () => [{ id: 'CP1', registered: true, virtual: false, bootPolicy: null }],
      passwords: () => ({ passwords: [['CP1', OLD]] as Array<[string, string]>, unreadable: [] as string[] }),
      register: async (id: string, o: { password?: string | null }) => void (o.password !== undefined && stored.set(id, o.password)),
      setPassword: async (id: string, p: string | null) => void stored.set(id, p),
    },
  };
  const registry = new ChargerRegistry(record as never);
  await registry.letInEither('CP1', NEW, { password: OLD, name: 'the password it had before TC_073_CS', ownName: 'the AuthorizationKey TC_073_CS set', why: 'its answer never came' });
  return { registry, stored };
}

describe('letting a charger in with either password', () => {
  it('lets it in with the old one and keeps it, saying so', async () => {
    const { registry, stored } = await registryLettingInEither();
    expect(admit(login(OLD), registry, defaultSettings)).toMatchObject({ admitted: true, note: expect.stringContaining('the password it had before TC_073_CS') });
    expect(registry.passwordOf('CP1')).toBe(OLD);
    expect(stored.get('CP1')).toBe(OLD);
    expect(admit(login(NEW), registry, defaultSettings).admitted).toBe(false);
  });

  for (const [how, change] of [
    ['registered with a password (POST /api/chargers, a virtual charger card)', (r: ChargerRegistry) => r.register('CP1', { password: PERSON })],
    ['set by hand', (r: ChargerRegistry) => r.setPassword('CP1', PERSON)],
  ] as const) {
    it(`ends when a person's password is ${how}: the old one is refused and never replaces it`, async () => {
      const { registry, stored } = await registryLettingInEither();
      await change(registry);
      expect(admit(login(OLD), registry, defaultSettings).admitted).toBe(false);
      expect(registry.passwordOf('CP1')).toBe(PERSON);
      expect(stored.get('CP1')).toBe(PERSON);
      // Let in with the person's password as with any password: no word of the case's keys.
      expect(admit(login(PERSON), registry, defaultSettings)).toMatchObject({ admitted: true, note: null });
    });
  }

  it('ends when a person removes the password', async () => {
    const { registry } = await registryLettingInEither();
    await registry.register('CP1', { password: null });
    expect(registry.otherPasswordOf('CP1')).toBeUndefined();
  });
});
