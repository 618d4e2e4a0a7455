import type { Command } from 'commander';
import type { AttendeeSummary } from '../../core/types';
import { usageError, type CliContext } from '../context';

function line(ctx: CliContext, a: AttendeeSummary): string {
  const name = [a.honorific, a.firstName, a.lastName].filter(Boolean).join(' ');
  const where = [a.organisation, a.country].filter(Boolean).join(', ');
  const flags = [
    a.status === 'cancelled' ? ctx.t('search.cancelled') : '',
    a.checkedIn.length ? `${ctx.t('search.checkedIn')} ${a.checkedIn[0]!.at}` : '',
  ].filter(Boolean);
  return `${name}${where ? ` — ${where}` : ''}${a.category ? ` [${a.category}]` : ''}${flags.length ? ` (${flags.join(', ')})` : ''}  ${a.id}`;
}

export function registerSearch(program: Command, ctx: CliContext): void {
  program
    .command('search')
    .description(ctx.t('search.describe'))
    .argument('<text...>')
    .option('--limit <n>', ctx.t('search.limit'), '20')
    .action(async (words: string[], flags: { limit: string }) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1) throw usageError(`--limit ${flags.limit}`);
      const text = words.join(' ');
      const results = await ctx.call('attendees:search', { text, limit });
      ctx.print(results, () => (results.length ? results.map((a) => line(ctx, a)).join('\n') : ctx.t('search.none', { text })));
    });
}
