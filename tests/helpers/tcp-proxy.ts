/**
 * A small TCP proxy the sync tests put between kiosks and the hub, to break the network on
 * purpose: cut every open connection now, cut one response (or request) part-way through,
 * delay every chunk, refuse new connections, then resume. Kiosks pair through the proxy's URL,
 * so a hub restarted on another port is reached again by pointing the proxy at it (retarget).
 *
 * Plain node:net: the faults happen at the byte level, below HTTP, as a flaky Wi-Fi would
 * cause them; the proxy only peeks at request lines to aim a cut at one endpoint.
 */
import net from 'node:net';

export interface CutRule {
  /** Only a response to (or a request for) a path starting with this, e.g. '/v1/push'; any when absent. */
  path?: string;
  /**
   * Where to cut: after this many bytes, or at this fraction of the whole message when its
   * Content-Length is known (0.5 = halfway through); a chunked message is cut just after its headers.
   */
  afterBytes?: number;
  fraction?: number;
  /** How many messages to cut before the rule disarms itself (default 1). */
  times?: number;
}

export interface ProxyStats {
  connections: number;
  /** Bytes hub → kiosk and kiosk → hub that went through (what a kiosk sees on the wire). */
  bytesToClient: number;
  bytesToServer: number;
  /** Messages cut by a rule. */
  cuts: number;
}

export interface TcpProxy {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly stats: ProxyStats;
  /** Forward to another upstream port from now on (a hub restarted elsewhere). */
  retarget(port: number): void;
  /** Destroy every open connection now (both sides). */
  cutAll(): void;
  /** Cut the next matching response part-way through (the request reached the hub). */
  cutResponse(rule?: CutRule): void;
  /** Cut the next matching request part-way through its upload (the hub never gets it whole). */
  cutRequest(rule?: CutRule): void;
  /** Delay every chunk, both ways, by this many milliseconds (0 = none). */
  delay(ms: number): void;
  /** New connections are closed at once (the hub looks unreachable); open ones are cut too when `cutOpen`. */
  refuse(cutOpen?: boolean): void;
  /** Back to plain forwarding: no refusal, no delay, no armed cut. */
  resume(): void;
  resetStats(): void;
  close(): Promise<void>;
}

interface Armed {
  rule: CutRule;
  left: number;
}

/** What one direction of a connection has seen of the current HTTP message. */
class MessageTracker {
  private head = '';
  private headDone = false;
  private seen = 0;
  /** Total length of the message (headers + body) when known. */
  total: number | null = null;
  path = '';

  /** Called at the start of a new message. */
  reset(): void {
    this.head = '';
    this.headDone = false;
    this.seen = 0;
    this.total = null;
    this.path = '';
  }

  get bytes(): number {
    return this.seen;
  }

  get headersLength(): number | null {
    return this.headDone ? this.head.length : null;
  }

  feed(chunk: Buffer): void {
    if (!this.headDone) {
      // latin1: one character per byte, so lengths are byte counts.
      const before = this.head.length;
      this.head += chunk.toString('latin1');
      const end = this.head.indexOf('\r\n\r\n');
      if (end >= 0) {
        this.head = this.head.slice(0, end + 4);
        this.headDone = true;
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(this.head);
        this.total = length ? this.head.length + Number(length[1]) : null;
        this.seen = before + chunk.length;
      } else this.seen += chunk.length;
      const line = /^[A-Z]+ (\S+)/.exec(this.head);
      if (line) this.path = line[1]!;
      return;
    }
    this.seen += chunk.length;
  }

  /** True once the whole message went by (only when its length is known). */
  complete(): boolean {
    return this.total !== null && this.seen >= this.total;
  }
}

export async function startTcpProxy(targetPort: number, host = '127.0.0.1'): Promise<TcpProxy> {
  let target = targetPort;
  let refusing = false;
  let delayMs = 0;
  let responseCut: Armed | null = null;
  let requestCut: Armed | null = null;
  const sockets = new Set<net.Socket>();
  const stats: ProxyStats = { connections: 0, bytesToClient: 0, bytesToServer: 0, cuts: 0 };

  /** Where in this message the armed rule cuts, or null if it does not apply to it. */
  const cutPoint = (armed: Armed | null, path: string, tracker: MessageTracker): number | null => {
    if (!armed) return null;
    if (armed.rule.path && !path.startsWith(armed.rule.path)) return null;
    if (armed.rule.afterBytes !== undefined) return armed.rule.afterBytes;
    const headers = tracker.headersLength;
    if (headers === null) return null; // decide once the headers are in
    if (tracker.total !== null) return Math.max(1, Math.floor(tracker.total * (armed.rule.fraction ?? 0.5)));
    return headers;
  };

  const server = net.createServer((client) => {
    stats.connections++;
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target, host);
    sockets.add(client);
    sockets.add(upstream);
    const kill = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', kill);
    upstream.on('error', kill);
    client.on('close', kill);
    upstream.on('close', kill);

    const request = new MessageTracker();
    const response = new MessageTracker();
    /** The path of the request the next response answers (HTTP/1.1 without pipelining: one at a time). */
    let lastPath = '';
    let requestInProgress = false;
    let responseInProgress = false;
    /** Cut by a rule: the rest of what arrives on this connection is dropped. */
    let cut = false;
    let responseTarget: number | null | undefined; // undefined = not decided yet for this message
    let requestTarget: number | null | undefined;

    /** Chunks in order, each after the delay in force when it arrived. */
    let toServer = Promise.resolve();
    let toClient = Promise.resolve();
    const later = (chain: Promise<void>, run: () => void): Promise<void> =>
      delayMs > 0 ? chain.then(() => new Promise<void>((done) => setTimeout(() => (run(), done()), delayMs))) : (run(), chain);

    const forwardRequest = (chunk: Buffer) => {
      if (!requestInProgress) {
        request.reset();
        requestInProgress = true;
        requestTarget = undefined;
      }
      const before = request.bytes;
      request.feed(chunk);
      lastPath = request.path || lastPath;
      if (requestTarget === undefined && request.headersLength !== null) requestTarget = cutPoint(requestCut, request.path, request);
      if (typeof requestTarget === 'number' && request.bytes >= requestTarget) {
        const keep = Math.max(0, requestTarget - before);
        if (keep > 0) upstream.write(chunk.subarray(0, keep));
        stats.bytesToServer += keep;
        stats.cuts++;
        cut = true;
        if (requestCut && --requestCut.left <= 0) requestCut = null;
        // Let the partial bytes leave before the connection dies.
        setImmediate(kill);
        return;
      }
      stats.bytesToServer += chunk.length;
      upstream.write(chunk);
      // A message without Content-Length (a GET) ends with its headers.
      if (request.complete() || (request.headersLength !== null && request.total === null)) requestInProgress = false;
    };

    const forwardResponse = (chunk: Buffer) => {
      if (!responseInProgress) {
        response.reset();
        responseInProgress = true;
        responseTarget = undefined;
      }
      const before = response.bytes;
      response.feed(chunk);
      if (responseTarget === undefined && response.headersLength !== null) responseTarget = cutPoint(responseCut, lastPath, response);
      if (typeof responseTarget === 'number' && response.bytes >= responseTarget) {
        const keep = Math.max(0, responseTarget - before);
        if (keep > 0) client.write(chunk.subarray(0, keep));
        stats.bytesToClient += keep;
        stats.cuts++;
        cut = true;
        if (responseCut && --responseCut.left <= 0) responseCut = null;
        setImmediate(kill);
        return;
      }
      stats.bytesToClient += chunk.length;
      client.write(chunk);
      if (response.complete()) responseInProgress = false;
    };

    client.on('data', (chunk: Buffer) => {
      toServer = later(toServer, () => {
        if (!upstream.destroyed && !cut) forwardRequest(chunk);
      });
    });
    upstream.on('data', (chunk: Buffer) => {
      toClient = later(toClient, () => {
        if (!client.destroyed && !cut) forwardResponse(chunk);
      });
    });
    client.on('end', () => void toServer.then(() => upstream.end()));
    upstream.on('end', () => void toClient.then(() => client.end()));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  const cutAll = () => {
    for (const socket of [...sockets]) socket.destroy();
    sockets.clear();
  };
  const arm = (rule: CutRule = {}): Armed => ({ rule, left: rule.times ?? 1 });

  return {
    port,
    url: `http://${host}:${port}`,
    stats,
    retarget: (p) => {
      target = p;
    },
    cutAll,
    cutResponse: (rule) => {
      responseCut = arm(rule);
    },
    cutRequest: (rule) => {
      requestCut = arm(rule);
    },
    delay: (ms) => {
      delayMs = ms;
    },
    refuse: (cutOpen = true) => {
      refusing = true;
      if (cutOpen) cutAll();
    },
    resume: () => {
      refusing = false;
      delayMs = 0;
      responseCut = null;
      requestCut = null;
    },
    resetStats: () => {
      Object.assign(stats, { connections: 0, bytesToClient: 0, bytesToServer: 0, cuts: 0 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
}
