// Paragraph styles of the exported document, named as ITU's Word templates name them, so that a
// secretariat can restyle the file with its own template (`--template`), and so that the
// reader knows each construct again by its style.

import type { IParagraphStyleOptions } from 'docx';

/** The style of each construct: ITU template names where the templates have one. */
export const STYLE = {
  header: 'Head',
  source: 'Source',
  proposal: 'Proposal',
  title: 'ResNo',
  name: 'Restitle',
  authority: 'Normalaftertitle',
  heading: 'Call',
  clause: 'Normal',
  subItem: ['enumlev1', 'enumlev2', 'enumlev3'],
  reasons: 'Reasons',
  annexTitle: 'AnnexNo',
  annexName: 'Annextitle',
  text: 'Normal',
} as const;

const FONT = 'Times New Roman';
/** 12 pt, in half points. */
const SIZE = 24;
/** Hanging indent of a label, in twips (ITU: 0.55 inch for `a)`, deeper for sub-items). */
const HANG = 794;

export const PARAGRAPH_STYLES: readonly IParagraphStyleOptions[] = [
  { id: 'Head', name: 'Head', basedOn: 'Normal', paragraph: { spacing: { before: 0, after: 0 } } },
  { id: 'Source', name: 'Source', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: 28 }, paragraph: { alignment: 'center', spacing: { before: 840, after: 200 } } },
  { id: 'Proposal', name: 'Proposal', basedOn: 'Normal', next: 'Normal', run: { bold: true }, paragraph: { keepNext: true, spacing: { before: 240 } } },
  { id: 'ResNo', name: 'Res_No', basedOn: 'Normal', next: 'Restitle', run: { allCaps: true, size: 28 }, paragraph: { alignment: 'center', keepNext: true, spacing: { before: 480 } } },
  { id: 'Restitle', name: 'Res_title', basedOn: 'Normal', next: 'Normalaftertitle', run: { bold: true, size: 28 }, paragraph: { alignment: 'center', keepNext: true, spacing: { before: 240 } } },
  { id: 'Normalaftertitle', name: 'Normal after title', basedOn: 'Normal', next: 'Normal', paragraph: { spacing: { before: 360 } } },
  { id: 'Call', name: 'Call', basedOn: 'Normal', next: 'Normal', run: { italics: true }, paragraph: { keepNext: true, indent: { left: HANG }, spacing: { before: 160 } } },
  { id: 'enumlev1', name: 'enumlev1', basedOn: 'Normal', paragraph: { indent: { left: HANG * 2, hanging: HANG }, spacing: { before: 80 } } },
  { id: 'enumlev2', name: 'enumlev2', basedOn: 'enumlev1', paragraph: { indent: { left: HANG * 3, hanging: HANG } } },
  { id: 'enumlev3', name: 'enumlev3', basedOn: 'enumlev2', paragraph: { indent: { left: HANG * 4, hanging: HANG } } },
  { id: 'Reasons', name: 'Reasons', basedOn: 'Normal', next: 'Normal', paragraph: { spacing: { before: 240 } } },
  { id: 'AnnexNo', name: 'Annex_No', basedOn: 'Normal', next: 'Annextitle', run: { allCaps: true, size: 28 }, paragraph: { alignment: 'center', keepNext: true } },
  { id: 'Annextitle', name: 'Annex_title', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: 28 }, paragraph: { alignment: 'center', keepNext: true, spacing: { before: 240 } } },
];

/** Normal text: Times New Roman 12, ITU spacing; a clause's label hangs in front of its text. */
export const DEFAULT_STYLES = {
  document: { run: { font: FONT, size: SIZE }, paragraph: { spacing: { before: 120, after: 0 } } },
};

export const CLAUSE_INDENT = { left: HANG, hanging: HANG };
