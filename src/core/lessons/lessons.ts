import { DEFAULT_CONFIG, type ExperimentConfig } from '../config/parameters';
import {
  accuracyPart,
  below,
  endPart,
  finalAccuracy,
  finalTrainLoss,
  finalValidationLoss,
  jumps,
  lowestValidation,
  round,
  trainLossPart,
  validationLossPart,
  type Claim,
} from './claims';
import type { Localized, LessonLanguage } from './names';

export const LESSON_IDS = [
  'overfitting',
  'learning-rate',
  'batch-size',
  'optimizers',
  'adam',
  'l1-l2',
  'capacity',
  'early-stopping',
  'smoothing-clipping',
] as const;
export type LessonId = (typeof LESSON_IDS)[number];

/** What a student reads beside a lesson: short, one idea, in both languages. */
export interface LessonText {
  title: string;
  /** One sentence: what this lesson shows. */
  summary: string;
  /** What to do with the lanes. */
  tryThis: string;
  /** What to look at on the charts, and what it means. */
  lookFor: string;
}

/** A lane as the lesson defines it: the base experiment plus a few changes, and its name. */
export interface LessonLaneSpec {
  /** The lane's name as the page shows it, e.g. "L2 0.01". */
  label: Localized;
  overrides: Partial<ExperimentConfig>;
}

export interface Lesson {
  id: LessonId;
  /** Every lane starts from this, seed included: lanes share data, split, initial weights and shuffling. */
  base: ExperimentConfig;
  lanes: readonly LessonLaneSpec[];
  text: Record<LessonLanguage, LessonText>;
  /**
   * What the text promises, checked on the finished lanes (in this order). It must hold on at
   * least 4 of 5 seeds on the wasm and the cpu backend (`npm run check:lessons`).
   */
  claim: Claim;
  /** The claim reads each lane's final weights (the page replays the lane to get them). */
  needsWeights?: boolean;
}

function experiment(changes: Partial<ExperimentConfig>): ExperimentConfig {
  return {
    ...DEFAULT_CONFIG,
    features: [...DEFAULT_CONFIG.features],
    hiddenLayers: [...DEFAULT_CONFIG.hiddenLayers],
    seed: 1,
    ...changes,
  };
}

const same = (text: string): Localized => ({ en: text, zh: text });

// The settings below were tuned by running them (tests/lessons/lessons.test.ts checks the claims
// each text makes). They are small on purpose: a lesson must show its effect within seconds on a
// classroom laptop, and all lanes train at once.

/**
 * 60 noisy XOR points, half held out, and a 32-32 network: it can memorize the 30 training points,
 * so the validation loss bottoms out near epoch 20 and then roughly doubles by epoch 150.
 */
const OVERFITTING_BASE = experiment({
  dataset: 'xor',
  points: 60,
  noise: 0.5,
  validationSplit: 0.5,
  hiddenLayers: [32, 32],
  activation: 'tanh',
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 10,
  epochs: 150,
});

/** A small, quick problem every optimizer can solve: the circle with an 8-8 tanh network. */
const CIRCLE_BASE = experiment({
  dataset: 'circle',
  points: 200,
  noise: 0.1,
  validationSplit: 0.3,
  hiddenLayers: [8, 8],
  activation: 'tanh',
  optimizer: 'sgd',
  learningRate: 0.03,
  batchSize: 16,
  epochs: 100,
});

/**
 * The circle with elu units, which are unbounded above: at learning rate 3 the first updates blow
 * the loss up to 50–85 (100 times a coin toss) within epoch 1, unless each step is clipped. With
 * tanh (bounded) or relu (whose units die first) the same rate only made the loss bounce, and a
 * clip norm of 1 did not help (measured on 5 seeds, wasm and cpu).
 */
const SMOOTHING_CLIPPING_BASE = experiment({ ...CIRCLE_BASE, activation: 'elu', learningRate: 0.1 });

export const LESSONS: Readonly<Record<LessonId, Lesson>> = {
  overfitting: {
    id: 'overfitting',
    base: OVERFITTING_BASE,
    lanes: [
      { label: { en: 'baseline', zh: '基线' }, overrides: {} },
      { label: same('dropout 0.5'), overrides: { dropout: 0.5 } },
      { label: same('L2 0.01'), overrides: { l2: 0.01 } },
      { label: { en: '300 points', zh: '300 个数据点' }, overrides: { points: 300 } },
    ],
    text: {
      en: {
        title: 'Overfitting and its cures',
        summary:
          'A wide network and 30 noisy training points: the network memorizes the noise instead of learning the pattern.',
        tryThis:
          'Press Play all and watch the baseline. Then compare the lanes that add dropout, an L2 penalty or more data. For early stopping, give the baseline a patience of 20, or open the early-stopping lesson.',
        lookFor:
          'In the baseline the validation loss (dashed) falls, then climbs while the training loss (solid) keeps falling: that widening gap is overfitting. Each cure keeps the dashed line lower at the end. Early stopping would end the baseline near its best epoch (see the results table).',
      },
      zh: {
        title: '过拟合及其对策',
        summary: '一个很宽的网络只配 30 个带噪声的训练点：网络记住了噪声，而不是学到规律。',
        tryThis:
          '点击“全部播放”，先观察基线。再对比加入 Dropout、L2 惩罚或更多数据的几条通道。想看早停，可以把基线的耐心值设为 20，或打开“训练轮数与早停”一课。',
        lookFor:
          '基线中，验证损失（虚线）先降后升，而训练损失（实线）一直下降：两者之间越拉越大的差距就是过拟合。每种对策都让虚线最后停在更低的位置。早停会让基线在最佳轮次附近结束（见结果表）。',
      },
    },
    claim: ([baseline, dropout, l2, more]) => {
      const lowest = lowestValidation(baseline);
      const final = finalValidationLoss(baseline);
      const overfits =
        lowest !== null &&
        final !== null &&
        final >= 1.25 * lowest.value &&
        lowest.epoch < (2 / 3) * (baseline?.history.length ?? 0);
      const cures = [dropout, l2, more].map((lane) => below(finalValidationLoss(lane), final));
      return {
        holds: overfits && cures.every(Boolean),
        evidence: {
          baselineLowestValidationLoss: round(lowest?.value),
          baselineLowestAtEpoch: lowest?.epoch ?? null,
          baselineFinalValidationLoss: round(final),
          dropoutFinalValidationLoss: round(finalValidationLoss(dropout)),
          l2FinalValidationLoss: round(finalValidationLoss(l2)),
          morePointsFinalValidationLoss: round(finalValidationLoss(more)),
        },
        parts: [
          lowest && final !== null
            ? { code: 'overfit', params: { lane: 0, lowest: lowest.value, epoch: lowest.epoch, final } }
            : endPart(0, baseline),
          validationLossPart(1, dropout),
          validationLossPart(2, l2),
          validationLossPart(3, more),
        ],
      };
    },
  },
  'learning-rate': {
    id: 'learning-rate',
    base: experiment({ ...CIRCLE_BASE, learningRate: 0.1 }),
    lanes: [
      { label: same('learning rate 0.001'), overrides: { learningRate: 0.001 } },
      { label: same('learning rate 0.1'), overrides: { learningRate: 0.1 } },
      { label: same('learning rate 5'), overrides: { learningRate: 5 } },
    ],
    text: {
      en: {
        title: 'Learning rate',
        summary:
          'The learning rate is the size of each step downhill. Too small crawls, too large overshoots.',
        tryThis:
          'Run the three lanes, then sweep the learning rate yourself with log-spaced values (0.001, 0.01, 0.1, 1).',
        lookFor:
          'The smallest rate barely moves the loss. The middle one falls steadily. The largest one overshoots again and again: its loss jumps up by half or more from one epoch to the next, many times, and never settles, ending far above the middle one. Its status still reads "completed": a run only counts as diverged when its loss explodes past 100 times the loss of a coin toss.',
      },
      zh: {
        title: '学习率',
        summary: '学习率就是每一步“下山”的步长：太小走得慢，太大会冲过头。',
        tryThis: '运行这三条通道，然后用对数间隔的取值（0.001、0.01、0.1、1）自己扫描学习率。',
        lookFor:
          '最小的学习率几乎不让损失下降；中间的稳步下降；最大的一次次冲过头：损失多次在相邻两轮之间上涨一半以上，始终稳定不下来，最后远高于中间那条。它的状态仍显示“已完成”：只有损失爆炸到抛硬币损失的 100 倍以上，才算发散。',
      },
    },
    claim: ([low, good, high]) => {
      const [lowLoss, goodLoss, highLoss] = [low, good, high].map(finalTrainLoss);
      const highJumps = jumps(high);
      return {
        holds:
          below(0.6, lowLoss) &&
          below(goodLoss, 0.1) &&
          highJumps >= 10 &&
          goodLoss != null &&
          below(10 * goodLoss, highLoss),
        evidence: {
          smallestFinalTrainLoss: round(lowLoss),
          middleFinalTrainLoss: round(goodLoss),
          largestFinalTrainLoss: round(highLoss),
          largestJumps: highJumps,
          largestStatus: high?.summary.status ?? null,
        },
        parts: [
          trainLossPart(0, low),
          trainLossPart(1, good),
          highLoss != null && high?.summary.status !== 'diverged'
            ? { code: 'jumps', params: { lane: 2, count: highJumps, final: highLoss } }
            : endPart(2, high),
        ],
      };
    },
  },
  'batch-size': {
    id: 'batch-size',
    base: experiment({ ...CIRCLE_BASE, points: 600, validationSplit: 0.2, learningRate: 0.01, epochs: 60 }),
    lanes: [
      { label: { en: 'batch 16, lr 0.01', zh: '批大小 16，学习率 0.01' }, overrides: {} },
      { label: { en: 'batch 128, lr 0.01', zh: '批大小 128，学习率 0.01' }, overrides: { batchSize: 128 } },
      {
        label: { en: 'batch 128, lr 0.08 (linear)', zh: '批大小 128，学习率 0.08（线性）' },
        overrides: { batchSize: 128, learningRate: 0.08 },
      },
      {
        label: { en: 'batch 128, lr 0.0283 (square root)', zh: '批大小 128，学习率 0.0283（平方根）' },
        overrides: { batchSize: 128, learningRate: 0.0283 },
      },
    ],
    text: {
      en: {
        title: 'Batch size and the learning-rate scaling rule',
        summary:
          'A batch k times larger takes k times fewer steps per epoch, so the learning rate usually has to grow too.',
        tryThis:
          'Compare batch 16 with batch 128 at the same learning rate, then with the rate scaled by the linear rule (× k) and the square-root rule (× √k). Use the calculator for your own numbers.',
        lookFor:
          'With the same rate, the big batch falls much more slowly per epoch. Scaling the rate wins most of that back; the linear rule moves fastest but is the first to become unstable if pushed further.',
      },
      zh: {
        title: '批大小与学习率缩放规则',
        summary: '批大小变成 k 倍，每轮的更新步数就少 k 倍，所以学习率通常也要跟着变大。',
        tryThis:
          '先在相同学习率下比较批大小 16 和 128，再看按线性规则（× k）和平方根规则（× √k）放大学习率后的效果。也可以用计算器算你自己的数字。',
        lookFor:
          '学习率不变时，大批次每轮下降得慢得多。放大学习率能追回大部分差距；线性规则最快，但继续加大时也最先变得不稳定。',
      },
    },
    claim: ([small, sameRate, linear, squareRoot]) => {
      const [a, b, c, d] = [small, sameRate, linear, squareRoot].map(finalTrainLoss);
      return {
        holds: below(a, b) && below(c, b) && below(d, b) && below(c, d),
        evidence: {
          batch16FinalTrainLoss: round(a),
          batch128FinalTrainLoss: round(b),
          linearFinalTrainLoss: round(c),
          squareRootFinalTrainLoss: round(d),
        },
        parts: [small, sameRate, linear, squareRoot].map((lane, i) => trainLossPart(i, lane)),
      };
    },
  },
  optimizers: {
    id: 'optimizers',
    base: CIRCLE_BASE,
    lanes: [
      { label: same('SGD'), overrides: { optimizer: 'sgd' } },
      { label: same('Momentum'), overrides: { optimizer: 'momentum' } },
      { label: same('RMSprop'), overrides: { optimizer: 'rmsprop' } },
      { label: same('Adam'), overrides: { optimizer: 'adam' } },
    ],
    text: {
      en: {
        title: 'Optimizers',
        summary: 'Four update rules, the same network, data, learning rate and number of steps.',
        tryThis:
          'Play all four lanes. Then raise or lower the learning rate in every lane and see which optimizers cope.',
        lookFor:
          "Plain SGD is the slowest. Momentum builds up speed along a consistent direction; RMSprop and Adam scale each weight's step by its recent gradients and usually fall fastest at first.",
      },
      zh: {
        title: '优化器',
        summary: '四种更新规则，使用同样的网络、数据、学习率和步数。',
        tryThis: '同时运行四条通道。然后在每条通道里调高或调低学习率，看看哪些优化器能应付。',
        lookFor:
          '普通 SGD 最慢。Momentum 在方向一致时越走越快；RMSprop 和 Adam 按各个权重最近的梯度大小调整步长，开始时通常下降最快。',
      },
    },
    claim: ([sgd, momentum, rmsprop, adam]) => {
      const [a, b, c, d] = [sgd, momentum, rmsprop, adam].map(finalTrainLoss);
      return {
        holds: below(b, a) && below(c, a) && below(d, a),
        evidence: {
          sgdFinalTrainLoss: round(a),
          momentumFinalTrainLoss: round(b),
          rmspropFinalTrainLoss: round(c),
          adamFinalTrainLoss: round(d),
        },
        parts: [sgd, momentum, rmsprop, adam].map((lane, i) => trainLossPart(i, lane)),
      };
    },
  },
  adam: {
    id: 'adam',
    base: experiment({ ...CIRCLE_BASE, optimizer: 'adam', learningRate: 0.01 }),
    lanes: [
      {
        label: { en: 'default (β1 0.9, β2 0.999, ε 1e-7)', zh: '默认（β1 0.9，β2 0.999，ε 1e-7）' },
        overrides: {},
      },
      { label: same('β1 0'), overrides: { beta1: 0 } },
      { label: same('β2 0.9'), overrides: { beta2: 0.9 } },
      { label: same('ε 1'), overrides: { epsilon: 1 } },
    ],
    text: {
      en: {
        title: "Adam's β1, β2 and ε",
        summary:
          'β1 is how much momentum Adam keeps, β2 how long it remembers gradient sizes, and ε guards the division.',
        tryThis: 'Compare each lane with the default. Try β1 0.99 or β2 0.99 in a lane of your own.',
        lookFor:
          'Without momentum (β1 0) every step follows the latest noisy gradient. A short memory (β2 0.9) makes steps jumpy. A large ε swamps the gradient sizes, so Adam behaves like slow plain SGD.',
      },
      zh: {
        title: 'Adam 的 β1、β2 和 ε',
        summary: 'β1 决定 Adam 保留多少动量，β2 决定它对梯度大小记忆多久，ε 则防止除以接近零的数。',
        tryThis: '把每条通道和默认设置比较。再自己新建一条通道，试试 β1 0.99 或 β2 0.99。',
        lookFor:
          '没有动量（β1 0）时，每一步都跟着最新的、带噪声的梯度走；记忆太短（β2 0.9）时步长忽大忽小；ε 很大时梯度大小被淹没，Adam 就像一个很慢的普通 SGD。',
      },
    },
    claim: ([standard, noMomentum, shortMemory, bigEpsilon]) => {
      const [a, b, c, d] = [standard, noMomentum, shortMemory, bigEpsilon].map(finalTrainLoss);
      return {
        holds: a != null && below(10 * a, d),
        evidence: {
          defaultFinalTrainLoss: round(a),
          beta1ZeroFinalTrainLoss: round(b),
          beta2ShortFinalTrainLoss: round(c),
          epsilonOneFinalTrainLoss: round(d),
        },
        parts: [standard, noMomentum, shortMemory, bigEpsilon].map((lane, i) => trainLossPart(i, lane)),
      };
    },
  },
  'l1-l2': {
    id: 'l1-l2',
    base: experiment({ ...CIRCLE_BASE, hiddenLayers: [16, 16], learningRate: 0.05, epochs: 150 }),
    lanes: [
      { label: { en: 'no penalty', zh: '无惩罚' }, overrides: {} },
      { label: same('L1 0.01'), overrides: { l1: 0.01 } },
      { label: same('L2 0.01'), overrides: { l2: 0.01 } },
    ],
    text: {
      en: {
        title: 'L1 versus L2',
        summary:
          'Both penalties keep weights small, but in different ways: L1 pushes weights all the way to zero, L2 only shrinks them.',
        tryThis:
          "Play the lanes and watch each lane's weight histogram. Raise L1 and L2 to 0.03 and compare again.",
        lookFor:
          'In the L1 lane many weights pile up at zero (the network switches connections off). In the L2 lane the weights crowd towards zero but few sit on it.',
      },
      zh: {
        title: 'L1 与 L2',
        summary: '两种惩罚都让权重变小，但方式不同：L1 把权重一路推到零，L2 只是把它们缩小。',
        tryThis: '运行各条通道，观察每条通道的权重直方图。再把 L1 和 L2 调到 0.03 比较一次。',
        lookFor:
          'L1 通道里大量权重堆在零上（网络关掉了这些连接）；L2 通道里权重向零靠拢，但真正落在零上的很少。',
      },
    },
    needsWeights: true,
    claim: ([none, l1, l2]) => {
      const zeros = (lane: typeof l1) => lane?.weights?.zeros ?? null;
      const l1Zeros = zeros(l1);
      const total = l1?.weights?.total ?? null;
      return {
        holds: below(zeros(l2), l1Zeros) && l1Zeros !== null && total !== null && l1Zeros > total / 4,
        evidence: {
          noPenaltyZeroWeights: zeros(none),
          l1ZeroWeights: l1Zeros,
          l2ZeroWeights: zeros(l2),
          weights: total,
        },
        parts: [none, l1, l2].map((lane, i) =>
          lane?.weights
            ? {
                code: 'zero-weights',
                params: { lane: i, zeros: lane.weights.zeros, total: lane.weights.total },
              }
            : endPart(i, lane),
        ),
      };
    },
  },
  capacity: {
    id: 'capacity',
    base: CIRCLE_BASE,
    lanes: [
      {
        label: { en: '1 layer of 2, tanh', zh: '1 层 2 个单元，tanh' },
        overrides: { hiddenLayers: [2], optimizer: 'adam', learningRate: 0.03 },
      },
      {
        label: { en: '2 layers of 8, tanh', zh: '2 层各 8 个单元，tanh' },
        overrides: { optimizer: 'adam', learningRate: 0.03 },
      },
      {
        label: { en: '2 layers of 8, relu', zh: '2 层各 8 个单元，relu' },
        overrides: { activation: 'relu', optimizer: 'adam', learningRate: 0.03 },
      },
      {
        label: { en: '2 layers of 8, linear', zh: '2 层各 8 个单元，线性' },
        overrides: { activation: 'linear', optimizer: 'adam', learningRate: 0.03 },
      },
    ],
    text: {
      en: {
        title: 'Depth, width and activation',
        summary:
          'How much a network can represent depends on how many units it has and on the bends its activation adds.',
        tryThis:
          'Compare the decision-boundary thumbnails. Add a lane with 4 layers, or with 1 layer of 3 units.',
        lookFor:
          'Two units cannot draw a closed curve around the circle. A linear activation only ever draws a straight line, however deep the network. tanh draws smooth boundaries, relu draws polygons.',
      },
      zh: {
        title: '深度、宽度与激活函数',
        summary: '网络能表示什么，取决于它有多少单元，以及激活函数带来多少“弯折”。',
        tryThis: '比较各通道的决策边界缩略图。再加一条 4 层的通道，或者 1 层 3 个单元的通道。',
        lookFor:
          '两个单元画不出围住圆圈的闭合曲线。线性激活无论多深都只能画直线。tanh 画出平滑的边界，relu 画出多边形。',
      },
    },
    claim: ([tiny, tanh, relu, linear]) => {
      const [a, b, c, d] = [tiny, tanh, relu, linear].map(finalAccuracy);
      return {
        holds:
          below(d, 0.65) &&
          below(0.95, b) &&
          below(0.95, c) &&
          below(10 * (finalTrainLoss(tanh) ?? Infinity), finalTrainLoss(tiny)),
        evidence: {
          twoUnitsValidationAccuracy: round(a),
          tanhValidationAccuracy: round(b),
          reluValidationAccuracy: round(c),
          linearValidationAccuracy: round(d),
          twoUnitsFinalTrainLoss: round(finalTrainLoss(tiny)),
          tanhFinalTrainLoss: round(finalTrainLoss(tanh)),
        },
        parts: [tiny, tanh, relu, linear].map((lane, i) => accuracyPart(i, lane)),
      };
    },
  },
  'early-stopping': {
    id: 'early-stopping',
    base: OVERFITTING_BASE,
    lanes: [
      { label: { en: 'no early stopping', zh: '不早停' }, overrides: {} },
      { label: { en: 'patience 10', zh: '耐心值 10' }, overrides: { patience: 10 } },
      { label: { en: 'patience 40', zh: '耐心值 40' }, overrides: { patience: 40 } },
    ],
    text: {
      en: {
        title: 'Epochs and early stopping',
        summary:
          'More epochs are not always better: past a point the network starts fitting noise. Early stopping ends training when the validation loss has not improved for "patience" epochs.',
        tryThis:
          'Play all lanes and compare where each one stops. Change the patience, or the number of epochs.',
        lookFor:
          'The lanes with early stopping end with status "stopped early" close to the best epoch in the results table, before the validation loss climbs. Too little patience can stop on a small bump.',
      },
      zh: {
        title: '训练轮数与早停',
        summary:
          '轮数不是越多越好：过了某一点，网络就开始拟合噪声。早停会在验证损失连续“耐心值”轮没有改善时结束训练。',
        tryThis: '运行所有通道，比较它们各自停在哪里。改一改耐心值或训练轮数。',
        lookFor:
          '开启早停的通道状态为“提前停止”，停在结果表中的最佳轮次附近，赶在验证损失回升之前。耐心值太小，可能会因为一个小波动就停下。',
      },
    },
    claim: ([full, ten, forty]) => {
      const fullFinal = finalValidationLoss(full);
      const stopsWell = (lane: typeof ten, patience: number) =>
        lane?.summary.status === 'stopped-early' &&
        lane.summary.epochs === (lane.summary.bestEpoch ?? NaN) + patience &&
        below(finalValidationLoss(lane), fullFinal);
      return {
        holds: full?.summary.status === 'completed' && stopsWell(ten, 10) && stopsWell(forty, 40),
        evidence: {
          fullEpochs: full?.summary.epochs ?? null,
          fullFinalValidationLoss: round(fullFinal),
          patience10StoppedAt: ten?.summary.status === 'stopped-early' ? ten.summary.epochs : null,
          patience10BestEpoch: ten?.summary.bestEpoch ?? null,
          patience10FinalValidationLoss: round(finalValidationLoss(ten)),
          patience40StoppedAt: forty?.summary.status === 'stopped-early' ? forty.summary.epochs : null,
          patience40BestEpoch: forty?.summary.bestEpoch ?? null,
          patience40FinalValidationLoss: round(finalValidationLoss(forty)),
        },
        parts: [
          validationLossPart(0, full),
          endPart(1, ten),
          validationLossPart(1, ten),
          endPart(2, forty),
          validationLossPart(2, forty),
        ],
      };
    },
  },
  'smoothing-clipping': {
    id: 'smoothing-clipping',
    base: SMOOTHING_CLIPPING_BASE,
    lanes: [
      { label: { en: 'baseline', zh: '基线' }, overrides: {} },
      { label: same('label smoothing 0.2'), overrides: { labelSmoothing: 0.2 } },
      { label: same('learning rate 3'), overrides: { learningRate: 3 } },
      {
        label: { en: 'learning rate 3, clip norm 0.1', zh: '学习率 3，梯度裁剪 0.1' },
        overrides: { learningRate: 3, clipNorm: 0.1 },
      },
    ],
    text: {
      en: {
        title: 'Label smoothing and gradient clipping',
        summary:
          'Label smoothing asks for slightly less than 100% confidence; gradient clipping caps the size of any one step.',
        tryThis:
          'Compare the baseline with label smoothing. Then compare a far too high learning rate with and without clipping.',
        lookFor:
          "Label smoothing keeps the network from becoming over-confident: its training loss stays higher than the baseline's at the same accuracy. At learning rate 3 the first steps are so large that the unclipped lane's loss explodes: it diverges, or its units saturate and it is stuck at chance. Clipping caps each step, and the clipped lane trains to over 95% validation accuracy.",
      },
      zh: {
        title: '标签平滑与梯度裁剪',
        summary: '标签平滑要求网络不要 100% 确信；梯度裁剪限制每一步的最大步长。',
        tryThis: '先比较基线和标签平滑。再比较过高的学习率在有无梯度裁剪时的表现。',
        lookFor:
          '标签平滑让网络不那么过度自信：准确率相同，它的训练损失却比基线高。学习率为 3 时，最初几步就大得离谱，未裁剪通道的损失随之爆炸：要么发散，要么单元饱和、停在随机水平。梯度裁剪限制了每一步的大小，裁剪后的通道验证准确率超过 95%。',
      },
    },
    claim: ([baseline, smoothing, unclipped, clipped]) => {
      const [a, b] = [baseline, smoothing].map(finalTrainLoss);
      const [accA, accB, accUnclipped, accClipped] = [baseline, smoothing, unclipped, clipped].map(
        finalAccuracy,
      );
      const softer = below(a, b) && accA != null && accB != null && accB >= accA - 0.03;
      // Ruined: diverged, or stuck at chance (60 validation points: 65% is within noise of a coin toss).
      const ruined =
        unclipped?.summary.status === 'diverged' || (accUnclipped != null && accUnclipped <= 0.65);
      const peak = Math.max(...(unclipped?.history ?? []).map((m) => m.trainLoss), 0);
      return {
        holds: softer && ruined && below(0.95, accClipped),
        evidence: {
          baselineFinalTrainLoss: round(a),
          smoothingFinalTrainLoss: round(b),
          baselineValidationAccuracy: round(accA),
          smoothingValidationAccuracy: round(accB),
          unclippedStatus: unclipped?.summary.status ?? null,
          unclippedDivergedAtEpoch: unclipped?.summary.divergedAtEpoch ?? null,
          unclippedValidationAccuracy: round(accUnclipped),
          unclippedPeakTrainLoss: round(peak),
          clippedValidationAccuracy: round(accClipped),
        },
        parts: [
          trainLossPart(0, baseline),
          trainLossPart(1, smoothing),
          endPart(2, unclipped),
          ...(unclipped?.summary.status === 'diverged' ? [] : [accuracyPart(2, unclipped)]),
          accuracyPart(3, clipped),
        ],
      };
    },
  },
};
