/**
 * How the sync client puts a request on the wire. node:http by default: the body is read whole
 * and, when the hub gzipped it, inflated in one call. fetch (undici) inflates as a stream of
 * small chunks and copies them into web streams: on a fleet pulling 10,000 changes per kiosk
 * that was a quarter of each kiosk's CPU. A caller-supplied fetch (tests counting requests)
 * still goes through fetch.
 */
import http from 'node:http';
import https from 'node:https';
import { gunzipSync } from 'node:zlib';

/**
 * Inflated in one call into one buffer of the size the gzip trailer gives: zlib's default
 * (16 KB pieces, then a copy of them all into one buffer) touches the body's memory twice,
 * and fresh memory is what costs most in a kiosk process that pulls a few megabytes at once
 * (page faults: ~4 ms per MB on the test machine, against 0.05 ms per MB reused). Synchronous:
 * ~10 ms for a page of 5,000 changes, less than the transaction that applies it; the thread
 * pool's version hops between threads for every piece.
 */
export function gunzip(body: Buffer): Buffer {
  // ISIZE: the uncompressed length modulo 2^32, little-endian, in the last 4 bytes, of the
  // last member only: the hub sends a last page as the fleet's member, then the page's. Only a
  // hint (a larger body just makes zlib add pieces): 64 KB more holds the fleet, and a body
  // that fills the buffer exactly still ends in it.
  const hinted = body.length >= 18 ? body.readUInt32LE(body.length - 4) : 0;
  const chunkSize = Math.min(hinted + 64 * 1024, 64 * 2 ** 20);
  return gunzipSync(body, { chunkSize });
}

export interface RawAnswer {
  status: number;
  /** Inflated when the hub sent it with content-encoding gzip. */
  body: Buffer;
}

// Module-wide: the client is made anew for each sync, and the connection should outlive it.
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

export function viaHttp(url: string, method: 'GET' | 'POST', headers: Record<string, string>, payload: string | undefined, signal: AbortSignal): Promise<RawAnswer> {
  return new Promise<RawAnswer>((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const sent: Record<string, string> = { ...headers, 'accept-encoding': 'gzip' };
    if (payload !== undefined) sent['content-length'] = String(Buffer.byteLength(payload));
    const request = (secure ? https : http).request(target, { method, headers: sent, agent: secure ? agents.https : agents.http, signal }, (response) => {
      const chunks: Buffer[] = [];
      let length = 0;
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
      });
      response.on('error', reject);
      // A connection cut halfway through the body is a network failure, as with fetch.
      response.on('close', () => {
        if (!response.complete) reject(Object.assign(new Error('the connection closed before the end of the answer'), { code: 'ECONNRESET' }));
      });
      response.on('end', () => {
        if (!response.complete) return;
        const raw = Buffer.concat(chunks, length);
        const status = response.statusCode ?? 0;
        if (response.headers['content-encoding'] !== 'gzip') return resolve({ status, body: raw });
        try {
          resolve({ status, body: gunzip(raw) });
        } catch (error) {
          reject(error);
        }
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}

export async function viaFetch(
  fetchImpl: typeof fetch,
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  payload: string | undefined,
  signal: AbortSignal,
): Promise<RawAnswer> {
  const response = await fetchImpl(url, { method, headers, body: payload, signal });
  // Read inside the caller's timeout too: a connection cut halfway through the body is a network failure.
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}
