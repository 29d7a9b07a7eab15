// Charger passwords at rest. The record must hold them (the bench checks what chargers send against
// them), so where the platform offers a keyring (the desktop app: Electron's safeStorage) they are
// stored encrypted with it; elsewhere they rely on the data directory being private (0700/0600).

/** Keeps charger passwords unreadable at rest where the platform can. */
export interface SecretCodec {
  encrypt(plain: string): string;
  /** Returns the password, or throws if it cannot be read on this machine. */
  decrypt(stored: string): string;
  /** False for a value stored as it is (before encryption was available): it is encrypted again when read. */
  sealed(stored: string): boolean;
}

export const plainSecrets: SecretCodec = { encrypt: (s) => s, decrypt: (s) => s, sealed: () => true };

const PREFIX = 'enc:v1:';

/**
 * A codec over a keyring's cipher: stored values carry a prefix, so passwords saved before encryption was
 * available (plain) are still read, and encrypted ones are never mistaken for plain text.
 */
export function keyringSecrets(cipher: { encrypt(plain: string): Buffer; decrypt(data: Buffer): string }): SecretCodec {
  return {
    encrypt: (plain) => PREFIX + cipher.encrypt(plain).toString('base64'),
    decrypt: (stored) => (stored.startsWith(PREFIX) ? cipher.decrypt(Buffer.from(stored.slice(PREFIX.length), 'base64')) : stored),
    sealed: (stored) => stored.startsWith(PREFIX),
  };
}
