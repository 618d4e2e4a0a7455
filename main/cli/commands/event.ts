import type { Command } from 'commander';
import type { EventInfo } from '../../core/types';
import { usageError, type CliContext } from '../context';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

interface EventFlags {
  name?: string;
  venue?: string;
  day?: string[];
  checkpoint?: string[];
  session?: string[];
  select?: boolean;
}

/** `2026-09-18=Jour 1` → a day; the label is optional. */
function parseDays(values: string[] | undefined) {
  return values?.map((value) => {
    const [date, ...label] = value.split('=');
    return { date: date!.trim(), label: label.join('=').trim() };
  });
}

function parseCheckpoints(ctx: CliContext, flags: EventFlags) {
  if (!flags.checkpoint && !flags.session) return undefined;
  const entrances = (flags.checkpoint ?? []).map((value) => {
    const match = /^([^=]+)=(.+)$/.exec(value);
    if (!match) throw usageError(ctx.t('event.badCheckpoint', { value }));
    return { id: match[1]!.trim(), kind: 'entrance' as const, name: match[2]!.trim() };
  });
  const sessions = (flags.session ?? []).map((value) => {
    const match = /^([^=]+)=(.+)@(\d{4}-\d{2}-\d{2})$/.exec(value);
    if (!match) throw usageError(ctx.t('event.badSession', { value }));
    return { id: match[1]!.trim(), kind: 'session' as const, name: match[2]!.trim(), day: match[3]! };
  });
  return [...entrances, ...sessions];
}

function describe(ctx: CliContext, event: EventInfo, current?: string): string {
  return ctx.t('event.line', {
    marker: event.id === current ? '*' : ' ',
    name: event.name,
    id: event.id,
    count: event.attendeeCount,
    days: event.days.length ? event.days.map((d) => d.date).join(', ') : ctx.t('event.anyDay'),
  });
}

export function registerEvent(program: Command, ctx: CliContext): void {
  const event = program.command('event').description(ctx.t('event.describe'));

  const withFields = (command: Command) =>
    command
      .option('--venue <venue>', ctx.t('event.venue'))
      .option('--day <date>', ctx.t('event.day'), collect)
      .option('--checkpoint <id=name>', ctx.t('event.checkpoint'), collect)
      .option('--session <id=name@date>', ctx.t('event.session'), collect);

  withFields(event.command('create').description(ctx.t('event.create')).requiredOption('--name <name>', ctx.t('event.name')))
    .option('--select', ctx.t('event.select'))
    .action(async (flags: EventFlags) => {
      const created = await ctx.call('events:create', {
        name: flags.name ?? '',
        venue: flags.venue,
        days: parseDays(flags.day),
        checkpoints: parseCheckpoints(ctx, flags),
        select: flags.select,
      });
      ctx.print(created, () => ctx.t('event.created', { name: created.name, id: created.id }));
    });

  event
    .command('list')
    .description(ctx.t('event.list'))
    .action(async () => {
      const events = await ctx.call('events:list', {});
      const current = (await ctx.call('app:info', {})).event?.id;
      ctx.print(events, () => (events.length ? events.map((e) => describe(ctx, e, current)).join('\n') : ctx.t('event.none')));
    });

  withFields(event.command('update').description(ctx.t('event.update')).argument('<id>').option('--name <name>', ctx.t('event.name')))
    .option('--select', ctx.t('event.select'))
    .action(async (id: string, flags: EventFlags) => {
      let updated = await ctx.call('events:update', {
        id,
        name: flags.name,
        venue: flags.venue,
        days: parseDays(flags.day),
        checkpoints: parseCheckpoints(ctx, flags),
      });
      if (flags.select) updated = await ctx.call('events:select', { id });
      ctx.print(updated, () => ctx.t('event.updated', { name: updated.name, id: updated.id }));
    });
}
