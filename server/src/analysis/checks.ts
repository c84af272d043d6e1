// The list of checks run on every document, in order.

import type { Check } from './pipeline';

export const CHECKS: readonly Check[] = [];
