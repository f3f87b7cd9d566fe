/**
 * The engine's diagnoses and hot changes in the reader's language. The engine says what it found as
 * data ({ code, params }); the words, the numbers' format and the names of the optimizers are here.
 */
import type { Diagnosis } from '../../core/train/diagnosis';
import { formatNumber } from '../../core/config/schema';
import type { ExperimentConfig } from '../../core/config/parameters';
import { defineMessages, type Language } from '../../i18n';
import type { HotChange } from '../../workers/trainer-client';
import { PARAMETER_TEXT } from './parameterText';
import { choiceText } from './parameterText';

const n = (value: number | null) => (value === null ? '?' : formatNumber(value));
const percent = (value: number | null) => (value === null ? '?' : `${Math.round(value * 100)}%`);

export const useDiagnosisMessages = defineMessages({
  en: {
    lossJumped: (factor: string, epochs: number) =>
      `The loss jumped ${factor}× in ${epochs} epoch${epochs === 1 ? '' : 's'}`,
    lossAboveGuess: (factor: string, epochs: number) =>
      `The loss has stayed ${factor}× a constant guess’s for ${epochs} epochs`,
    rateTooLow: (fall: string, epochs: number) => `The loss fell only ${fall} in ${epochs} epochs`,
    atChance: (accuracy: string, chance: string, epochs: number) =>
      `Validation accuracy is still at chance (${accuracy}, a guess gets ${chance}) after ${epochs} epochs`,
    lowerRate: (rate: string, optimizer: string, low: string, high: string) =>
      `: the learning rate ${rate} is too high for ${optimizer}; try ${low}–${high}.`,
    raiseRate: (rate: string, optimizer: string, low: string, high: string) =>
      `: the learning rate ${rate} is too low for ${optimizer}; try ${low}–${high}.`,
    moreCapacity:
      ': the network may be too small for this data; try more units, another layer or more features.',
    diagnosisLabel: 'Training check',
    change: (what: string, from: string, to: string) => `${what} ${from} → ${to}`,
    on: 'on',
    off: 'off',
  },
  zh: {
    lossJumped: (factor: string, epochs: number) => `损失在 ${epochs} 轮内跳升了 ${factor} 倍`,
    lossAboveGuess: (factor: string, epochs: number) =>
      `损失已连续 ${epochs} 轮保持在常数猜测的 ${factor} 倍`,
    rateTooLow: (fall: string, epochs: number) => `损失在 ${epochs} 轮内只下降了 ${fall}`,
    atChance: (accuracy: string, chance: string, epochs: number) =>
      `训练 ${epochs} 轮后，验证准确率仍停留在随机水平（${accuracy}，随机猜测为 ${chance}）`,
    lowerRate: (rate: string, optimizer: string, low: string, high: string) =>
      `：对 ${optimizer} 来说，学习率 ${rate} 太大了；试试 ${low}–${high}。`,
    raiseRate: (rate: string, optimizer: string, low: string, high: string) =>
      `：对 ${optimizer} 来说，学习率 ${rate} 太小了；试试 ${low}–${high}。`,
    moreCapacity: '：对这份数据来说网络可能太小了；试试更多神经元、再加一层或更多特征。',
    diagnosisLabel: '训练检查',
    change: (what: string, from: string, to: string) => `${what} ${from} → ${to}`,
    on: '开',
    off: '关',
  },
});

/** A diagnosis as one sentence: what happened, then the likely cause and what to try. */
export function diagnosisText(diagnosis: Diagnosis, language: Language): string {
  const t = useDiagnosisMessages.in(language);
  const p = diagnosis.params;
  let what: string;
  switch (diagnosis.code) {
    case 'loss-jumped':
      what = t.lossJumped(n(p.factor), p.epochs);
      break;
    case 'loss-above-guess':
      what = t.lossAboveGuess(n(p.factor), p.epochs);
      break;
    case 'rate-too-low':
      what = t.rateTooLow(percent(p.fall), p.epochs);
      break;
    case 'at-chance':
      what = t.atChance(percent(p.accuracy), percent(p.chance), p.epochs);
      break;
  }
  const optimizer = choiceText(language, 'optimizer', p.optimizer);
  const rate = formatNumber(p.learningRate);
  switch (p.remedy) {
    case 'lower-rate':
      return what + t.lowerRate(rate, optimizer, n(p.low), n(p.high));
    case 'raise-rate':
      return what + t.raiseRate(rate, optimizer, n(p.low), n(p.high));
    case 'more-capacity':
      return what + t.moreCapacity;
  }
}

function valueText(key: keyof ExperimentConfig, value: unknown, language: Language): string {
  const t = useDiagnosisMessages.in(language);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? t.on : t.off;
  if (key === 'optimizer' && typeof value === 'string') return choiceText(language, 'optimizer', value);
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** A hot change as a chart label: "learning rate 0.01 → 10". */
export function changeText(change: HotChange, language: Language): string {
  const t = useDiagnosisMessages.in(language);
  const label = PARAMETER_TEXT[language][change.key]?.label ?? change.key;
  // "Learning rate" reads "learning rate" mid-label; "L2 regularization" keeps its capital.
  const what = /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
  return t.change(
    what,
    valueText(change.key, change.from, language),
    valueText(change.key, change.to, language),
  );
}
