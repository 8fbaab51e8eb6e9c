/**
 * Two-proportion z-test (pooled), two-sided: is a variant's conversion rate different from the
 * holdout's? Formula as in NIST/SEMATECH e-Handbook of Statistical Methods §7.3.3 ("How can we
 * determine whether two processes produce the same proportion of defectives?"):
 *   p = (x1 + x2) / (n1 + n2),  z = (p1 − p2) / sqrt(p (1 − p) (1/n1 + 1/n2)),
 * and the two-sided p-value 2 (1 − Φ(|z|)). Φ uses erf from Abramowitz & Stegun 7.1.26
 * (absolute error ≤ 1.5e-7), plenty for a report that shows p to three decimals.
 */

export interface ZTest {
  z: number;
  pValue: number;
  /** p < 0.05. */
  significant: boolean;
}

function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-ax * ax));
}

/** Standard normal cumulative distribution Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * (1 + erf(z / Math.SQRT2));
}

/** Null when either group is empty or nobody (or everybody) in both converted: nothing to test. */
export function twoProportionZTest(converted1: number, n1: number, converted2: number, n2: number): ZTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (converted1 + converted2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return null;
  const z = (converted1 / n1 - converted2 / n2) / se;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { z: Math.round(z * 10_000) / 10_000, pValue: Math.round(pValue * 10_000) / 10_000, significant: pValue < 0.05 };
}
