// 2.24 Security: the two Basic auth cases of security profile 1 run (a new password, a valid login after
// a reset); the cases needing TLS, certificates or the security log are listed as not supported yet.
import type { CaseContext } from '../context';
import { ChargePointStatus } from '../../../shared/ocpp16';
import type { Pics } from '../types';
import { bootStatuses, type Case } from './cases';
import { protocolFor } from './firmware';
import { letInEitherIfUnanswered } from '../password-back';

/** The new AuthorizationKey of TC_073_CS: "OCA_OCTT_admin_test" in hex. */
export const OCTT_AUTHORIZATION_KEY = '4F43415F4F4354545F61646D696E5F74657374';

/** How long a reboot may take before the charger is back (s). */
const REBOOT_S = 120;

const basicAuth = (p: Pics) =>
  p.basicAuth ? null : 'The bench checks no password for this charger (security profile 0): set its password on the bench, the same as its AuthorizationKey, to run the Basic auth cases';

/** Waits for a new connection of the charger after `connections`; a refusal in the meantime is the reason it failed. */
async function reconnected(t: CaseContext, title: string, connections: number, within: number): Promise<void> {
  const frames = t.host.frames;
  const refusals = frames.refusals.length;
  await t.step('charger', title, async () => {
    const ok = await t.waitFor(within * 1000, () => (frames.connected && frames.connections > connections) || null);
    if (ok) return;
    const refused = frames.refusals.slice(refusals).pop();
    t.check(
      false,
      `a new connection the bench lets in within ${within} s`,
      refused ? `the bench refused it: ${refused.reason}` : frames.connected ? 'the charger kept its old connection' : 'the charger did not connect',
    );
  });
}

const TLS = 'Not supported yet: the case needs TLS (security profile 2 or 3), which the bench does not offer yet';
const CERTIFICATES = 'Not supported yet: the case needs certificate operations (certificates to install, hash and check), which the bench does not have yet';
const CSR = "Not supported yet: the case needs TLS with client certificates (security profile 3) and the bench acting as a CA to sign the charger's CSR, which the bench does not have yet";
const SIGNED = 'Not supported yet: the case needs certificate operations (a signing certificate and a firmware signature for the charger to check), which the bench does not have yet';

/** A security case the bench cannot run yet, listed in every report with the reason. */
const later = (id: string, title: string, section: string, why: string): Case => ({
  id,
  title,
  profile: 'Security',
  section,
  notSupported: why,
  async run() {
    throw new Error(why);
  },
});

export const securityCases: Case[] = [
  {
    id: 'TC_073_CS',
    title: 'Update Charge Point Password for HTTP Basic Authentication',
    profile: 'Security',
    section: '2.24.1',
    appliesTo: basicAuth,
    decisions: [
      'The key is AuthorizationKey (the validation\'s name; the description\'s "BasicAuthPassword" is the OCPP 2.0.1 name).',
      'The bench expects the new password from the charger\'s next connection on: the hex AuthorizationKey as its text, or as the bytes it stands for ("OCA_OCTT_admin_test", the Security Whitepaper\'s reading); a reconnection with the old password is refused, and the refusal is the reason the case fails.',
      'The charger has <chargerTimeoutS> to drop the connection and reconnect (the document gives no time). Afterwards the bench sets the old key again and the charger reconnects with it.',
      'When the answer to the new key never comes (no answer, or the connection drops first), the case fails on it, and whether the charger took the key is not known: from then on the bench lets it in with either the new key or the password from before, until it connects with one of them, and keeps that one (the record of its connection says which).',
    ],
    async run(t) {
      const before = t.host.password.get()!;
      const touched = { before, given: OCTT_AUTHORIZATION_KEY };
      t.touched.password = touched;
      const connections = t.host.frames.connections;
      await t.host.password.set(OCTT_AUTHORIZATION_KEY);
      await t
        .send(
          'ChangeConfiguration',
          { key: 'AuthorizationKey', value: OCTT_AUTHORIZATION_KEY },
          { checks: { status: 'Accepted' }, title: 'Bench sets AuthorizationKey to 4F43415F…7374 expecting status Accepted' },
        )
        .catch(async (e: unknown) => {
          // Its answer never came: a charger that kept its old key is not refused meanwhile.
          await letInEitherIfUnanswered(t, touched);
          throw e;
        });
      await reconnected(t, 'Charger drops the connection and reconnects with the new password', connections, t.data.chargerTimeoutS);
    },
  },
  later('TC_074_CS', 'Update Charge Point Certificate by request of Central System', '2.24.1', CSR),
  later('TC_075_1_CS', 'Install a certificate on the Charge Point - ManufacturerRootCertificate', '2.24.1', CERTIFICATES),
  later('TC_075_2_CS', 'Install a certificate on the Charge Point - CentralSystemRootCertificate', '2.24.1', CERTIFICATES),
  later('TC_076_CS', 'Delete a specific certificate from the Charge Point', '2.24.1', CERTIFICATES),
  later('TC_077_CS', 'Invalid ChargePointCertificate Security Event', '2.24.2', CSR),
  later('TC_078_CS', 'Invalid CentralSystemCertificate Security Event', '2.24.2', CERTIFICATES),
  {
    id: 'TC_079_CS',
    title: 'Get Security Log',
    profile: 'Security',
    section: '2.24.2',
    appliesTo: basicAuth,
    decisions: [
      "The log goes to a new upload location of the bench's own (HTTP, or FTP where the charger lists only FTP), unless the test data names one; the bench also checks the file arrived.",
      'requestId (not stated) is 79; both LogStatusNotifications must carry it when they carry one.',
    ],
    async run(t) {
      const own = t.data.diagnosticsLocation ? null : t.host.files.uploadLocation(protocolFor(t.pics));
      const remoteLocation = t.data.diagnosticsLocation ?? own!.url;
      await t.send('GetLog', { log: { remoteLocation }, logType: 'SecurityLog', requestId: 79 }, { checks: { status: 'Accepted' }, title: 'Bench sends GetLog (SecurityLog)' });
      const sameRequest = (p: Record<string, unknown>) => (p.requestId === undefined || p.requestId === 79 ? null : `requestId 79 (got ${String(p.requestId)})`);
      await t.expect('LogStatusNotification', { where: { status: 'Uploading' }, checks: [sameRequest], within: 120 });
      await t.expect('LogStatusNotification', {
        where: (p) => p.status !== 'Uploading' && p.status !== 'Idle',
        checks: { status: 'Uploaded' },
        within: 300,
        title: 'Charger sends LogStatusNotification (status Uploaded)',
      });
      if (!own) return t.observe(`The bench cannot see whether the log arrived at ${remoteLocation} (not its own location)`);
      await t.step('bench', 'The security log is at the location', async () => {
        const got = own.received();
        t.check(got.length > 0, "the uploaded log at the bench's location", 'no file arrived there');
        t.observe(`Received ${got.map((f) => `${f.name} (${f.bytes} bytes)`).join(', ')}`);
      });
    },
  },
  later('TC_080_CS', 'Secure Firmware Update', '2.24.3', SIGNED),
  later('TC_081_CS', 'Secure Firmware Update - Invalid Signature', '2.24.3', SIGNED),
  later('TC_083_CS', 'Upgrade security profile', '2.24.3', `${TLS} (the next profile up from 1 is TLS)`),
  later('TC_084_CS', 'Downgrade security profile - Rejected', '2.24.3', `${TLS} (the charger must be connected at profile 2 or 3)`),
  {
    id: 'TC_085_CS',
    title: 'Basic Authentication - Valid username/password combination',
    profile: 'Security',
    section: '2.24.3',
    appliesTo: basicAuth,
    decisions: [
      'The reset is triggered by the bench: Reset Hard ("The Charge Point is triggered to reset" is not a defined state).',
      "<Configured AuthorizationKey> is the password the bench has for the charger. The bench's admission checks the header (Basic, the user is the charge point id at the end of the URL, the password that key as its text or, for a hex key, the bytes it stands for); a refusal is the reason the case fails.",
      'The two length rules are read together as: the key has 16 to 40 characters (at least 16, as the document says; at most 40, the hex form of 20 bytes).',
      'The BootNotification is answered Accepted; the StatusNotifications that follow are not checked for a status (the document checks none).',
    ],
    async run(t) {
      const key = t.host.password.get()!;
      await t.step('bench', 'The configured AuthorizationKey has 16 to 40 characters', async () => {
        t.check(key.length >= 16 && key.length <= 40, 'an AuthorizationKey of 16 to 40 characters', `it has ${key.length}`);
      });
      const connections = t.host.frames.connections;
      await t.send('Reset', { type: 'Hard' }, { checks: { status: 'Accepted' } });
      await reconnected(t, 'Charger reconnects with a valid Basic Authorization header', connections, REBOOT_S);
      await t.expect('BootNotification');
      await bootStatuses(t, () => [...ChargePointStatus.options]);
    },
  },
  later('TC_086_CS', 'TLS - server-side certificate - Valid certificate', '2.24.3', TLS),
  later(
    'TC_087_CS',
    'TLS - Client-side certificate - valid certificate',
    '2.24.3',
    'Not supported yet: the case needs TLS with client certificates (security profile 3), which the bench does not offer yet',
  ),
];
