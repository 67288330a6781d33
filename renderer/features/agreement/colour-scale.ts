/**
 * The heat map's colours: one hue (ColorBrewer "Blues", 9 classes), light for low agreement and
 * dark for high, so it reads the same with any colour vision and in greyscale. Values at or below
 * 0 (no better than chance) share the lightest colour; undefined figures are a neutral grey.
 */

const BLUES = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'];
const EMPTY_FILL = '#eceae5';
// Black, not the page's ink: mid-blue cells need it to keep 4.5:1 with either ink.
const DARK_INK = '#000000';
const LIGHT_INK = '#ffffff';
const MUTED_INK = '#6a6f76';

/** A cell's fill and the colour of the number printed on it. */
export interface CellColour {
  fill: string;
  ink: string;
}

const channels = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const toHex = (rgb: number[]): string => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminanceOf(hex: string): number {
  const [r = 0, g = 0, b = 0] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastOf(a: string, b: string): number {
  const [light, dark] = [luminanceOf(a), luminanceOf(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** The colour of an agreement figure on the [0, 1] scale; null (undefined) is grey. */
export function colourOf(value: number | null): CellColour {
  if (value === null || !Number.isFinite(value)) return { fill: EMPTY_FILL, ink: MUTED_INK };
  const t = Math.min(1, Math.max(0, value));
  const position = t * (BLUES.length - 1);
  const low = Math.floor(position);
  const high = Math.min(BLUES.length - 1, low + 1);
  const [from, to] = [channels(BLUES[low] ?? '#000000'), channels(BLUES[high] ?? '#000000')];
  const mix = position - low;
  const fill = toHex(from.map((c, i) => c + ((to[i] ?? c) - c) * mix));
  return { fill, ink: contrastOf(fill, LIGHT_INK) > contrastOf(fill, DARK_INK) ? LIGHT_INK : DARK_INK };
}

/** The scale's stops as a CSS gradient, for the legend. */
export const legendGradient = (): string => `linear-gradient(to right, ${BLUES.join(', ')})`;
