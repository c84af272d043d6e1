// Deterministic generator of large, realistic documents for the bench: many resolutions,
// thousands of clauses, revision marks and citations.

const PREAMBLE = ['recalling', 'considering', 'recognizing', 'aware', 'noting', 'bearing in mind'];
const OPERATIVE = ['resolves', 'instructs the Secretary-General', 'instructs the Director of the Telecommunication Development Bureau', 'invites Member States'];
const CITATIONS = [
  'Resolution 45 (Rev. Dubai, 2014) of the World Telecommunication Development Conference (WTDC)',
  'Resolution 69 (Rev. Buenos Aires, 2017) of WTDC',
  'Resolution 174 (Rev. Busan, 2014) of the Plenipotentiary Conference',
  'Resolutions 50 and 52 (Rev. Hammamet, 2016)',
  'UNGA Resolution 70/125',
  'Resolution 58 (Rev. Dubai, 2012) of the World Telecommunication Standardization Assembly (WTSA)',
  'Council Resolution 1305',
];
const WORDS = 'that the development of information and communication technologies has been and continues to be instrumental for the growth of the global economy underpinned by security and trust in the use of ICTs by all Member States'.split(' ');

export interface GeneratedDocument {
  text: string;
  resolutions: number;
  clauses: number;
  marks: number;
}

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function letter(n: number): string {
  return String.fromCharCode(97 + (n % 26)).repeat(Math.floor(n / 26) + 1);
}

/** A document of about `targetBytes` characters. */
export function generateDocument(targetBytes: number, seed = 1, firstNumber = 1): GeneratedDocument {
  const next = lcg(seed);
  const words = (count: number): string => {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(WORDS[Math.floor(next() * WORDS.length)]);
    return out.join(' ');
  };
  const parts: string[] = [];
  let size = 0;
  let resolutions = 0;
  let clauses = 0;
  let marks = 0;
  const push = (line: string): void => {
    parts.push(line);
    size += line.length + 1;
  };
  while (size < targetBytes) {
    const number = firstNumber + resolutions;
    resolutions++;
    const revised = next() < 0.3;
    if (revised) push(`MOD TEST/${number}/1\n`);
    push(revised ? `# RESOLUTION ${number} (REV. {--BUSAN, 2014--}{++DUBAI, 2018++})` : `# RESOLUTION ${number} (REV. DUBAI, 2018)`);
    if (revised) marks += 2;
    push('');
    push(`## ${words(8).replace(/^./, (c) => c.toUpperCase())}`);
    push('');
    push('The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),');
    const sections = [...PREAMBLE.slice(0, 3 + Math.floor(next() * 3)), ...OPERATIVE.slice(0, 2 + Math.floor(next() * 2))];
    sections.forEach((heading, sectionIndex) => {
      const operative = sectionIndex >= sections.length - 2 || OPERATIVE.includes(heading);
      push('');
      push(`*${heading}*`);
      push('');
      const count = 4 + Math.floor(next() * 10);
      for (let i = 0; i < count; i++) {
        clauses++;
        const label = operative ? String(i + 1) : `${letter(i)})`;
        const last = i === count - 1;
        const ending = last ? (sectionIndex === sections.length - 1 ? '.' : ',') : ';';
        let body = `${words(6)} ${CITATIONS[Math.floor(next() * CITATIONS.length)]}, ${words(10)}`;
        if (revised && next() < 0.3) {
          body = `${words(3)} {--${words(4)}--}{++${words(4)}++} ${body}`;
          marks += 2;
        }
        if (operative && i === 0 && next() < 0.3) {
          push(`${label} ${body}:`);
          push(`  i) ${words(12)};`);
          push(`  ii) ${words(12)}${ending}`);
          clauses += 2;
        } else push(`${label} ${body}${ending}`);
      }
    });
    push('');
  }
  return { text: parts.join('\n'), resolutions, clauses, marks };
}

/**
 * One resolution whose operative section has `clauses` numbered clauses plus one inserted
 * after clause `insertAfter` with a duplicate number, and cross-references to its clauses.
 */
export function generateLongSection(clauses: number, insertAfter: number): string {
  const lines = ['# RESOLUTION 1 (DUBAI, 2018)', '', '## A long section', '', 'The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),', '', '*considering*', ''];
  for (let i = 1; i <= 20; i++) lines.push(`${letter(i - 1)}) that *resolves* ${i * 20} applies here${i === 20 ? ',' : ';'}`);
  lines.push('', '*resolves*', '');
  for (let i = 1; i <= clauses; i++) {
    lines.push(`${i} to act on item ${i}, consistent with *resolves* ${Math.max(1, i - 3)}${i === clauses ? '.' : ';'}`);
    if (i === insertAfter) lines.push(`${i + 1} to act on an inserted item;`);
  }
  return lines.join('\n') + '\n';
}

/** A resolution whose one heading is an italic line of about `bytes` characters: no heading is that long. */
export function generateLongItalicLine(bytes: number): string {
  const words = 'considring the development of telecommunications'.split(' ');
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const word = words[i % words.length];
    parts.push(word);
    length += word.length + 1;
  }
  return `# RESOLUTION 1 (DUBAI, 2018)\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*${parts.join(' ')}*\n\na) that;\nb) that,\n\n*resolves*\n\nto act.\n`;
}
