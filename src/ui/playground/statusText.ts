import { OPTIMIZER_NAMES, type OptimizerKind } from '../../core/config/parameters';
import { formatNumber } from '../../core/config/schema';
import type { RunSummary } from '../../core/train/metrics';
import type { Verdict, VerdictCode } from '../../core/train/verdict';
import type { Language } from '../../i18n';
import { CHOICE_VALUE_NAMES_ZH } from '../../core/lessons/names';

/** The optimizer's name as the Chinese page names it ("动量"; the others are names). */
const zhOptimizer = (optimizer: OptimizerKind) => CHOICE_VALUE_NAMES_ZH.optimizer[optimizer];

type ParamsOf<C extends VerdictCode> = Extract<Verdict, { code: C }>['params'];
type VerdictTable = { [C in VerdictCode]: (params: ParamsOf<C>) => string };

const rate = (learningRate: number) => formatNumber(learningRate);

/** How a run ended, per language; keyed by the typed code, so a missing sentence fails to compile. */
const VERDICTS: Record<Language, VerdictTable> = {
  en: {
    completed: ({ epochs }) => `Completed ${epochs} epochs.`,
    'stopped-early': ({ epoch, patience, bestEpoch }) =>
      `Stopped early at epoch ${epoch}: no better validation loss for ${patience} epochs (best at epoch ${bestEpoch}).`,
    'diverged-exploded': ({ epoch, loss, learningRate, optimizer }) =>
      `Loss exploded to ${formatNumber(loss)} at epoch ${epoch}: the learning rate ${rate(learningRate)} is too high for ${OPTIMIZER_NAMES[optimizer]}.`,
    'diverged-nan': ({ epoch, learningRate, optimizer }) =>
      `Loss became NaN at epoch ${epoch}: the learning rate ${rate(learningRate)} is too high for ${OPTIMIZER_NAMES[optimizer]}.`,
    'diverged-infinite': ({ epoch, learningRate, optimizer }) =>
      `Loss became infinite at epoch ${epoch}: the learning rate ${rate(learningRate)} is too high for ${OPTIMIZER_NAMES[optimizer]}.`,
    cancelled: ({ epochs }) => `Cancelled after ${epochs} epochs.`,
  },
  zh: {
    completed: ({ epochs }) => `已完成 ${epochs} 轮训练。`,
    'stopped-early': ({ epoch, patience, bestEpoch }) =>
      `在第 ${epoch} 轮提前停止：验证损失连续 ${patience} 轮没有改善（最佳在第 ${bestEpoch} 轮）。`,
    'diverged-exploded': ({ epoch, loss, learningRate, optimizer }) =>
      `损失爆炸到 ${formatNumber(loss)}（第 ${epoch} 轮）：对 ${zhOptimizer(optimizer)} 来说，学习率 ${rate(learningRate)} 太大了。`,
    'diverged-nan': ({ epoch, learningRate, optimizer }) =>
      `损失变成了 NaN（第 ${epoch} 轮）：对 ${zhOptimizer(optimizer)} 来说，学习率 ${rate(learningRate)} 太大了。`,
    'diverged-infinite': ({ epoch, learningRate, optimizer }) =>
      `损失变成了无穷大（第 ${epoch} 轮）：对 ${zhOptimizer(optimizer)} 来说，学习率 ${rate(learningRate)} 太大了。`,
    cancelled: ({ epochs }) => `在 ${epochs} 轮后取消。`,
  },
};

/** A run's ending as a sentence in the reader's language. */
export function verdictText(verdict: Verdict, language: Language): string {
  const render = VERDICTS[language][verdict.code] as (params: Verdict['params']) => string;
  return render(verdict.params);
}

/** The ending of a run's summary in the reader's language (the playground's status line, History, the CLI). */
export function summaryText(summary: RunSummary, language: Language): string {
  return verdictText(summary.verdict, language);
}
