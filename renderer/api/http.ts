/**
 * The browser-mode implementation of `window.accueil`: the same typed Api as the Electron
 * preload, carried over the loopback HTTP bridge (main/bridge/server.ts) instead of IPC.
 */
import { bridgeTokenHeader, operations, type Api, type Operation } from '../../main/core/contract';
import type { ErrorValue, Result } from '../../main/core/errors';
import { fromWire, toWire } from '../../main/bridge/wire';

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  return ok === true || (ok === false && typeof (value as { code?: unknown }).code === 'string');
}

function failure(code: ErrorValue['code'], message: string): ErrorValue {
  return { ok: false, code, message };
}

export function createHttpApi(origin: string, token: string): Api {
  async function call(operation: Operation, input: unknown): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await fetch(`${origin}/api/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [bridgeTokenHeader]: token },
        // A Blob uploads a 50 MB import about twice as fast as the same JSON passed as a string.
        body: new Blob([toWire(input ?? {})], { type: 'application/json' }),
      });
    } catch (error) {
      return failure('bridge.unreachable', error instanceof Error ? error.message : String(error));
    }
    const text = await response.text().catch(() => '');
    try {
      const body = fromWire(text);
      // The bridge answers every call, refusals included, with a Result: trust its code.
      if (isResult(body)) return body;
    } catch {
      // Not JSON: a proxy or a crash page; fall through to a generic error value.
    }
    if (response.status === 401) return failure('bridge.unauthorized', `HTTP ${response.status}`);
    return failure('internal', `HTTP ${response.status} ${response.statusText}`.trim());
  }

  const api: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const operation of operations) api[operation] = (input) => call(operation, input);
  return Object.freeze(api) as unknown as Api;
}
