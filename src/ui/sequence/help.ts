import type { HelpText } from '../controls';
import { useLanguage, type Language } from '../../i18n';
import type { SequenceNumericKey } from '../../core/sequence/config';
import { PARAMETER_HELP } from '../playground/parameterHelp';

/** Every control of the Sequences page that has a "?": its settings, plus the lesson and example pickers. */
export type SequenceHelpKey =
  SequenceNumericKey | 'model' | 'task' | 'optimizer' | 'schedule' | 'lesson' | 'example';

/** The help the Sequences page writes itself; the optimizer's settings share the playground's. */
type OwnKey = Exclude<
  SequenceHelpKey,
  | 'optimizer'
  | 'schedule'
  | 'learningRate'
  | 'momentum'
  | 'rmsDecay'
  | 'beta1'
  | 'beta2'
  | 'epsilon'
  | 'clipNorm'
  | 'warmupEpochs'
  | 'decayEvery'
  | 'decayFactor'
>;

const en: Record<OwnKey, HelpText> = {
  lesson: {
    what: 'Free play lets you set everything; a lesson trains a few prepared models side by side to show one idea.',
    range: 'Start with a lesson, then change one setting at a time in free play.',
    watch: 'In a lesson, the “What happened” panel checks its claim on what your browser just trained.',
  },
  example: {
    what: 'Which validation sequence the attention maps show.',
    range: 'Any of the first few validation sequences.',
    watch: 'Whether the heads look at the same tokens on every example, or only on some.',
  },
  model: {
    what: 'A transformer reads all tokens at once through attention; the LSTM reads them one by one and remembers.',
    range: 'Transformer to see attention; the LSTM as a baseline to compare with.',
    watch: 'Which model reaches a higher validation accuracy, and on which sequence lengths.',
  },
  task: {
    what: 'The toy problem: each example is a short sequence of tokens and the answer the model must give.',
    range:
      '“larger” and “last-digit” learn in a few epochs; “sort” and “reverse” need more capacity and time.',
    watch: 'The accuracy by sequence length: long sequences are usually harder.',
  },
  heads: {
    what: 'How many attention heads each layer has. Each head can look at different tokens; each gets width ÷ heads dimensions.',
    range: '1 to 8. A task that compares two tokens often needs 2 or more.',
    watch: 'The attention maps: with several heads, each often picks out a different token.',
  },
  width: {
    what: 'The size of each token’s vector inside the model (the embedding). For the LSTM, its memory size.',
    range: '16 to 64. It must be a multiple of the heads.',
    watch: 'Too narrow: accuracy stalls. Wider: more to learn and slower epochs.',
  },
  layers: {
    what: 'How many transformer blocks (attention plus feed-forward) are stacked.',
    range: '1 for these tasks; 2 or 3 for harder ones such as sort.',
    watch: 'Each layer adds a row of attention maps; later layers can combine what earlier ones found.',
  },
  ffWidth: {
    what: 'The hidden units of the small network applied to each token after attention.',
    range: 'Two to four times the width.',
    watch: 'A little more capacity; larger values mostly cost time.',
  },
  maxLength: {
    what: 'The longest input the model can see (the rows of its position table). Longer inputs are cut off.',
    range: 'At least the longest sequence; shorter to see what truncation does.',
    watch: 'Accuracy on long sequences falls when the tokens that matter are cut off.',
  },
  attentionDropout: {
    what: 'During training, each attention weight is dropped with this probability, so no head relies on one token alone.',
    range: '0 (off) to 0.2.',
    watch: 'Noisier training curves and softer attention maps.',
  },
  minSequenceLength: {
    what: 'The shortest sequence the task generates.',
    range: 'A few tokens.',
    watch: 'The accuracy-by-length bars start at this length.',
  },
  maxSequenceLength: {
    what: 'The longest sequence the task generates.',
    range: 'Up to the maximum length; beyond it, inputs are cut off.',
    watch: 'Longer sequences are harder: see the accuracy-by-length bars.',
  },
  trainingSize: {
    what: 'How many training sequences are generated; validation gets a quarter as many more.',
    range: '500 to 2000.',
    watch: 'With few sequences the model memorizes: training accuracy rises, validation accuracy does not.',
  },
  dropout: {
    what: 'During training, each unit of what the attention and feed-forward blocks output (for the LSTM, its states) is switched off with this probability.',
    range: '0 (off) to 0.3.',
    watch: 'A smaller gap between training and validation, and a noisier training curve.',
  },
  labelSmoothing: {
    what: 'Moves a little of the target’s probability from the right answer to the others, so the model is never rewarded for total certainty.',
    range: '0 (off) to 0.2.',
    watch: 'The training loss cannot reach zero, while the accuracy can.',
  },
  batchSize: {
    what: 'How many sequences each update averages over.',
    range: '16 to 64.',
    watch: 'Small batches: more, noisier updates per epoch. Large batches: fewer, smoother ones.',
  },
  epochs: {
    what: 'How many passes over the training sequences the run makes.',
    range: '10 to 30 here: a transformer epoch costs far more than a playground epoch.',
    watch: 'Whether the validation accuracy is still rising when the run ends.',
  },
  patience: {
    what: 'Stop when the validation loss has not improved for this many epochs (0 turns it off).',
    range: 'Off, or 3 to 5 epochs for these short runs.',
    watch: 'The run ends near the best validation loss instead of running on.',
  },
  seed: {
    what: 'The number every random choice starts from: the sequences generated, the first weights, the shuffling, dropout.',
    range: 'Any whole number. The same seed always gives the same run.',
    watch: 'Change it to see how much of a result is luck.',
  },
};

const zh: Record<OwnKey, HelpText> = {
  lesson: {
    what: '自由探索可以调节所有设置；课程会并排训练几个准备好的模型，展示一个概念。',
    range: '先从课程开始，再到自由探索中一次只改一个设置。',
    watch: '在课程中，“发生了什么”面板会用你的浏览器刚训练出的结果检验课程的结论。',
  },
  example: {
    what: '注意力图显示的是哪一条验证序列。',
    range: '前几条验证序列中的任意一条。',
    watch: '各个头在每个样例上是否都关注同样的词元，还是只在部分样例上如此。',
  },
  model: {
    what: 'Transformer 通过注意力一次读取所有词元；LSTM 逐个读取词元并记住它们。',
    range: '想看注意力就用 Transformer；LSTM 作为对照基线。',
    watch: '哪个模型的验证准确率更高，以及在哪些序列长度上更高。',
  },
  task: {
    what: '玩具问题：每个样例是一小段词元序列，以及模型必须给出的答案。',
    range: '“larger”和“last-digit”几轮就能学会；“sort”和“reverse”需要更大的模型和更长的训练。',
    watch: '按序列长度划分的准确率：长序列通常更难。',
  },
  heads: {
    what: '每层有多少个注意力头。每个头可以关注不同的词元；每个头分到 宽度 ÷ 头数 个维度。',
    range: '1 到 8。需要比较两个词元的任务通常要 2 个或更多。',
    watch: '注意力图：有多个头时，每个头常常各自挑出不同的词元。',
  },
  width: {
    what: '模型内部每个词元向量的大小（嵌入维度）。对 LSTM 来说是它的记忆大小。',
    range: '16 到 64。必须是头数的整数倍。',
    watch: '太窄：准确率停滞。更宽：要学的参数更多，每轮更慢。',
  },
  layers: {
    what: '堆叠多少个 Transformer 块（注意力加前馈层）。',
    range: '这些任务用 1 层；sort 之类更难的任务用 2 或 3 层。',
    watch: '每多一层就多一行注意力图；后面的层可以组合前面的层找到的信息。',
  },
  ffWidth: {
    what: '注意力之后作用于每个词元的小网络的隐藏单元数。',
    range: '宽度的二到四倍。',
    watch: '稍微增加一些容量；更大的值主要是更耗时。',
  },
  maxLength: {
    what: '模型能看到的最长输入（位置表的行数）。更长的输入会被截断。',
    range: '至少等于最长序列；调短一些可以观察截断的效果。',
    watch: '当关键的词元被截掉时，长序列上的准确率会下降。',
  },
  attentionDropout: {
    what: '训练时每个注意力权重以此概率被丢弃，使任何头都不能只依赖一个词元。',
    range: '0（关闭）到 0.2。',
    watch: '训练曲线更嘈杂，注意力图更柔和。',
  },
  minSequenceLength: {
    what: '任务生成的最短序列。',
    range: '几个词元。',
    watch: '按长度划分的准确率柱状图从这个长度开始。',
  },
  maxSequenceLength: {
    what: '任务生成的最长序列。',
    range: '不超过最大序列长度；超过的部分会被截断。',
    watch: '序列越长越难：看按长度划分的准确率柱状图。',
  },
  trainingSize: {
    what: '生成多少条训练序列；验证序列另外再生成四分之一这么多。',
    range: '500 到 2000。',
    watch: '序列太少时模型会死记硬背：训练准确率上升，验证准确率却不升。',
  },
  dropout: {
    what: '训练时，注意力块和前馈块输出的每个单元（对 LSTM 来说是它的状态）以此概率被关闭。',
    range: '0（关闭）到 0.3。',
    watch: '训练与验证之间的差距变小，训练曲线更嘈杂。',
  },
  labelSmoothing: {
    what: '把目标概率从正确答案匀一点给其他答案，使模型永远不会因为绝对自信而得到奖励。',
    range: '0（关闭）到 0.2。',
    watch: '训练损失降不到零，但准确率可以达到很高。',
  },
  batchSize: {
    what: '每次更新平均多少条序列。',
    range: '16 到 64。',
    watch: '小批量：每轮更新次数多、更嘈杂。大批量：更新次数少、更平滑。',
  },
  epochs: {
    what: '训练过程遍历训练序列多少遍。',
    range: '这里用 10 到 30：Transformer 的一轮比实验台的一轮耗时多得多。',
    watch: '训练结束时验证准确率是否仍在上升。',
  },
  patience: {
    what: '验证损失连续这么多轮没有改善就停止训练（0 表示关闭）。',
    range: '关闭，或者对这些短训练用 3 到 5 轮。',
    watch: '训练在验证损失最好的地方附近结束，而不是一直跑下去。',
  },
  seed: {
    what: '所有随机选择的起点：生成的序列、初始权重、打乱顺序和 dropout。',
    range: '任意整数。相同的种子总是得到相同的结果。',
    watch: '换一个种子，看看结果里有多少是运气。',
  },
};

const OWN: Record<Language, Record<OwnKey, HelpText>> = { en, zh };

/** The "?" text of every control on the Sequences page, in the page's language. */
export function useSequenceHelp(): Record<SequenceHelpKey, HelpText> {
  const language = useLanguage((s) => s.language);
  const shared = PARAMETER_HELP[language];
  return {
    ...OWN[language],
    optimizer: shared.optimizer,
    schedule: shared.schedule,
    learningRate: shared.learningRate,
    momentum: shared.momentum,
    rmsDecay: shared.rmsDecay,
    beta1: shared.beta1,
    beta2: shared.beta2,
    epsilon: shared.epsilon,
    clipNorm: shared.clipNorm,
    warmupEpochs: shared.warmupEpochs,
    decayEvery: shared.decayEvery,
    decayFactor: shared.decayFactor,
  };
}
