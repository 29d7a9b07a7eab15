// Where chargers reach this bench: the machine's addresses a charger on the LAN can use, and the URLs a
// hosted file is served at.
import { networkInterfaces } from 'node:os';
import type { HostedFileView, NetworkAddress } from '../../shared/api/views';
import type { HostedFile } from './file-host';

/** The URLs a hosted file is reachable at from chargers: the first LAN address's first. */
export function hostedFileView(file: HostedFile, at: { host: string; port: number }): HostedFileView {
  // A server bound to 0.0.0.0 listens on IPv4 only.
  const addresses = reachableAddresses(at).filter((a) => at.host !== '0.0.0.0' || a.family === 'IPv4');
  const urls = addresses.map((a) => `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${at.port}/files/${file.id}/${encodeURIComponent(file.name)}`);
  return { url: urls[0] ?? `http://127.0.0.1:${at.port}/files/${file.id}/${encodeURIComponent(file.name)}`, name: file.name, size: file.size, alternatives: urls.slice(1), expiresAt: file.expiresAt };
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
