import { DEFAULT_TIERS } from '../../cloudfunctions/shared/domain/tiers/defaults';
import { cardTextContrast, contrastRatio, DARK_TEXT, LIGHT_TEXT, MIN_TEXT_CONTRAST, textColorFor } from '../../cloudfunctions/shared/domain/tiers/contrast';
import { ladderProblems } from '../../cloudfunctions/shared/domain/tiers/ladder';

// WCAG 2.1 SC 1.4.3 Contrast (Minimum): "The visual presentation of text and images of text has a
// contrast ratio of at least 4.5:1" (https://www.w3.org/TR/WCAG21/#contrast-minimum), with the ratio
// (L1 + 0.05) / (L2 + 0.05) of relative luminances (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
describe('tier card contrast', () => {
  it('computes the WCAG ratio: black on white is 21:1, a colour on itself 1:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBe(21);
    expect(contrastRatio('#d4af37', '#d4af37')).toBe(1);
    // White on the old default gold was 2.1:1, the figure the issue measured.
    expect(contrastRatio('#d4af37', LIGHT_TEXT)).toBeCloseTo(2.1, 1);
  });

  it.each(DEFAULT_TIERS.map((t) => [t.name, t.color] as const))('%s (%s): the picked text colour reaches 4.5:1', (_name, color) => {
    expect(cardTextContrast(color)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect([LIGHT_TEXT, DARK_TEXT]).toContain(textColorFor(color));
  });

  it('picks dark text on light colours and white on dark ones', () => {
    expect(textColorFor('#d4af37')).toBe(DARK_TEXT);
    expect(textColorFor('#4a4f5c')).toBe(LIGHT_TEXT);
  });

  it('refuses a ladder colour that reaches 4.5:1 with neither white nor dark text', () => {
    // Sea green: 4.24:1 with white, 4.09:1 with the dark text.
    const murky = DEFAULT_TIERS.map((t, i) => (i === 2 ? { ...t, color: '#2e8b57' } : t));
    expect(ladderProblems(murky).join()).toMatch(/tier gold: colour #2e8b57 gives text a contrast of 4\.2\d:1/);
    expect(ladderProblems(DEFAULT_TIERS)).toEqual([]);
  });
});
