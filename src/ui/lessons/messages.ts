import { defineMessages } from '../../i18n';

const percent = (value: number) => `${Math.round(value * 100)}%`;
const loss = (value: number) => (value >= 0.01 ? value.toPrecision(2) : value.toExponential(1));

/** The "What happened" panel: each claim part as numbers, in both languages. */
export const useClaimMessages = defineMessages({
  en: {
    whatHappened: 'What happened',
    waiting: 'When every lane has finished, this panel checks the lesson against what your browser trained.',
    changed:
      "You changed the lesson's lanes, so its claim is not checked here. Pick the lesson again to restore them.",
    notFinished: 'A lane was cancelled or failed, so the claim cannot be checked. Reset all and play again.',
    checkingWeights: 'Reading the final weights…',
    holds: '✓ What the lesson says held on this run.',
    fails:
      '✗ Not this time: what the lesson says did not hold on this run. The lessons are checked on five seeds; this run was one of the exceptions.',
    accuracy: (lane: string, value: number) => `${lane}: ${percent(value)} validation accuracy`,
    trainLoss: (lane: string, value: number) => `${lane}: training loss ${loss(value)}`,
    validationLoss: (lane: string, value: number) => `${lane}: final validation loss ${loss(value)}`,
    diverged: (lane: string, epoch: number) => `${lane}: diverged at epoch ${epoch}`,
    stoppedEarly: (lane: string, epoch: number, best: number) =>
      `${lane}: stopped early at epoch ${epoch} (best epoch ${best})`,
    ranAll: (lane: string, epochs: number) => `${lane}: ran all ${epochs} epochs`,
    overfit: (lane: string, lowest: number, epoch: number, final: number) =>
      `${lane}: validation loss fell to ${loss(lowest)} at epoch ${epoch}, then rose to ${loss(final)}`,
    jumps: (lane: string, count: number, final: number) =>
      `${lane}: the loss jumped up by half or more ${count} times, ending at ${loss(final)}`,
    zeroWeights: (lane: string, zeros: number, total: number) =>
      `${lane}: ${zeros} of ${total} weights at zero`,
    missing: (lane: string) => `${lane}: no result`,
  },
  zh: {
    whatHappened: '实际结果',
    waiting: '所有通道训练结束后，这里会用你的浏览器刚刚训练出的结果检验本课的结论。',
    changed: '你修改了本课的通道，所以这里不检验它的结论。重新选择这一课即可恢复原来的通道。',
    notFinished: '有通道被取消或失败，无法检验结论。请点击“全部重置”后重新播放。',
    checkingWeights: '正在读取最终权重…',
    holds: '✓ 本次运行符合本课的说法。',
    fails: '✗ 这次没有成立：本次运行不符合本课的说法。每一课都在五个随机种子上检验过，这次恰好是例外。',
    accuracy: (lane: string, value: number) => `${lane}：验证准确率 ${percent(value)}`,
    trainLoss: (lane: string, value: number) => `${lane}：训练损失 ${loss(value)}`,
    validationLoss: (lane: string, value: number) => `${lane}：最终验证损失 ${loss(value)}`,
    diverged: (lane: string, epoch: number) => `${lane}：在第 ${epoch} 轮发散`,
    stoppedEarly: (lane: string, epoch: number, best: number) =>
      `${lane}：在第 ${epoch} 轮提前停止（最佳轮次 ${best}）`,
    ranAll: (lane: string, epochs: number) => `${lane}：跑完全部 ${epochs} 轮`,
    overfit: (lane: string, lowest: number, epoch: number, final: number) =>
      `${lane}：验证损失在第 ${epoch} 轮降到 ${loss(lowest)}，之后升到 ${loss(final)}`,
    jumps: (lane: string, count: number, final: number) =>
      `${lane}：损失 ${count} 次在相邻两轮间上涨一半以上，最后为 ${loss(final)}`,
    zeroWeights: (lane: string, zeros: number, total: number) =>
      `${lane}：${total} 个权重中有 ${zeros} 个为零`,
    missing: (lane: string) => `${lane}：没有结果`,
  },
});
