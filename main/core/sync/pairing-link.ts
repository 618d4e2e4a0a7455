/**
 * What the hub's pairing QR holds: `accueil-pair:<hub URL>#<code>`, e.g.
 * `accueil-pair:http://192.168.1.20:8787#K7QD-M2XP`. One scan gives a kiosk both things it
 * needs (where the hub is, and the single-use code); the same text pasted into Settings works
 * when no camera is at hand. The URL is the first of the hub's LAN addresses.
 */
export const pairingLinkPrefix = 'accueil-pair:';

export function formatPairingLink(url: string, code: string): string {
  return `${pairingLinkPrefix}${url}#${code}`;
}

/** The URL and code in a scanned or pasted pairing text; null when it is not one. */
export function parsePairingLink(text: string): { url: string; code: string } | null {
  const trimmed = text.trim();
  if (!trimmed.toLowerCase().startsWith(pairingLinkPrefix)) return null;
  const rest = trimmed.slice(pairingLinkPrefix.length);
  // The code never contains '#'; the URL of a hub has no fragment of its own.
  const hash = rest.lastIndexOf('#');
  if (hash <= 0) return null;
  const url = rest.slice(0, hash);
  const code = rest.slice(hash + 1).trim();
  if (!/^https?:\/\/[^\s]+$/i.test(url) || code.length < 4) return null;
  return { url, code };
}
