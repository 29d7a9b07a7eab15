// The serve mode API token, kept in the data directory (readable by this user only) so saved links and
// open tabs keep working across restarts. Regenerated on request (Settings, or `serve --new-api-token`),
// which ends every browser session made with the old one.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiTokenProblem } from '../../shared/api/input-rules';
/** Readable and writable by this user only, as the rest of the data directory. */
const PRIVATE_FILE = 0o600;

export const API_TOKEN_FILE = 'api-token';

export class ApiTokenFile {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, API_TOKEN_FILE);
  }

  /** The saved token, or a new one saved now when there is none (or the file holds something else). */
  load(): string {
    if (existsSync(this.path)) {
      const saved = readFileSync(this.path, 'utf8').trim();
      if (apiTokenProblem(saved) === null) return saved;
    }
    return this.regenerate();
  }

  /** A new random token (144 bits), saved atomically; the old one stops working wherever it is checked. */
  regenerate(): string {
    const token = randomBytes(18).toString('base64url');
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, `${token}\n`, { mode: PRIVATE_FILE });
    chmodSync(tmp, PRIVATE_FILE);
    renameSync(tmp, this.path);
    return token;
  }
}
