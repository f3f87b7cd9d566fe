import { defineMessages } from '../../i18n';
import type { CsvProblem } from '../../core/userdata/csv';

const thousands = (n: number) => n.toLocaleString('en-US');

export const useDataMessages = defineMessages({
  en: {
    pageTitle: 'Your data',
    intro:
      'Train on your own table: a CSV file with one example per row, a header, numeric feature columns and a label column. The file stays in this browser; nothing is uploaded to any server.',
    csvTitle: 'Your own CSV file',
    chooseFile: 'Choose a CSV file',
    dropHere: 'or drop it here',
    reading: (name: string) => `Reading ${name}…`,
    problemsTitle: (name: string) => `${name} could not be used`,
    moreProblems: (n: number) => `…and ${thousands(n)} more problems of the same kind.`,
    keptPrevious: (name: string) => `The data you loaded before (${name}) is still the one in use.`,
    noPrevious: 'No data is loaded yet.',
    rowsColumns: (rows: number, columns: number) => `${thousands(rows)} rows, ${columns} columns`,
    features: 'Feature columns',
    label: 'Label column',
    task: 'Task',
    classification: 'Classification (the label names a class)',
    regression: 'Regression (the label is a number to predict)',
    detected: (task: string) => `Detected: ${task}`,
    useData: 'Use this data',
    firstRow: 'Row 1 of the file',
    firstRowIsHeader: 'is the header (column names)',
    firstRowIsData: 'is data (the file has no header)',
    headerQuestion: (cells: string) =>
      `Row 1 (${cells.length > 80 ? `${cells.slice(0, 80)}…` : cells}) mixes numbers and text, so it may be data rather than column names. It is read as data: if it is the header, say so below.`,
    problemsBeforeUse: 'Fix these in the file, or choose other columns, before using this data:',
    checking: 'Checking…',
    inUse: (name: string) => `In use: ${name}`,
    inUseDetails: (features: number, classes: number, label: string) =>
      classes > 0
        ? `${features} features, label “${label}” with ${classes} classes`
        : `${features} features, label “${label}” (regression)`,
    trainOnIt: 'Train on it in the playground',
    forget: 'Forget this data',
    standardized:
      'Numeric features are standardized (mean 0, deviation 1, measured on the training rows). With more than two features, the decision boundary shows the first two, the others held at their means.',
    limits: 'At most 20,000 rows. Rows count as in a spreadsheet: the header is row 1.',
    digitsTitle: 'Handwritten digits',
    digitsText:
      '1,797 real 8×8 images of handwritten digits (UCI, as shipped by scikit-learn), 64 inputs, 10 classes. With a few hundred images and a wide network, training accuracy reaches 100% while validation lags: overfitting on real data.',
    useDigits: 'Train on the digits',
    notLoaded: 'No CSV file is loaded. Open the “Your data” page and choose a file first.',
    digitsFailed: (detail: string) => `The digits could not be loaded (${detail}).`,
    problem: (p: CsvProblem) => p.message,
    needsDataTitle: 'This experiment needs your data',
    needsDataText:
      'It trains on a CSV file of your own, which is not loaded in this browser (data never travels in a link unless it is small). Choose the file to train on it.',
    csvInUse: (file: string, rows: number) => `Training on your file ${file} (${thousands(rows)} rows).`,
    plane: (x: string, y: string) => `The plane shows ${x} across and ${y} up, standardized.`,
    projection: (x: string, y: string, others: number) =>
      `The plane is a 2-D projection: ${x} across and ${y} up (standardized); the other ${others} feature${others === 1 ? ' is' : 's are'} held at ${others === 1 ? 'its mean' : 'their means'}.`,
    noProjection: 'With one feature there is no plane to draw; the curves tell the story.',
    misclassifiedTitle: 'Misclassified validation digits',
    misclassifiedWaiting: 'Pause or finish a run to see the validation images the network gets wrong.',
    misclassifiedCount: (wrong: number, total: number, epoch: number) =>
      `${wrong} of ${total} validation images are wrong at epoch ${epoch}; the most confident mistakes first.`,
    misclassifiedItem: (label: number, predicted: number, percent: number) =>
      `A ${label} taken for a ${predicted} (${percent}% sure)`,
  },
  zh: {
    pageTitle: '你的数据',
    intro:
      '用你自己的表格训练：CSV 文件，每行一个样本，带表头，特征列为数值，另有一列标签。文件只留在本浏览器中，不会上传到任何服务器。',
    csvTitle: '你自己的 CSV 文件',
    chooseFile: '选择 CSV 文件',
    dropHere: '或拖放到这里',
    reading: (name: string) => `正在读取 ${name}…`,
    problemsTitle: (name: string) => `无法使用 ${name}`,
    moreProblems: (n: number) => `……还有 ${thousands(n)} 个同类问题。`,
    keptPrevious: (name: string) => `仍在使用之前载入的数据（${name}）。`,
    noPrevious: '尚未载入数据。',
    rowsColumns: (rows: number, columns: number) => `${thousands(rows)} 行，${columns} 列`,
    features: '特征列',
    label: '标签列',
    task: '任务',
    classification: '分类（标签是类别名）',
    regression: '回归（标签是要预测的数值）',
    detected: (task: string) => `自动判断：${task}`,
    useData: '使用这些数据',
    firstRow: '文件的第 1 行',
    firstRowIsHeader: '是表头（列名）',
    firstRowIsData: '是数据（文件没有表头）',
    headerQuestion: (cells: string) =>
      `第 1 行（${cells.length > 80 ? `${cells.slice(0, 80)}…` : cells}）混有数字和文字，可能是数据而不是列名。目前按数据读取：如果它是表头，请在下面选择。`,
    problemsBeforeUse: '使用这些数据之前，请在文件中修正以下问题，或改选其他列：',
    checking: '正在检查…',
    inUse: (name: string) => `正在使用：${name}`,
    inUseDetails: (features: number, classes: number, label: string) =>
      classes > 0
        ? `${features} 个特征，标签“${label}”，共 ${classes} 类`
        : `${features} 个特征，标签“${label}”（回归）`,
    trainOnIt: '到实验台上训练',
    forget: '移除这些数据',
    standardized:
      '数值特征已标准化（均值 0、标准差 1，按训练行计算）。特征多于两个时，决策边界显示前两个特征，其余特征取均值。',
    limits: '最多 20,000 行。行号与电子表格一致：表头为第 1 行。',
    digitsTitle: '手写数字',
    digitsText:
      '1,797 张真实的 8×8 手写数字图像（UCI 数据集，随 scikit-learn 发布），64 个输入，10 个类别。只用几百张图像和较宽的网络时，训练准确率达到 100%，验证准确率却落在后面：这就是真实数据上的过拟合。',
    useDigits: '用手写数字训练',
    notLoaded: '尚未载入 CSV 文件。请先打开“你的数据”页面并选择文件。',
    digitsFailed: (detail: string) => `无法载入手写数字数据（${detail}）。`,
    problem: (p: CsvProblem) => zhProblem(p),
    needsDataTitle: '这个实验需要你的数据',
    needsDataText:
      '它使用你自己的 CSV 文件训练，但此浏览器中尚未载入该文件（数据只有在很小时才会随链接一起传递）。请选择该文件以开始训练。',
    csvInUse: (file: string, rows: number) => `正在用你的文件 ${file} 训练（${thousands(rows)} 行）。`,
    plane: (x: string, y: string) => `平面的横轴是 ${x}，纵轴是 ${y}（均已标准化）。`,
    projection: (x: string, y: string, others: number) =>
      `平面是二维投影：横轴是 ${x}，纵轴是 ${y}（均已标准化）；其余 ${others} 个特征取均值。`,
    noProjection: '只有一个特征时没有平面可画；请看损失曲线。',
    misclassifiedTitle: '被分错的验证集数字',
    misclassifiedWaiting: '暂停或完成一次训练后，这里会显示网络分错的验证图像。',
    misclassifiedCount: (wrong: number, total: number, epoch: number) =>
      `第 ${epoch} 轮时，${total} 张验证图像中有 ${wrong} 张分错；按网络的把握从高到低排列。`,
    misclassifiedItem: (label: number, predicted: number, percent: number) =>
      `把 ${label} 认成了 ${predicted}（把握 ${percent}%）`,
  },
});

const q = (text: string | undefined) => `“${text ?? ''}”`;

/** The Chinese for each refusal, from the same fields the English message was made from. */
function zhProblem(p: CsvProblem): string {
  switch (p.code) {
    case 'empty':
      return '文件是空的：没有表头，也没有数据。';
    case 'binary':
      return '这不是文本文件（看起来像图片、Excel 表格或其他二进制文件）。请把数据另存为 CSV（逗号分隔值）后再上传。';
    case 'too-large':
      return '文件太大（文本最多 32 MB）。';
    case 'too-many-rows':
      return `文件超过 ${thousands(p.limit ?? 20000)} 行数据；Tunelab 最多训练 ${thousands(p.limit ?? 20000)} 行。请抽取部分行后再上传。`;
    case 'no-data-rows':
      return '文件只有表头，没有数据行。';
    case 'bad-quotes':
      return `第 ${p.row} 行：引号没有闭合，文件其余部分无法按列读取。`;
    case 'wrong-field-count':
      return `第 ${p.row} 行有 ${p.count} 个值，但表头有 ${p.limit} 列。`;
    case 'non-numeric':
      return `第 ${p.row} 行，列 ${q(p.column)}：${q(p.value)} 不是数字。`;
    case 'missing':
      return `第 ${p.row} 行，列 ${q(p.column)}：缺少值。`;
    case 'one-class':
      return `标签列 ${q(p.column)} 只有一个类别（${q(p.value)}）；分类至少需要两个类别。`;
    case 'too-many-classes':
      return `标签列 ${q(p.column)} 的不同取值超过 ${p.limit} 个；分类最多允许 ${p.limit} 个类别。如果它是测量值，请选择回归。`;
    case 'no-features':
      return '请至少选择一个特征列。';
    case 'label-is-feature':
      return `标签列 ${q(p.column)} 不能同时作为特征。`;
    case 'unknown-column':
      return `文件中没有名为 ${q(p.column)} 的列。`;
    case 'too-few-rows':
      return `文件只有 ${p.count} 行数据；训练和验证至少需要 4 行。`;
    case 'duplicate-column':
      return `有两列都叫 ${q(p.column)}。请在表头中给每一列起不同的名字，以便分清是哪一列。`;
    case 'decimal-comma':
      return `列 ${q(p.column)} 的数字用逗号作小数点（${q(p.value)}）。Tunelab 以句点作小数点：请用句点保存文件（写 1.5 而不是 1,5），例如导出时选择英语（美国）数字格式。`;
    case 'not-finite':
      return `第 ${p.row} 行，列 ${q(p.column)}：${q(p.value)} 不是有限的数（NaN 表示无法计算的值，无穷大没有具体大小）。请填入数字或删除这一行。`;
  }
}
