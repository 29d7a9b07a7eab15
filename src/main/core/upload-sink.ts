// Where the bytes of one upload go (UploadInbox.receive makes it): a part file, counted against the size
// cap, renamed into place once the upload ends whole (or kept, incomplete, when it may be cut short).
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { Writable, type Readable } from 'node:stream';
import { BenchError } from '../errors';

/**
 * Where one upload's bytes go: a part file, counted against the cap, renamed once complete to where
 * `hooks.target` says (a whole file's place, or an incomplete one's). `done` is called once, with the error
 * that ended it, or null and why the file may be cut short (null when whole). With `awaitVerdict` the bytes
 * of an ended stream wait in the part file for conclude().
 */
export class UploadSink extends Writable {
  private readonly file: WriteStream;
  private bytes = 0;
  private settled = false;
  /** Ended and every byte on disk, awaiting conclude(). */
  private stored = false;
  /** What conclude() said before the bytes were all on disk. */
  private verdict: { doubt: string | null } | null = null;
  /** What is piped in (an FTP data connection, an HTTP body): closed when the bench gives up waiting. */
  private readonly sources = new Set<Readable>();

  constructor(
    private readonly part: string,
    private readonly maxBytes: number,
    private readonly awaitVerdict: boolean,
    private readonly hooks: { target: (doubt: string | null) => string; progress: (bytes: number, arrived: boolean) => void; done: (error: Error | null, doubt: string | null) => void },
  ) {
    super();
    this.file = createWriteStream(part, { flags: 'wx', mode: 0o600 });
    this.file.on('error', (e) => this.destroy(new BenchError(507, `The bench could not store the file: ${e.message}`)));
    this.on('pipe', (source: Readable) => this.sources.add(source)).on('unpipe', (source: Readable) => this.sources.delete(source));
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return callback(new BenchError(413, `The file is larger than the ${megabytes(this.maxBytes)} the bench takes`));
    this.hooks.progress(this.bytes, true);
    this.file.write(chunk, (e) => callback(e ? new BenchError(507, `The bench could not store the file: ${e.message}`) : null));
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.file.end();
    this.file.once('close', () => {
      // Cut off while the part file closed: _destroy deletes it.
      if (this.destroyed) return callback();
      if (this.awaitVerdict && !this.verdict) {
        this.stored = true;
        return callback();
      }
      callback(this.place(this.verdict?.doubt ?? null) ?? undefined);
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Destroyed after it finished (streams do that themselves): the stored bytes still await their verdict.
    if (!this.settled && !this.stored) {
      // The part file may still be opening: it is deleted once the file stream has closed.
      if (this.file.closed) rmQuietly(this.part);
      else this.file.once('close', () => rmQuietly(this.part)).destroy();
      this.settle(described(error, this.bytes) ?? new Error('The upload was cut off before it completed'), null);
    }
    callback(error);
  }

  /**
   * Whether the file is whole (null) or why it may be cut short; a stream still open is ended first, the
   * bytes that came kept. For a sink awaiting a verdict, or one given up on before it ended.
   */
  conclude(doubt: string | null): void {
    if (this.settled) return;
    if (this.stored) return void this.place(doubt);
    this.verdict ??= { doubt };
    if (!this.writableEnded && !this.destroyed) this.end();
  }

  /** Cuts the upload off for `reason`: it fails, unless its bytes are all stored (then they are kept, incomplete). */
  cut(reason: string): void {
    if (this.settled) return;
    if (this.stored) this.conclude(reason);
    else this.destroy(new Error(reason));
  }

  /**
   * How giving up closes the sender's connection once the bytes are in place: null (the default) destroys
   * the streams piped in with the reason (over FTP the charger is then told so, 550); an HTTP request answers
   * for itself (a 408 and the connection closed).
   */
  closeOnGiveUp: ((reason: string) => void) | null = null;

  /**
   * Gives up on a sender gone silent (a charger that hung, a network lost without a close): the bytes that
   * came are kept, incomplete, for `reason`, and the connection they came on is closed with it. A stream
   * that has ended (all its bytes came, and are being stored) is not given up on.
   */
  giveUp(reason: string): void {
    if (this.settled || (this.writableEnded && !this.awaitVerdict)) return;
    const sources = [...this.sources];
    for (const source of sources) source.unpipe(this);
    // Closed once the bytes are in place: a connection torn down first would fail the upload (ftp-srv destroys the sink).
    this.once('settled', () => {
      if (this.closeOnGiveUp) this.closeOnGiveUp(reason);
      else for (const source of sources) source.destroy(new Error(reason));
    });
    this.conclude(reason);
  }

  /** Bytes received so far. */
  get received(): number {
    return this.bytes;
  }

  /** Moves the part file where it belongs and settles; the error when it cannot. */
  private place(doubt: string | null): Error | null {
    try {
      renameSync(this.part, this.hooks.target(doubt));
    } catch (e) {
      const error = new BenchError(507, `The bench could not store the file: ${(e as Error).message}`);
      rmQuietly(this.part);
      this.settle(error, null);
      return error;
    }
    this.settle(null, doubt);
    return null;
  }

  private settle(error: Error | null, doubt: string | null): void {
    if (this.settled) return;
    this.settled = true;
    this.hooks.progress(this.bytes, false);
    this.hooks.done(error, doubt);
    this.emit('settled');
  }
}

/** A reset connection in words, with how far the file came. */
function described(error: Error | null, bytes: number): Error | null {
  if ((error as NodeJS.ErrnoException | null)?.code !== 'ECONNRESET') return error;
  return new Error(`The connection was reset by the charger (ECONNRESET) after ${bytes} bytes`);
}

export function megabytes(bytes: number): string {
  return bytes >= 1024 ** 2 ? `${Math.floor(bytes / 1024 ** 2)} MiB` : `${bytes} bytes`;
}

export function rmQuietly(path: string, recursive = false): void {
  try {
    rmSync(path, { force: true, recursive });
  } catch (e) {
    console.error(`chargebench: could not delete ${path}: ${(e as Error).message}`);
  }
}
