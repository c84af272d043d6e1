// The heading vocabulary of ITU resolutions: preamble headings are participles or
// adjectives, operative headings are verbs in the third person with an addressee.

import { detached } from './strings';

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
  /** The phrase is a well-formed heading: in the vocabulary, or read so by its grammar. */
  known: boolean;
  /** Its leading word is one the vocabulary uses: a plain (non-italic) line must have one to be a heading. */
  lexical: boolean;
}

export function normalizePhrase(phrase: string): string {
  const trimmed = phrase.trim();
  // Most headings are already single-spaced: skip the regular expression for them.
  return /\s\s|[\t\r\n]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** Longer than any heading can be: such a line is never parsed by the grammar nor kept in the cache. */
export const MAX_HEADING_LENGTH = 240;
/** The cache of classified phrases holds at most this many characters of phrases. */
const CACHE_CHARACTERS = 256 * 1024;

/** Headings repeat across a document: each phrase is classified once. */
const classified = new Map<string, HeadingClass>();
let cachedCharacters = 0;

export function classifyHeading(rawPhrase: string): HeadingClass {
  let result = classified.get(rawPhrase);
  if (!result) {
    result = classify(normalizePhrase(rawPhrase));
    if (rawPhrase.length <= MAX_HEADING_LENGTH) {
      if (cachedCharacters + rawPhrase.length > CACHE_CHARACTERS) {
        classified.clear();
        cachedCharacters = 0;
      }
      // Under a copy: the phrase is most often a slice of a document, which the cache would keep.
      classified.set(detached(rawPhrase), result);
      cachedCharacters += rawPhrase.length;
    }
  }
  return result;
}

function classify(phrase: string): HeadingClass {
  if (PREAMBLE_SET.has(phrase)) return { kind: 'preamble', known: true, lexical: true };
  for (const lead of OPERATIVE_LEADS) {
    if (phrase === lead || (phrase.startsWith(lead) && phrase[lead.length] === ' ')) return { kind: 'operative', known: true, lexical: true };
  }
  const words = phrase.length > MAX_HEADING_LENGTH ? phrase.slice(0, 80).split(' ') : phrase.split(' ');
  const first = words[0] === 'further' && words.length > 1 ? words[1] : words[0];
  const lexicalPreamble = PREAMBLE_WORDS.has(first);
  const lexicalOperative = OPERATIVE_WORDS.has(first);
  if (phrase.length <= MAX_HEADING_LENGTH) {
    const grammar = readHeading(phrase.split(' '));
    if (grammar) return { kind: grammar, known: true, lexical: grammar === 'preamble' ? lexicalPreamble : lexicalOperative };
  }
  if (lexicalPreamble) return { kind: 'preamble', known: false, lexical: true };
  if (lexicalOperative) return { kind: 'operative', known: false, lexical: true };
  return { kind: 'unknown', known: false, lexical: false };
}

// ---- the grammar of a heading ----------------------------------------------------------
//
// preamble:  [further|also|deeply|…] (participle [complement] | having past-participle | adjective) adverbial*
// operative: [further] verb-in-the-third-person [upon|to|on] [further|also|again] [addressee [, qualifier]]
// adverbial: also, further, furthermore, moreover, again, in particular, with [deep|…] concern [and appreciation]

const LEADING_ADVERBS = new Set(['further', 'also', 'deeply', 'strongly', 'firmly', 'fully', 'again']);
const TRAILING_ADVERBS = new Set(['also', 'further', 'furthermore', 'moreover', 'again', 'additionally', 'likewise']);
const FEELINGS = new Set(['concern', 'satisfaction', 'appreciation', 'regret', 'interest', 'gratitude', 'approval', 'alarm', 'recognition', 'thanks']);
const DEGREES = new Set(['deep', 'great', 'grave', 'serious', 'particular', 'profound']);
/** Adjectives that head preamble sections: `aware`, `convinced`, `deeply concerned`. */
const ADJECTIVES = new Set(['aware', 'convinced', 'concerned', 'mindful', 'conscious', 'cognizant', 'cognisant', 'desirous', 'determined', 'alarmed', 'confident', 'guided', 'encouraged', 'satisfied', 'pleased', 'gratified', 'persuaded', 'resolved']);
/** Fixed complements of a participle: `taking into account`, `bearing in mind`, `taking note of`. */
const COMPLEMENTS: ReadonlyArray<readonly string[]> = [['into', 'account'], ['into', 'consideration'], ['in', 'mind'], ['note', 'of'], ['note'], ['account', 'of']];
/** Not participles though they end in -ing. */
const NOT_PARTICIPLES = new Set(['during', 'nothing', 'something', 'anything', 'everything', 'thing', 'king', 'string', 'spring', 'bring', 'ring', 'sing', 'wing', 'ceiling', 'morning', 'evening', 'meeting', 'building', 'funding', 'training', 'planning', 'setting']);
/** Not third-person verbs though they end in -s. */
const NOT_VERBS = new Set(['is', 'was', 'has', 'its', 'this', 'thus', 'as', 'us', 'yes', 'less', 'unless', 'across', 'process', 'progress', 'access', 'address', 'business', 'status', 'various', 'previous', 'its']);
const PARTICLES = new Set(['upon', 'on', 'to']);

/** Within two edits of a word the vocabulary uses, without being it: `considring`, a slip rather than a new word. */
function isSlipOf(word: string, known: ReadonlySet<string>): boolean {
  if (known.has(word)) return false;
  for (const candidate of known) if (Math.abs(candidate.length - word.length) <= 2 && smallDistance(word, candidate) <= 2) return true;
  return false;
}

/** Edit distance of two short words. */
function smallDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

function isParticiple(word: string): boolean {
  return word.length >= 5 && word.endsWith('ing') && /^[a-z]+$/.test(word) && !NOT_PARTICIPLES.has(word) && !isSlipOf(word, PREAMBLE_WORDS);
}

function isPastParticiple(word: string): boolean {
  return /^[a-z]{3,}(?:ed|en|wn|ne|t)$/.test(word);
}

function isThirdPerson(word: string): boolean {
  return /^[a-z]{3,}s$/.test(word) && !/(?:ss|us|is|ys)$/.test(word) && !NOT_VERBS.has(word) && !isSlipOf(word, OPERATIVE_WORDS);
}

/** Reads `with [degree] feeling [and [degree] feeling]*` or a trailing adverb at `at`; returns where it ends, or -1. */
function adverbial(words: readonly string[], at: number): number {
  const word = words[at];
  if (TRAILING_ADVERBS.has(word)) return at + 1;
  if (word === 'in' && words[at + 1] === 'particular') return at + 2;
  if (word !== 'with') return -1;
  let i = at + 1;
  for (;;) {
    if (DEGREES.has(words[i])) i++;
    if (!FEELINGS.has(words[i])) return -1;
    i++;
    if (words[i] !== 'and' || !(FEELINGS.has(words[i + 1]) || DEGREES.has(words[i + 1]))) return i;
    i++;
  }
}

/** An addressee (and qualifier) after an operative verb: `the Secretary-General, in close consultation with …`, `Member States, Sector Members and Associates`, `all Member States`. */
function isAddressee(words: readonly string[], at: number): boolean {
  const first = words[at];
  if (first === undefined) return true;
  if (!(first === 'the' || first === 'all' || first === 'each' || first === 'relevant' || first === 'interested' || /^[A-Z]/.test(first))) return false;
  // A heading does not end as a sentence does.
  return !/[;.:]$/.test(words[words.length - 1]);
}

/** The kind of a heading read by its grammar, or undefined when it is not one. */
export function readHeading(words: readonly string[]): 'preamble' | 'operative' | undefined {
  if (words.length === 0 || !/^[a-z]/.test(words[0])) return undefined;
  let i = 0;
  if (LEADING_ADVERBS.has(words[i]) && words.length > 1) i++;
  const head = words[i];
  // Preamble: a participle, `having` with a past participle, or an adjective.
  let after = -1;
  if (head === 'having' && words[i + 1] !== undefined && isPastParticiple(words[i + 1])) after = i + 2;
  else if (isParticiple(head)) {
    after = i + 1;
    for (const complement of COMPLEMENTS) {
      if (complement.every((w, k) => words[after + k] === w)) {
        after += complement.length;
        break;
      }
    }
  } else if (ADJECTIVES.has(head) || PREAMBLE_WORDS.has(head)) after = i + 1;
  if (after >= 0) {
    let at = after;
    while (at < words.length) {
      const next = adverbial(words, at);
      if (next < 0) break;
      at = next;
    }
    if (at === words.length) return 'preamble';
  }
  // Operative: a verb in the third person, then an optional particle, adverb and addressee.
  if (!isThirdPerson(head)) return undefined;
  let at = i + 1;
  if (PARTICLES.has(words[at]) && (head === 'calls' || head === 'appeals' || head === 'relies' || head === 'depends')) at++;
  if (TRAILING_ADVERBS.has(words[at])) at++;
  return isAddressee(words, at) ? 'operative' : undefined;
}
