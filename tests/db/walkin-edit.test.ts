import { describe, expect, it } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import type { Input } from '../../main/core/contract';
import type { Database } from '../../main/core/db/open';
import { openCore } from '../helpers/services';

async function desk() {
  const { db, services, call, fail } = openCore(() => new Date('2023-09-18T07:14:00Z'));
  const event = await call('events:create', { name: 'Rencontres', days: [{ date: '2023-09-18' }], select: true });
  const id = new Attendees(db).insert({ eventId: event.id, firstName: 'Francois', lastName: 'Rebsamen', organisation: 'Dijon', email: 'fr@example.org' });
  return { db, id, call, fail };
}

const rows = (db: Database, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Record<string, string>[];

describe('editing an attendee at the kiosk', () => {
  it('writes the fields, logs them, queues them for sync and marks the badge for reprint', async () => {
    const d = await desk();
    const edit = await d.call('attendees:update', { id: d.id, fields: { firstName: ' François ', organisation: 'Dijon Métropole', lastName: 'Rebsamen' } });
    expect(edit.attendee).toMatchObject({ id: d.id, firstName: 'François', organisation: 'Dijon Métropole' });
    expect(edit.changed).toEqual(['firstName', 'organisation']);
    expect(edit.badgeNeedsReprint).toBe(true);
    const audit = rows(d.db, "SELECT target, details FROM audit_log WHERE action = 'attendee.update'");
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toEqual({ fields: ['firstName', 'organisation'], badgeNeedsReprint: true });
    const outbox = rows(d.db, "SELECT payload FROM outbox WHERE kind = 'attendee_update'");
    expect(JSON.parse(outbox[0]!.payload!)).toMatchObject({ id: d.id, fields: { firstName: 'François', organisation: 'Dijon Métropole' } });
    // The search index follows the edit.
    expect((await d.call('attendees:search', { text: 'metropole' })).map((a) => a.id)).toEqual([d.id]);
  });

  it('does not mark the badge for an e-mail change, and records nothing for no change', async () => {
    const d = await desk();
    const email = await d.call('attendees:update', { id: d.id, fields: { email: 'francois@example.org' } });
    expect(email).toMatchObject({ changed: ['email'], badgeNeedsReprint: false });
    const same = await d.call('attendees:update', { id: d.id, fields: { lastName: 'Rebsamen' } });
    expect(same.changed).toEqual([]);
    expect(rows(d.db, "SELECT * FROM audit_log WHERE action = 'attendee.update'")).toHaveLength(1);
    expect(rows(d.db, 'SELECT * FROM outbox')).toHaveLength(1);
  });

  it('refuses an unknown attendee, names emptied, a bad e-mail and unknown fields; nothing changes', async () => {
    const d = await desk();
    expect(await d.fail('attendees:update', { id: 'nobody', fields: { firstName: 'X' } })).toMatchObject({ code: 'attendee.not_found' });
    expect(await d.fail('attendees:update', { id: d.id, fields: { firstName: '', lastName: ' ' } })).toMatchObject({ code: 'walkin.name_required' });
    expect(await d.fail('attendees:update', { id: d.id, fields: { email: 'fr@' } })).toMatchObject({ code: 'walkin.invalid_email' });
    expect(await d.fail('attendees:update', { id: d.id, fields: { status: 'cancelled' } } as unknown as Input<'attendees:update'>)).toMatchObject({
      code: 'invalid_input',
    });
    expect(rows(d.db, 'SELECT * FROM outbox')).toHaveLength(0);
    expect(rows(d.db, 'SELECT first_name, badge_needs_reprint FROM attendees')).toEqual([{ first_name: 'Francois', badge_needs_reprint: 0 }]);
  });
});
