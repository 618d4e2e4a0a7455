import type { Command } from 'commander';
import type { CliContext } from '../context';
import { statusLine } from './sync';

/** `accueil pair URL CODE [--name NAME]`: the Settings screen's pairing, for scripts and headless desks. */
export function registerPair(program: Command, ctx: CliContext): void {
  program
    .command('pair')
    .description(ctx.t('sync:cli.pairDescribe'))
    .argument('<url>', ctx.t('sync:cli.url'))
    .argument('<code>', ctx.t('sync:cli.code'))
    .option('--name <name>', ctx.t('sync:cli.name'))
    .action(async (url: string, code: string, flags: { name?: string }) => {
      // The hub knows the device by the desk's name: set it first (straight in settings: a desk
      // about to be paired may have no event yet, which kiosk:configure needs).
      if (flags.name?.trim()) ctx.open().settings.set('kiosk.name', flags.name.trim());
      const status = await ctx.call('sync:pair', { url, code });
      ctx.print(status, () => [ctx.t('sync:cli.paired', { url: status.hubUrl ?? url, deviceId: status.deviceId ?? '' }), statusLine(ctx, status)].join('\n'));
    });
}
