import fc from 'fast-check';
import type { AudienceRule } from '../../typings/api';

/** Random audience rule trees (all / any / not, small depth) over the given leaves. */
export function ruleTree(leaf: fc.Arbitrary<AudienceRule>): fc.Arbitrary<AudienceRule> {
  return fc.letrec<{ rule: AudienceRule }>((tie) => ({
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ all: fc.array(tie('rule'), { maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('rule'), { maxLength: 3 }) }),
      fc.record({ not: tie('rule') }),
    ),
  })).rule;
}
