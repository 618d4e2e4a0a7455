import { generateDemoPeople } from '../../main/core/demo/demo';

type DemoPerson = ReturnType<typeof generateDemoPeople>[number];

const fullName = (p: DemoPerson) => `${p.firstName} ${p.lastName}`;

/** Characters beyond Latin-1 in a name: what makes it hard to draw (scripts, diacritics). */
function exoticness(p: DemoPerson): number {
  return new Set([...fullName(p)].filter((ch) => ch.codePointAt(0)! > 0xff)).size;
}

/** The Unicode script of a name's first character beyond Latin-1 (the name's "family" for variety). */
function scriptOf(p: DemoPerson): string {
  for (const ch of fullName(p)) {
    if (ch.codePointAt(0)! <= 0xff) continue;
    for (const script of ['Latin', 'Greek', 'Cyrillic', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Khmer', 'Han', 'Hiragana', 'Katakana', 'Hangul']) {
      if (new RegExp(`\\p{Script=${script}}`, 'u').test(ch)) return script;
    }
    return 'other';
  }
  return 'latin1';
}

/**
 * The demo names the badge layout tests draw (issue 4: "the 50 longest and most exotic demo
 * names"): the longest names, then the most exotic ones taken in turn from every script the
 * demo holds, so each script is represented even when one (Arabic) has many more names.
 * Deterministic: the demo people are generated from a fixed seed.
 */
export function longestAndMostExotic(count = 50): DemoPerson[] {
  const people = generateDemoPeople();
  const byLength = [...people].sort((a, b) => fullName(b).length - fullName(a).length || a.id.localeCompare(b.id));
  const chosen = new Map<string, DemoPerson>();
  for (const p of byLength.slice(0, Math.floor(count / 2))) chosen.set(p.id, p);

  const groups = new Map<string, DemoPerson[]>();
  for (const p of people) {
    if (chosen.has(p.id) || exoticness(p) === 0) continue;
    const script = scriptOf(p);
    groups.set(script, [...(groups.get(script) ?? []), p]);
  }
  for (const list of groups.values()) list.sort((a, b) => exoticness(b) - exoticness(a) || fullName(b).length - fullName(a).length || a.id.localeCompare(b.id));
  const queues = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, list]) => list);
  while (chosen.size < count && queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      const next = q.shift();
      if (next && chosen.size < count) chosen.set(next.id, next);
    }
  }
  return [...chosen.values()];
}
