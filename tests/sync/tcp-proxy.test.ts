import http from 'node:http';
import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

/** A plain HTTP server standing in for the hub: /big answers 200 kB, /slow never finishes, POST echoes the length it got. */
async function upstream(): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    if (req.url === '/slow') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('start');
      return; // never ends
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('aborted', () => received.push(`aborted ${req.url}`));
    req.on('end', () => {
      received.push(`${req.method} ${req.url} ${body.length}`);
      const text = req.url === '/big' ? 'x'.repeat(200_000) : `ok ${body.length}`;
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    close: () => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ proxy: TcpProxy; server: Awaited<ReturnType<typeof upstream>> }> {
  const server = await upstream();
  cleanups.push(server.close);
  const proxy = await startTcpProxy(server.port);
  cleanups.push(proxy.close);
  return { proxy, server };
}

describe('tcp proxy', () => {
  it('forwards requests and responses and counts the bytes both ways', async () => {
    const { proxy } = await setup();
    const res = await fetch(`${proxy.url}/big`);
    expect((await res.text()).length).toBe(200_000);
    expect(proxy.stats.bytesToClient).toBeGreaterThan(200_000);
    expect(proxy.stats.bytesToServer).toBeGreaterThan(20);
    const post = await fetch(`${proxy.url}/echo`, { method: 'POST', body: 'abc' });
    expect(await post.text()).toBe('ok 3');
  });

  it('cuts one response halfway through, then forwards again', async () => {
    const { proxy, server } = await setup();
    proxy.cutResponse({ path: '/big', fraction: 0.5 });
    await expect(fetch(`${proxy.url}/big`).then((r) => r.text())).rejects.toThrow();
    // The request itself reached the server whole.
    expect(server.received).toContain('GET /big 0');
    expect(proxy.stats.cuts).toBe(1);
    expect(proxy.stats.bytesToClient).toBeGreaterThan(90_000);
    expect(proxy.stats.bytesToClient).toBeLessThan(110_000);
    expect((await fetch(`${proxy.url}/big`).then((r) => r.text())).length).toBe(200_000);
  });

  it('aims a cut at one path only', async () => {
    const { proxy } = await setup();
    proxy.cutResponse({ path: '/big', afterBytes: 50 });
    expect(await fetch(`${proxy.url}/echo`, { method: 'POST', body: 'hello' }).then((r) => r.text())).toBe('ok 5');
    await expect(fetch(`${proxy.url}/big`).then((r) => r.text())).rejects.toThrow();
  });

  it('cuts a request part-way through its upload: the server never gets it whole', async () => {
    const { proxy, server } = await setup();
    proxy.cutRequest({ path: '/push', fraction: 0.5 });
    await expect(fetch(`${proxy.url}/push`, { method: 'POST', body: 'y'.repeat(100_000) })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    expect(server.received.some((line) => line.startsWith('POST /push'))).toBe(false);
    expect(await fetch(`${proxy.url}/push`, { method: 'POST', body: 'y'.repeat(10) }).then((r) => r.text())).toBe('ok 10');
  });

  it('cuts every open connection now', async () => {
    const { proxy } = await setup();
    const res = await fetch(`${proxy.url}/slow`);
    const reading = res.text();
    proxy.cutAll();
    await expect(reading).rejects.toThrow();
  });

  it('refuses new connections until resumed, and delays when asked', async () => {
    const { proxy } = await setup();
    proxy.refuse();
    await expect(fetch(`${proxy.url}/echo`)).rejects.toThrow();
    proxy.resume();
    proxy.delay(20);
    expect(await fetch(`${proxy.url}/echo`, { method: 'POST', body: 'ab' }).then((r) => r.text())).toBe('ok 2');
    proxy.resume();
  });

  it('retargets to another upstream (a hub restarted on another port)', async () => {
    const { proxy } = await setup();
    const other = await upstream();
    cleanups.push(other.close);
    proxy.retarget(other.port);
    proxy.cutAll(); // keep-alive connections still lead to the old one
    await fetch(`${proxy.url}/echo`, { method: 'POST', body: 'z' });
    expect(other.received).toContain('POST /echo 1');
  });
});
