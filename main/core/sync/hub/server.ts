/**
 * The hub's HTTP server (Fastify): pairing, push, pull and snapshot as protocol.ts says, on a
 * HubStore. Every answer that is not a success is a SyncErrorBody with its code and status;
 * one failed request never stops the server. Core code: runs under plain Node (the CLI, the
 * tests) and inside the desktop app ("this kiosk is the hub").
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../errors';
import {
  deviceStateHeaders,
  initialCursor,
  maxBodyBytes,
  pairRequestSchema,
  protocolHeader,
  protocolVersion,
  pullPageSize,
  pushRequestSchema,
  syncErrors,
  type DeviceState,
  type PairResponse,
  type SyncErrorBody,
  type SyncErrorCode,
} from '../protocol';
import { bearerToken, hashToken, newDeviceToken } from './auth';
import { gzipSnapshot } from './snapshot';
import type { DeviceRecord, HubStore, LogPage } from './store';

export interface HubServerOptions {
  store: HubStore;
  now?: () => Date;
  /** PEM certificate and key: the hub then speaks HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Fastify's request log (off by default: the CLI prints its own lines). */
  logger?: boolean;
}

export interface ListeningHub {
  app: FastifyInstance;
  /** http(s)://HOST:PORT with the real port. */
  url: string;
  port: number;
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    device?: DeviceRecord;
  }
}

class SyncFailure extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

function body(code: SyncErrorCode, message: string, params?: Record<string, string | number>): SyncErrorBody {
  return params ? { ok: false, code, message, params } : { ok: false, code, message };
}

function schemaFailure(error: z.ZodError, prefix = ''): SyncFailure {
  const issue = error.issues[0]!;
  const path = [prefix, ...issue.path].filter((p) => p !== '').join('.');
  const reason = path ? `${path}: ${issue.message}` : issue.message;
  return new SyncFailure('sync.bad_request', reason, { reason });
}

/** Reads PEM files for --tls-cert / --tls-key, with hub.tls_files when one cannot be read. */
export function readTlsFiles(certFile: string, keyFile: string): { cert: Buffer; key: Buffer } {
  const read = (file: string) => {
    try {
      return fs.readFileSync(file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new DomainError('hub.tls_files', `Cannot read ${file}: ${reason}`, { path: file, reason });
    }
  };
  return { cert: read(certFile), key: read(keyFile) };
}

const gzip = promisify(gzipCallback);

/** Whether the request's Accept-Encoding takes gzip (an explicit q=0 refuses it). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : header ?? '';
  return value.split(',').some((part) => {
    const [name, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (name !== 'gzip' && name !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** What a kiosk said of itself in its request's headers (deviceStateHeaders); a malformed part is left out, never an error. */
export function deviceStateOf(headers: Record<string, string | string[] | undefined>): Partial<DeviceState> {
  const header = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const state: Partial<DeviceState> = {};
  const kioskId = header(deviceStateHeaders.kioskId)?.trim();
  if (kioskId && kioskId.length <= 100) state.kioskId = kioskId;
  const encodedName = header(deviceStateHeaders.name);
  if (encodedName) {
    try {
      const name = decodeURIComponent(encodedName).trim();
      if (name && name.length <= 100) state.name = name;
    } catch {
      // Not percent-encoding: the name is left as it was.
    }
  }
  const pending = Number(header(deviceStateHeaders.pending));
  if (header(deviceStateHeaders.pending) !== undefined && Number.isSafeInteger(pending) && pending >= 0) state.pending = pending;
  return state;
}

/** Below this a pull answer goes plain: gzip would save nothing worth its header. */
const gzipMinBytes = 1024;

export function buildHubServer(options: HubServerOptions): FastifyInstance {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const app = Fastify({
    bodyLimit: maxBodyBytes,
    logger: options.logger ?? false,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
  }) as unknown as FastifyInstance; // the https variant's type differs only in the raw server

  const send = (reply: FastifyReply, failure: SyncFailure) =>
    reply.code(syncErrors[failure.code]).type('application/json').send(body(failure.code, failure.message, failure.params));

  app.setErrorHandler((error: FastifyError | Error, _request, reply) => {
    if (error instanceof SyncFailure) return send(reply, error);
    if (error instanceof DomainError) {
      const code = (error.code in syncErrors ? error.code : 'sync.internal') as SyncErrorCode;
      const params = code === 'sync.internal' ? { reason: error.message } : error.params;
      return send(reply, new SyncFailure(code, error.message, params));
    }
    const fastifyCode = (error as FastifyError).code;
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, new SyncFailure('sync.too_large', `The body is larger than ${maxBodyBytes} bytes.`));
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // Malformed JSON, an empty body, a wrong content type: Fastify's own 4xx.
      const reason = error.message.slice(0, 300);
      return send(reply, new SyncFailure('sync.bad_request', reason, { reason }));
    }
    const reason = error.message.slice(0, 300);
    return send(reply, new SyncFailure('sync.internal', reason, { reason }));
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, new SyncFailure('sync.bad_request', `No such endpoint: ${request.method} ${request.url.split('?')[0]}`, { reason: 'unknown endpoint' })),
  );

  // Before anything else: a kiosk newer than this hub is told so (426), whatever it asked.
  app.addHook('onRequest', async (request) => {
    const header = request.headers[protocolHeader];
    const version = Number(Array.isArray(header) ? header[0] : header ?? protocolVersion);
    if (!Number.isInteger(version) || version < 1) throw new SyncFailure('sync.bad_request', `Bad ${protocolHeader} header`, { reason: protocolHeader });
    if (version > protocolVersion) {
      throw new SyncFailure('sync.protocol_newer', `This hub speaks protocol ${protocolVersion}; the kiosk speaks ${version}.`, {
        hub: protocolVersion,
        kiosk: version,
      });
    }
  });

  // On request, before the body is read: a stranger's body is never parsed.
  const authenticate = async (request: FastifyRequest) => {
    const token = bearerToken(request.headers.authorization);
    const device = token ? await store.deviceByTokenHash(hashToken(token)) : null;
    if (!device || device.revokedAt) throw new SyncFailure('sync.unauthorized', 'Unknown or revoked device token.');
    request.device = device;
  };

  app.post('/v1/pair', async (request): Promise<PairResponse> => {
    const parsed = pairRequestSchema.safeParse(request.body);
    if (!parsed.success) throw schemaFailure(parsed.error);
    const token = newDeviceToken();
    const deviceId = randomUUID();
    const paired = await store.pair(parsed.data.code, { id: deviceId, name: parsed.data.deviceName, tokenHash: hashToken(token) }, now());
    if (!paired) throw new SyncFailure('sync.pairing_code_invalid', 'Unknown, expired or already used pairing code.');
    const event = await store.event(paired.eventId);
    return { hubId: await store.hubId(), deviceId, token, eventId: paired.eventId, eventName: event?.name ?? '' };
  });

  app.post('/v1/push', { onRequest: authenticate }, async (request) => {
    const device = request.device!;
    const parsed = pushRequestSchema.safeParse(request.body);
    if (!parsed.success) throw schemaFailure(parsed.error);
    const wrong = parsed.data.eventId !== device.eventId ? parsed.data.eventId : parsed.data.changes.find((c) => c.eventId !== device.eventId)?.eventId;
    if (wrong !== undefined) {
      throw new SyncFailure('sync.wrong_event', `This device was paired for the event ${device.eventId}, not ${wrong}.`, { expected: device.eventId, got: wrong });
    }
    const state = deviceStateOf(request.headers);
    if (Object.keys(state).length > 0) await store.reportDevice(device.id, state);
    return store.push(device, parsed.data.changes, now());
  });

  // The store hands back the same page object while its log has not grown (SqliteHubStore
  // caches them): its body and its gzip are then made once for the whole fleet.
  const pageBodies = new WeakMap<LogPage, Buffer>();
  const pageGzips = new WeakMap<LogPage, Promise<Buffer>>();
  /** The gzip of a page's body without its opening brace: what follows the fleet on a last page. */
  const pageRestGzips = new WeakMap<LogPage, Promise<Buffer>>();
  // Bytes, not text: gzip and the socket would each turn a text of megabytes into bytes again.
  const pageBody = (page: LogPage): Buffer => {
    let bytes = pageBodies.get(page);
    if (bytes === undefined) {
      bytes = Buffer.from(`{"changes":${page.changesJson},"cursor":${JSON.stringify(page.cursor)},"more":${page.more}}`);
      pageBodies.set(page, bytes);
    }
    return bytes;
  };
  const pullQuery = z.object({
    since: z.string().max(200).default(initialCursor),
    limit: z.coerce.number().int().min(1).max(pullPageSize).default(pullPageSize),
  });
  app.get('/v1/pull', { onRequest: authenticate }, async (request, reply) => {
    const device = request.device!;
    const parsed = pullQuery.safeParse(request.query);
    if (!parsed.success) throw schemaFailure(parsed.error);
    const page = await store.pull(device.eventId, parsed.data.since, parsed.data.limit);
    await store.touchDevice(device.id, now());
    const state = deviceStateOf(request.headers);
    if (Object.keys(state).length > 0) await store.reportDevice(device.id, state);
    reply.type('application/json').header('vary', 'accept-encoding');
    if (Object.keys(state).length > 0 && !page.more) {
      // The fleet only on the last page, to kiosks that ask for it: the pages other kiosks
      // pull stay the same cached bytes. The fleet goes first, so that the page after it is
      // the page's own bytes without their opening brace, gzipped once for every kiosk: two
      // gzip members one after the other are one gzip body (RFC 1952). A fleet catching up
      // pulls large last pages, and gzipping each anew per kiosk was a third of the hub's CPU.
      const head = Buffer.from(`{"fleet":${JSON.stringify(await store.fleet(device.eventId))},`);
      const rest = pageBody(page).subarray(1);
      if (head.length + rest.length < gzipMinBytes || !acceptsGzip(request.headers['accept-encoding'])) return reply.send(Buffer.concat([head, rest]));
      let gzRest = pageRestGzips.get(page);
      if (!gzRest) {
        gzRest = gzip(rest, { level: 1 });
        pageRestGzips.set(page, gzRest);
      }
      return reply.header('content-encoding', 'gzip').send(Buffer.concat([await gzip(head, { level: 1 }), await gzRest]));
    }
    const text = pageBody(page);
    if (text.length < gzipMinBytes || !acceptsGzip(request.headers['accept-encoding'])) return reply.send(text);
    // A page of 5,000 check-ins is ~3 MB of JSON and ~10x less gzipped; level 1: most of
    // the gain for a fraction of the CPU. Off the event loop (zlib's thread pool).
    let gz = pageGzips.get(page);
    if (!gz) {
      gz = gzip(text, { level: 1 });
      pageGzips.set(page, gz);
    }
    return reply.header('content-encoding', 'gzip').send(await gz);
  });

  app.get('/v1/snapshot', { onRequest: authenticate }, async (request, reply) => {
    const device = request.device!;
    const gz = await gzipSnapshot(await store.snapshotJson(device.eventId));
    await store.touchDevice(device.id, now());
    return reply.type('application/json').header('content-encoding', 'gzip').send(gz);
  });

  return app;
}

/** Builds the server and listens; `port` 0 picks a free one (the URL says which). */
export async function startHubServer(options: HubServerOptions & { host?: string; port?: number }): Promise<ListeningHub> {
  const app = buildHubServer(options);
  const host = options.host ?? '127.0.0.1';
  try {
    await app.listen({ host, port: options.port ?? 0 });
  } catch (error) {
    await app.close().catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new DomainError('hub.port_in_use', `The port ${options.port} is already in use.`, { port: options.port ?? 0 });
    }
    throw error;
  }
  const port = (app.server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    app,
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    close: async () => {
      await app.close();
      await options.store.close();
    },
  };
}
