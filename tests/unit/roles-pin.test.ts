import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../../main/core/roles/pin';
import { isOrganiserOperation, organiserOperations } from '../../main/core/roles/contract';
import { operations } from '../../main/core/contract';

describe('the PIN hash', () => {
  it('verifies the right PIN only, with a fresh salt each time and its cost stored', async () => {
    const a = await hashPin('024680');
    const b = await hashPin('024680');
    expect(a).toMatchObject({ algorithm: 'scrypt', N: 32768, r: 8, p: 1, keyLength: 32 });
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(JSON.stringify(a)).not.toContain('024680');
    expect(await verifyPin('024680', a)).toBe(true);
    expect(await verifyPin('024680', b)).toBe(true);
    for (const wrong of ['24680', '0246800', '024681', '']) expect(await verifyPin(wrong, a)).toBe(false);
  }, 60_000);

  it('refuses when the stored hash has another length (no exception, no partial compare)', async () => {
    const stored = await hashPin('1234');
    expect(await verifyPin('1234', { ...stored, hash: Buffer.from('short').toString('base64') })).toBe(false);
  }, 60_000);
});

describe('the organiser operations', () => {
  it('are all operations of the contract, and cover the families', () => {
    for (const op of organiserOperations) expect(operations).toContain(op);
    expect(operations.filter((op) => op.startsWith('export:')).every(isOrganiserOperation)).toBe(true);
    for (const staff of ['checkin:scan', 'attendees:search', 'walkin:create', 'print:badges', 'roles:unlock', 'roles:status', 'hub:status', 'sync:status']) {
      expect(isOrganiserOperation(staff), staff).toBe(false);
    }
  });
});
