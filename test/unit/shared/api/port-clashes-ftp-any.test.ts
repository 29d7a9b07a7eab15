// A new OCPP port applies at the next start; the FTP server's port now is a clash only when the FTP server keeps
// it then. With the FTP setting at 0 (any free port) it picks another at that start: the OCPP port may be the
// one it holds now.
import { describe, expect, it } from 'vitest';
import { portClashes } from '../../../../src/shared/api/settings';

describe('an OCPP port equal to the FTP server port now', () => {
  it('is allowed when the FTP setting is 0 (any free port: it picks another at the next start)', () => {
    expect(portClashes({ ocppPort: 9000, ftpPort: 0 }, { ocppPort: 43_517 }, { ocpp: 9000, ftp: 43_517 })).toEqual({});
  });

  it('is refused when the FTP setting is a fixed port it keeps', () => {
    expect(portClashes({ ocppPort: 9000, ftpPort: 2121 }, { ocppPort: 2121 }, { ocpp: 9000, ftp: 2121 })).toEqual({ ocppPort: '2121 is the FTP port: pick another' });
    // Its port now, held while the saved one is another (it applies at once; the one now is what it holds).
    expect(portClashes({ ocppPort: 9000, ftpPort: 2121 }, { ocppPort: 2200 }, { ocpp: 9000, ftp: 2200 })).toEqual({ ocppPort: "2200 is the FTP server's port now: pick another" });
  });

  it('is still refused when it is the API port, the FTP setting at 0', () => {
    expect(portClashes({ ocppPort: 9000, ftpPort: 0 }, { ocppPort: 8080 }, { ocpp: 9000, ftp: 43_517, api: 8080 })).toEqual({
      ocppPort: "8080 is the port of the bench's API and this UI (serve --api-port): pick another",
    });
  });
});
