// The heading vocabulary of ITU resolutions: preamble headings are participles or
// adjectives, operative headings are verbs in the third person with an addressee.

export type HeadingKind = 'preamble' | 'operative' | 'unknown';

/** Preamble headings seen in ITU texts, most common first. */
export const PREAMBLE_HEADINGS: readonly string[] = [
  'considering', 'recognizing', 'recalling', 'noting', 'considering further', 'taking into account',
  'recognizing further', 'aware', 'bearing in mind', 'emphasizing', 'recalling further', 'noting further',
  'convinced', 'concerned', 'welcoming', 'mindful', 'conscious', 'noting with concern', 'having considered',
  'stressing', 'appreciating', 'reaffirming', 'observing', 'considering also', 'noting also',
  'recognizing also', 'taking into account also', 'noting with appreciation', 'noting with satisfaction',
  'having noted', 'highlighting', 'taking into consideration', 'acknowledging', 'affirming',
  'further recognizing', 'further recalling', 'further noting', 'further considering', 'aware further',
  'recalling also', 'emphasizing further', 'bearing in mind further', 'taking into account further',
];

/**
 * Operative headings by their leading verb phrase; an addressee may follow
 * (`instructs the Secretary-General`).
 */
export const OPERATIVE_LEADS: readonly string[] = [
  'resolves', 'resolves further', 'further resolves', 'resolves also', 'decides', 'decides further',
  'further decides', 'instructs', 'further instructs', 'invites', 'further invites', 'urges', 'further urges',
  'encourages', 'further encourages', 'authorizes', 'further authorizes', 'recommends', 'further recommends',
  'requests', 'further requests', 'calls upon', 'declares', 'approves', 'appeals to', 'endorses',
];

/** Common operative headings with their addressees, offered in completion and did-you-mean. */
export const OPERATIVE_HEADINGS: readonly string[] = [
  'resolves', 'instructs the Secretary-General', 'instructs the ITU Council', 'invites Member States',
  'invites the ITU Council', 'invites Sector Members', 'decides', 'urges Member States',
  'encourages Member States', 'further instructs the ITU Council', 'further instructs the Secretary-General',
  'urges', 'authorizes the Secretary-General', 'invites', 'resolves further', 'recommends',
  'instructs the Director of the Telecommunication Standardization Bureau',
  'instructs the Director of the Telecommunication Development Bureau',
  'instructs the Director of the Radiocommunication Bureau',
  'instructs the Secretary-General and the Directors of the Bureaux',
  'invites Member States, Sector Members and Associates', 'requests the Council', 'requests the ITU Council',
  'further resolves', 'calls upon', 'declares',
];

const PREAMBLE_SET = new Set(PREAMBLE_HEADINGS);

/** First words that mark a preamble heading even when the whole phrase is not in the vocabulary. */
const PREAMBLE_WORDS = new Set([
  'considering', 'recognizing', 'recognising', 'recalling', 'noting', 'taking', 'aware', 'bearing', 'emphasizing',
  'convinced', 'concerned', 'welcoming', 'mindful', 'conscious', 'having', 'stressing', 'appreciating',
  'reaffirming', 'observing', 'highlighting', 'acknowledging', 'affirming', 'underlining', 'expressing',
  'deeply', 'keeping', 'guided', 'realizing', 'believing', 'accepting', 'determined',
]);
const OPERATIVE_WORDS = new Set([
  'resolves', 'decides', 'instructs', 'invites', 'urges', 'encourages', 'authorizes', 'recommends', 'requests',
  'calls', 'declares', 'approves', 'appeals', 'endorses', 'adopts', 'charges', 'agrees', 'establishes',
]);

export interface HeadingClass {
  kind: HeadingKind;
  /** The phrase is in the vocabulary (for operative headings: its leading verb phrase is). */
  known: boolean;
}

export function normalizePhrase(phrase: string): string {
  const trimmed = phrase.trim();
  // Most headings are already single-spaced: skip the regular expression for them.
  return /\s\s|[\t\r\n]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** Headings repeat across a document: each phrase is classified once. */
const classified = new Map<string, HeadingClass>();

export function classifyHeading(rawPhrase: string): HeadingClass {
  let result = classified.get(rawPhrase);
  if (!result) {
    result = classify(normalizePhrase(rawPhrase));
    if (classified.size < 10_000) classified.set(rawPhrase, result);
  }
  return result;
}

function classify(phrase: string): HeadingClass {
  if (PREAMBLE_SET.has(phrase)) return { kind: 'preamble', known: true };
  for (const lead of OPERATIVE_LEADS) {
    if (phrase === lead || (phrase.startsWith(lead) && phrase[lead.length] === ' ')) return { kind: 'operative', known: true };
  }
  const words = phrase.split(' ');
  const first = words[0] === 'further' && words.length > 1 ? words[1] : words[0];
  if (PREAMBLE_WORDS.has(first)) return { kind: 'preamble', known: false };
  if (OPERATIVE_WORDS.has(first)) return { kind: 'operative', known: false };
  return { kind: 'unknown', known: false };
}
