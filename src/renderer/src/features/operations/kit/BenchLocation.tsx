// Where a charger sends or fetches a file, chosen in one click: the bench itself over FTP or HTTP (its
// URLs filled in, with per-request credentials), or a server of the user's own (typed in).
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';

export type LocationSource = 'ftp' | 'http' | 'own';

/** The URL a source stands for: the bench's FTP or HTTP URL, or what the user typed. */
export function locationFor(source: LocationSource, bench: { http: string; ftp: string | null } | null, typed: string): string {
  if (source === 'own' || !bench) return typed;
  return (source === 'ftp' ? bench.ftp : bench.http) ?? '';
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
