// How the directory's search reads what people type and what members write: one folding for both
// sides (lower case, accents and ligatures removed, inclusive forms expanded), so "Électricien" finds
// "electricien", "technicien·ne" finds "technicienne", and PostgreSQL's 'french' stemming does the
// rest (photographe, photographie, photographes → photograph).

/** Lower case, without accents or ligatures; anything but letters and digits becomes a space. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Inclusive writing (technicien·ne, illustrateur·rice, danseur·euse, costumier·ère): the point may be
// a middle dot, a dot or a hyphen-like dot operator.
const inclusive = /(\p{L}+)[·⋅•.](\p{L}+)(?:[·⋅•.](s))?/gu;

/** The feminine form an inclusive word spells, by the usual French patterns. */
export function feminineOf(base: string, ending: string): string {
  const b = base.toLowerCase();
  const e = ending.toLowerCase();
  if (b.endsWith('eur') && (e === 'euse' || e === 'rice' || e === 'eure'))
    return e === 'eure' ? `${base}e` : `${base.slice(0, -3)}${e === 'rice' ? 'rice' : 'euse'}`;
  if (b.endsWith('er') && (e === 'ère' || e === 'ere')) return `${base.slice(0, -2)}${ending}`;
  if (b.endsWith('if') && e === 've') return `${base.slice(0, -1)}ve`;
  if (b.endsWith('x') && e === 'se') return `${base.slice(0, -1)}se`;
  return `${base}${ending}`;
}

/** Both forms of every inclusive word: "technicien·ne son" → "technicien technicienne son". */
export function expandInclusive(text: string): string {
  return text.replace(
    inclusive,
    (_all, base: string, ending: string) => `${base} ${feminineOf(base, ending)}`,
  );
}

/** What goes into a search column: inclusive forms expanded, then folded. */
export const searchText = (...parts: readonly (string | null | undefined)[]): string =>
  parts
    .filter((p): p is string => !!p)
    .map((p) => fold(expandInclusive(p)))
    .filter(Boolean)
    .join(' ');

/** A key to compare cities and skills whatever their case and accents ("Béthune" = "bethune"). */
export const keyOf = (text: string): string => fold(text);

// Small words that carry no meaning in a search ("photographe à Lille", "régie de son").
const stopWords = new Set([
  'a',
  'au',
  'aux',
  'avec',
  'ce',
  'd',
  'dans',
  'de',
  'des',
  'du',
  'en',
  'et',
  'l',
  'la',
  'le',
  'les',
  'ou',
  'par',
  'pour',
  'sur',
  'un',
  'une',
  'the',
  'and',
  'of',
  'in',
  'for',
]);

/** At most this many words count in one search. */
export const maxTerms = 8;

/** The words of a search, folded, without small words, each once, in the order typed. */
export function searchTerms(query: string): string[] {
  const words = fold(expandInclusive(query)).split(' ');
  const seen = new Set<string>();
  for (const w of words) {
    if (!w || stopWords.has(w) || seen.has(w)) continue;
    seen.add(w);
    if (seen.size === maxTerms) break;
  }
  return [...seen];
}

/**
 * The text of a `to_tsquery('french', …)`: each term stemmed by PostgreSQL and matched as a prefix
 * from three letters ("photo" finds "photographe"), all terms required ('&') or any of them ('|').
 * Terms hold only [a-z0-9] after folding, so nothing in them is tsquery syntax.
 */
export function tsQueryText(terms: readonly string[], mode: 'all' | 'any' = 'all'): string | null {
  if (terms.length === 0) return null;
  return terms.map(prefixTerm).join(mode === 'all' ? ' & ' : ' | ');
}

/** One term of a tsquery: a prefix from three letters. */
export const prefixTerm = (term: string): string => (term.length >= 3 ? `${term}:*` : term);
