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
    pathsTitle: 'The lanes’ paths on one surface',
    pathsWaiting:
      'Each lane’s path through weight space appears here once every lane has finished or is paused.',
    pathsComputing: 'Drawing the lanes’ paths…',
    pathsFailed: 'The landscape could not be computed.',
    pathsDifferentSurface:
      'The lanes differ in their data or network, so they do not walk on the same surface and cannot share one picture.',
    pathsSummary: (lanes: number, low: string, high: string, start: string) =>
      `The paths of ${lanes} lanes on one plane through their common start (the hollow ring, loss ${start}): training loss from ${low} to ${high} on the grid; each path ends at a dot in its lane’s colour.`,
    pathsKey: 'Lanes in the picture',
    leavesPicture: 'went so far that its path leaves the picture',
    pathsStart:
      'Every lane starts from the same weights (the hollow ring); each dot is where a lane ended. Dark is low training loss.',
    pathsExplained: (a: number, b: number) =>
      `The plane’s two directions hold ${percent(a)} and ${percent(b)} of the lanes’ movement from the start (each lane weighed equally); the rest is off the plane.`,
    pathsRandom: 'The lanes have hardly moved: two random directions around their start.',
    lessonPicture: (lesson: string): string =>
      (
        ({
          'learning-rate':
            'In the picture: the smallest rate barely leaves the start. The middle rate walks down into the dark valley, wavering as it crosses it. The largest rate flies out of the picture at once: it went many times further than the others, bouncing from wall to wall.',
          optimizers:
            'In the picture: SGD and Momentum head the same way in nearly straight lines, but Momentum gets about twice as far: it is SGD with speed built up from its past steps. Adam and RMSprop scale each weight’s step, so they set off in another direction. Adam’s path runs nearly straight; RMSprop’s goes furthest and wobbles: it scales its steps as Adam does, but has no momentum to smooth them.',
          adam: 'In the picture: the default and β1 0 end in nearly the same place, but without momentum the path twists more on the way. β2 0.9 travels about twice as far. With ε 1 the path stays short: the large ε swamps the gradient sizes, so the steps are small plain gradient steps.',
          'batch-size':
            'In the picture: batch 128 at the linear rule’s rate (× 8) follows batch 16’s path and ends beside it: eight times fewer steps, each eight times larger. At the same rate, batch 128 covers only a small part of that way; the square-root rule about half.',
        }) as Record<string, string>
      )[lesson] ?? '',
    laneTitle: 'A lane’s loss landscape',
    laneShow: 'Show a lane’s landscape',
    laneHide: 'Hide the lane’s landscape',
    laneIntro:
      'The training loss around one lane’s last weights, with the path it took there, as the playground draws it.',
    laneChoice: 'Lane',
    laneTraining: 'This lane is training: pause it, or let it finish, to see its landscape.',
    laneWaiting: 'Play this lane: its landscape appears when it pauses or finishes.',
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
    pathsTitle: '各通道在同一曲面上的路径',
    pathsWaiting: '所有通道都结束或暂停后，这里会显示每条通道在权重空间中走过的路径。',
    pathsComputing: '正在绘制各通道的路径…',
    pathsFailed: '无法计算损失地形。',
    pathsDifferentSurface: '这些通道的数据或网络不同，它们不在同一个曲面上行走，无法画在同一张图里。',
    pathsSummary: (lanes: number, low: string, high: string, start: string) =>
      `${lanes} 条通道的路径，画在经过它们共同起点（空心圆，损失 ${start}）的同一个切面上：网格上的训练损失从 ${low} 到 ${high}；每条路径的终点是一个与通道同色的圆点。`,
    pathsKey: '图中的通道',
    leavesPicture: '走得太远，路径离开了画面',
    pathsStart: '所有通道都从同样的权重出发（空心圆）；每个圆点是一条通道的终点。颜色越深，训练损失越低。',
    pathsExplained: (a: number, b: number) =>
      `切面的两个方向分别包含各通道从起点出发的移动的 ${percent(a)} 和 ${percent(b)}（每条通道权重相同）；其余部分不在切面上。`,
    pathsRandom: '各通道几乎没有移动：改用起点附近的两个随机方向。',
    lessonPicture: (lesson: string): string =>
      (
        ({
          'learning-rate':
            '看图：最小的学习率几乎没有离开起点。中间的学习率走进深色的山谷，穿过谷底时左右摇摆。最大的学习率一下子就飞出了画面：它走得比其他通道远许多倍，在谷壁之间来回弹跳。',
          optimizers:
            '看图：SGD 和 Momentum 朝同一个方向几乎直线前进，但 Momentum 走得远约一倍：它就是用过去的步子积累了速度的 SGD。Adam 和 RMSprop 按每个权重调整步长，所以朝另一个方向出发。Adam 的路径几乎是直线；RMSprop 走得最远，而且摇摆不定：它像 Adam 一样调整步长，却没有动量来平滑这些步子。',
          adam: '看图：默认设置和 β1 0 的终点几乎重合，但没有动量时路上拐的弯更多。β2 0.9 走得远约一倍。ε 1 的路径很短：很大的 ε 淹没了梯度大小，每一步只是很小的普通梯度步。',
          'batch-size':
            '看图：按线性规则放大学习率（× 8）的批大小 128 沿着批大小 16 的路径走，终点就在它旁边：步数少八倍，每步大八倍。学习率不变时，批大小 128 只走了这段路的一小部分；平方根规则大约走了一半。',
        }) as Record<string, string>
      )[lesson] ?? '',
    laneTitle: '某条通道的损失地形',
    laneShow: '显示通道的损失地形',
    laneHide: '隐藏通道的损失地形',
    laneIntro: '某条通道最后权重附近的训练损失，以及它走到那里的路径，画法与试验场相同。',
    laneChoice: '通道',
    laneTraining: '这条通道正在训练：暂停它或等它结束，即可看到它的损失地形。',
    laneWaiting: '运行这条通道：它暂停或结束后就会显示损失地形。',
  },
});
