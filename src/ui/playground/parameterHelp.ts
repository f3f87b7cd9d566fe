import type { ExperimentConfig } from '../../core/config/parameters';
import type { Language } from '../../i18n';
import type { HelpText } from '../controls/HelpButton';

/**
 * What each hyperparameter does, its usual range and what to watch: the text of its "?" popover.
 * Apart from the labels (parameterText.ts): it is most of their size, and the playground loads it
 * after its first epoch, or when a popover first opens, not before a shared link can train.
 */
type Help = Record<keyof ExperimentConfig, HelpText>;

const en: Help = {
  dataset: {
    what: 'The toy problem the network learns: points in the plane with a class (or a value, for regression).',
    range: 'Start with circle or gaussian (easy), then xor and moons; spiral needs a deeper network.',
    watch: 'The decision boundary: how closely it can follow the shape of the data.',
  },
  points: {
    what: 'How many points are generated, training and validation together.',
    range: 'A few hundred. Fewer points make overfitting easy to see.',
    watch: 'With few points the validation loss stops falling early while the training loss keeps dropping.',
  },
  noise: {
    what: 'How much the points are jittered, so the classes overlap.',
    range: '0 to 0.3 for clean problems; 0.5 and up makes them hard.',
    watch:
      'A noisy dataset cannot reach zero loss; a boundary that bends around single points is overfitting.',
  },
  validationSplit: {
    what: 'The fraction of points held out: the network never trains on them, so they measure generalization.',
    range: '0.2 to 0.3 is usual.',
    watch: 'The gap between the training and validation curves.',
  },
  features: {
    what: 'What the network sees of each point: the coordinates, and optionally squares, a product and sines of them.',
    range: 'x₁ and x₂ are enough for a deep network; x₁² and x₂² make circles easy for a small one.',
    watch: 'Good features let a tiny network draw a boundary it could not draw from x₁, x₂ alone.',
  },
  hiddenLayers: {
    what: 'The network’s layers between input and output, and how many units each has.',
    range: 'One or two layers of 4 to 16 units for these problems; the spiral likes two or three.',
    watch: 'More capacity fits more complex boundaries, and overfits small datasets sooner.',
  },
  activation: {
    what: 'The non-linearity applied after each hidden layer.',
    range: 'tanh or ReLU. linear makes the whole network a linear model.',
    watch: 'ReLU boundaries are made of straight pieces; tanh ones are smooth.',
  },
  optimizer: {
    what: 'The rule that turns gradients into weight updates.',
    range: 'Adam is a safe default; plain SGD needs a larger learning rate and more patience.',
    watch: 'How fast and how smoothly the training loss falls.',
  },
  learningRate: {
    what: 'How big a step each update takes along the gradient.',
    range: 'Adam: 0.001 to 0.03. SGD: 0.01 to 1.',
    watch: 'Too high: the loss jumps or explodes. Too low: it creeps down slowly.',
  },
  momentum: {
    what: 'How much of the previous update carries into the next, like a ball rolling downhill.',
    range: '0.9 is the classic value; 0.99 for very smooth problems.',
    watch: 'Higher momentum speeds up flat stretches but can overshoot and oscillate.',
  },
  rmsDecay: {
    what: 'How long RMSprop remembers the size of past gradients when scaling each step.',
    range: '0.9 to 0.99.',
    watch: 'Low values make step sizes jittery; the loss curve gets noisy.',
  },
  beta1: {
    what: 'Adam’s momentum: how long it averages the gradient’s direction.',
    range: '0.9 almost always.',
    watch: 'Lower β₁ reacts faster but makes the loss noisier.',
  },
  beta2: {
    what: 'How long Adam averages the squared gradient that scales each step.',
    range: '0.999; 0.99 or 0.98 sometimes stabilizes training.',
    watch: 'Too low gives sudden loss spikes.',
  },
  epsilon: {
    what: 'A small number added to the denominator of Adam and RMSprop so a step never divides by zero.',
    range: '1e-8 to 1e-7; large values (0.1, 1) turn Adam into something like SGD with momentum.',
    watch: 'Usually nothing; very large ε slows training down.',
  },
  dropout: {
    what: 'During training, each hidden unit is switched off with this probability, so no unit can rely on another.',
    range: '0 (off) to 0.5.',
    watch: 'A smaller gap between training and validation loss, and a noisier training curve.',
  },
  l1: {
    what: 'A penalty on the absolute size of the weights, which pushes unneeded weights to exactly zero.',
    range: 'Off, or 1e-5 to 1e-2.',
    watch: 'A simpler boundary; too much and the network cannot fit the data at all.',
  },
  l2: {
    what: 'A penalty on the squared size of the weights (weight decay), which keeps every weight small.',
    range: 'Off, or 1e-5 to 1e-2.',
    watch: 'A smoother boundary and a smaller generalization gap; too much flattens everything.',
  },
  labelSmoothing: {
    what: 'Moves a little of the target’s probability from the true class to the others, so the network is never rewarded for total certainty.',
    range: '0 (off) to 0.2.',
    watch: 'The training loss cannot reach zero; the boundary’s colours stay softer.',
  },
  clipNorm: {
    what: 'If the gradient’s total length exceeds this, it is scaled down to it before the update.',
    range: 'Off, or 1 to 10.',
    watch: 'It can rescue a learning rate that would otherwise make the loss explode.',
  },
  batchSize: {
    what: 'How many examples each update averages over.',
    range: '8 to 128. Larger than the training set means one update per epoch.',
    watch: 'Small batches: noisy curve, more updates per epoch. Large batches: smooth but slow per epoch.',
  },
  epochs: {
    what: 'How many passes over the training set the run makes.',
    range: '100 to 1000 here.',
    watch: 'Whether the validation loss is still falling when the run ends.',
  },
  schedule: {
    what: 'How the learning rate changes over the run: constant, dropped in steps, a cosine curve down to zero, or a warm-up from zero.',
    range: 'constant to start; cosine to finish training more precisely.',
    watch: 'The loss often drops again right after a step down in the learning rate.',
  },
  warmupEpochs: {
    what: 'Epochs over which the learning rate rises linearly from zero to its value.',
    range: '5 to 10% of the epochs.',
    watch: 'A slow start, then a stable run at a learning rate that would blow up from the first step.',
  },
  decayEvery: {
    what: 'How many epochs pass between drops of the learning rate.',
    range: 'A third or a quarter of the epochs.',
    watch: 'Steps in the loss curve at each drop.',
  },
  decayFactor: {
    what: 'What the learning rate is multiplied by at each drop.',
    range: '0.1 to 0.5.',
    watch: 'Smaller factors make sharper, later steps in the loss.',
  },
  patience: {
    what: 'Stop when the validation loss has not improved for this many epochs (0 turns it off).',
    range: '10 to 50 epochs.',
    watch: 'The run ends near the lowest point of the validation curve instead of overfitting past it.',
  },
  seed: {
    what: 'The number every random choice starts from: the data, the split, the first weights, the shuffling, dropout.',
    range: 'Any whole number. The same seed always gives the same run.',
    watch: 'Change it to see how much of a result is luck.',
  },
};

const zh: Help = {
  dataset: {
    what: '网络要学习的玩具问题：平面上的点，每个点有一个类别（回归问题则是一个数值）。',
    range: '先试圆形或高斯（简单），再试异或和双月；螺旋需要更深的网络。',
    watch: '决策边界：它能多贴合数据的形状。',
  },
  points: {
    what: '生成的点的总数，训练集和验证集合计。',
    range: '几百个。点越少，越容易看到过拟合。',
    watch: '点很少时，验证损失很早就不再下降，而训练损失继续下降。',
  },
  noise: {
    what: '点被随机扰动的程度，扰动越大类别越重叠。',
    range: '0 到 0.3 是干净的问题；0.5 以上就很难了。',
    watch: '有噪声的数据无法把损失降到零；绕着个别点弯曲的边界就是过拟合。',
  },
  validationSplit: {
    what: '留出不参与训练的点的比例，用来衡量泛化能力。',
    range: '通常为 0.2 到 0.3。',
    watch: '训练曲线和验证曲线之间的差距。',
  },
  features: {
    what: '网络看到的每个点的信息：坐标本身，以及可选的平方、乘积和正弦。',
    range: '深一点的网络有 x₁、x₂ 就够了；加上 x₁²、x₂² 能让小网络轻松学会圆形。',
    watch: '好的特征能让很小的网络画出仅凭 x₁、x₂ 画不出的边界。',
  },
  hiddenLayers: {
    what: '输入和输出之间的各层，以及每层的神经元个数。',
    range: '这些问题用一到两层、每层 4 到 16 个神经元；螺旋适合两到三层。',
    watch: '容量越大，能拟合的边界越复杂，在小数据集上也越早过拟合。',
  },
  activation: {
    what: '每个隐藏层之后使用的非线性函数。',
    range: 'tanh 或 ReLU。linear 会让整个网络退化成线性模型。',
    watch: 'ReLU 的边界由直线段拼成；tanh 的边界是平滑的。',
  },
  optimizer: {
    what: '把梯度变成权重更新的规则。',
    range: 'Adam 是稳妥的默认选择；普通 SGD 需要更大的学习率和更多耐心。',
    watch: '训练损失下降得多快、多平稳。',
  },
  learningRate: {
    what: '每次更新沿梯度方向迈出的步长。',
    range: 'Adam：0.001 到 0.03。SGD：0.01 到 1。',
    watch: '太大：损失跳动甚至爆炸。太小：损失下降得很慢。',
  },
  momentum: {
    what: '上一次更新有多少延续到下一次，就像滚下山坡的小球。',
    range: '经典值是 0.9；非常平滑的问题可用 0.99。',
    watch: '动量越大，平坦区域走得越快，但可能冲过头并来回振荡。',
  },
  rmsDecay: {
    what: 'RMSprop 在缩放步长时，对过去梯度大小的记忆有多长。',
    range: '0.9 到 0.99。',
    watch: '取值太小会让步长忽大忽小，损失曲线变得嘈杂。',
  },
  beta1: {
    what: 'Adam 的动量：对梯度方向做平均的时间跨度。',
    range: '几乎总是 0.9。',
    watch: 'β₁ 越小反应越快，但损失越嘈杂。',
  },
  beta2: {
    what: 'Adam 对梯度平方做平均的时间跨度，用它来缩放每一步。',
    range: '0.999；有时 0.99 或 0.98 能让训练更稳定。',
    watch: '太小会出现突然的损失尖峰。',
  },
  epsilon: {
    what: '加在 Adam 和 RMSprop 分母上的小数，避免除以零。',
    range: '1e-8 到 1e-7；很大的值（0.1、1）会让 Adam 变得像带动量的 SGD。',
    watch: '通常没有影响；ε 非常大时训练会变慢。',
  },
  dropout: {
    what: '训练时每个隐藏神经元以这个概率被关闭，使任何神经元都不能依赖其他神经元。',
    range: '0（关闭）到 0.5。',
    watch: '训练与验证损失的差距变小，训练曲线更嘈杂。',
  },
  l1: {
    what: '对权重绝对值的惩罚，会把不需要的权重压到恰好为零。',
    range: '关闭，或 1e-5 到 1e-2。',
    watch: '边界更简单；太大时网络根本拟合不了数据。',
  },
  l2: {
    what: '对权重平方的惩罚（权重衰减），让所有权重保持较小。',
    range: '关闭，或 1e-5 到 1e-2。',
    watch: '边界更平滑，泛化差距更小；太大时一切都被压平。',
  },
  labelSmoothing: {
    what: '把目标中真实类别的一小部分概率分给其他类别，网络永远不会因为百分之百确信而得到奖励。',
    range: '0（关闭）到 0.2。',
    watch: '训练损失降不到零；边界的颜色更柔和。',
  },
  clipNorm: {
    what: '梯度的总长度超过这个值时，先把它缩小到这个长度再更新。',
    range: '关闭，或 1 到 10。',
    watch: '它能挽救一个本来会让损失爆炸的学习率。',
  },
  batchSize: {
    what: '每次更新平均多少个样本的梯度。',
    range: '8 到 128。大于训练集时每个轮次只更新一次。',
    watch: '小批量：曲线嘈杂，每轮更新次数多。大批量：曲线平滑，但每轮进展慢。',
  },
  epochs: {
    what: '整个训练集被完整遍历的次数。',
    range: '这里通常是 100 到 1000。',
    watch: '训练结束时验证损失是否仍在下降。',
  },
  schedule: {
    what: '学习率在训练中如何变化：保持不变、阶梯下降、余弦下降到零，或从零开始预热。',
    range: '先用恒定；想更精细地收尾时用余弦。',
    watch: '学习率阶梯下降之后，损失往往会再降一截。',
  },
  warmupEpochs: {
    what: '学习率从零线性上升到设定值所用的轮数。',
    range: '总轮数的 5% 到 10%。',
    watch: '起步较慢，之后能在一个从第一步就会爆炸的学习率下稳定训练。',
  },
  decayEvery: {
    what: '每隔多少轮把学习率降低一次。',
    range: '总轮数的三分之一或四分之一。',
    watch: '每次下降时损失曲线上出现的台阶。',
  },
  decayFactor: {
    what: '每次下降时学习率乘以的系数。',
    range: '0.1 到 0.5。',
    watch: '系数越小，损失曲线的台阶越陡。',
  },
  patience: {
    what: '验证损失连续这么多轮没有改善就停止训练（0 表示关闭）。',
    range: '10 到 50 轮。',
    watch: '训练会停在验证曲线最低点附近，而不是继续过拟合。',
  },
  seed: {
    what: '所有随机选择的起点：数据、划分、初始权重、打乱顺序和 dropout。',
    range: '任意整数。相同的种子总是得到相同的结果。',
    watch: '换一个种子，看看结果里有多少是运气。',
  },
};

export const PARAMETER_HELP: Record<Language, Help> = { en, zh };
