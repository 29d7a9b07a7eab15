// Where chargers reach this bench: the machine's addresses a charger on the LAN can use, and the URLs of
// the files it hosts and of the upload locations it hands out (HTTP on the central system's port, FTP on
// the bench's FTP server).
import { networkInterfaces } from 'node:os';
import type { HostedFileView, NetworkAddress, UploadLocationView } from '../../shared/api/views';
import type { HostedFile } from './file-host';
import type { UploadLocation } from './upload-inbox';

type Listening = { host: string; port: number };

/** The hosts a charger can use to reach a server listening `at`, LAN ones first, as they go in a URL. */
function urlHosts(at: Listening): string[] {
  // A server bound to 0.0.0.0 listens on IPv4 only.
  const addresses = reachableAddresses(at).filter((a) => at.host !== '0.0.0.0' || a.family === 'IPv4');
  const hosts = addresses.map((a) => (a.family === 'IPv6' ? `[${a.address}]` : a.address));
  return hosts.length ? hosts : ['127.0.0.1'];
}

/** The URLs a hosted file is reachable at from chargers, on each address: over HTTP on the central system's port, and over FTP with its own user. */
export function hostedFileView(file: HostedFile, at: Listening, ftp: Listening | null): HostedFileView {
  const urls = urlHosts(at).map((h) => `http://${h}:${at.port}/files/${file.id}/${encodeURIComponent(file.name)}`);
  const ftps = ftp ? urlHosts(ftp).map((h) => `ftp://${file.ftpUser}:${file.ftpPassword}@${h}:${ftp.port}/${encodeURIComponent(file.name)}`) : [];
  return {
    url: urls[0],
    ftpUrl: ftps[0] ?? null,
    name: file.name,
    size: file.size,
    alternatives: urls.slice(1),
    ftpAlternatives: ftps.slice(1),
    hostedAt: file.hostedAt,
    expiresAt: file.expiresAt,
  };
}

/** An upload location's URLs: the HTTP path on the central system's port, and the FTP server with its user. */
export function uploadLocationView(location: UploadLocation, at: Listening, ftp: Listening | null): UploadLocationView {
  const http = urlHosts(at).map((h) => `http://${h}:${at.port}/uploads/${location.token}/`);
  const ftps = ftp ? urlHosts(ftp).map((h) => `ftp://${location.ftpUser}:${location.ftpPassword}@${h}:${ftp.port}/`) : [];
  return {
    id: location.id,
    chargerId: location.chargerId,
    http: http[0],
    ftp: ftps[0] ?? null,
    alternatives: { http: http.slice(1), ftp: ftps.slice(1) },
    createdAt: location.createdAt,
    expiresAt: location.expiresAt,
  };
}

/**
 * The IPv4 address an FTP client is told to open a passive data connection to (PASV has room for IPv4
 * only): the address the server listens on when it is one, this machine's own for a local client, else
 * this machine's address on the client's subnet, else its first LAN address.
 */
export function passiveAddress(clientIp: string | undefined, listenHost: string): string {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(listenHost) && listenHost !== '0.0.0.0') return listenHost;
  const client = (clientIp ?? '').replace(/^::ffff:/i, '');
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(client) || client.startsWith('127.')) return '127.0.0.1';
  const own = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a?.family === 'IPv4');
  const same = own.find((a) => a && (toInt(a.address) & toInt(a.netmask)) === (toInt(client) & toInt(a.netmask)));
  return same?.address ?? own.find((a) => a && !a.internal)?.address ?? '127.0.0.1';
}

function toInt(ip: string): number {
  return ip.split('.').reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0);
}

/**
 * Where chargers reach the central system: every address of this machine when it listens on all of
 * them (LAN ones first), else the one it listens on.
 */
export function reachableAddresses({ host, port }: { host: string; port: number }): NetworkAddress[] {
  if (host !== '0.0.0.0' && host !== '::') {
    const v6 = host.includes(':');
    return [{ interface: '', address: host, family: v6 ? 'IPv6' : 'IPv4', url: `ws://${v6 ? `[${host}]` : host}:${port}/ocpp/`, internal: host === '127.0.0.1' || host === '::1' }];
  }
  // 0.0.0.0 takes IPv4 only; :: takes both (dual stack).
  return machineAddresses(port, host === '::');
}

/** Every address of this machine a charger could reach, external ones first. */
function machineAddresses(port: number, withIpv6: boolean): NetworkAddress[] {
  const out: NetworkAddress[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family !== 'IPv4' && !(a.family === 'IPv6' && withIpv6)) continue;
      // Link-local IPv6 needs a zone id a charger cannot be given; leave it out.
      if (a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80')) continue;
      const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      out.push({ interface: name, address: a.address, family: a.family, url: `ws://${host}:${port}/ocpp/`, internal: a.internal });
    }
  }
  return out.sort((x, y) => Number(x.internal) - Number(y.internal) || (x.family === y.family ? 0 : x.family === 'IPv4' ? -1 : 1));
}
