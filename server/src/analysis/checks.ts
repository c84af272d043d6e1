// The list of checks run on every document, in order.

import type { Check } from './pipeline';
import { PROPOSAL_CHECKS } from './proposals';
import { STRUCTURE_CHECKS } from './structure';

export const CHECKS: readonly Check[] = [...STRUCTURE_CHECKS, ...PROPOSAL_CHECKS];
