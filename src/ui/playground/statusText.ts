import { OPTIMIZER_NAMES, type ExperimentConfig } from '../../core/config/parameters';
import { formatNumber } from '../../core/config/schema';
import type { RunSummary } from '../../core/train/metrics';

import type { Language } from '../../i18n';

/**
 * The run's ending in the reader's language. English is the engine's own sentence; Chinese is
 * built from the same summary fields.
 */
export function summaryText(summary: RunSummary, config: ExperimentConfig, language: Language): string {
  if (language === 'en') return summary.message;
  switch (summary.status) {
    case 'completed':
      return `已完成 ${summary.epochs} 轮训练。`;
    case 'stopped-early':
      return `在第 ${summary.epochs} 轮提前停止：验证损失连续 ${config.patience} 轮没有改善（最佳在第 ${summary.bestEpoch ?? '?'} 轮）。`;
    case 'diverged': {
      const loss = summary.finalTrainLoss;
      const what =
        loss !== null && Number.isFinite(loss) ? `损失爆炸到 ${formatNumber(loss)}` : '损失变成了 NaN';
      return `${what}（第 ${summary.divergedAtEpoch ?? summary.epochs} 轮）：对 ${OPTIMIZER_NAMES[config.optimizer]} 来说，学习率 ${formatNumber(config.learningRate)} 太大了。`;
    }
    case 'cancelled':
      return `在 ${summary.epochs} 轮后取消。`;
  }
}
