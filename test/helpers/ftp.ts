// An FTP client of the tests' own (basic-ftp), as a charger logs in to the bench's FTP server.
import { Client as FtpClient, enterPassiveModeIPv4 } from 'basic-ftp';
import { Writable } from 'node:stream';

export interface FtpLogin {
  /** PASV is the passive mode a charger on IPv4 uses; EPSV by default. */
  passive?: 'EPSV' | 'PASV';
  /** Instead of the URL's user and password. */
  user?: string;
  password?: string;
  /** Given the client before it logs in (to close it after the test, whether or not the login is taken). */
  opened?: (client: FtpClient) => void;
}

/** A client logged in with an FTP URL's user and password (percent-decoded), at its host and port. */
export async function ftpLogin(url: string, { passive = 'EPSV', user, password, opened }: FtpLogin = {}): Promise<FtpClient> {
  const u = new URL(url);
  const client = new FtpClient(5000);
  if (passive === 'PASV') client.prepareTransfer = enterPassiveModeIPv4;
  opened?.(client);
  await client.access({ host: u.hostname, port: Number(u.port), user: user ?? decodeURIComponent(u.username), password: password ?? decodeURIComponent(u.password) });
  return client;
}

/** Reads a file whole over a logged-in client: how many bytes came. */
export async function ftpBytes(client: FtpClient, name: string): Promise<number> {
  let bytes = 0;
  await client.downloadTo(
    new Writable({
      write(c: Buffer, _e, done) {
        bytes += c.length;
        done();
      },
    }),
    name,
  );
  return bytes;
}
