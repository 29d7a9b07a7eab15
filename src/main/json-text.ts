// A result the bench already holds as JSON (UTF-8 bytes), made off the protocol's thread: the reader
// thread serializes a 10,000-row page there and hands the bytes over without a copy. Faces that answer
// in JSON send the bytes as they are, so the thread that answers the chargers neither rebuilds the rows
// nor stringifies them again, and a big page never sits in its heap.

export class JsonText<T = unknown> {
  constructor(readonly bytes: Uint8Array) {}

  /** The value itself, for callers in this process that want it (parsed on each call). */
  value(): T {
    return JSON.parse(Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('utf8')) as T;
  }

  /** Inside a larger answer, JSON.stringify still gives the value. */
  toJSON(): T {
    return this.value();
  }
}

/** The value of a result, whether it came as JSON or as it is. */
export function valueOf<T>(result: T | JsonText<T>): T {
  return result instanceof JsonText ? result.value() : result;
}

/** Text as UTF-8 bytes in an ArrayBuffer of their own, so they can be transferred to another thread. */
export function ownBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
