/** Small HTTP helpers for the hub tests: real requests to the real hub process. */
import http from 'node:http';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import type { Change } from '../../main/core/sync/protocol';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  // any: the tests read answers field by field and the assertions are the type check.
  json: () => any;
}

/** A raw request (no automatic decompression, any body bytes), so sizes and headers are what went on the wire. */
export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: { 'x-accueil-protocol': '1', ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          raw,
          json: () => JSON.parse((res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw).toString('utf8')),
        });
      });
      res.on('error', reject);
    });
    // A hub refusing a huge body answers 413 and closes while we still write: the write fails
    // (EPIPE, ECONNRESET) but the answer is there; wait for it before calling that a failure.
    req.on('error', (error) => setTimeout(() => reject(error), 2000));
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

export function post(url: string, body: unknown, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
  return request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function get(url: string, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
  return request(url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
}

export async function pair(hubUrl: string, code: string, deviceName = 'Desk'): Promise<{ token: string; deviceId: string; eventId: string }> {
  const answer = await post(`${hubUrl}/v1/pair`, { code, deviceName });
  if (answer.status !== 200) throw new Error(`pair: ${answer.status} ${answer.raw.toString()}`);
  return answer.json();
}

export function checkinChange(eventId: string, attendeeId: string, checkpointId: string, at = '2026-06-10T08:00:00.000Z'): Change {
  return {
    id: randomUUID(),
    kind: 'checkin',
    eventId,
    at,
    payload: { id: randomUUID(), eventId, attendeeId, checkpointId, day: at.slice(0, 10), kioskId: 'k1', kioskName: 'Desk 1', method: 'qr', result: 'accepted', at, overridden: false, undoes: null },
  };
}

export function updateChange(eventId: string, attendeeId: string, fields: Record<string, string>, clocks: Record<string, string>): Change {
  const at = '2026-06-10T08:00:00.000Z';
  return { id: randomUUID(), kind: 'attendee_update', eventId, at, payload: { id: attendeeId, eventId, fields, clocks, kioskId: 'k1', at } };
}

/**
 * A POST that announces a body (Content-Length) and sends none of it until the hub answers:
 * a hub refusing a huge body or a stranger answers from the headers alone, without reading
 * it. (Sending it anyway races the hub's close: the reset can lose the answer.) Resolves
 * with the status and body of the answer once the hub closes the connection.
 */
export function rawPost(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: string }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => void (received += text));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, body: received.split('\r\n\r\n').slice(1).join('\r\n\r\n') });
    });
    const head = [`POST ${pathname} HTTP/1.1`, `Host: ${hostname}:${port}`, `Content-Length: ${body.length}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    socket.write(`${head.join('\r\n')}\r\n\r\n`);
  });
}
