import { defineMessages } from '../../i18n';
import { formatNumber } from '../../core/config/schema';
import type { TrialReason } from '../../core/tune/tuners';

export const useTuneMessages = defineMessages({
  en: {
    title: 'Tune',
    intro:
      'Race tuners on the same objective, the same budget and the same seed. Grid search tries few distinct values of each setting; random search tries a new value every time, which wins when only some settings matter (Bergstra and Bengio, 2012). Bayesian optimization fits a model of the objective and spends its budget where the model expects improvement.',
    raceSettings: 'Race settings',
    tuners: 'Tuners (pick 2 to 4)',
    tunerName: (kind: string) =>
      ({
        grid: 'Grid search',
        random: 'Random search',
        'quasi-random': 'Quasi-random (Halton)',
        bayes: 'Bayesian optimization',
        tpe: 'TPE (Parzen estimators)',
        hyperband: 'Hyperband',
        pso: 'Particle swarm',
        manual: 'You',
      })[kind] ?? kind,
    objective: 'Objective',
    objectiveName: (id: string) =>
      ({
        branin: 'Branin (2 settings, instant)',
        rosenbrock: 'Rosenbrock (2 settings, instant)',
        hartmann6: 'Hartmann-6 (6 settings, instant)',
        'lr-curve': 'Validation loss against learning rate (1 setting, noisy, instant)',
        network: 'Train the playground network (learning rate and L2; slow)',
      })[id] ?? id,
    trials: 'Trials per tuner',
    seed: 'Seed',
    start: 'Start race',
    pause: 'Pause',
    resume: 'Resume',
    stop: 'Stop',
    pickTuners: 'Pick between 2 and 4 tuners.',
    trialsRange: 'Trials must be a whole number from 1 to 200.',
    seedRange: 'The seed must be a whole number from 0 to 2147483647.',
    epochBudget: 'Epochs per tuner (blank: no limit)',
    epochBudgetHint:
      'The fair budget when Hyperband stops trials early. Each instant trial counts 27 epochs.',
    epochsRange: 'The epoch budget must be blank or a whole number from 1 to 1000000.',
    repeats: 'Repeats (seeds)',
    repeatsRange: 'Repeats must be a whole number from 1 to 10.',
    progressPercent: (percent: number) => `${percent}% done`,
    status: (status: string) =>
      ({
        idle: 'Not started',
        running: 'Running',
        paused: 'Paused',
        finished: 'Finished',
        stopped: 'Stopped',
      })[status] ?? status,
    progress: 'Progress',
    progressText: (done: number, total: number) => `${done} of ${total} trials`,
    timeLeft: (seconds: number) =>
      seconds < 1 ? 'less than a second left' : `about ${Math.ceil(seconds)} s left`,
    bestSoFar: 'Best value so far',
    bestSoFarHint: 'Lower is better. One line per tuner.',
    xTrials: 'trials',
    xEpochs: 'epochs spent',
    xAxis: 'X axis',
    scatter: 'Every trial in the plane of two settings',
    scatterHint: 'Colour: the trial’s value (dark = better).',
    scatterX: 'Horizontal setting',
    scatterY: 'Vertical setting',
    table: 'Trials',
    sortBy: (column: string) => `Sort by ${column}`,
    tuner: 'Tuner',
    number: 'Trial',
    value: 'Value',
    state: 'State',
    epochs: 'Epochs',
    time: 'Time',
    open: 'Open',
    best: 'best',
    bestOf: (tuner: string) => `Best trial of ${tuner}`,
    openInPlayground: 'Open in playground',
    notNetwork: '—',
    trialState: (state: string) =>
      ({ running: 'running', complete: 'complete', pruned: 'stopped early', failed: 'failed' })[state] ??
      state,
    trialReason: (reason: TrialReason) => {
      switch (reason.code) {
        case 'diverged':
          return `Diverged at epoch ${reason.params.epoch}: the learning rate ${formatNumber(reason.params.learningRate)} is too high.`;
        case 'pruned':
          return `Stopped at epoch ${reason.params.epoch} by successive halving.`;
        case 'cancelled':
          return `Cancelled after ${reason.params.epochs} epochs.`;
        case 'no-value':
          return 'The objective returned no finite value.';
      }
    },
    noTrials: 'No trials yet. Start a race.',
    laneFailed: (tuner: string, message: string) => `${tuner} failed: ${message}`,
    gpTitle: 'Inside the Gaussian process',
    gpIntro:
      'The Bayesian tuner’s model after each observation: its guess (the mean), its uncertainty (a band of ±2σ), and the acquisition function it maximizes to choose the next point.',
    gpObjective: 'Objective of the model view',
    gp1d: 'Validation loss against learning rate (1-D)',
    gp2d: 'Branin (2-D maps)',
    observations: 'Observations',
    previousStep: 'Previous step',
    nextStep: 'Next step (add an observation)',
    gpPosterior: 'Posterior mean with a ±2σ band, the observations and the true curve',
    gpNext: 'next point',
    gpMean: 'mean',
    gpBand: '±2σ',
    gpTruth: 'true curve',
    gpObserved: 'observations',
    learningRateAxis: 'learning rate (log scale)',
    mapMean: 'Posterior mean',
    mapStd: 'Uncertainty σ',
    mapHint:
      'Dark is low for the mean and σ, and high for the expected improvement. Dots: observations; ring: the next point.',
    loading: 'Computing…',
    export: 'Export the best tuner’s study',
    exportOptuna: 'Optuna script',
    exportJournal: 'Optuna journal',
    exportWandb: 'W&B sweep',
    exportWandbProgram: 'W&B sweep program (Python)',
    exportJson: 'Trials (JSON)',
    exportCsv: 'Trials (CSV)',
    youTitle: 'Your turn: propose a trial',
    youIntro:
      'You race as a tuner with the same budget. Pick the settings you believe in and run them; the other tuners do not wait for you.',
    runMyTrial: 'Run my trial',
    yourTrials: (done: number, total: number) => `Your trials: ${done} of ${total}`,
    showTable: 'Table',
    logScale: 'Log scale',
    viewsTitle: 'Dashboard',
    viewsIntro:
      'The views of Optuna Dashboard for this study. Tab to a chart; its Table button shows the same numbers as text.',
    viewHistory: 'Optimization history',
    viewHistoryHint: 'Dots: each trial’s value. Line: the best so far.',
    viewParallel: 'Parallel coordinates',
    viewParallelHint: 'One line per complete trial through its settings and its value; colour by value.',
    colorScale: (low: string, high: string) => `Colour scale from ${low} (best) to ${high} (worst)`,
    colorScaleHint: 'dark = better',
    viewContour: 'Contour',
    viewContourHint: 'The value between the trials, interpolated from the nearest ones; dots are the trials.',
    viewSlice: 'Slice',
    viewSliceHint: 'The value against one setting, every trial.',
    parameter: 'Setting',
    viewImportance: 'Hyperparameter importance',
    viewImportanceHint:
      'fANOVA on a random forest of the complete trials, as Optuna’s default: each setting’s share of the variance of the value.',
    importanceShare: 'importance',
    importanceWaits: 'Computed when the race ends.',
    viewEdf: 'Empirical distribution (EDF)',
    viewEdfHint:
      'The share of each tuner’s trials with a value at most x: a curve further left means better trials.',
    edfShare: 'share of trials',
    viewIntermediate: 'Intermediate values',
    viewIntermediateHint: 'Each trial’s reported loss per step; dashed: pruned (stopped early).',
    viewRungsHint: 'Each trial’s value at the epochs it trained: Hyperband’s rungs.',
    step: 'step (epoch)',
    viewTimeline: 'Timeline',
    viewTimelineHint: 'When each trial ran, coloured by its state.',
    viewTimelineEpochsHint: 'Each trial as the epochs it spent, in order, coloured by its state.',
    timeStart: 'start',
    timeEnd: 'end',
    seconds: 'seconds since the first trial started',
    logDefaultHint: 'Log scale by default: the gaps near the optimum are the ones that matter.',
    seedCount: (seeds: number) => `median of ${seeds} seeds, band: middle half (25th to 75th percentile)`,
    laneProgress: (tuner: string, done: number, total: number) => `${tuner}: ${done} of ${total}`,
    stopReason: (reason: string) =>
      ({
        budget: 'budget spent',
        exhausted: 'grid exhausted',
        stopped: 'stopped',
        failed: 'failed',
        running: 'running',
      })[reason] ?? reason,
    prunedCount: (count: number) => `${count} pruned`,
    timeHidden: 'Trials of instant objectives take microseconds: no time column.',
    gpKernel: 'Kernel',
    kernelName: (kernel: string) =>
      ({ rbf: 'RBF (squared exponential)', matern32: 'Matérn 3/2', matern52: 'Matérn 5/2' })[kernel] ??
      kernel,
    gpAcquisitionKind: 'Acquisition',
    acquisitionName: (kind: string) =>
      ({
        ei: 'Expected improvement (EI)',
        pi: 'Probability of improvement (PI)',
        lcb: 'Lower confidence bound (LCB)',
      })[kind] ?? kind,
    acquisitionShort: (kind: string) =>
      ({
        ei: 'Expected improvement',
        pi: 'Probability of improvement',
        lcb: 'Lower confidence bound (negated)',
      })[kind] ?? kind,
    kappa: 'κ (LCB exploration)',
    gpFixed: 'Fixed hyperparameters (drag the length scale)',
    lengthScale: 'Length scale',
    gpFitted: (scales: string, signal: string, noise: string) =>
      `Length scales ${scales} (unit-cube coordinates) · signal variance ${signal} · noise variance ${noise}`,
    gpFixedNote: 'Fixed: the length scale is yours; signal and noise stay as fitted.',
    importTitle: 'Open an Optuna study',
    importIntro:
      'An Optuna JournalStorage log (JournalFileStorage, or Tunelab’s own “Optuna journal” export) opens here with every view.',
    importFile: 'Optuna journal file',
    importStudy: 'Study',
    importSummary: (trials: number, complete: number, pruned: number, failed: number) =>
      `${trials} trials: ${complete} complete, ${pruned} pruned, ${failed} failed`,
    importMaximize:
      'This study maximizes: its values are shown negated, so lower is better as everywhere here.',
    importContinuable: (objective: string, byAttribute: boolean, trials: number, skipped: number) =>
      `${byAttribute ? 'Written by Tunelab for' : 'Its parameter names are those of'} the objective “${objective}”: Tunelab's tuners can continue it from its ${trials} finished trials${skipped ? ` (${skipped} outside the objective's space left out)` : ''}. New trials append to this study.`,
    importViewOnly: (code: string, detail: string) =>
      `The page views this study only: ${
        {
          'continue-unknown-objective': `its parameters (${detail}) are not those of one of Tunelab's objectives, and it names none, so new trials could not measure the same thing.`,
          'continue-maximized': `it is maximized, and Tunelab's objectives are minimized.`,
          'continue-outside-space': `no finished trial lies inside the search space of “${detail}”.`,
        }[code] ?? code
      }`,
    continueNetworkNote:
      'New trials train the playground’s experiment with these settings: the imported values may come from another experiment.',
    continueTuner: 'Continue with',
    continueTrials: 'New trials',
    continueStart: 'Continue the study',
    continueTrialsRange: 'New trials must be a whole number from 1 to 200.',
    continueProgress: (done: number, total: number) => `${done} of ${total} new trials`,
    continueNew: (tuner: string) => `${tuner} (new)`,
    continueFailed: (message: string) => `The continued study stopped: ${message}`,
    exportCombined: 'Optuna journal (imported and new trials)',
    timelineAxis: 'Time axis',
    timelineClock: 'Clock time',
    timelineEpochs: 'Epochs spent',
    importClose: 'Close the study',
    journalIssue: (code: string, line?: number, detail?: string) =>
      `${
        {
          'journal-empty': 'The file has no Optuna study in it.',
          'journal-not-json': 'This is not an Optuna journal: a line is not JSON.',
          'journal-bad-operation': 'An operation in the journal is malformed.',
          'journal-bad-distribution': 'A parameter distribution in the journal is not one Optuna writes.',
          'journal-multi-objective': 'Multi-objective studies cannot be opened yet.',
        }[code] ?? code
      }${line ? ` (line ${line})` : ''}${detail ? ` ${detail}` : ''}`,
  },
  zh: {
    title: '调参',
    intro:
      '让多个调参器在同一目标、同一预算、同一随机种子下比赛。网格搜索每个设置只试少数几个取值；随机搜索每次都换新值，在只有部分设置重要时更胜一筹（Bergstra 与 Bengio，2012）。贝叶斯优化为目标函数拟合一个模型，把预算花在模型预计能改进的地方。',
    raceSettings: '比赛设置',
    tuners: '调参器（选 2 到 4 个）',
    tunerName: (kind: string) =>
      ({
        grid: '网格搜索',
        random: '随机搜索',
        'quasi-random': '准随机（Halton）',
        bayes: '贝叶斯优化',
        tpe: 'TPE（Parzen 估计器）',
        hyperband: 'Hyperband',
        pso: '粒子群',
        manual: '你',
      })[kind] ?? kind,
    objective: '目标函数',
    objectiveName: (id: string) =>
      ({
        branin: 'Branin（2 个设置，即时）',
        rosenbrock: 'Rosenbrock（2 个设置，即时）',
        hartmann6: 'Hartmann-6（6 个设置，即时）',
        'lr-curve': '验证损失随学习率变化（1 个设置，含噪声，即时）',
        network: '训练实验台的网络（学习率与 L2；较慢）',
      })[id] ?? id,
    trials: '每个调参器的试验次数',
    seed: '随机种子',
    start: '开始比赛',
    pause: '暂停',
    resume: '继续',
    stop: '停止',
    pickTuners: '请选择 2 到 4 个调参器。',
    trialsRange: '试验次数必须是 1 到 200 之间的整数。',
    seedRange: '随机种子必须是 0 到 2147483647 之间的整数。',
    epochBudget: '每个调参器的轮数预算（留空：不限）',
    epochBudgetHint: '当 Hyperband 提前停止试验时，这才是公平的预算。每次即时试验按 27 轮计。',
    epochsRange: '轮数预算必须留空，或是 1 到 1000000 之间的整数。',
    repeats: '重复次数（随机种子数）',
    repeatsRange: '重复次数必须是 1 到 10 之间的整数。',
    progressPercent: (percent: number) => `已完成 ${percent}%`,
    status: (status: string) =>
      ({ idle: '未开始', running: '运行中', paused: '已暂停', finished: '已完成', stopped: '已停止' })[
        status
      ] ?? status,
    progress: '进度',
    progressText: (done: number, total: number) => `${done} / ${total} 次试验`,
    timeLeft: (seconds: number) => (seconds < 1 ? '剩余不到 1 秒' : `预计剩余约 ${Math.ceil(seconds)} 秒`),
    bestSoFar: '目前最好的值',
    bestSoFarHint: '越低越好。每个调参器一条线。',
    xTrials: '试验次数',
    xEpochs: '已用轮数',
    xAxis: '横轴',
    scatter: '所有试验在两个设置构成的平面上',
    scatterHint: '颜色：试验的值（越深越好）。',
    scatterX: '横轴设置',
    scatterY: '纵轴设置',
    table: '试验',
    sortBy: (column: string) => `按${column}排序`,
    tuner: '调参器',
    number: '试验',
    value: '值',
    state: '状态',
    epochs: '轮数',
    time: '用时',
    open: '打开',
    best: '最佳',
    bestOf: (tuner: string) => `${tuner}的最佳试验`,
    openInPlayground: '在实验台中打开',
    notNetwork: '—',
    trialState: (state: string) =>
      ({ running: '运行中', complete: '完成', pruned: '提前停止', failed: '失败' })[state] ?? state,
    trialReason: (reason: TrialReason) => {
      switch (reason.code) {
        case 'diverged':
          return `第 ${reason.params.epoch} 轮发散：学习率 ${formatNumber(reason.params.learningRate)} 太大了。`;
        case 'pruned':
          return `在第 ${reason.params.epoch} 轮被逐次减半淘汰。`;
        case 'cancelled':
          return `在 ${reason.params.epochs} 轮后取消。`;
        case 'no-value':
          return '目标函数没有返回有限的数值。';
      }
    },
    noTrials: '还没有试验。开始一场比赛吧。',
    laneFailed: (tuner: string, message: string) => `${tuner}出错：${message}`,
    gpTitle: '高斯过程内部',
    gpIntro:
      '贝叶斯调参器每次观测后的模型：它的猜测（均值）、它的不确定性（±2σ 的带），以及它为选择下一个点而最大化的采集函数。',
    gpObjective: '模型视图的目标函数',
    gp1d: '验证损失随学习率变化（一维）',
    gp2d: 'Branin（二维热图）',
    observations: '观测次数',
    previousStep: '上一步',
    nextStep: '下一步（增加一次观测）',
    gpPosterior: '后验均值与 ±2σ 带、观测点和真实曲线',
    gpNext: '下一个点',
    gpMean: '均值',
    gpBand: '±2σ',
    gpTruth: '真实曲线',
    gpObserved: '观测',
    learningRateAxis: '学习率（对数刻度）',
    mapMean: '后验均值',
    mapStd: '不确定性 σ',
    mapHint: '均值和 σ 颜色越深越低，期望改进颜色越深越高。圆点：观测；圆圈：下一个点。',
    loading: '计算中…',
    export: '导出最佳调参器的研究',
    exportOptuna: 'Optuna 脚本',
    exportJournal: 'Optuna 日志',
    exportWandb: 'W&B 扫描配置',
    exportWandbProgram: 'W&B 扫描程序（Python）',
    exportJson: '试验（JSON）',
    exportCsv: '试验（CSV）',
    youTitle: '轮到你了：提出一次试验',
    youIntro: '你作为一个调参器参赛，预算相同。选出你相信的设置并运行；其他调参器不会等你。',
    runMyTrial: '运行我的试验',
    yourTrials: (done: number, total: number) => `你的试验：${done} / ${total}`,
    showTable: '表格',
    logScale: '对数刻度',
    viewsTitle: '仪表板',
    viewsIntro: '与 Optuna Dashboard 相同的视图。用 Tab 键移到图表上；它的“表格”按钮以文字显示同样的数字。',
    viewHistory: '优化历史',
    viewHistoryHint: '点：每次试验的值。线：目前最好的值。',
    viewParallel: '平行坐标',
    viewParallelHint: '每次完成的试验一条线，穿过它的设置和它的值；颜色表示值。',
    colorScale: (low: string, high: string) => `颜色刻度：从 ${low}（最好）到 ${high}（最差）`,
    colorScaleHint: '越深越好',
    viewContour: '等高线',
    viewContourHint: '试验之间的值，由最近的试验插值得到；圆点是试验。',
    viewSlice: '切片',
    viewSliceHint: '每次试验的值随某一个设置的变化。',
    parameter: '设置',
    viewImportance: '超参数重要性',
    viewImportanceHint:
      '对已完成试验拟合随机森林后做 fANOVA（与 Optuna 默认相同）：每个设置解释的值方差的份额。',
    importanceShare: '重要性',
    importanceWaits: '比赛结束后计算。',
    viewEdf: '经验分布函数（EDF）',
    viewEdfHint: '每个调参器中值不超过 x 的试验所占比例：曲线越靠左，试验越好。',
    edfShare: '试验比例',
    viewIntermediate: '中间值',
    viewIntermediateHint: '每次试验每一步报告的损失；虚线：被剪枝（提前停止）。',
    viewRungsHint: '每次试验在其训练轮数处的值：Hyperband 的各级。',
    step: '步（轮）',
    viewTimeline: '时间线',
    viewTimelineHint: '每次试验的运行时间段，颜色表示状态。',
    viewTimelineEpochsHint: '按顺序显示每次试验所用的轮数，颜色表示状态。',
    timeStart: '开始',
    timeEnd: '结束',
    seconds: '自第一次试验开始的秒数',
    logDefaultHint: '默认对数刻度：接近最优值处的差距才是关键。',
    seedCount: (seeds: number) => `${seeds} 个随机种子的中位数，带：中间一半（第 25 到第 75 百分位）`,
    laneProgress: (tuner: string, done: number, total: number) => `${tuner}：${done} / ${total}`,
    stopReason: (reason: string) =>
      ({
        budget: '预算用完',
        exhausted: '网格已遍历',
        stopped: '已停止',
        failed: '出错',
        running: '运行中',
      })[reason] ?? reason,
    prunedCount: (count: number) => `${count} 次被剪枝`,
    timeHidden: '即时目标函数的试验只需几微秒：不显示用时列。',
    gpKernel: '核函数',
    kernelName: (kernel: string) =>
      ({ rbf: 'RBF（平方指数）', matern32: 'Matérn 3/2', matern52: 'Matérn 5/2' })[kernel] ?? kernel,
    gpAcquisitionKind: '采集函数',
    acquisitionName: (kind: string) =>
      ({ ei: '期望改进（EI）', pi: '改进概率（PI）', lcb: '置信下界（LCB）' })[kind] ?? kind,
    acquisitionShort: (kind: string) =>
      ({ ei: '期望改进', pi: '改进概率', lcb: '置信下界（取负）' })[kind] ?? kind,
    kappa: 'κ（LCB 的探索程度）',
    gpFixed: '固定超参数（拖动长度尺度）',
    lengthScale: '长度尺度',
    gpFitted: (scales: string, signal: string, noise: string) =>
      `长度尺度 ${scales}（单位立方体坐标）· 信号方差 ${signal} · 噪声方差 ${noise}`,
    gpFixedNote: '已固定：长度尺度由你决定；信号和噪声保持拟合值。',
    importTitle: '打开 Optuna 研究',
    importIntro:
      'Optuna 的 JournalStorage 日志（JournalFileStorage，或 Tunelab 自己导出的“Optuna 日志”）可在此打开，并显示所有视图。',
    importFile: 'Optuna 日志文件',
    importStudy: '研究',
    importSummary: (trials: number, complete: number, pruned: number, failed: number) =>
      `${trials} 次试验：${complete} 次完成，${pruned} 次被剪枝，${failed} 次失败`,
    importMaximize: '这个研究是最大化：值取负显示，因此与本页其他地方一样越低越好。',
    importContinuable: (objective: string, byAttribute: boolean, trials: number, skipped: number) =>
      `${byAttribute ? '由 Tunelab 为目标函数' : '它的参数名与目标函数'}“${objective}”${byAttribute ? '写出' : '相同'}：Tunelab 的调参器可以从它已结束的 ${trials} 次试验接着做${skipped ? `（${skipped} 次不在该目标函数的搜索空间内，未使用）` : ''}。新的试验会追加到这个研究中。`,
    importViewOnly: (code: string, detail: string) =>
      `本页只能查看这个研究：${
        {
          'continue-unknown-objective': `它的参数（${detail}）不是 Tunelab 任一目标函数的参数，也没有注明目标函数，新的试验无法衡量同一件事。`,
          'continue-maximized': '它是最大化，而 Tunelab 的目标函数都是最小化。',
          'continue-outside-space': `没有已结束的试验落在“${detail}”的搜索空间内。`,
        }[code] ?? code
      }`,
    continueNetworkNote: '新的试验用这些设置训练游乐场中的实验：导入的值可能来自另一个实验。',
    continueTuner: '接着使用',
    continueTrials: '新试验数',
    continueStart: '继续这个研究',
    continueTrialsRange: '新试验数必须是 1 到 200 之间的整数。',
    continueProgress: (done: number, total: number) => `新试验 ${done} / ${total}`,
    continueNew: (tuner: string) => `${tuner}（新）`,
    continueFailed: (message: string) => `继续的研究已停止：${message}`,
    exportCombined: 'Optuna 日志（导入的与新的试验）',
    timelineAxis: '时间轴',
    timelineClock: '时钟时间',
    timelineEpochs: '已用轮数',
    importClose: '关闭这个研究',
    journalIssue: (code: string, line?: number, detail?: string) =>
      `${
        {
          'journal-empty': '文件中没有 Optuna 研究。',
          'journal-not-json': '这不是 Optuna 日志：有一行不是 JSON。',
          'journal-bad-operation': '日志中有一个操作格式不对。',
          'journal-bad-distribution': '日志中有一个参数分布不是 Optuna 会写出的。',
          'journal-multi-objective': '暂时不能打开多目标研究。',
        }[code] ?? code
      }${line ? `（第 ${line} 行）` : ''}${detail ? ` ${detail}` : ''}`,
  },
});
