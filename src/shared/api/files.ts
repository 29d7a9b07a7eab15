// What the bench shows of the files chargers fetch from it and send to it: firmware it hosts (over HTTP and
// FTP) and diagnostics uploads it receives (over HTTP and FTP), each through per-request credentials.

/**
 * A file the bench serves to chargers: the URLs to give them (on this machine's first LAN address) and the
 * others that reach it. Files are hosted only by upload (serve) or the desktop's file dialog, never by a
 * path a caller names, and only until `expiresAt` (a day).
 */
export interface HostedFileView {
  /** The HTTP URL, on the central system's port. */
  url: string;
  /** The same file over FTP with its own user and password; null while the bench's FTP server is not running. */
  ftpUrl: string | null;
  name: string;
  size: number;
  /** The HTTP URL on this machine's other addresses. */
  alternatives: string[];
  /** The FTP URL on those other addresses (the FTP server listens where the central system does); empty while it is not running. */
  ftpAlternatives: string[];
  hostedAt: string;
  expiresAt: string;
}

/**
 * Where one GetDiagnostics request has the charger upload its file: an unguessable HTTP path on the
 * central system's port (multipart POST or PUT) and an FTP user and password of its own, both accepted
 * until `expiresAt`.
 */
export interface UploadLocationView {
  id: string;
  chargerId: string;
  /** e.g. http://192.168.1.20:9000/uploads/<token>/ */
  http: string;
  /** e.g. ftp://diag-…:…@192.168.1.20:2121/ ; null while the bench's FTP server is not running. */
  ftp: string | null;
  /** The same location on this machine's other addresses. */
  alternatives: { http: string[]; ftp: string[] };
  createdAt: string;
  expiresAt: string;
}

/** One file a charger sent (or is sending) to the bench. */
export interface UploadView {
  id: string;
  chargerId: string;
  /** The file name the charger gave, made safe for every file system. */
  name: string;
  via: 'http' | 'ftp';
  /**
   * receiving: bytes still arriving; received: complete and downloadable; incomplete: the bytes that came are
   * kept and downloadable, but the sender never confirmed the file whole (error says why); failed: cut off
   * or refused, nothing kept.
   */
  status: 'receiving' | 'received' | 'incomplete' | 'failed';
  /** Bytes received so far (the file's size once received). */
  bytes: number;
  /**
   * When bytes last arrived (null: none yet). A receiving upload whose bytes stopped coming (a charger that
   * hung, a network lost without a close) shows it: its connection may be gone though never closed.
   */
  lastDataAt: string | null;
  /**
   * How long the bench waits with no bytes before it ends a receiving upload (FTP or HTTP), keeping what
   * came as incomplete; null when it waits for the connection to close (the silence end turned off).
   */
  silenceLimitMs: number | null;
  /** The size the charger announced, when it did (HTTP Content-Length of a PUT), for progress. */
  expectedBytes: number | null;
  startedAt: string;
  finishedAt: string | null;
  /** Why it failed, or why an incomplete file may be cut short, in words. */
  error: string | null;
  /** When the bench deletes the file. */
  expiresAt: string;
  /** When the location it came through stops taking uploads. */
  locationExpiresAt: string;
}
