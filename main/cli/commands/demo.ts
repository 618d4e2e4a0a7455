import type { Command } from 'commander';
import type { CliContext } from '../context';

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description(ctx.t('demo.describe'))
    .action(async () => {
      const event = await ctx.call('demo:load', {});
      ctx.print(event, () =>
        ctx.t('demo.done', { name: event.name, count: event.attendeeCount, days: event.days.map((d) => d.date).join(', ') }),
      );
    });
}
