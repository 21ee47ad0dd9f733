import type { Change } from './change.js';

export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface BumpSuggestion {
  readonly bump: Bump;
  readonly reason: string;
}

/**
 * The version bump for a package whose users are callers (a client, types, validators): the
 * protocol's callers are that package's users.
 * - major: a change breaks callers (their code or their requests stop working);
 * - minor: callers see compatible changes (new methods, params, fields, errors...), or changes
 *   of unknown impact that a human should review (then major if one of them does break);
 * - patch: nothing callers can see (wire-only or implementer-only changes);
 * - none: no change the diff models (descriptions and examples are not compared: a patch if they changed).
 */
export function suggestBump(changes: readonly Change[]): BumpSuggestion {
  const count = (impact: Change['callers']) => changes.filter((c) => c.callers === impact).length;
  const breaking = count('breaking');
  const compatible = count('compatible');
  const unknown = count('unknown');
  const review =
    unknown === 0 ? '' : `; review ${plural(unknown, 'change')} of unknown impact (major if one breaks callers)`;
  if (breaking > 0)
    return {
      bump: 'major',
      reason: `${plural(breaking, 'change')} break${breaking === 1 ? 's' : ''} callers${review}`,
    };
  if (compatible > 0 || unknown > 0)
    return { bump: 'minor', reason: `${plural(compatible, 'compatible change')} for callers${review}` };
  if (changes.length > 0)
    return { bump: 'patch', reason: 'no change callers can see (only the wire view or implementers are affected)' };
  return { bump: 'none', reason: 'no API change (a patch if descriptions or examples changed)' };
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
