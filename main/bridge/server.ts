/**
 * The loopback HTTP bridge: the transport browser mode and the Playwright tests use to reach
 * the real core from real Chromium. Same operations table, same validation (dispatch) as the
 * Electron IPC; only the hop differs. It is a network surface, so it is locked down:
 * 127.0.0.1 only, a random per-run token on every call, and requests whose Host or Origin is
 * not the bridge's own are refused (a page on another site cannot reach it through DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { bridgeTokenHeader, maxImportBytes } from '../core/contract';
import { dispatch, isOperation } from '../core/dispatch';
import type { ErrorCode, ErrorValue } from '../core/errors';
import type { Services } from '../core/services';
import { contentSecurityPolicy } from '../electron/csp';
import { fromWire, toWire, type Base64Codec } from './wire';

export const loopbackHost = '127.0.0.1';

/** An import file of maxImportBytes, base64-encoded (4/3), plus room for the rest of the JSON. */
export const bridgeBodyLimit = Math.ceil(maxImportBytes / 3) * 4 + 1024 * 1024;

export interface BridgeOptions {
  services: Pick<Services, 'handlers'>;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The built renderer (out/renderer); without it the bridge serves the API only. */
  staticDir?: string;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
}

export interface Bridge {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** The address to open: the URL with the token in its fragment (never sent over HTTP). */
  appUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

// Buffer decodes base64 natively, several times faster than the portable path for 50 MB imports.
const nodeBase64: Base64Codec = {
  encode: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  decode: (text) => {
    const buffer = Buffer.from(text, 'base64');
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  },
};

export function newBridgeToken(): string {
  return randomBytes(32).toString('base64url');
}

function errorValue(code: ErrorCode, message: string): ErrorValue {
  return { ok: false, code, message };
}

function sameSecret(given: string, expected: Buffer): boolean {
  const candidate = Buffer.from(given, 'utf8');
  // timingSafeEqual needs equal lengths; comparing with itself keeps the time independent of the guess.
  if (candidate.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(candidate, expected);
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const host = options.host ?? loopbackHost;
  if (host !== loopbackHost) {
    throw new Error(`The Accueil bridge only listens on ${loopbackHost}, not on ${host}: it must never be reachable from the network.`);
  }
  const token = options.token ?? newBridgeToken();
  if (token.length < 16) throw new Error('The bridge token must be at least 16 characters long.');
  const expected = Buffer.from(token, 'utf8');

  const app = Fastify({ logger: false, bodyLimit: bridgeBodyLimit });
  // Known once listening (the port may be chosen by the system); nothing is served before.
  let origin = '';
  let ownHost = '';

  // DNS-rebinding guard on every route: only our own host:port and our own origin.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const hostHeader = request.headers.host;
    const originHeader = request.headers.origin;
    if (!ownHost || hostHeader !== ownHost || (originHeader !== undefined && originHeader !== origin)) {
      return reply.code(403).type('application/json').send(toWire(errorValue('bridge.forbidden', 'Foreign host or origin refused.')));
    }
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-store');
    // The same policy as the Electron window; as a header it also forbids framing (frame-ancestors).
    reply.header('content-security-policy', contentSecurityPolicy);
    reply.header('x-frame-options', 'DENY');
    return undefined;
  });

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, fromWire((body as Buffer).toString('utf8'), nodeBase64));
    } catch (error) {
      const failure = error as Error & { statusCode?: number };
      failure.statusCode = 400;
      done(failure, undefined);
    }
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    const message = status === 413 ? 'Request too large.' : error.message;
    reply.code(status).type('application/json').send(toWire(errorValue(status === 500 ? 'internal' : 'invalid_input', message)));
  });

  app.post<{ Params: { operation: string } }>(
    '/api/:operation',
    {
      // Runs before the body is read: an unauthenticated 80 MB upload is cut short and nothing runs.
      onRequest: async (request, reply) => {
        const given = request.headers[bridgeTokenHeader];
        if (typeof given !== 'string' || !sameSecret(given, expected)) {
          return reply.code(401).type('application/json').send(toWire(errorValue('bridge.unauthorized', 'Missing or wrong bridge token.')));
        }
        return undefined;
      },
    },
    async (request, reply) => {
      const { operation } = request.params;
      reply.type('application/json');
      if (!isOperation(operation)) {
        return reply.code(404).send(toWire(errorValue('not_found', `Unknown operation ${operation}.`)));
      }
      const result = await dispatch(options.services.handlers, operation, request.body ?? {});
      return reply.send(toWire(result, nodeBase64));
    },
  );

  const staticDir = options.staticDir ? path.resolve(options.staticDir) : undefined;
  if (staticDir && fs.existsSync(path.join(staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: staticDir, prefix: '/', index: 'index.html' });
  } else if (staticDir) {
    app.get('/', async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(`The renderer has not been built (${staticDir}/index.html is missing). Run "npm run build", then restart.\n`),
    );
  }

  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The bridge has no TCP address.');
  ownHost = `${host}:${address.port}`;
  origin = `http://${ownHost}`;
  const url = `${origin}/`;

  return {
    url,
    appUrl: `${url}#token=${token}`,
    port: address.port,
    token,
    close: () => app.close(),
  };
}
