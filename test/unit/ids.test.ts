import fc from 'fast-check';
import { keyId } from '../../cloudfunctions/shared/platform/ids';

/** Business keys use the alphabet the schemas allow, separators included: the cases that used to collide. */
const businessKey = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const part = fc.oneof(businessKey, fc.integer({ min: 0, max: 3000 }));

describe('keyId', () => {
  it('gives distinct typed tuples distinct ids, and equal tuples the same id', () => {
    fc.assert(
      fc.property(fc.constantFrom('refund', 'adjust', 'erasure'), fc.array(part, { minLength: 1, maxLength: 3 }), fc.array(part, { minLength: 1, maxLength: 3 }), (kind, a, b) => {
        const same = JSON.stringify(a) === JSON.stringify(b);
        expect(keyId(kind, ...a) === keyId(kind, ...b)).toBe(same);
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps the cases from issue 10 apart', () => {
    expect(keyId('refund', 'X_1', 'R')).not.toBe(keyId('refund', 'X', '1_R'));
    expect(keyId('adjust', 'admin', 'delete_m1')).not.toBe(keyId('erasure', 'm1'));
    expect(keyId('cp', 't', 'm', 1)).not.toBe(keyId('cp', 't', 'm', '1'));
  });

  it('has one shape whatever the keys hold: the kind, then 32 hex characters', () => {
    fc.assert(fc.property(fc.array(fc.string(), { maxLength: 4 }), (parts) => expect(keyId('earn', ...parts)).toMatch(/^earn_[0-9a-f]{32}$/)));
  });
});
