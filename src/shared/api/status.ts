// What `bench:status` answers: the bench's version, where chargers connect, who is connected, and which
// face carries the UI.
import type { ApiTokenView } from './views';

export interface BenchStatus {
  version: string;
  /** Address and port the OCPP central system listens on. */
  host: string;
  port: number;
  connectedChargers: string[];
  /**
   * The FTP server: the port it listens on now (null: not running), and whether that port was given for
   * this run (`chargebench serve --ftp-port`), in which case the saved ftpPort setting waits for a start without it.
   */
  ftp: { port: number | null; fixed: boolean };
  /**
   * Why the central system listens on `port` (absent where the bench does not say): 'option', given for
   * this run (`chargebench serve --port`, the desktop app's CHARGEBENCH_OCPP_PORT), so the saved ocppPort
   * waits for a start without it; 'taken', the saved port was in use at start and a free one was taken;
   * 'setting', the ocppPort setting as saved when the bench started.
   */
  ocppPortSource?: 'option' | 'taken' | 'setting';
  /** Folder of the record (SQLite) and the bench's files. */
  dataDir: string;
  /** desktop: the Electron app (IPC); serve: `chargebench serve` in a browser. */
  face: 'desktop' | 'serve';
  /**
   * The port serve mode's API (and the UI in a browser) listens on (`chargebench serve --api-port`), which
   * a port setting may not take; null where the bench serves no API (the desktop app), absent where it
   * does not say.
   */
  apiPort?: number | null;
  /** Serve mode: where its API token comes from (absent on the desktop, which has none, or where the bench does not say). */
  apiToken?: ApiTokenView;
}
