// Akoma Ntoso names of ITU texts (AKN4UN): `/akn/un/statement/deliberation/itu-pp/2018/res-130`.
// ITU texts are dated by their conference's year (the day of adoption is not in the text), so the
// date part of a work name is the year.

import type { Body } from '../../analysis/conferences';

export type TextKind = 'resolution' | 'decision' | 'recommendation' | 'opinion';

const KIND_PREFIX: Record<TextKind, string> = { resolution: 'res', decision: 'dec', recommendation: 'rec', opinion: 'opinion' };

/** The author part of a name: `itu-pp`, `itu-wtdc`, `itu-council`, `unga`. */
export function authorOf(body: Body | undefined): string {
  if (!body) return 'itu';
  if (body === 'UNGA') return 'unga';
  return `itu-${body.toLowerCase()}`;
}

export const BODY_NAMES: Readonly<Record<string, string>> = {
  itu: 'International Telecommunication Union',
  'itu-pp': 'ITU Plenipotentiary Conference',
  'itu-wtdc': 'World Telecommunication Development Conference',
  'itu-wtsa': 'World Telecommunication Standardization Assembly',
  'itu-wtpf': 'World Telecommunication/ICT Policy Forum',
  'itu-wcit': 'World Conference on International Telecommunications',
  'itu-council': 'ITU Council',
  unga: 'United Nations General Assembly',
};

/** `130` → `res-130`; `68/198` → `res-68-198`; a draft's `[SEN-1]` → `res-sen-1`. */
export function numberComponent(kind: TextKind, number: string | undefined): string {
  const clean = (number ?? 'unnumbered').toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
  return `${KIND_PREFIX[kind]}-${clean || 'unnumbered'}`;
}

/** The work's name; the year is left out when it is not known. */
export function workUri(kind: TextKind, body: Body | undefined, number: string | undefined, year: number | undefined): string {
  return `/akn/un/statement/deliberation/${authorOf(body)}${year !== undefined ? `/${year}` : ''}/${numberComponent(kind, number)}`;
}

/** Kind and number back from a name: `res-130` → resolution 130 (for catalogue entries read from AKN). */
export function parseNumberComponent(component: string): { kind: TextKind; number: string } | undefined {
  const match = /^(res|dec|rec|opinion)-(.+)$/.exec(component);
  if (!match) return undefined;
  const kind = (Object.entries(KIND_PREFIX).find(([, prefix]) => prefix === match[1])?.[0] ?? 'resolution') as TextKind;
  return { kind, number: match[2] };
}
