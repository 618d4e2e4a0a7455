import type { Command } from 'commander';
import { renderBadgesPdf, type BadgeSort } from '../../core/badges/pdf';
import { usageError, type CliContext } from '../context';

interface BadgeFlags {
  all?: boolean;
  template?: string;
  sort: string;
  out?: string;
}

/** `accueil badge ID... | --all [--template NAME] [--sort name|country] --out FILE.pdf`: badges to one PDF. */
export function registerBadge(program: Command, ctx: CliContext): void {
  program
    .command('badge')
    .description(ctx.t('badges:cli.describe'))
    .argument('[attendee-ids...]', ctx.t('badges:cli.ids'))
    .option('--all', ctx.t('badges:cli.all'))
    .option('--template <name>', ctx.t('badges:cli.template'), 'a6')
    .option('--sort <order>', ctx.t('badges:cli.sort'), 'name')
    .option('--out <file>', ctx.t('badges:cli.out'))
    .action(async (ids: string[], flags: BadgeFlags) => {
      if (!flags.out) throw usageError(ctx.t('badges:cli.needOut'));
      if (flags.all ? ids.length > 0 : ids.length === 0) throw usageError(ctx.t('badges:cli.idsOrAll'));
      if (flags.sort !== 'name' && flags.sort !== 'country') throw usageError(ctx.t('badges:cli.badSort', { value: flags.sort }));
      const lang = ctx.t('badges:lang') === 'en' ? 'en' : 'fr';
      const result = await renderBadgesPdf({
        db: ctx.open().db,
        attendeeIds: ids,
        all: flags.all,
        sort: flags.sort as BadgeSort,
        template: flags.template,
        out: flags.out,
        lang,
      });
      ctx.print(result, () => ctx.t('badges:cli.written', { ...result, count: result.badges }));
    });
}
