import type { Command } from 'commander';
import { admits } from '../../core/checkin/rules';
import { DomainError } from '../../core/errors';
import type { CheckinOutcome, ScanMethod } from '../../core/types';
import { CliFailure, usageError, type CliContext } from '../context';

const cliMethods = ['qr', 'wedge', 'cli'] as const satisfies readonly ScanMethod[];

interface CheckinFlags {
  checkpoint?: string;
  at?: string;
  method: string;
  override?: boolean;
}

/** The outcome in the reader's language: the result, then why (namespace `checkin`). */
export function translatedMessage(ctx: CliContext, outcome: CheckinOutcome): string {
  const params = outcome.params;
  const head = ctx.t(`checkin:result.${outcome.result}`, params).replace(/\s*[:,]?\s*$/, '').replace(/\s+\(\)/, '');
  const parts = [head];
  if (outcome.reason) parts.push(ctx.t(`checkin:reason.${outcome.reason}`, params));
  if (outcome.overridable) parts.push(ctx.t('checkin:overridable'));
  return parts.join('. ').replace(/\.\./g, '.');
}

const marks: Record<string, string> = { accepted: '✔', already_checked_in: '↻' };

export function registerCheckin(program: Command, ctx: CliContext): void {
  program
    .command('checkin')
    .description(ctx.t('checkin:cli.checkin.describe'))
    .argument('<code>')
    .option('--checkpoint <id>', ctx.t('checkin:cli.checkin.checkpoint'))
    .option('--at <iso-time>', ctx.t('checkin:cli.checkin.at'))
    .option('--method <method>', ctx.t('checkin:cli.checkin.method'), 'cli')
    .option('--override', ctx.t('checkin:cli.checkin.override'))
    .action(async (code: string, flags: CheckinFlags) => {
      if (!(cliMethods as readonly string[]).includes(flags.method)) throw usageError(ctx.t('checkin:cli.checkin.badMethod', { value: flags.method }));
      const outcome = await ctx.call('checkin:scan', {
        code,
        method: flags.method as ScanMethod,
        checkpointId: flags.checkpoint,
        at: flags.at,
        override: flags.override === true,
      });
      const message = translatedMessage(ctx, outcome);
      ctx.print({ ...outcome, message, englishMessage: outcome.message }, () => {
        const where = ctx.t('checkin:cli.checkin.at_checkpoint', { checkpoint: outcome.checkpoint.name, day: outcome.day });
        return `${marks[outcome.result] ?? '✘'} ${message} — ${where}${outcome.checkinId ? `  ${outcome.checkinId}` : ''}`;
      });
      if (!admits(outcome.result)) {
        throw new CliFailure(new DomainError('checkin.refused', outcome.message, { message, result: outcome.result }).toValue(), 3, true);
      }
    });

  program
    .command('undo')
    .description(ctx.t('checkin:cli.undo.describe'))
    .argument('<checkin-id>')
    .requiredOption('--reason <text>', ctx.t('checkin:cli.undo.reason'))
    .action(async (checkinId: string, flags: { reason: string }) => {
      const undone = await ctx.call('checkin:undo', { checkinId, reason: flags.reason });
      const name = undone.attendee ? [undone.attendee.honorific, undone.attendee.firstName, undone.attendee.lastName].filter(Boolean).join(' ') : '';
      ctx.print(undone, () => ctx.t('checkin:cli.undo.done', { name }));
    });
}
