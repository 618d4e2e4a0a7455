import type { Command } from 'commander';
import type { PrinterInfo } from '../../core/types';
import { CliFailure, usageError, type CliContext } from '../context';

interface PrintFlags {
  printer?: string;
  template?: string;
  reprint?: string;
  copies?: string;
}

function printerLine(ctx: CliContext, p: PrinterInfo): string {
  const notes = [ctx.t(`print:cli.printers.state.${p.state}`)];
  if (p.isDefault) notes.push(ctx.t('print:cli.printers.default'));
  if (!p.accepting) notes.push(ctx.t('print:cli.printers.rejecting'));
  const description = p.description && p.description !== p.name ? ` — ${p.description}` : '';
  return `${p.name}  (${notes.join(', ')})${description}${p.message ? ` — ${p.message}` : ''}`;
}

/**
 * `accueil print ID... [--printer QUEUE] [--template NAME] [--reprint REASON] [--copies N]`: one job
 * through CUPS, recorded in the ledger; a badge already printed without --reprint is a refusal
 * (exit code 3, like check-in refusals). `accueil printers`: the queues and their state.
 */
export function registerPrint(program: Command, ctx: CliContext): void {
  program
    .command('print')
    .description(ctx.t('print:cli.describe'))
    .argument('[attendee-ids...]', ctx.t('print:cli.ids'))
    .option('--printer <queue>', ctx.t('print:cli.printer'))
    .option('--template <name>', ctx.t('print:cli.template'))
    .option('--reprint <reason>', ctx.t('print:cli.reprint'))
    .option('--copies <n>', ctx.t('print:cli.copies'))
    .action(async (ids: string[], flags: PrintFlags) => {
      if (ids.length === 0) throw usageError(ctx.t('print:cli.needIds'));
      let copies: number | undefined;
      if (flags.copies !== undefined) {
        copies = Number(flags.copies);
        if (!/^\d+$/.test(flags.copies) || copies < 1 || copies > 10) throw usageError(ctx.t('print:cli.badCopies', { value: flags.copies }));
      }
      try {
        const outcome = await ctx.call('print:badges', {
          attendeeIds: ids,
          printer: flags.printer,
          template: flags.template,
          reprintReason: flags.reprint,
          copies,
        });
        ctx.print(outcome, () => {
          const names = outcome.records.map((r) => r.attendeeName || r.attendeeId).join(', ');
          const lines = [ctx.t('print:cli.printed', { count: outcome.records.length, names, printer: outcome.printer, jobId: outcome.jobId, template: outcome.template })];
          if ((copies ?? 1) > 1) lines.push(ctx.t('print:cli.copies', { count: copies }));
          const reason = outcome.records.find((r) => r.reason)?.reason;
          if (reason === 'edited' && !flags.reprint) lines.push(ctx.t('print:cli.edited'));
          else if (reason) lines.push(ctx.t('print:cli.reason', { reason }));
          return lines.join('\n');
        });
      } catch (error) {
        // A badge already printed is refused like a check-in: exit code 3.
        if (error instanceof CliFailure && error.error.code === 'print.already_printed') throw new CliFailure(error.error, 3);
        throw error;
      } finally {
        // The warm Chromium would keep the process alive (nothing to close if the data folder did not open).
        await Promise.resolve()
          .then(() => ctx.open().driver.close?.())
          .catch(() => undefined);
      }
    });

  program
    .command('printers')
    .description(ctx.t('print:cli.printers.describe'))
    .action(async () => {
      const printers = await ctx.call('printers:list', {});
      ctx.print(printers, () => (printers.length === 0 ? ctx.t('print:cli.printers.none') : printers.map((p) => printerLine(ctx, p)).join('\n')));
    });
}
