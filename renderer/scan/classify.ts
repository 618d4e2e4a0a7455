/** The longest text the core accepts from a scan (main/core/contract.ts, checkin:scan). */
export const maxCodeLength = 4096;

export type ForeignCode = 'empty' | 'tooLong' | 'binary' | 'url' | 'vcard' | 'wifi' | 'text';

/**
 * Names what a code that is not one of ours looks like, so the screen can say "this is a web
 * address, not a badge" rather than only "unknown". Null when the text could be ours (an
 * Accueil token, a platform ticket code, an attendee id): the core alone decides those.
 */
export function describeForeignCode(text: string): ForeignCode | null {
  const trimmed = text.trim();
  if (!trimmed) return 'empty';
  if (text.length > maxCodeLength) return 'tooLong';
  // Control characters other than tab/newline: binary payloads decoded as Latin-1.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(text)) return 'binary';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || /^www\./i.test(trimmed)) return 'url';
  if (/^BEGIN:VCARD/i.test(trimmed) || /^MECARD:/i.test(trimmed)) return 'vcard';
  if (/^WIFI:/i.test(trimmed)) return 'wifi';
  // Tokens, ticket codes and ids are single words; a sentence is somebody else's QR code.
  if (/\s/.test(trimmed) && trimmed.length > 40) return 'text';
  return null;
}

/** Codes worth asking the core about; the rest get their message without a round trip. */
export function shouldSendToCore(kind: ForeignCode | null): boolean {
  return kind !== 'empty' && kind !== 'tooLong';
}
