// The load generators' HTTP/1.1 client: keep-alive connections over node:net, each request written in one piece and
// each answer read to its end (its status kept, its body dropped). The families' clients share the machine's two cores
// with the server and PostgreSQL: node:http's client took about 0.35 ms of CPU per request (fetch about twice that), a
// share of the cores the server under test then did not get. An answer must carry content-length (fastify's do);
// any other is an error, never a guess.
import { connect, type Socket } from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');

interface Waiting {
  resolve: (r: { status: number }) => void;
  reject: (e: Error) => void;
}

class Connection {
  private buf: Buffer = Buffer.alloc(0);
  private waiting: Waiting | null = null;
  closed = false;

  constructor(
    readonly socket: Socket,
    private readonly done: (c: Connection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('connection closed before the answer')));
  }

  send(text: string): Promise<{ status: number }> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(text);
    });
  }

  private read(chunk: Buffer) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const end = this.buf.indexOf(HEAD_END);
    if (end < 0) return;
    const head = this.buf.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) return this.fail(new Error(`answer ${status} without content-length`));
    if (this.buf.length < end + 4 + Number(length[1])) return;
    this.buf = Buffer.alloc(0);
    const w = this.waiting!;
    this.waiting = null;
    if (/\r\nconnection: *close/i.test(head)) {
      this.closed = true;
      this.socket.destroy();
    }
    this.done(this);
    w.resolve({ status });
  }

  private fail(e: Error) {
    this.closed = true;
    this.socket.destroy();
    this.waiting?.reject(e);
    this.waiting = null;
  }
}

const idle = new Map<string, Connection[]>();

/** One request on an idle keep-alive connection to the URL's origin (a new one when none is idle). */
export function request(
  url: string,
  o: { method?: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number }> {
  const u = new URL(url);
  const origin = u.host;
  let pool = idle.get(origin);
  if (!pool) idle.set(origin, (pool = []));
  let c = pool.pop();
  while (c?.closed) c = pool.pop();
  if (!c) {
    const socket = connect(Number(u.port), u.hostname);
    c = new Connection(socket, (done) => {
      if (!done.closed) pool.push(done);
    });
  }
  const headers = { host: origin, ...o.headers } as Record<string, string>;
  if (o.body !== undefined) headers['content-length'] = String(Buffer.byteLength(o.body));
  let text = `${o.method ?? 'GET'} ${u.pathname}${u.search} HTTP/1.1\r\n`;
  for (const [k, v] of Object.entries(headers)) text += `${k}: ${v}\r\n`;
  return c.send(`${text}\r\n${o.body ?? ''}`);
}
