/** The landscape picture's pure parts: its colour ramp, axis ticks and the mapping to pixels. */
import { formatNumber } from '../../core/config/schema';
import type { Rgb } from '../charts/boundaryPaint';

/** Viridis at five stops (dark is low loss, yellow high): ordered in lightness, readable in grey. */
const RAMP: Rgb[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** A colour for t in [0, 1]. */
export function rampColor(t: number): Rgb {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 1)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const a = RAMP[i]!;
  const b = RAMP[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

export const RAMP_CSS = `linear-gradient(to right, ${RAMP.map((c) => `rgb(${c.join(',')})`).join(', ')})`;

/**
 * Losses span orders of magnitude across a landscape (a valley at 0.05, walls at 50), so colour
 * follows log(loss); a non-finite loss takes the top colour.
 */
export function logScale(losses: readonly number[]): { low: number; high: number; at(loss: number): number } {
  const logs = losses.filter((l) => Number.isFinite(l) && l > 0).map(Math.log);
  const low = logs.length > 0 ? Math.min(...logs) : 0;
  const high = logs.length > 0 ? Math.max(...logs) : 1;
  return {
    low: Math.exp(low),
    high: Math.exp(high),
    at: (loss) =>
      Number.isFinite(loss) && loss > 0 && high > low ? (Math.log(loss) - low) / (high - low) : 1,
  };
}

/** About `count` round tick values covering [low, high] (1, 2 or 5 times a power of ten apart). */
export function niceTicks(low: number, high: number, count = 5): number[] {
  if (!(high > low)) return [low];
  const raw = (high - low) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step)
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return ticks;
}

/** Three significant digits: enough to tell a valley from a wall. */
export const short = (value: number) => formatNumber(Number(value.toPrecision(3)));
