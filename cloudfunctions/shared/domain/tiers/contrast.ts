import { colord, extend } from 'colord';
import a11yPlugin from 'colord/plugins/a11y';

extend([a11yPlugin]);

/**
 * Text on a tier card must reach WCAG 2.x level AA for normal text: a contrast ratio of at least
 * 4.5:1 (https://www.w3.org/TR/WCAG21/#contrast-minimum, ratio from relative luminance).
 */
export const MIN_TEXT_CONTRAST = 4.5;

/** The two text colours a card may use: white, or the near-black body text of the mini-program. */
export const LIGHT_TEXT = '#ffffff';
export const DARK_TEXT = '#1a1a1a';

/** WCAG contrast ratio between two colours (colord floors it to two decimals: never optimistic). */
export function contrastRatio(a: string, b: string): number {
  return colord(a).contrast(b);
}

/** The text colour (white or dark) with the higher contrast on `background`. */
export function textColorFor(background: string): string {
  return contrastRatio(background, LIGHT_TEXT) >= contrastRatio(background, DARK_TEXT) ? LIGHT_TEXT : DARK_TEXT;
}

/** Contrast of the text colour `textColorFor` picks: what a shopper actually reads. */
export function cardTextContrast(background: string): number {
  return contrastRatio(background, textColorFor(background));
}
