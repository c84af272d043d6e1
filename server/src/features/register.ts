// Registers the citation features with the language service, in one place: the citation
// checks, hover, go-to-definition, references, completion, quick fixes and their share of
// "fix all". Hover and definition go first, so that on `resolves 2 of Resolution 130 (…)` the
// citation answers rather than an internal cross-reference.

import { citationCheck, citationFixAll } from '../analysis/citationChecks';
import { FIX_ALL_CONTRIBUTORS } from '../analysis/fixProviders';
import { citationDefinition } from './citationDefinition';
import { citationQuickFixes } from './citationFixes';
import { citationHover } from './citationHover';
import { citationReferences } from './citationReferences';
import { completion } from './completion';
import type { LanguageService } from './service';

export function registerCitationFeatures(service: LanguageService): void {
  service.checks.push(citationCheck(service.knowledge));
  service.hoverProviders.unshift(citationHover);
  service.definitionProviders.unshift(citationDefinition);
  service.referencesProviders.unshift(citationReferences);
  service.completionProviders.push(completion);
  service.codeActionProviders.push(citationQuickFixes);
  // The contributor reads the fixes the check left on each document: one entry serves every service.
  if (!FIX_ALL_CONTRIBUTORS.includes(citationFixAll)) FIX_ALL_CONTRIBUTORS.push(citationFixAll);
}
