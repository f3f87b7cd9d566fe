import { defineMessages } from '../../i18n';
import type { SequenceNumericKey } from '../../core/sequence/config';
import type { SequenceTaskId } from '../../core/sequence/tasks';

const en = {
  title: 'Sequences',
  intro:
    'A tiny transformer learns a toy sequence task in your browser. Change the attention heads or the maximum sequence length and watch what the model can and cannot see.',
  mode: 'Lesson',
  freePlay: 'Free play',
  settings: 'Settings',
  model: 'Model',
  modelTransformer: 'Transformer',
  modelLstm: 'LSTM (baseline)',
  task: 'Task',
  heads: 'Attention heads',
  optimizer: 'Optimizer',
  schedule: 'Learning-rate schedule',
  train: 'Train',
  stop: 'Stop',
  pause: 'Pause',
  resume: 'Resume',
  training: 'Training…',
  idle: 'Press Train to start.',
  ended: 'Finished.',
  failed: (message: string) => `Training failed: ${message}`,
  workerFailed: 'the training worker stopped unexpectedly',
  epochOf: (epoch: number, total: number) => `Epoch ${epoch} of ${total}`,
  validationAccuracy: 'Validation accuracy',
  trainLoss: 'Train loss',
  validationLoss: 'Validation loss',
  trainAccuracy: 'Train accuracy',
  epoch: 'Epoch',
  loss: 'Loss',
  accuracy: 'Accuracy',
  byLength: 'Validation accuracy by sequence length',
  lengthRange: (from: number, to: number) => (from === to ? `${from}` : `${from}–${to}`),
  lengthAxis: 'Sequence length',
  attention: 'Attention maps',
  attentionHint:
    'Each row is a token asking (the query); its colours show how strongly it looks at each token (the keys). Darker is more attention.',
  noAttention: 'An LSTM has no attention: it reads the tokens one by one.',
  noAttentionYet: 'The maps appear after the first epoch.',
  example: 'Example',
  exampleOption: (index: number, text: string) => `#${index + 1}: ${text}`,
  truncated: (kept: number, total: number) =>
    `Only the first ${kept} of ${total} tokens fit the maximum length; the rest is cut off.`,
  answer: 'Answer',
  prediction: 'Model says',
  mapLabel: (layer: number, head: number) => `Layer ${layer}, head ${head}`,
  mapAria: (layer: number, head: number, tokens: string) =>
    `Attention map of layer ${layer}, head ${head} over ${tokens}`,
  queryAxis: 'Query',
  keyAxis: 'Key',
  weightScale: 'Attention weight',
  cellHint: 'Point at a cell, or focus the map and use the arrow keys, to read its weight.',
  cellWeight: (query: number, queryToken: string, key: number, keyToken: string, weight: string) =>
    `Query ${query} (${queryToken}) → key ${key} (${keyToken}): weight ${weight}`,
  laneStatus: 'Lane status',
  tryThis: 'Try this',
  lookFor: 'Look for',
  unknownLesson: (id: string, lessons: string) =>
    `This link names a lesson “${id}” that does not exist, so free play was opened. Lessons: ${lessons}.`,
  widthNote: 'Width must be a multiple of the number of heads; it was adjusted.',
  lstmOnly: 'Not used by the LSTM.',
  lengthNote: 'Shortest and longest generated sequences.',
  chance: (percent: number) => `chance ${percent}%`,
  seedProblem: (max: number, kept: number) =>
    `The seed must be a whole number from 0 to ${max}; ${kept} was kept.`,
};

type Messages = typeof en;

const zh: Messages = {
  title: '序列',
  intro:
    '一个小小的 Transformer 在你的浏览器里学习一个玩具序列任务。改变注意力头的数量或最大序列长度，看看模型能看到什么、看不到什么。',
  mode: '课程',
  freePlay: '自由探索',
  settings: '设置',
  model: '模型',
  modelTransformer: 'Transformer',
  modelLstm: 'LSTM（基线）',
  task: '任务',
  heads: '注意力头数',
  optimizer: '优化器',
  schedule: '学习率调度',
  train: '训练',
  stop: '停止',
  pause: '暂停',
  resume: '继续',
  training: '训练中…',
  idle: '按“训练”开始。',
  ended: '已完成。',
  failed: (message: string) => `训练失败：${message}`,
  workerFailed: '训练线程意外停止了',
  epochOf: (epoch: number, total: number) => `第 ${epoch} / ${total} 轮`,
  validationAccuracy: '验证准确率',
  trainLoss: '训练损失',
  validationLoss: '验证损失',
  trainAccuracy: '训练准确率',
  epoch: '轮次',
  loss: '损失',
  accuracy: '准确率',
  byLength: '按序列长度划分的验证准确率',
  lengthRange: (from: number, to: number) => (from === to ? `${from}` : `${from}–${to}`),
  lengthAxis: '序列长度',
  attention: '注意力图',
  attentionHint: '每一行是一个发出查询的词元；颜色表示它对每个词元（键）的关注程度。颜色越深，注意力越强。',
  noAttention: 'LSTM 没有注意力：它逐个读取词元。',
  noAttentionYet: '第一轮训练结束后显示注意力图。',
  example: '样例',
  exampleOption: (index: number, text: string) => `#${index + 1}：${text}`,
  truncated: (kept: number, total: number) =>
    `${total} 个词元中只有前 ${kept} 个在最大长度之内，其余被截掉了。`,
  answer: '正确答案',
  prediction: '模型回答',
  mapLabel: (layer: number, head: number) => `第 ${layer} 层，第 ${head} 个头`,
  mapAria: (layer: number, head: number, tokens: string) =>
    `第 ${layer} 层第 ${head} 个头在 ${tokens} 上的注意力图`,
  queryAxis: '查询',
  keyAxis: '键',
  weightScale: '注意力权重',
  cellHint: '把指针移到格子上，或聚焦注意力图后用方向键移动，即可读出它的权重。',
  cellWeight: (query: number, queryToken: string, key: number, keyToken: string, weight: string) =>
    `查询 ${query}（${queryToken}）→ 键 ${key}（${keyToken}）：权重 ${weight}`,
  laneStatus: '通道状态',
  tryThis: '试一试',
  lookFor: '注意观察',
  unknownLesson: (id: string, lessons: string) =>
    `链接中的课程“${id}”不存在，已打开自由探索。可用课程：${lessons}。`,
  widthNote: '宽度必须是头数的整数倍，已自动调整。',
  lstmOnly: 'LSTM 不使用此项。',
  lengthNote: '生成序列的最短和最长长度。',
  chance: (percent: number) => `随机水平 ${percent}%`,
  seedProblem: (max: number, kept: number) => `随机种子必须是 0 到 ${max} 之间的整数；已保留 ${kept}。`,
};

export const useSequenceMessages = defineMessages({ en, zh });

/** Names of the settings, as the sliders show them. */
export const useSequenceParameterNames = defineMessages<Record<SequenceNumericKey, string>>({
  en: {
    heads: 'Attention heads',
    width: 'Model width',
    layers: 'Layers',
    ffWidth: 'Feed-forward width',
    maxLength: 'Maximum sequence length',
    attentionDropout: 'Attention dropout',
    minSequenceLength: 'Shortest sequence',
    maxSequenceLength: 'Longest sequence',
    trainingSize: 'Training sequences',
    learningRate: 'Learning rate',
    momentum: 'Momentum',
    rmsDecay: 'RMSprop decay',
    beta1: 'Adam β1',
    beta2: 'Adam β2',
    epsilon: 'Epsilon',
    dropout: 'Dropout',
    labelSmoothing: 'Label smoothing',
    clipNorm: 'Gradient clipping',
    batchSize: 'Batch size',
    epochs: 'Epochs',
    warmupEpochs: 'Warm-up epochs',
    decayEvery: 'Decay every',
    decayFactor: 'Decay factor',
    patience: 'Patience',
    seed: 'Seed',
  },
  zh: {
    heads: '注意力头数',
    width: '模型宽度',
    layers: '层数',
    ffWidth: '前馈层宽度',
    maxLength: '最大序列长度',
    attentionDropout: '注意力 Dropout',
    minSequenceLength: '最短序列',
    maxSequenceLength: '最长序列',
    trainingSize: '训练序列数',
    learningRate: '学习率',
    momentum: '动量',
    rmsDecay: 'RMSprop 衰减率',
    beta1: 'Adam β1',
    beta2: 'Adam β2',
    epsilon: 'Epsilon',
    dropout: 'Dropout',
    labelSmoothing: '标签平滑',
    clipNorm: '梯度裁剪',
    batchSize: '批大小',
    epochs: '训练轮数',
    warmupEpochs: '预热轮数',
    decayEvery: '衰减间隔',
    decayFactor: '衰减系数',
    patience: '耐心值',
    seed: '随机种子',
  },
});

/** What each task asks, in both languages. */
export const useSequenceTaskNames = defineMessages<Record<SequenceTaskId, string>>({
  en: {
    reverse: 'reverse — write the digits in reverse order',
    sort: 'sort — write the digits in ascending order',
    count: 'count — how many 7s are there?',
    brackets: 'brackets — are the brackets balanced?',
    'last-digit': 'last-digit — which digit is at the very end?',
    larger: 'larger — is the first marked digit larger than the second?',
  },
  zh: {
    reverse: '倒序 — 把数字倒序写出',
    sort: '排序 — 把数字按从小到大排序',
    count: '计数 — 有几个 7？',
    brackets: '括号 — 括号是否配对？',
    'last-digit': '末位数字 — 最末尾的数字是几？',
    larger: '比大小 — 第一个被标记的数字比第二个大吗？',
  },
});

/** Every setting's label by its field, for messages about a link's settings. */
export function useSequenceFieldLabels(): Record<string, string> {
  const t = useSequenceMessages();
  const names = useSequenceParameterNames();
  return {
    ...names,
    model: t.model,
    task: t.task,
    heads: t.heads,
    optimizer: t.optimizer,
    schedule: t.schedule,
  };
}

/**
 * The answers that are words rather than digits ("yes", "balanced"), in both languages. Digits
 * and counts are shown as they are.
 */
export const useSequenceAnswerWords = defineMessages({
  en: { no: 'no', yes: 'yes', unbalanced: 'unbalanced', balanced: 'balanced' },
  zh: { no: '否', yes: '是', unbalanced: '不配对', balanced: '配对' },
});

/** A class label as the reader reads it: a word answer in their language, anything else as is. */
export function useAnswerText(): (label: string) => string {
  const words = useSequenceAnswerWords();
  return (label) => (label in words ? words(label as keyof typeof words) : label);
}
