import { afterEach, describe, expect, it } from 'vitest';
import { badgeHtmlFor } from '../../main/core/badges/badge-html';
import { qrSvg } from '../../main/core/checkin/qr';
import { openDataFolder, type Database } from '../../main/core/db/open';
import { demoAttendeeId, demoFixtures, loadDemo } from '../../main/core/demo/demo';
import { dispatch } from '../../main/core/dispatch';
import { DomainError } from '../../main/core/errors';
import { createServices } from '../../main/core/services';
import { tempDir } from '../helpers/temp';

const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const now = () => new Date('2023-09-18T07:14:00Z');

function demoDb(): Database {
  const db = openDataFolder(tempDir());
  open.push(db);
  loadDemo(db, now);
  return db;
}

describe('badgeHtmlFor', () => {
  it("renders a demo attendee's badge with the same signed QR code as qr:attendee", async () => {
    const db = demoDb();
    const id = demoAttendeeId(demoFixtures.rebsamen);
    const html = await badgeHtmlFor(db, id, undefined, { now });
    expect(html).toContain('François');
    expect(html).toContain('REBSAMEN');
    expect(html).toContain('@page{size:105mm 148mm;margin:0}');
    const services = createServices({ db, now });
    const qr = await dispatch(services.handlers, 'qr:attendee', { id });
    if (!qr.ok) throw new Error(qr.message);
    expect(html).toContain(qr.value.svg);
    expect(qr.value.svg).toBe(await qrSvg(qr.value.text));
  });

  it('uses the template asked for, and the Chinese font for a Chinese name', async () => {
    const db = demoDb();
    const html = await badgeHtmlFor(db, demoAttendeeId(demoFixtures.chinese), 'cr80', { now });
    expect(html).toContain('@page{size:85.6mm 54mm;margin:0}');
    expect(html).toContain('芳');
    expect(html).toContain("font-family:'Noto Sans SC'");
  });

  it('an unknown attendee or template is a DomainError with a clear code', async () => {
    const db = demoDb();
    await expect(badgeHtmlFor(db, 'nobody', 'a6', { now })).rejects.toMatchObject({ code: 'attendee.not_found' });
    const err = await badgeHtmlFor(db, demoAttendeeId(demoFixtures.rebsamen), 'a5', { now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('badge.unknown_template');
  });
});
