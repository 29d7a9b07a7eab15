// Where a charger sends or fetches a file, chosen in one click: the bench itself over FTP or HTTP (its
// URLs filled in, with per-request credentials), or a server of the user's own (typed in). The bench is
// reached at one of this machine's addresses: its first LAN address unless the person picks another the
// bench offers (e.g. 127.0.0.1 for a charger running on this machine), the same over FTP as over HTTP
// (its FTP server listens where the central system does).
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';

export type LocationSource = 'ftp' | 'http' | 'own';

/** The bench's URLs for one file or upload: the first address's, and the same on its other addresses. */
export interface BenchUrls {
  http: string;
  ftp: string | null;
  alternatives?: { http: string[]; ftp: string[] };
}

/** The host of a URL as it is written in it ("192.168.1.20", "[::1]"); the text itself when it is no URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** The bench's URLs for a source, the one it fills in first: over FTP or HTTP, on each address it offers. */
export function benchUrlsFor(source: LocationSource, bench: BenchUrls | null): string[] {
  if (source === 'own' || !bench) return [];
  const first = source === 'ftp' ? bench.ftp : bench.http;
  if (!first) return [];
  return [first, ...((source === 'ftp' ? bench.alternatives?.ftp : bench.alternatives?.http) ?? [])];
}

/** The URL a source stands for: the bench's FTP or HTTP URL (on `host` when it offers that one, else its first), or what the user typed. */
export function locationFor(source: LocationSource, bench: BenchUrls | null, typed: string, host?: string | null): string {
  if (source === 'own' || !bench) return typed;
  const urls = benchUrlsFor(source, bench);
  return (host ? urls.find((u) => hostOf(u) === host) : undefined) ?? urls[0] ?? '';
}

/** An address only a charger on this machine reaches. */
const loopback = (host: string): boolean => /^127\./.test(host) || host === '[::1]' || host === 'localhost';

function addressWords(host: string, first: boolean): string {
  const where = loopback(host) ? 'this machine only: a charger running here' : host.startsWith('[') ? 'IPv6' : 'a charger on the network';
  return `${host} (${where}${first ? '; the default' : ''})`;
}

/**
 * The address the charger is given, when the bench offers more than one for the source chosen: its first
 * (LAN) address unless the person picks another. `value` null: the first.
 */
export function BenchAddressSelect({ urls, value, onChange }: { urls: string[]; value: string | null; onChange: (host: string) => void }) {
  const hosts = [...new Set(urls.map(hostOf))];
  if (hosts.length < 2) return null;
  const chosen = value && hosts.includes(value) ? value : hosts[0];
  return (
    <TextField
      select
      size="small"
      label="Bench address given to the charger"
      value={chosen}
      onChange={(e) => onChange(e.target.value)}
      sx={{ maxWidth: 480 }}
      helperText={loopback(chosen) ? 'Only a charger on this machine (e.g. a virtual one) reaches this address' : 'The address the charger uses to reach the bench'}
    >
      {hosts.map((h, i) => (
        <MenuItem key={h} value={h}>
          {addressWords(h, i === 0)}
        </MenuItem>
      ))}
    </TextField>
  );
}

export function LocationSourceToggle({ label, value, onChange, ftpAvailable }: { label: string; value: LocationSource; onChange: (v: LocationSource) => void; ftpAvailable: boolean }) {
  return (
    <ToggleButtonGroup exclusive size="small" color="primary" value={value} onChange={(_e, v: LocationSource | null) => v && onChange(v)} aria-label={label}>
      <ToggleButton value="ftp" disabled={!ftpAvailable} title={ftpAvailable ? undefined : "The bench's FTP server is not running"}>
        Bench over FTP
      </ToggleButton>
      <ToggleButton value="http">Bench over HTTP</ToggleButton>
      <ToggleButton value="own">Own server</ToggleButton>
    </ToggleButtonGroup>
  );
}
