import path from 'node:path';
import type { Command } from 'commander';
import { qrImage } from '../../core/checkin/qr';
import { writeFileAtomic } from '../../core/checkin/qr-export';
import { usageError, type CliContext } from '../context';

interface QrFlags {
  out?: string;
  all?: boolean;
  outDir?: string;
  format?: string;
}

export function registerQr(program: Command, ctx: CliContext): void {
  program
    .command('qr')
    .description(ctx.t('checkin:cli.qr.describe'))
    .argument('[attendee-id]')
    .option('--out <file>', ctx.t('checkin:cli.qr.out'))
    .option('--all', ctx.t('checkin:cli.qr.all'))
    .option('--out-dir <dir>', ctx.t('checkin:cli.qr.outDir'))
    .option('--format <format>', ctx.t('checkin:cli.qr.format'), 'png')
    .action(async (id: string | undefined, flags: QrFlags) => {
      if (flags.all) {
        if (!flags.outDir || id) throw usageError(ctx.t('checkin:cli.qr.needOut'));
        if (flags.format !== 'png' && flags.format !== 'svg') throw usageError(ctx.t('checkin:cli.qr.badFormat', { value: flags.format }));
        const report = await ctx.call('qr:export', { folder: path.resolve(flags.outDir), format: flags.format });
        ctx.print(report, () => ctx.t('checkin:cli.qr.exported', { ...report }));
        return;
      }
      if (!id || !flags.out) throw usageError(ctx.t('checkin:cli.qr.needOut'));
      const extension = path.extname(flags.out).toLowerCase();
      if (extension !== '.png' && extension !== '.svg') throw usageError(ctx.t('checkin:cli.qr.badExtension', { file: flags.out }));
      const qr = await ctx.call('qr:attendee', { id });
      const file = path.resolve(flags.out);
      await writeFileAtomic(file, extension === '.svg' ? qr.svg : await qrImage(qr.text, 'png'));
      ctx.print({ id, file, token: qr.text }, () => ctx.t('checkin:cli.qr.written', { file }));
    });

  const token = program.command('token').description(ctx.t('checkin:cli.token.describe'));
  token
    .command('revoke')
    .description(ctx.t('checkin:cli.token.revoke'))
    .argument('<attendee-id>')
    .action(async (attendeeId: string) => {
      const revoked = await ctx.call('token:revoke', { attendeeId });
      ctx.print(revoked, () => ctx.t('checkin:cli.token.revoked', { version: revoked.tokenVersion }));
    });
}
