// Serve mode's API port (`serve --api-port`) is a port of the bench like the others: a port setting may
// not take it, now (FTP) or at the next start (OCPP, where serve keeps its --api-port). The words name
// the option, the one place it is changed. A bench that serves no API (the desktop app: null) has no such clash.
import { describe, expect, it } from 'vitest';
import { portClashes } from '../../../../src/shared/api/settings';

const saved = { ocppPort: 9000, ftpPort: 2121 };
const served = { ocpp: 9000, ftp: 2121, api: 8080 };

describe("a port setting that is serve's API port", () => {
  it('is refused for the FTP port and for the OCPP port, naming --api-port', () => {
    expect(portClashes(saved, { ftpPort: 8080 }, served)).toEqual({ ftpPort: "8080 is the port of the bench's API and this UI (serve --api-port): pick another" });
    expect(portClashes(saved, { ocppPort: 8080 }, served)).toEqual({ ocppPort: "8080 is the port of the bench's API and this UI (serve --api-port): pick another" });
  });

  it('is said once, on the FTP port, when both are set to it', () => {
    expect(portClashes(saved, { ocppPort: 8080, ftpPort: 8080 }, served)).toEqual({ ftpPort: '8080 is the OCPP port this save sets: pick another' });
  });

  it('is no clash where the bench serves no API, nor at 0 (any free port)', () => {
    expect(portClashes(saved, { ftpPort: 8080, ocppPort: 8081 }, { ocpp: 9000, ftp: 2121, api: null })).toEqual({});
    expect(portClashes(saved, { ftpPort: 8080 }, { ocpp: 9000, ftp: 2121 })).toEqual({});
    expect(portClashes(saved, { ftpPort: 0, ocppPort: 0 }, { ...served, api: 0 })).toEqual({});
  });
});
