/**
 * Splitting a "full name" cell. French lists write the surname in capitals, before or after
 * the first name ("DUPONT Marie", "Marie DUPONT"); badges print first and last name apart.
 */

export interface SplitName {
  honorific: string;
  firstName: string;
  lastName: string;
}

const honorificWords = new Set([
  'm', 'mr', 'mme', 'mlle', 'mrs', 'ms', 'miss', 'mx', 'dr', 'pr', 'prof', 'se', 'he', 'sir', 'dame',
  'monsieur', 'madame', 'mademoiselle', 'docteur', 'professeur', 'excellence', 'hon',
]);
const particles = new Set([
  'de', 'du', 'des', "d'", 'van', 'von', 'der', 'den', 'da', 'di', 'del', 'della', 'dos', 'das', 'do', 'le', 'la', 'el', 'al', 'ben', 'bin',
  'ibn', 'abu', 'ter', 'ten', 'zu', 'y',
]);

function isHonorific(word: string): boolean {
  return honorificWords.has(word.toLowerCase().replace(/\./g, ''));
}

/** "DUPONT", "N'DIAYE", "LE GALL"; not "J." (an initial) nor words of scripts without case. */
function isUpperWord(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return [...letters].length >= 2 && /\p{Lu}/u.test(letters) && letters === letters.toUpperCase();
}

const familyNameFirst = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;

export function splitFullName(text: string): SplitName {
  let words = text.split(' ').filter((word) => word.length > 0);
  const titles: string[] = [];
  while (words.length > 1 && isHonorific(words[0]!)) titles.push(words.shift()!);
  const honorific = titles.join(' ');

  const rest = words.join(' ');
  const comma = rest.indexOf(',');
  if (comma > 0) {
    // "Dupont, Marie": the spreadsheet convention for sorted lists.
    return { honorific, lastName: rest.slice(0, comma).trim(), firstName: rest.slice(comma + 1).trim() };
  }
  if (words.length === 1) return { honorific, firstName: '', lastName: words[0]! };
  if (words.length === 0) return { honorific, firstName: '', lastName: '' };

  const upper = words.map(isUpperWord);
  if (!upper.every(Boolean)) {
    let lead = 0;
    while (lead < words.length && upper[lead]) lead++;
    if (lead > 0) return { honorific, lastName: words.slice(0, lead).join(' '), firstName: words.slice(lead).join(' ') };
    let trail = words.length;
    while (trail > 0 && upper[trail - 1]) trail--;
    if (trail < words.length) return { honorific, firstName: words.slice(0, trail).join(' '), lastName: words.slice(trail).join(' ') };
  }
  if (familyNameFirst.test(words[0]!)) return { honorific, lastName: words[0]!, firstName: words.slice(1).join(' ') };
  // "Jean de La Fontaine", "Ahmed Ben Ali": the surname starts at its particle.
  const particle = words.findIndex((word, i) => i > 0 && i < words.length - 1 && particles.has(word.toLowerCase()));
  if (particle > 0) return { honorific, firstName: words.slice(0, particle).join(' '), lastName: words.slice(particle).join(' ') };
  return { honorific, firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1]! };
}
