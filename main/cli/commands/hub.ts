/**
 * `accueil hub` and its companions. The hub runs on a data folder (a kiosk database whose hub
 * tables are in use); `hub-code`, `hub-revoke` and `hub-devices` open the same file while it
 * runs (WAL: the running hub reads the new code or the revocation on its next request).
 *
 * The lines `listening on URL` and `pairing code: CODE` are the same in every language: scripts
 * and the tests read them.
 */
import os from 'node:os';
import type { Command } from 'commander';
import QRCode from 'qrcode';
import { openDataFolder, type Database } from '../../core/db/open';
import { DomainError } from '../../core/errors';
import { Settings } from '../../core/settings/settings';
import { readTlsFiles, startHubServer } from '../../core/sync/hub/server';
import { hubEvent, hubUrlKey, prepareHub } from '../../core/sync/hub/setup';
import { issuePairingCode, listHubDevices, revokeHubDevice, SqliteHubStore } from '../../core/sync/hub/store';
import { CliFailure, usageError, type CliContext } from '../context';

/** The pairing QR's text, as main/core/sync/pairing-link.ts reads it: `accueil-pair:<hub URL>#<code>`. */
function pairingLink(url: string, code: string): string {
  return `accueil-pair:${url}#${code}`;
}

interface HubFlags {
  host: string;
  port: string;
  event?: string;
  tlsCert?: string;
  tlsKey?: string;
}

/** A kiosk cannot reach 0.0.0.0: the pairing link names this computer's first LAN address. */
function reachableUrl(url: string, host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return url;
  const lan = Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal);
  return lan ? url.replace(host === '::' ? '[::]' : host, lan.address) : url;
}

async function printCode(ctx: CliContext, code: string, expiresAt: string, url: string | undefined): Promise<void> {
  ctx.io.stdout(`pairing code: ${code}\n`);
  // The QR only where someone looks at it: a script reading stdout gets the plain lines.
  if (url && process.stdout.isTTY) ctx.io.stdout(await QRCode.toString(pairingLink(url, code), { type: 'terminal', small: true }));
  ctx.io.stdout(`${ctx.t('hub:expires', { time: new Date(expiresAt).toLocaleTimeString() })}\n`);
}

function withDb<T>(ctx: CliContext, fn: (db: Database) => T): T {
  const db = openDataFolder(ctx.options().data);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function registerHub(program: Command, ctx: CliContext): void {
  program
    .command('hub')
    .description(ctx.t('hub:describe'))
    .option('--host <host>', ctx.t('hub:host'), '127.0.0.1')
    .option('--port <port>', ctx.t('hub:port'), '8787')
    .option('--event <id>', ctx.t('hub:event'))
    .option('--tls-cert <file>', ctx.t('hub:tlsCert'))
    .option('--tls-key <file>', ctx.t('hub:tlsKey'))
    .action(async (flags: HubFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(ctx.t('usage.invalidArgument', { detail: '--port', defaultValue: `--port ${flags.port}` }));
      if (!!flags.tlsCert !== !!flags.tlsKey) throw usageError(ctx.t('hub:tlsBoth'));
      const tls = flags.tlsCert && flags.tlsKey ? readTlsFiles(flags.tlsCert, flags.tlsKey) : undefined;
      const db = openDataFolder(ctx.options().data);
      let closed = false;
      try {
        const event = hubEvent(db, flags.event);
        prepareHub(db, event.id);
        const hub = await startHubServer({ store: new SqliteHubStore(db), host: flags.host, port, tls });
        const url = reachableUrl(hub.url, flags.host);
        new Settings(db).set(hubUrlKey, url);
        ctx.io.stdout(`listening on ${hub.url}\n`);
        ctx.io.stdout(`${ctx.t('hub:ready', { event: event.name, url })}\n`);
        const issued = issuePairingCode(db, event.id, new Date());
        await printCode(ctx, issued.code, issued.expiresAt, url);
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        ctx.io.stdout(`${ctx.t('hub:stopping')}\n`);
        // Graceful: requests in flight finish (and their transactions commit) before the file closes.
        await hub.close();
        db.close();
        closed = true;
        ctx.io.stdout(`${ctx.t('hub:stopped')}\n`);
      } finally {
        if (!closed && db.open) db.close();
      }
    });

  program
    .command('hub-code')
    .description(ctx.t('hub:code.describe'))
    .option('--event <id>', ctx.t('hub:event'))
    .action(async (flags: { event?: string }) => {
      const { issued, url } = withDb(ctx, (db) => {
        const event = hubEvent(db, flags.event);
        prepareHub(db, event.id);
        return { issued: issuePairingCode(db, event.id, new Date()), url: new Settings(db).get<string>(hubUrlKey) };
      });
      if (ctx.json) ctx.print(issued, '');
      else await printCode(ctx, issued.code, issued.expiresAt, url);
    });

  program
    .command('hub-revoke')
    .description(ctx.t('hub:revoke.describe'))
    .argument('<device-id>')
    .action((id: string) => {
      const found = withDb(ctx, (db) => revokeHubDevice(db, id, new Date()));
      if (!found) throw new CliFailure(new DomainError('hub.device_not_found', `No paired device ${id}.`, { id }).toValue());
      ctx.print({ id, revoked: true }, ctx.t('hub:revoke.done', { id }));
    });

  program
    .command('hub-devices')
    .description(ctx.t('hub:devices.describe'))
    .action(() => {
      const devices = withDb(ctx, (db) => listHubDevices(db));
      ctx.print(devices, () =>
        devices.length === 0
          ? ctx.t('hub:devices.none')
          : devices
              .map((d) =>
                ctx.t('hub:devices.line', {
                  ...d,
                  lastSeenAt: d.lastSeenAt ?? ctx.t('hub:devices.never'),
                  revoked: d.revokedAt ? ctx.t('hub:devices.revoked', { at: d.revokedAt }) : '',
                }),
              )
              .join('\n'),
      );
    });
}
