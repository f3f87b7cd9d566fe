/**
 * Where a slider's positions land. Every slider moves over a ladder of values: log parameters
 * over 1-2-3-5 steps per decade (so the learning rate walks 0.001, 0.002, 0.003, 0.005, 0.01…),
 * with 0 ("off") at the left end when the parameter allows it; batch sizes over powers of two;
 * linear parameters over multiples of their step.
 */
import type { NumericParameter } from '../../core/config/parameters';
import { formatNumber } from '../../core/config/schema';

const MANTISSAS = [1, 2, 3, 5];

const tidy = (value: number) => Number(value.toPrecision(6));

export function sliderValues(
  p: Pick<NumericParameter, 'min' | 'max' | 'scale' | 'logMin' | 'step' | 'integer'>,
): number[] {
  const values: number[] = [];
  if (p.scale === 'log') {
    const allowsOff = p.logMin !== undefined && p.min === 0;
    const low = allowsOff ? p.logMin! : p.min;
    if (allowsOff) values.push(0);
    if (p.integer) {
      for (let v = 1; v <= p.max; v *= 2) if (v >= low) values.push(v);
    } else {
      for (let exponent = Math.floor(Math.log10(low)); exponent <= Math.ceil(Math.log10(p.max)); exponent++) {
        for (const m of MANTISSAS) {
          const v = tidy(m * 10 ** exponent);
          if (v >= low * (1 - 1e-9) && v <= p.max * (1 + 1e-9)) values.push(v);
        }
      }
    }
    return values;
  }
  const step = p.step ?? (p.integer ? 1 : (p.max - p.min) / 100);
  values.push(p.min);
  const exact = decimalStep(step);
  for (let i = Math.floor(p.min / step) + 1; ; i++) {
    // i·units / 10^decimals is the double nearest the decimal, which is what tidy() returns for a
    // value of at most 6 significant digits; toPrecision is the slow part of a long ladder (β₂
    // has 10,000 steps: 18 ms cold against about 1 ms), so it is kept for the values it changes.
    const v = exact && i * exact.units < 1e6 ? (i * exact.units) / exact.scale : tidy(i * step);
    if (v >= p.max) break;
    if (v > p.min) values.push(v);
  }
  values.push(p.max);
  return values;
}

/** A step written with few decimals (0.0001, 0.05, 2) as whole units of 10^-decimals, if it is one. */
function decimalStep(step: number): { units: number; scale: number } | null {
  for (let decimals = 0; decimals <= 12; decimals++) {
    const scale = 10 ** decimals;
    const units = Math.round(step * scale);
    if (units > 0 && units / scale === step) return { units, scale };
  }
  return null;
}

/**
 * The position whose value is nearest to `value` (in log distance on log ladders). Ladders
 * increase, so a binary search finds the two candidates around the value: a slider renders on
 * every change of its value, and a linear scan of β₂'s 10,000 steps cost milliseconds each time.
 */
export function positionOf(values: readonly number[], value: number, scale: 'log' | 'linear'): number {
  // "Off" (0), the left end of an off-able log ladder, is where zero and below go.
  if (scale === 'log' && value <= 0) return 0;
  let low = 0;
  let high = values.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (values[middle]! <= value) low = middle;
    else high = middle;
  }
  const distance = (candidate: number) =>
    scale === 'log'
      ? candidate === 0
        ? Infinity
        : Math.abs(Math.log(candidate) - Math.log(value))
      : Math.abs(candidate - value);
  let best = distance(values[high]!) < distance(values[low]!) ? high : low;
  // A positive value below a ladder's smallest non-zero step still belongs right of "off".
  if (scale === 'log' && values[best] === 0) best = Math.min(1, values.length - 1);
  return best;
}

export type ParseResult =
  | { ok: true; value: number }
  | { ok: false; reason: 'empty' | 'not-a-number' | 'out-of-range' | 'not-integer' };

/** Reads a typed number; bad input is refused with a reason, never guessed at. */
export function parseParameterInput(
  text: string,
  p: Pick<NumericParameter, 'min' | 'max' | 'integer'>,
): ParseResult {
  const trimmed = text.trim().replace(/,/g, '.');
  if (trimmed === '') return { ok: false, reason: 'empty' };
  // Number() and not parseFloat: "0.01abc" is a typo to report, not 0.01.
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, reason: 'not-a-number' };
  if (value < p.min || value > p.max) return { ok: false, reason: 'out-of-range' };
  if (p.integer && !Number.isInteger(value)) return { ok: false, reason: 'not-integer' };
  return { ok: true, value };
}

/** A value as the controls show it: "off" is the caller's word for 0 on off-able sliders. */
export function formatValue(value: number): string {
  return formatNumber(value);
}
