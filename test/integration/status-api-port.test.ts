// bench:status says serve mode's API port, so the Settings form refuses a port setting that is it before
// anything is sent; a bench serving no API (the desktop app's IPC) says null.
import { describe, expect, it } from 'vitest';
import { BenchService } from '../../src/main/core/bench-service';
import { useTestBench } from '../helpers/bench';

const tb = useTestBench();

describe('bench:status and the API port', () => {
  it('gives the port the API listens on in serve mode', async () => {
    const { status, body } = await tb.request('POST', '/api/call/bench:status', {});
    expect(status).toBe(200);
    expect(body).toMatchObject({ face: 'serve', apiPort: tb.apiPort });
  });

  it('gives null where the bench serves no API (the desktop app)', async () => {
    expect(await new BenchService(tb.bench, 'desktop').call('bench:status', {})).toMatchObject({ face: 'desktop', apiPort: null });
  });
});
