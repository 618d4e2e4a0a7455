/**
 * The kiosk's HTTP client of the sync protocol (protocol.ts). Every request carries the
 * protocol header and (except pairing) the device's bearer token, has a timeout, and every
 * answer is checked before it is believed: a hub is another machine, its JSON is input.
 *
 * Failures come out as DomainErrors: a network failure or timeout → sync.unreachable
 * {url, reason}; an error body from the hub → its own code; anything else → sync.bad_response.
 */
import { z } from 'zod';
import { DomainError, type ErrorCode } from '../errors';
import {
  deviceStateHeaders,
  protocolHeader,
  protocolVersion,
  syncErrors,
  type Change,
  type DeviceState,
  type FleetDevice,
  type Cursor,
  type PairResponse,
  type PullResponse,
  type PushResponse,
  type Snapshot,
} from './protocol';
import { gunzip, viaFetch, viaHttp } from './http-transport';

export interface SyncClientOptions {
  url: string;
  token?: string | null;
  /** Per request; a snapshot of 100,000 attendees gets `snapshotTimeoutMs`. */
  timeoutMs?: number;
  snapshotTimeoutMs?: number;
  /** A fetch to send requests through (tests may count them); node:http by default (http-transport.ts). */
  fetch?: typeof fetch;
}

const pairResponseSchema = z.object({ hubId: z.string(), deviceId: z.string(), token: z.string().min(1), eventId: z.string(), eventName: z.string() });
const pushResponseSchema = z.object({ accepted: z.number().int().min(0), duplicates: z.number().int().min(0) });
const loggedChangeSchema = z.object({
  id: z.string(),
  kind: z.string(),
  eventId: z.string(),
  at: z.string(),
  payload: z.record(z.string(), z.unknown()),
  seq: z.number(),
  deviceId: z.string(),
});
const fleetSchema = z.array(
  z.object({
    deviceId: z.string(),
    kioskId: z.string().nullable(),
    name: z.string(),
    lastSeenAt: z.string().nullable(),
    lastPushAt: z.string().nullable(),
    pending: z.number().int().min(0).nullable(),
  }),
);
const pullResponseSchema = z.object({ changes: z.array(loggedChangeSchema), cursor: z.string().min(1), more: z.boolean(), fleet: fleetSchema.optional() });
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * pullResponseSchema's rules checked by hand, without copying a page of thousands of changes:
 * the page as it came when it passes, null otherwise (zod then says what is wrong). Each
 * payload is checked again per kind when it is applied.
 */
function fastPullResponse(value: unknown): PullResponse | null {
  if (!isRecord(value) || !Array.isArray(value.changes) || typeof value.cursor !== 'string' || value.cursor === '' || typeof value.more !== 'boolean') return null;
  for (const change of value.changes as unknown[]) {
    if (
      !isRecord(change) ||
      typeof change.id !== 'string' ||
      typeof change.kind !== 'string' ||
      typeof change.eventId !== 'string' ||
      typeof change.at !== 'string' ||
      !isRecord(change.payload) ||
      typeof change.seq !== 'number' ||
      !Number.isFinite(change.seq) ||
      typeof change.deviceId !== 'string'
    ) {
      return null;
    }
  }
  return value as unknown as PullResponse;
}

const snapshotSchema = z.object({
  protocol: z.number(),
  event: z.object({
    id: z.string().min(1),
    name: z.string(),
    venue: z.string(),
    timezone: z.string(),
    days: z.array(z.object({ date: z.string(), label: z.string() })),
    checkpoints: z.array(
      z.object({
        id: z.string().min(1),
        kind: z.enum(['entrance', 'session']),
        name: z.string(),
        day: z.string().nullable(),
        room: z.string(),
        capacity: z.number().nullable(),
        startsAt: z.string().nullable(),
        endsAt: z.string().nullable(),
        sort: z.number(),
      }),
    ),
  }),
  keys: z.object({ publicKey: z.string().min(1), privateKey: z.string().nullable() }),
  attendees: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.unknown())) }),
  cursor: z.string().min(1),
});
const errorBodySchema = z.object({ ok: z.literal(false), code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

/** The hub's codes a kiosk understands; anything else from a hub is reported as its own text under sync.bad_response. */
const knownCodes = new Set<string>(Object.keys(syncErrors));

export class SyncClient {
  readonly url: string;
  private readonly token: string | null;
  private readonly timeoutMs: number;
  private readonly snapshotTimeoutMs: number;
  private readonly fetchImpl: typeof fetch | undefined;

  constructor({ url, token = null, timeoutMs = 15_000, snapshotTimeoutMs = 120_000, fetch: fetchImpl }: SyncClientOptions) {
    this.url = url.replace(/\/+$/, '');
    this.token = token;
    this.timeoutMs = timeoutMs;
    this.snapshotTimeoutMs = snapshotTimeoutMs;
    this.fetchImpl = fetchImpl;
  }

  async pair(code: string, deviceName: string): Promise<PairResponse> {
    const body = await this.request('POST', '/v1/pair', { code, deviceName }, { auth: false, retry: false });
    return parse(pairResponseSchema, readJson(body), 'pair');
  }

  /** `state`: what this kiosk tells the hub of itself (for the fleet's dashboards). */
  async push(eventId: string, changes: Change[], state?: DeviceState): Promise<PushResponse> {
    const body = await this.request('POST', '/v1/push', { eventId, changes }, { state });
    return parse(pushResponseSchema, readJson(body), 'push');
  }

  /** With `state`, the last page also carries the fleet (the event's kiosks as the hub last heard of them). */
  async pull(since: Cursor, limit?: number, state?: DeviceState): Promise<PullResponse> {
    const query = new URLSearchParams({ since });
    if (limit !== undefined) query.set('limit', String(limit));
    const body = await this.request('GET', `/v1/pull?${query.toString()}`, undefined, { state });
    const value = readJson(body);
    const page = fastPullResponse(value) ?? (parse(pullResponseSchema, value, 'pull') as PullResponse);
    if (page.fleet !== undefined) page.fleet = parse(fleetSchema, page.fleet, 'pull fleet') as FleetDevice[];
    return page;
  }

  async snapshot(): Promise<Snapshot> {
    const raw = await this.request('GET', '/v1/snapshot', undefined, { timeoutMs: this.snapshotTimeoutMs, gzip: true });
    return parse(snapshotSchema, readJson(raw), 'snapshot');
  }

  /**
   * One request: the body read whole (bounded by the timeout), an error body turned into its
   * DomainError. `gzip`: the body is a gzip stream the hub sent as such (not a transfer
   * encoding fetch would undo), unzipped here; a body fetch already unzipped is taken as is.
   */
  private async request(
    method: 'GET' | 'POST',
    path: string,
    json?: unknown,
    options: { auth?: boolean; timeoutMs?: number; gzip?: boolean; retry?: boolean; state?: DeviceState } = {},
  ): Promise<Buffer> {
    try {
      return await this.requestOnce(method, path, json, options);
    } catch (error) {
      // A pooled keep-alive connection the hub closed (it restarted) fails at once without the
      // request being read: one new attempt on a fresh connection. Push, pull and snapshot are
      // idempotent; pairing is not (its code is single-use) and is never retried.
      const stale = error instanceof DomainError && error.code === 'sync.unreachable' && staleReasons.has(String(error.params.reason));
      if (!stale || options.retry === false) throw error;
      return this.requestOnce(method, path, json, options);
    }
  }

  private async requestOnce(
    method: 'GET' | 'POST',
    path: string,
    json: unknown,
    { auth = true, timeoutMs = this.timeoutMs, gzip = false, state }: { auth?: boolean; timeoutMs?: number; gzip?: boolean; state?: DeviceState },
  ): Promise<Buffer> {
    const headers: Record<string, string> = { [protocolHeader]: String(protocolVersion), accept: 'application/json' };
    if (state) {
      headers[deviceStateHeaders.kioskId] = state.kioskId;
      headers[deviceStateHeaders.name] = encodeURIComponent(state.name);
      headers[deviceStateHeaders.pending] = String(state.pending);
    }
    if (auth) {
      if (!this.token) throw new DomainError('sync.not_paired', 'This kiosk is not paired with a hub.');
      headers.authorization = `Bearer ${this.token}`;
    }
    if (json !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    let status: number;
    let body: Buffer;
    try {
      const payload = json === undefined ? undefined : JSON.stringify(json);
      ({ status, body } = this.fetchImpl
        ? await viaFetch(this.fetchImpl, `${this.url}${path}`, method, headers, payload, controller.signal)
        : await viaHttp(`${this.url}${path}`, method, headers, payload, controller.signal));
    } catch (error) {
      throw new DomainError('sync.unreachable', `The hub at ${this.url} did not answer: ${reasonOf(error, controller)}.`, {
        url: this.url,
        reason: reasonOf(error, controller),
      });
    } finally {
      clearTimeout(timer);
    }
    if (status >= 200 && status < 300) {
      if (!gzip) return body;
      // gzip magic bytes: the hub sent the file compressed without saying so; otherwise it is already inflated.
      if (body[0] === 0x1f && body[1] === 0x8b) {
        try {
          return gunzip(body);
        } catch (error) {
          throw badResponse(`the snapshot is not valid gzip (${error instanceof Error ? error.message : String(error)})`);
        }
      }
      return body;
    }
    throw errorFromBody(status, body);
  }
}

/** Failures of a connection reused after the other side closed it (undici's codes, the system's). */
const staleReasons = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);

function reasonOf(error: unknown, controller: AbortController): string {
  if (controller.signal.aborted) {
    const reason: unknown = controller.signal.reason;
    return reason instanceof Error ? reason.message : 'timeout';
  }
  if (error instanceof Error) {
    // node:http says the system error's code (ECONNREFUSED, ECONNRESET); undici wraps it in `cause`.
    const { code, cause } = error as Error & { code?: unknown; cause?: { code?: string; message?: string } };
    if (typeof code === 'string') return code;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}

function badResponse(reason: string): DomainError {
  return new DomainError('sync.bad_response', `The hub's answer could not be read: ${reason}.`, { reason });
}

/** The hub's `{ok:false, code}` body as its DomainError; anything else as sync.bad_response with the status. */
export function errorFromBody(status: number, body: Buffer): DomainError {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return badResponse(`HTTP ${status}`);
  }
  const parsed = errorBodySchema.safeParse(value);
  if (!parsed.success) return badResponse(`HTTP ${status}`);
  const { code, message, params = {} } = parsed.data;
  if (!knownCodes.has(code)) return badResponse(`HTTP ${status} ${code}: ${message}`);
  return new DomainError(code as ErrorCode, message, params);
}

function readJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw badResponse('not JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badResponse(`${what}: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}`);
  return parsed.data;
}
