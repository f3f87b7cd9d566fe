import { formatNumber } from '../../core/config/schema';

/**
 * The room a y axis needs for its tick labels, worked out from the label strings instead of
 * recharts' `width="auto"`, which reads every label's box from the DOM on every redraw (a forced
 * layout per chart update while training).
 */

/** recharts' tick line (6 px) plus a little air, so the widest label never touches the SVG's edge. */
const TICK_ROOM_PX = 6 + 3;
/** Ticks are `--tick-size` (0.8rem, app.css) of the root size; presentation mode sets the root to 20 px. */
const TICK_REM = 0.8;
const PRESENTATION_ROOT_PX = 20;
/** Wider than any digit, dot or minus sign of common UI fonts, for when there is no canvas to measure with. */
const FALLBACK_CHAR_EM = 0.62;

let normalRootPx: number | null = null;
let family: string | null = null;
let context: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

function rootPx(presentation: boolean): number {
  if (presentation) return PRESENTATION_ROOT_PX;
  if (normalRootPx === null) {
    const root = typeof document === 'undefined' ? null : document.documentElement;
    // Read once, and only while the root is at its normal size (a style read, not a layout).
    if (!root || root.classList.contains('presentation')) return 16;
    normalRootPx = Number.parseFloat(getComputedStyle(root).fontSize) || 16;
  }
  return normalRootPx;
}

/** The tick labels' font size in px. */
export function tickFontPx(presentation: boolean): number {
  return TICK_REM * rootPx(presentation);
}

/** A label's width at `px`, measured once per label and size on a canvas (no DOM layout involved). */
function textWidth(text: string, px: number): number {
  const key = `${px}|${text}`;
  const known = widths.get(key);
  if (known !== undefined) return known;
  if (context === undefined) {
    context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    family = typeof document === 'undefined' ? null : getComputedStyle(document.body).fontFamily;
  }
  let width = text.length * px * FALLBACK_CHAR_EM;
  if (context && family) {
    context.font = `${px}px ${family}`;
    width = context.measureText(text).width;
  }
  widths.set(key, width);
  return width;
}

/** The y axis width for these labels at `px`. */
export function axisWidth(labels: readonly string[], px: number): number {
  let widest = 0;
  for (const label of labels) widest = Math.max(widest, textWidth(label, px));
  return Math.ceil(widest + TICK_ROOM_PX);
}

/**
 * The labels recharts draws on a linear axis from 0 to `max` with its default five ticks: its step
 * is the rough step (max / 4) rounded up to a multiple of 0.05 (0.1 for steps of 10 to 99) of its
 * power of ten, and the five ticks are 0 to 4 steps.
 */
export function linearTickLabels(max: number, format: (v: number) => string = formatNumber): string[] {
  if (!(max > 0) || !Number.isFinite(max)) return ['0', '1'];
  const rough = max / 4;
  const digits = Math.floor(Math.log10(rough)) + 1;
  const power = 10 ** digits;
  const scale = digits !== 1 ? 0.05 : 0.1;
  const step = Math.ceil(Number((rough / power / scale).toPrecision(12))) * scale * power;
  const labels: string[] = [];
  for (let k = 0; k < 5; k += 1) labels.push(format(Number((k * step).toPrecision(12))));
  return labels;
}

/** Every label a log axis over [low, high] (powers of ten) could draw: 1 to 9 times each power. */
export function logTickLabels(
  low: number,
  high: number,
  format: (v: number) => string = formatNumber,
): string[] {
  const from = Math.floor(Math.log10(low));
  const to = Math.ceil(Math.log10(high));
  const labels: string[] = [];
  for (let power = from; power <= to; power += 1)
    for (let m = 1; m <= 9; m += 1) labels.push(format(Number((m * 10 ** power).toPrecision(12))));
  return labels;
}
