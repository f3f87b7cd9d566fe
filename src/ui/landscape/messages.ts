import { defineMessages } from '../../i18n';

const percent = (share: number) => `${(share * 100).toFixed(0)}%`;

export const useLandscapeMessages = defineMessages({
  en: {
    title: 'Loss landscape',
    show: 'Show the loss landscape',
    hide: 'Hide the loss landscape',
    intro:
      'The training loss on a slice through weight space around the current weights, with the path the optimizer took. Dark is low loss.',
    plane: 'Plane',
    planeAuto: "The path's own directions (PCA)",
    planeRandom: 'Random directions (filter-normalized)',
    waiting: 'Train a few epochs to see the surface and the path.',
    computing: 'Evaluating the grid…',
    explained: (a: number, b: number) =>
      `The path's two main directions explain ${percent(a)} and ${percent(b)} of its movement.`,
    randomNote: 'Two random directions scaled to each neuron’s weights (Li et al., 2018).',
    axis1: 'Direction 1',
    axis2: 'Direction 2',
    lossScale: 'Training loss (log scale)',
    summary: (epoch: number, low: string, high: string, now: string) =>
      `Loss landscape after epoch ${epoch}: from ${low} to ${high} on the grid; ${now} at the current weights (the red dot), with the path drawn in white from the hollow start.`,
    legendStart: 'start',
    legendNow: 'now',
    cutTitle: 'Along the last step',
    cutHelp:
      "The loss along the direction of the last epoch's step: 0 is now, −1 where the step began. A minimum below 0 means the step overshot the valley floor.",
    cutAxis: 'Multiples of the last step',
    overshot: 'The last step overshot: the loss was lower part-way along it.',
    notOvershot: 'The last step did not overshoot.',
    loss: 'Loss',
    finderTitle: 'Find a learning rate',
    finderHelp:
      'The range test (Smith, 2017): from the initial weights, one minibatch at each rate from 0.000001 to 10, rising, reading the loss after each. The run itself is not changed.',
    find: 'Find a learning rate',
    finding: 'Running the range test…',
    findFailed: 'The range test could not run on this experiment.',
    suggestion: (rate: string, rule: 'steepest' | 'minimum') =>
      rule === 'steepest'
        ? `Suggested learning rate: ${rate}, where the smoothed loss falls fastest.`
        : `Suggested learning rate: ${rate}, the lowest loss's rate ÷ 10 (no stretch of the curve fell clearly).`,
    noSuggestion: 'No suggestion: the loss did not fall over the rates tried.',
    useIt: (rate: string) => `Use ${rate}`,
    learningRate: 'Learning rate (log scale)',
    rawLoss: 'Loss',
    smoothed: 'Smoothed loss',
  },
  zh: {
    title: '损失地形',
    show: '显示损失地形',
    hide: '隐藏损失地形',
    intro: '当前权重附近的一个权重空间切面上的训练损失，以及优化器走过的路径。颜色越深，损失越低。',
    plane: '切面',
    planeAuto: '路径自身的主方向（PCA）',
    planeRandom: '随机方向（按滤波器归一化）',
    waiting: '训练几个周期后即可看到曲面和路径。',
    computing: '正在计算网格…',
    explained: (a: number, b: number) =>
      `路径的两个主方向分别解释了其移动的 ${percent(a)} 和 ${percent(b)}。`,
    randomNote: '两个随机方向，按每个神经元的权重缩放（Li 等，2018）。',
    axis1: '方向 1',
    axis2: '方向 2',
    lossScale: '训练损失（对数刻度）',
    summary: (epoch: number, low: string, high: string, now: string) =>
      `第 ${epoch} 个周期后的损失地形：网格上的损失从 ${low} 到 ${high}；当前权重（红点）处为 ${now}，白线是从空心起点出发的路径。`,
    legendStart: '起点',
    legendNow: '当前',
    cutTitle: '沿最后一步的方向',
    cutHelp:
      '沿最后一个周期那一步方向的损失：0 表示现在，−1 表示这一步的起点。若最低点在 0 以下，说明这一步越过了谷底。',
    cutAxis: '最后一步的倍数',
    overshot: '最后一步越过了谷底：沿途某处的损失更低。',
    notOvershot: '最后一步没有越过谷底。',
    loss: '损失',
    finderTitle: '寻找学习率',
    finderHelp:
      '学习率范围测试（Smith，2017）：从初始权重出发，学习率从 0.000001 逐步升到 10，每个学习率训练一个小批量并读取损失。当前的训练不受影响。',
    find: '寻找学习率',
    finding: '正在进行范围测试…',
    findFailed: '无法在此实验上进行范围测试。',
    suggestion: (rate: string, rule: 'steepest' | 'minimum') =>
      rule === 'steepest'
        ? `建议的学习率：${rate}，即平滑损失下降最快之处。`
        : `建议的学习率：${rate}，即最低损失处学习率的十分之一（曲线没有明显下降的区段）。`,
    noSuggestion: '没有建议：在所试的学习率范围内损失没有下降。',
    useIt: (rate: string) => `使用 ${rate}`,
    learningRate: '学习率（对数刻度）',
    rawLoss: '损失',
    smoothed: '平滑后的损失',
  },
});
