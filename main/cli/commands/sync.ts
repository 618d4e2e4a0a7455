import type { Command } from 'commander';
import type { ErrorCode } from '../../core/errors';
import { SyncRunner } from '../../core/sync/loop';
import type { SyncStatus } from '../../core/types';
import type { CliContext } from '../context';
import { describeError } from '../i18n';

/** One human line: state, what waits, the last success (and the error, if any). */
export function statusLine(ctx: CliContext, status: SyncStatus): string {
  const line = ctx.t('sync:cli.line', {
    time: new Date().toISOString().slice(11, 19),
    state: ctx.t(`sync:state.${status.state}`),
    pending: ctx.t('sync:pending', { count: status.pending }),
    last: status.lastSyncAt ? ctx.t('sync:lastSync', { time: status.lastSyncAt }) : ctx.t('sync:never'),
  });
  if (!status.lastError) return line;
  const error = describeError(ctx.t, { ok: false, code: status.lastError.code as ErrorCode, message: status.lastError.message, params: {} });
  return `${line}\n${ctx.t('sync:cli.error', { message: error })}`;
}

/**
 * `accueil sync --once`: one full sync (exit 0, or the error's exit code); without --once the
 * background loop of the app, printing a status line after every attempt, until Ctrl-C.
 */
export function registerSync(program: Command, ctx: CliContext): void {
  program
    .command('sync')
    .description(ctx.t('sync:cli.syncDescribe'))
    .option('--once', ctx.t('sync:cli.once'))
    .action(async (flags: { once?: boolean }) => {
      if (flags.once) {
        const status = await ctx.call('sync:now', {});
        ctx.print(status, () => statusLine(ctx, status));
        return;
      }
      const services = ctx.open();
      // Fails at once (exit code of sync.not_paired) rather than looping on nothing.
      services.syncEngine.requirePairing();
      const runner = new SyncRunner({
        engine: services.syncEngine,
        now: services.now,
        onStatus: (status) => ctx.print(status, () => statusLine(ctx, status)),
      });
      await new Promise<void>((resolve) => {
        // The loop's timers do not keep a process alive (a kiosk closes without waiting): this does.
        const keepAlive = setInterval(() => undefined, 60_000);
        const stop = () => {
          clearInterval(keepAlive);
          runner.stop();
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        runner.start();
      });
      ctx.io.stderr(`${ctx.t('sync:cli.stopped')}\n`);
    });
}
