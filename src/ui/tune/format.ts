/**
 * Axis ticks and labels that read: round numbers on linear axes, powers of ten on log axes, short
 * labels that are never cut ("6e-5" rather than ".000060"), and parameter names in words.
 */

/** About `count` round ticks covering [low, high] (1, 2, 2.5 or 5 times a power of ten apart). */
export function niceTicks(low: number, high: number, count = 5): number[] {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [];
  if (high < low) [low, high] = [high, low];
  if (high === low) {
    const pad = Math.abs(low) > 0 ? Math.abs(low) * 0.1 : 1;
    low -= pad;
    high += pad;
  }
  const raw = (high - low) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  // The round step whose number of intervals comes closest to the count asked for.
  const step = [1, 2, 2.5, 5, 10]
    .map((m) => m * power)
    .reduce((best, s) =>
      Math.abs((high - low) / s - count) < Math.abs((high - low) / best - count) ? s : best,
    );
  const first = Math.ceil(low / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v <= high + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** The domain a set of nice ticks spans: the data range widened to the neighbouring round numbers. */
export function niceDomain(low: number, high: number, count = 5): [number, number] {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [0, 1];
  if (high === low) {
    const pad = Math.abs(low) > 0 ? Math.abs(low) * 0.1 : 1;
    return [low - pad, high + pad];
  }
  const ticks = niceTicks(low, high, count);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : high - low;
  return [Math.floor(low / step + 1e-9) * step, Math.ceil(high / step - 1e-9) * step];
}

/** Powers of ten (and 2× and 5× when the range is short) within [low, high], for log axes; both > 0. */
export function logTicks(low: number, high: number): number[] {
  if (!(low > 0) || !(high > 0)) return [];
  const from = Math.floor(Math.log10(low));
  const to = Math.ceil(Math.log10(high));
  const decades = to - from;
  const multiples = decades <= 2 ? [1, 2, 5] : [1];
  const stride = Math.max(1, Math.ceil(decades / 6));
  const ticks: number[] = [];
  for (let e = from; e <= to; e += stride)
    for (const m of multiples) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= low * (1 - 1e-9) && v <= high * (1 + 1e-9)) ticks.push(v);
    }
  return ticks;
}

/** The log domain: the data range widened to whole decades. */
export function logDomain(low: number, high: number): [number, number] {
  if (!(low > 0) || !(high > 0)) return [1e-3, 1];
  return [10 ** Math.floor(Math.log10(low)), 10 ** Math.ceil(Math.log10(high))];
}

/** A short tick label: at most three significant digits, exponent form for very small or large numbers. */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e5) {
    const [mantissa, exponent] = value.toExponential(1).split('e');
    return `${mantissa!.replace(/\.0$/, '')}e${Number(exponent)}`;
  }
  return String(Number(value.toPrecision(3)));
}

/** Four significant digits for tooltips and tables. */
export function formatValue(value: unknown): string {
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) return value.toExponential(3);
  return String(Number(value.toPrecision(4)));
}

/** Parameter names the engine uses, in words, with their units; others are split at case and underscores. */
const KNOWN: Record<string, { en: string; zh: string; unit?: { en: string; zh: string } }> = {
  learningRate: { en: 'learning rate', zh: '学习率' },
  learning_rate: { en: 'learning rate', zh: '学习率' },
  l2: { en: 'L2 penalty', zh: 'L2 正则' },
  l1: { en: 'L1 penalty', zh: 'L1 正则' },
  dropout: { en: 'dropout rate', zh: 'dropout 比例' },
  batchSize: { en: 'batch size', zh: '批大小', unit: { en: 'examples', zh: '个样本' } },
  epochs: { en: 'epochs', zh: '轮数' },
  hiddenUnits: { en: 'hidden units', zh: '隐藏单元数' },
  momentum: { en: 'momentum', zh: '动量' },
  x1: { en: 'x₁', zh: 'x₁' },
  x2: { en: 'x₂', zh: 'x₂' },
};

export function paramLabel(name: string, language: 'en' | 'zh' = 'en', log = false): string {
  const known = KNOWN[name];
  const words = known
    ? known[language]
    : name
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/[_-]+/g, ' ')
        .trim()
        .toLowerCase();
  const unit = known?.unit?.[language];
  const scale = log ? (language === 'zh' ? '对数刻度' : 'log scale') : '';
  const extras = [unit, scale].filter(Boolean).join(', ');
  return extras ? `${words} (${extras})` : words;
}

/** Objectives whose values span decades on the way to their optimum: log is the readable default. */
export function logByDefault(objective: string): boolean {
  return (
    objective === 'branin' ||
    objective === 'rosenbrock' ||
    objective === 'network' ||
    objective === 'lr-curve'
  );
}

/** Quantile q of sorted values, with linear interpolation as numpy's default. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}
