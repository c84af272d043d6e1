// Registers the structure features (cross-references, quick fixes, fix-all) with the service.

import { crossReferenceDefinition, crossReferenceHover, crossReferenceReferences } from './crossrefFeatures';
import { fixAllProvider, quickFixes } from './codeActions';
import type { LanguageService } from './service';

export function registerStructureFeatures(service: LanguageService): void {
  service.hoverProviders.push(crossReferenceHover);
  service.definitionProviders.push(crossReferenceDefinition);
  service.referencesProviders.push(crossReferenceReferences);
  service.codeActionProviders.push(quickFixes, fixAllProvider);
}
