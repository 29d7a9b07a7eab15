// What `bench:status` answers: the bench's version, where chargers connect, who is connected, and which
// face carries the UI.
export interface BenchStatus {
  version: string;
  /** Address and port the OCPP central system listens on. */
  host: string;
  port: number;
  connectedChargers: string[];
  /** Folder of the record (SQLite) and the bench's files. */
  dataDir: string;
  /** desktop: the Electron app (IPC); serve: `chargebench serve` in a browser. */
  face: 'desktop' | 'serve';
}
