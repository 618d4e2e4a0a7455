/**
 * French local authority or foreign delegation: the split the organisers (Cités Unies France)
 * report to their funders, read from the attendee's country as typed in the registration
 * file. France is written many ways ("France", "FRANCE", "FR", "République française"); the
 * overseas départements and collectivités are France too. No country at all is 'unknown',
 * never guessed.
 */
export type Origin = 'french' | 'foreign' | 'unknown';

const frenchNames = new Set(
  [
    'france',
    'fr',
    'fra',
    'france metropolitaine',
    'republique francaise',
    'french republic',
    // Overseas départements and collectivités: French local authorities.
    'guadeloupe',
    'martinique',
    'guyane',
    'guyane francaise',
    'french guiana',
    'la reunion',
    'reunion',
    'mayotte',
    'saint-pierre-et-miquelon',
    'saint-barthelemy',
    'wallis-et-futuna',
    'polynesie francaise',
    'french polynesia',
    'nouvelle-caledonie',
    'new caledonia',
  ].map(normalise),
);

/** Case, accents, spaces and dashes do not matter ("Nouvelle Calédonie" = "nouvelle-caledonie"). */
function normalise(country: string): string {
  return country
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\u2010-\u2015-]+/g, ' ')
    .replace(/[.']/g, '')
    .trim();
}

export function originOf(country: string): Origin {
  const key = normalise(country);
  if (key === '') return 'unknown';
  return frenchNames.has(key) ? 'french' : 'foreign';
}
