// A port setting that collides with another port of the bench is refused with a 400 naming the field and
// the clash, and nothing is saved: an FTP port that is the saved OCPP port, the port chargers connect to
// now, or the API's; an OCPP port that is the FTP server's now; the two set to one port in the same save.
import { describe, expect, it } from 'vitest';
import { useTestBench } from '../helpers/bench';

const tb = useTestBench();

describe('PATCH /api/settings refuses a port that collides with another of the bench', () => {
  it('refuses an FTP port that is the saved OCPP port, naming the field and the clash', async () => {
    const before = (await tb.request('GET', '/api/settings')).body;
    expect(before.ocppPort).toBe(9000);
    expect(await tb.request('PATCH', '/api/settings', { ftpPort: 9000 })).toMatchObject({
      status: 400,
      body: { field: 'ftpPort', error: 'Invalid body field "ftpPort": 9000 is the OCPP port: pick another' },
    });
    expect((await tb.request('GET', '/api/settings')).body).toEqual(before);
  });

  it('refuses an FTP port that is the OCPP port in use now, or the API port', async () => {
    expect(await tb.request('PATCH', '/api/settings', { ftpPort: tb.port })).toMatchObject({
      status: 400,
      body: { field: 'ftpPort', error: `Invalid body field "ftpPort": ${tb.port} is the OCPP port chargers connect to now: pick another` },
    });
    expect(await tb.request('PATCH', '/api/settings', { ftpPort: tb.apiPort })).toMatchObject({
      status: 400,
      body: { field: 'ftpPort', error: expect.stringContaining(`${tb.apiPort} is the port of the bench's API`) },
    });
  });

  it("refuses an OCPP port that is the FTP server's, and both set to one port in the same save", async () => {
    const ftp = tb.bench.ftp.address()!.port;
    expect(await tb.request('PATCH', '/api/settings', { ocppPort: ftp })).toMatchObject({
      status: 400,
      body: { field: 'ocppPort', error: expect.stringContaining(`${ftp} is the FTP server's port now`) },
    });
    expect(await tb.request('PATCH', '/api/settings', { ocppPort: 9100, ftpPort: 9100 })).toMatchObject({
      status: 400,
      body: { field: 'ftpPort', error: 'Invalid body field "ftpPort": 9100 is the OCPP port this save sets: pick another' },
    });
    expect((await tb.request('GET', '/api/settings')).body).toMatchObject({ ocppPort: 9000 });
  });

  it('accepts ports apart, and 0 (any free port) beside any', async () => {
    expect(await tb.request('PATCH', '/api/settings', { ocppPort: 9100, ftpPort: 9101 })).toMatchObject({ status: 200, body: { ocppPort: 9100, ftpPort: 9101 } });
    expect(await tb.request('PATCH', '/api/settings', { ocppPort: 0, ftpPort: 0 })).toMatchObject({ status: 200, body: { ocppPort: 0, ftpPort: 0 } });
  });
});
