// Bodies and conferences of ITU: a small table of facts, each with its source. A citation's
// place and year identify the conference and so the body whose resolution it cites (Dubai alone
// hosted WTSA-12, WTDC-14 and PP-18, so the year matters).

import { detached } from '../syntax/strings';

/** Bodies whose resolutions (or opinions) are cited; a resolution is keyed by (body, number). */
export type Body = 'PP' | 'WTDC' | 'WTSA' | 'WTPF' | 'WCIT' | 'WRC' | 'RA' | 'UNGA' | 'Council';

export const BODIES: readonly Body[] = ['PP', 'WTDC', 'WTSA', 'WTPF', 'WCIT', 'WRC', 'RA', 'UNGA', 'Council'];

export interface BodyInfo {
  /** Full name, as written after "of the". */
  name: string;
  /** The phrase a citation uses after the revision: `of the Plenipotentiary Conference`, `of WTDC`. */
  citePhrase: string;
  /** Conference bodies: resolutions carry a revision (place, year) and are validated against the catalogue. */
  conference: boolean;
  /** What the body adopts: WTPF gives opinions. */
  adopts: 'resolution' | 'opinion';
  /**
   * Only what a catalogue records is checked: the shipped catalogue holds none of the body's texts,
   * so a citation it does not know is not reported unless a catalogue declares itself complete.
   */
  catalogueOnly: boolean;
}

export const BODY_INFO: Readonly<Record<Body, BodyInfo>> = {
  PP: { name: 'Plenipotentiary Conference', citePhrase: 'of the Plenipotentiary Conference', conference: true, adopts: 'resolution', catalogueOnly: false },
  WTDC: { name: 'World Telecommunication Development Conference (WTDC)', citePhrase: 'of WTDC', conference: true, adopts: 'resolution', catalogueOnly: false },
  WTSA: { name: 'World Telecommunication Standardization Assembly (WTSA)', citePhrase: 'of WTSA', conference: true, adopts: 'resolution', catalogueOnly: false },
  WTPF: { name: 'World Telecommunication/ICT Policy Forum (WTPF)', citePhrase: 'of the World Telecommunication/ICT Policy Forum', conference: true, adopts: 'opinion', catalogueOnly: false },
  WCIT: { name: 'World Conference on International Telecommunications (WCIT)', citePhrase: 'of WCIT', conference: true, adopts: 'resolution', catalogueOnly: false },
  WRC: { name: 'World Radiocommunication Conference (WRC)', citePhrase: 'of the World Radiocommunication Conference', conference: true, adopts: 'resolution', catalogueOnly: true },
  RA: { name: 'Radiocommunication Assembly (RA)', citePhrase: 'of the Radiocommunication Assembly', conference: true, adopts: 'resolution', catalogueOnly: true },
  UNGA: { name: 'United Nations General Assembly (UNGA)', citePhrase: '', conference: false, adopts: 'resolution', catalogueOnly: true },
  Council: { name: 'ITU Council', citePhrase: '', conference: false, adopts: 'resolution', catalogueOnly: true },
};

/**
 * What a catalogue entry is: bodies number their resolutions, decisions, opinions and
 * recommendations apart, so Decision 5 of the Plenipotentiary Conference is not its Resolution 5.
 */
export type TextKind = 'resolution' | 'decision' | 'opinion' | 'recommendation';

export const TEXT_KINDS: readonly TextKind[] = ['resolution', 'decision', 'opinion', 'recommendation'];

/** The word a citation writes: `Resolution`, `Decision`, `Opinion`, `Recommendation`. */
export const KIND_WORD: Readonly<Record<TextKind, string>> = { resolution: 'Resolution', decision: 'Decision', opinion: 'Opinion', recommendation: 'Recommendation' };

export function isTextKind(value: unknown): value is TextKind {
  return typeof value === 'string' && (TEXT_KINDS as readonly string[]).includes(value);
}

export function isBody(value: string): value is Body {
  return (BODIES as readonly string[]).includes(value);
}

export interface Conference {
  /** `PP-18`, `WTDC-17`, `WTSA-20`: body and the two digits ITU uses for it. */
  id: string;
  body: Body;
  place: string;
  year: number;
  /** Where the fact comes from: `ITU Final Acts`, or the file that shows it. */
  source: string;
}

const FINAL_ACTS = 'ITU Final Acts';

/**
 * Every Plenipotentiary Conference, WTDC, WTSA (and the WTSC before it), WRC, Radiocommunication
 * Assembly, WCIT and WTPF since 1989, with the place and the year it met. Compiled from the ITU
 * History Portal's lists of conferences and the Final Acts (or proceedings) of each meeting; a
 * test pins the table. Several bodies often met at one place in one year: Geneva 2015 held both
 * RA-15 and WRC-15, Dubai 2012 WTSA-12 and WCIT-12.
 */
export const CONFERENCES: readonly Conference[] = [
  { id: 'PP-89', body: 'PP', place: 'Nice', year: 1989, source: FINAL_ACTS },
  // The Additional Plenipotentiary Conference, which adopted the Constitution and Convention.
  { id: 'PP-92', body: 'PP', place: 'Geneva', year: 1992, source: FINAL_ACTS },
  { id: 'PP-94', body: 'PP', place: 'Kyoto', year: 1994, source: FINAL_ACTS },
  { id: 'PP-98', body: 'PP', place: 'Minneapolis', year: 1998, source: FINAL_ACTS },
  { id: 'PP-02', body: 'PP', place: 'Marrakesh', year: 2002, source: FINAL_ACTS },
  { id: 'PP-06', body: 'PP', place: 'Antalya', year: 2006, source: FINAL_ACTS },
  { id: 'PP-10', body: 'PP', place: 'Guadalajara', year: 2010, source: FINAL_ACTS },
  { id: 'PP-14', body: 'PP', place: 'Busan', year: 2014, source: FINAL_ACTS },
  { id: 'PP-18', body: 'PP', place: 'Dubai', year: 2018, source: FINAL_ACTS },
  { id: 'PP-22', body: 'PP', place: 'Bucharest', year: 2022, source: FINAL_ACTS },
  { id: 'WTDC-94', body: 'WTDC', place: 'Buenos Aires', year: 1994, source: FINAL_ACTS },
  { id: 'WTDC-98', body: 'WTDC', place: 'Valletta', year: 1998, source: FINAL_ACTS },
  { id: 'WTDC-02', body: 'WTDC', place: 'Istanbul', year: 2002, source: FINAL_ACTS },
  { id: 'WTDC-06', body: 'WTDC', place: 'Doha', year: 2006, source: FINAL_ACTS },
  { id: 'WTDC-10', body: 'WTDC', place: 'Hyderabad', year: 2010, source: FINAL_ACTS },
  { id: 'WTDC-14', body: 'WTDC', place: 'Dubai', year: 2014, source: FINAL_ACTS },
  { id: 'WTDC-17', body: 'WTDC', place: 'Buenos Aires', year: 2017, source: FINAL_ACTS },
  { id: 'WTDC-22', body: 'WTDC', place: 'Kigali', year: 2022, source: FINAL_ACTS },
  // The World Telecommunication Standardization Conference, as the assembly was first called.
  { id: 'WTSA-93', body: 'WTSA', place: 'Helsinki', year: 1993, source: FINAL_ACTS },
  { id: 'WTSA-96', body: 'WTSA', place: 'Geneva', year: 1996, source: FINAL_ACTS },
  { id: 'WTSA-00', body: 'WTSA', place: 'Montreal', year: 2000, source: FINAL_ACTS },
  { id: 'WTSA-04', body: 'WTSA', place: 'Florianópolis', year: 2004, source: FINAL_ACTS },
  { id: 'WTSA-08', body: 'WTSA', place: 'Johannesburg', year: 2008, source: FINAL_ACTS },
  { id: 'WTSA-12', body: 'WTSA', place: 'Dubai', year: 2012, source: FINAL_ACTS },
  { id: 'WTSA-16', body: 'WTSA', place: 'Hammamet', year: 2016, source: FINAL_ACTS },
  // Planned for 2020, held in 2022: texts cite it as (Geneva, 2022).
  { id: 'WTSA-20', body: 'WTSA', place: 'Geneva', year: 2022, source: FINAL_ACTS },
  { id: 'WTSA-24', body: 'WTSA', place: 'New Delhi', year: 2024, source: FINAL_ACTS },
  { id: 'WRC-93', body: 'WRC', place: 'Geneva', year: 1993, source: FINAL_ACTS },
  { id: 'WRC-95', body: 'WRC', place: 'Geneva', year: 1995, source: FINAL_ACTS },
  { id: 'WRC-97', body: 'WRC', place: 'Geneva', year: 1997, source: FINAL_ACTS },
  { id: 'WRC-00', body: 'WRC', place: 'Istanbul', year: 2000, source: FINAL_ACTS },
  { id: 'WRC-03', body: 'WRC', place: 'Geneva', year: 2003, source: FINAL_ACTS },
  { id: 'WRC-07', body: 'WRC', place: 'Geneva', year: 2007, source: FINAL_ACTS },
  { id: 'WRC-12', body: 'WRC', place: 'Geneva', year: 2012, source: FINAL_ACTS },
  { id: 'WRC-15', body: 'WRC', place: 'Geneva', year: 2015, source: FINAL_ACTS },
  { id: 'WRC-19', body: 'WRC', place: 'Sharm el-Sheikh', year: 2019, source: FINAL_ACTS },
  { id: 'WRC-23', body: 'WRC', place: 'Dubai', year: 2023, source: FINAL_ACTS },
  { id: 'RA-93', body: 'RA', place: 'Geneva', year: 1993, source: FINAL_ACTS },
  { id: 'RA-95', body: 'RA', place: 'Geneva', year: 1995, source: FINAL_ACTS },
  { id: 'RA-97', body: 'RA', place: 'Geneva', year: 1997, source: FINAL_ACTS },
  { id: 'RA-00', body: 'RA', place: 'Istanbul', year: 2000, source: FINAL_ACTS },
  { id: 'RA-03', body: 'RA', place: 'Geneva', year: 2003, source: FINAL_ACTS },
  { id: 'RA-07', body: 'RA', place: 'Geneva', year: 2007, source: FINAL_ACTS },
  { id: 'RA-12', body: 'RA', place: 'Geneva', year: 2012, source: FINAL_ACTS },
  { id: 'RA-15', body: 'RA', place: 'Geneva', year: 2015, source: FINAL_ACTS },
  { id: 'RA-19', body: 'RA', place: 'Sharm el-Sheikh', year: 2019, source: FINAL_ACTS },
  { id: 'RA-23', body: 'RA', place: 'Dubai', year: 2023, source: FINAL_ACTS },
  { id: 'WTPF-96', body: 'WTPF', place: 'Geneva', year: 1996, source: FINAL_ACTS },
  { id: 'WTPF-98', body: 'WTPF', place: 'Geneva', year: 1998, source: FINAL_ACTS },
  { id: 'WTPF-01', body: 'WTPF', place: 'Geneva', year: 2001, source: FINAL_ACTS },
  { id: 'WTPF-09', body: 'WTPF', place: 'Lisbon', year: 2009, source: FINAL_ACTS },
  { id: 'WTPF-13', body: 'WTPF', place: 'Geneva', year: 2013, source: FINAL_ACTS },
  { id: 'WTPF-21', body: 'WTPF', place: 'Geneva', year: 2021, source: FINAL_ACTS },
  { id: 'WCIT-12', body: 'WCIT', place: 'Dubai', year: 2012, source: FINAL_ACTS },
];

/** `WTDC` + 2017 → `WTDC-17`: the id of a conference the table does not know. */
export function conferenceId(body: Body, year: number): string {
  return `${body}-${String(year % 100).padStart(2, '0')}`;
}

/** Places compare without case and with runs of blanks folded (`BUENOS AIRES`, `Buenos  Aires`). */
export function placeKey(place: string): string {
  let key = placeKeys.get(place);
  if (key === undefined) {
    // `Florianopolis` and `Florianópolis` are one place.
    key = place.trim().replace(/\s+/g, ' ').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    // Kept under a copy of its own: the place may be a slice that would hold a whole document.
    if (placeKeys.size < 10_000) placeKeys.set(detached(place), key);
  }
  return key;
}

/** Places are few and asked for on every citation: each one's key is worked out once. */
const placeKeys = new Map<string, string>();

/**
 * Bodies a citation that names none may be inferred to: WCIT-12 shares Dubai 2012 with WTSA-12,
 * whose resolutions are the ones cited so; an Assembly's are cited `Resolution ITU-R 69`, so a bare
 * `Resolution 958 (Geneva, 2015)` is the Conference's.
 */
export const INFERABLE_BODIES: ReadonlySet<Body> = new Set<Body>(['PP', 'WTDC', 'WTSA', 'WTPF', 'WRC']);
