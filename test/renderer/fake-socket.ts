// Stands in for the browser's WebSocket (`vi.stubGlobal('WebSocket', FakeSocket)`): a test opens each socket
// the client makes, says what the bench sends and closes it; `made` holds them in the order made.
export class FakeSocket {
  static made: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(readonly url: URL) {
    FakeSocket.made.push(this);
  }
  close() {
    this.closed = true;
  }
}
