import type { Command } from 'commander';
import { DomainError } from '../../core/errors';
import type { DuplicateCandidate } from '../../core/types';
import { CliFailure, usageError, type CliContext } from '../context';
import { translatedMessage } from './checkin';

interface WalkinFlags {
  firstName?: string;
  lastName?: string;
  honorific?: string;
  function?: string;
  organisation?: string;
  country?: string;
  category?: string;
  email?: string;
  checkin: boolean;
  force?: boolean;
  consent?: boolean;
}

const fullName = (p: { honorific?: string; firstName: string; lastName: string }) => [p.honorific, p.firstName, p.lastName].filter(Boolean).join(' ');

function candidateLines(ctx: CliContext, candidates: DuplicateCandidate[]): string {
  const [first] = candidates;
  if (!first) return '';
  const lines = [
    ctx.t('walkin:didYouMean', {
      name: fullName(first.attendee),
      organisation: first.attendee.organisation ? `, ${first.attendee.organisation}` : '',
    }),
    ...candidates.map((c) => {
      const where = [c.attendee.organisation, c.attendee.country].filter(Boolean).join(', ');
      return ctx.t('walkin:cli.candidate', {
        name: fullName(c.attendee),
        where: where ? ` (${where})` : '',
        reasons: c.reasons.map((r) => ctx.t(`walkin:reason.${r}`)).join(', '),
        id: c.attendee.id,
      });
    }),
    ctx.t('walkin:cli.notCreated'),
  ];
  return lines.join('\n');
}

/**
 * `accueil walkin`: the desk's walk-in form for scripts. The organiser running it vouches for
 * the person's consent with --consent; a likely duplicate stops it (exit 3) unless --force.
 */
export function registerWalkin(program: Command, ctx: CliContext): void {
  program
    .command('walkin')
    .description(ctx.t('walkin:cli.describe'))
    .option('--first-name <text>', ctx.t('walkin:cli.firstName'))
    .option('--last-name <text>', ctx.t('walkin:cli.lastName'))
    .option('--honorific <text>', ctx.t('walkin:cli.honorific'))
    .option('--function <text>', ctx.t('walkin:cli.function'))
    .option('--organisation <text>', ctx.t('walkin:cli.organisation'))
    .option('--country <text>', ctx.t('walkin:cli.country'))
    .option('--category <text>', ctx.t('walkin:cli.category'))
    .option('--email <address>', ctx.t('walkin:cli.email'))
    .option('--consent', ctx.t('walkin:cli.consent'))
    .option('--no-checkin', ctx.t('walkin:cli.noCheckin'))
    .option('--force', ctx.t('walkin:cli.force'))
    .action(async (flags: WalkinFlags) => {
      if (flags.consent !== true) throw usageError(ctx.t('walkin:cli.needConsent'));
      if (!flags.firstName?.trim() && !flags.lastName?.trim()) throw usageError(ctx.t('walkin:cli.needName'));
      const person = {
        honorific: flags.honorific,
        firstName: flags.firstName ?? '',
        lastName: flags.lastName ?? '',
        function: flags.function,
        organisation: flags.organisation,
        country: flags.country,
        category: flags.category,
        email: flags.email,
      };
      const { candidates } = await ctx.call('walkin:check', person);
      if (candidates.length > 0 && flags.force !== true) {
        ctx.print({ attendee: null, checkin: null, duplicates: candidates }, () => candidateLines(ctx, candidates));
        const first = candidates[0]!.attendee;
        const error = new DomainError('walkin.possible_duplicate', `${fullName(first)} is already registered.`, {
          name: fullName(first),
          organisation: first.organisation,
          id: first.id,
        });
        throw new CliFailure(error.toValue(), 3, true);
      }
      let outcome;
      try {
        outcome = await ctx.call('walkin:create', { ...person, consent: true, checkIn: flags.checkin, confirmNotDuplicate: flags.force === true });
      } catch (error) {
        // A check-in refused at the door is a refusal (exit 3), as with `accueil checkin`; nothing was created.
        if (error instanceof CliFailure && error.error.code === 'walkin.checkin_refused') {
          const params = error.error.params ?? {};
          const refusal = [ctx.t(`checkin:result.${params.result}`, params), params.reason ? ctx.t(`checkin:reason.${params.reason}`, params) : '']
            .map((part) => part.replace(/\s*[:,.]?\s*$/, ''))
            .filter(Boolean)
            .join('. ');
          // The error text shows {{message}}, the error's own message: in the reader's language on screen, English in JSON.
          throw new CliFailure(ctx.json ? error.error : { ...error.error, message: refusal }, 3);
        }
        throw error;
      }
      const { attendee, checkin, duplicates } = outcome;
      const message = checkin ? translatedMessage(ctx, checkin) : null;
      ctx.print({ attendee, checkin: checkin && { ...checkin, message, englishMessage: checkin.message }, duplicates }, () =>
        [
          ctx.t('walkin:cli.created', { name: fullName(attendee), id: attendee.id }),
          checkin ? ctx.t('walkin:cli.checkedIn', { message, checkpoint: checkin.checkpoint.name, day: checkin.day }) : ctx.t('walkin:cli.notCheckedIn'),
        ].join('\n'),
      );
    });
}
