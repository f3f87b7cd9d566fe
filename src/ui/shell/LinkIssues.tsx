import type { LinkIssue } from '../../core/link/codec';
import type { ExperimentIssue } from '../../core/export/experiment';
import { defineMessages, useLanguage, type Language } from '../../i18n';
import { useDataMessages } from '../data/messages';
import { PARAMETER_TEXT } from '../playground/parameterText';

/** At most this many issues are listed; the rest are counted ("and 4,995 more"). */
export const MAX_LISTED_ISSUES = 5;

type Params = LinkIssue['params'];
type Range = { integer: boolean; min: string; max: string };
const rangeOf = (p: Params): Range => ({ integer: p.integer === 1, min: String(p.min), max: String(p.max) });

export const useLinkIssueMessages = defineMessages({
  en: {
    title: 'This link had problems:',
    more: (n: number) => `…and ${n.toLocaleString('en-US')} more.`,
    dismiss: 'Dismiss',
    lane: (n: number) => `Lane ${n}: `,
    range: (r: Range) => `${r.integer ? 'an integer' : 'a number'} from ${r.min} to ${r.max}`,
    notObject: 'The experiment in this link is not an object; the defaults were loaded.',
    unknownField: (name: string) => `An unknown setting “${name}” was ignored.`,
    outOfRange: (label: string, range: string, value: string, became: string) =>
      value ? `${label} must be ${range}; ${value} became ${became}.` : `${label} must be ${range}.`,
    notANumber: (label: string, range: string, fallback: string) =>
      `${label} must be ${range}; the default ${fallback} was used.`,
    notAChoice: (label: string, choices: string, fallback: string) =>
      `${label} must be one of ${choices}; the default ${fallback} was used.`,
    badFeatures: (label: string, features: string) =>
      `${label} must be a list of different features from ${features}; the default features were used.`,
    badLayers: (label: string, maxLayers: number, maxUnits: number, clamped: boolean) =>
      `${label} must be at most ${maxLayers} layers of 1 to ${maxUnits} units; ${clamped ? 'they were clamped' : 'the default layers were used'}.`,
    tooLong: (kb: number, maxKb: number) =>
      `This link is too long (${kb} kB; a Tunelab link holds at most ${maxKb} kB). It may have been corrupted.`,
    noVersion: 'This link is not a Tunelab experiment (it has no version).',
    unknownVersion: (version: number, known: number) =>
      `This link was made by a version of Tunelab this page does not know (link version ${version}; this page reads up to ${known}).`,
    notDecompressed:
      'This link is damaged: its data could not be decompressed (was it cut short when copied?).',
    tooMuchData: 'This link holds far more data than any experiment needs.',
    notJson: 'This link is damaged: its data is not valid JSON (was it cut short when copied?).',
    notExperiment: 'This link is damaged: its data is not an experiment.',
    defaultsLoaded: 'The default experiment was loaded instead.',
    malformedParts: 'Parts of this link were malformed and were ignored.',
    unknownControls: (what: string) =>
      `Unknown ${what === 'locked' ? 'locked' : 'hidden'} controls in this link were ignored.`,
    tooManyLanes: (max: number) => `A comparison holds at most ${max} lanes; the rest were dropped.`,
    badLesson: (name: string) => `The lesson name “${name}” is not valid and was ignored.`,
    unknownLesson: (name: string) =>
      `There is no lesson called “${name}”; the comparison was opened without it.`,
    dataDamaged: (file: string) =>
      file
        ? `The data file “${file}” in this link is damaged and was not loaded: choose the file yourself.`
        : 'The data in this link is damaged and was not loaded: choose the CSV file yourself.',
    dataNotLoaded: (file: string) =>
      `This experiment trains on your file “${file}”, which is not loaded in this browser (a large file does not travel in a link): choose it below to train.`,
    dataRefused: (file: string, problem: string) =>
      `The data file “${file}” in this link could not be used: ${problem}`,
    unknownPace: 'The training pace in this link is not one this page knows; it trains as fast as possible.',
    widthNotMultiple: (label: string, heads: string, value: string, became: string) =>
      value
        ? `${label} must be a multiple of the attention heads (${heads}); ${value} became ${became}.`
        : `${label} must be a multiple of the attention heads (${heads}).`,
    shortestAboveLongest: (label: string, value: string, became: string) =>
      value
        ? `${label} was longer than the longest sequence; ${value} became ${became}.`
        : `${label} must not be longer than the longest sequence.`,
    fileTooLarge: (mb: number) => `This file is too large to be a Tunelab experiment (${mb} MB).`,
    fileNotJson: 'This file is not a Tunelab experiment: it is not valid JSON.',
    fileDamaged: 'This Tunelab experiment file is damaged: its experiment is missing.',
    fileNotExperiment: 'This file is not a Tunelab experiment (it has no "format": "tunelab-experiment").',
    fileUnknownVersion: (version: number, known: number) =>
      `This experiment was saved by a version of Tunelab this page does not know (file version ${version}; this page reads up to ${known}).`,
    resultsDamaged:
      'The saved results in this file were damaged and were left out; the experiment itself loaded.',
    dataNoteDamaged: 'The description of the data file in this experiment was damaged and was ignored.',
    nameShortened: (max: number) => `The name was longer than ${max} characters and was shortened.`,
  },
  zh: {
    title: '这个链接有问题：',
    more: (n: number) => `……还有 ${n.toLocaleString('zh-CN')} 个问题。`,
    dismiss: '知道了',
    lane: (n: number) => `第 ${n} 条对比线：`,
    range: (r: Range) => `${r.min} 到 ${r.max} 之间的${r.integer ? '整数' : '数'}`,
    notObject: '这个链接里的实验不是一个对象，已载入默认设置。',
    unknownField: (name: string) => `未知设置“${name}”已被忽略。`,
    outOfRange: (label: string, range: string, value: string, became: string) =>
      value ? `${label}必须是${range}；${value} 已改为 ${became}。` : `${label}必须是${range}。`,
    notANumber: (label: string, range: string, fallback: string) =>
      `${label}必须是${range}；已使用默认值 ${fallback}。`,
    notAChoice: (label: string, choices: string, fallback: string) =>
      `${label}必须是 ${choices} 之一；已使用默认值 ${fallback}。`,
    badFeatures: (label: string, features: string) =>
      `${label}必须是取自 ${features} 的不重复特征列表；已使用默认特征。`,
    badLayers: (label: string, maxLayers: number, maxUnits: number, clamped: boolean) =>
      `${label}最多 ${maxLayers} 层，每层 1 到 ${maxUnits} 个单元；${clamped ? '已截取到允许范围' : '已使用默认层数'}。`,
    tooLong: (kb: number, maxKb: number) =>
      `这个链接太长了（${kb} kB；Tunelab 链接最多 ${maxKb} kB），可能已损坏。`,
    noVersion: '这个链接不是 Tunelab 实验（没有版本号）。',
    unknownVersion: (version: number, known: number) =>
      `这个链接来自本页面不认识的 Tunelab 版本（链接版本 ${version}；本页面最多读取版本 ${known}）。`,
    notDecompressed: '这个链接已损坏：数据无法解压（复制时是否被截断了？）。',
    tooMuchData: '这个链接包含的数据远超任何实验所需。',
    notJson: '这个链接已损坏：数据不是有效的 JSON（复制时是否被截断了？）。',
    notExperiment: '这个链接已损坏：数据不是一个实验。',
    defaultsLoaded: '已改为载入默认实验。',
    malformedParts: '这个链接的部分内容格式错误，已被忽略。',
    unknownControls: (what: string) => `链接中未知的${what === 'locked' ? '锁定' : '隐藏'}控件已被忽略。`,
    tooManyLanes: (max: number) => `一次对比最多 ${max} 条对比线，其余已被舍弃。`,
    badLesson: (name: string) => `课程名“${name}”无效，已被忽略。`,
    unknownLesson: (name: string) => `没有名为“${name}”的课程；已在不含课程的情况下打开对比。`,
    dataDamaged: (file: string) =>
      file
        ? `链接中的数据文件“${file}”已损坏，未能载入：请自行选择该文件。`
        : '链接中的数据已损坏，未能载入：请自行选择 CSV 文件。',
    dataNotLoaded: (file: string) =>
      `这个实验使用你的文件“${file}”训练，但此浏览器中尚未载入该文件（较大的文件不会随链接传递）：请在下方选择它以开始训练。`,
    dataRefused: (file: string, problem: string) => `链接中的数据文件“${file}”无法使用：${problem}`,
    unknownPace: '这个链接中的训练速度本页面不认识，将以最快速度训练。',
    widthNotMultiple: (label: string, heads: string, value: string, became: string) =>
      value
        ? `${label}必须是注意力头数（${heads}）的整数倍；${value} 已改为 ${became}。`
        : `${label}必须是注意力头数（${heads}）的整数倍。`,
    shortestAboveLongest: (label: string, value: string, became: string) =>
      value ? `${label}超过了最长序列；${value} 已改为 ${became}。` : `${label}不能超过最长序列。`,
    fileTooLarge: (mb: number) => `这个文件太大，不可能是 Tunelab 实验（${mb} MB）。`,
    fileNotJson: '这个文件不是 Tunelab 实验：它不是有效的 JSON。',
    fileDamaged: '这个 Tunelab 实验文件已损坏：缺少实验内容。',
    fileNotExperiment: '这个文件不是 Tunelab 实验（它没有 "format": "tunelab-experiment"）。',
    fileUnknownVersion: (version: number, known: number) =>
      `这个实验由本页面不认识的 Tunelab 版本保存（文件版本 ${version}；本页面最多读取版本 ${known}）。`,
    resultsDamaged: '文件中保存的结果已损坏，已略去；实验本身已载入。',
    dataNoteDamaged: '这个实验中对数据文件的描述已损坏，已被忽略。',
    nameShortened: (max: number) => `名称超过 ${max} 个字符，已被截短。`,
  },
});

/** Anything the link codec or the experiment file reader reports, as data. */
export type Issue = LinkIssue | ExperimentIssue;

/** The label of the setting an issue is about: the playground's, unless a page passes its own. */
export type LabelOf = (field: string, language: Language) => string;

const playgroundLabel: LabelOf = (field, language) => {
  const labels = PARAMETER_TEXT[language];
  return field in labels ? labels[field as keyof typeof labels].label : field;
};

/** An issue as a sentence in the reader's language, with each field's label rather than its key. */
export function issueText(issue: Issue, language: Language, labelOf: LabelOf = playgroundLabel): string {
  const t = useLinkIssueMessages.in(language);
  const p = issue.params;
  const text = (key: string) => (p[key] === undefined ? '' : String(p[key]));
  const field = 'field' in issue ? issue.field : undefined;
  const label = field && field !== '(config)' ? labelOf(field, language) : '';
  const sentence = (() => {
    switch (issue.code) {
      case 'not-object':
        return t.notObject;
      case 'unknown-field':
        return t.unknownField(text('name'));
      case 'out-of-range':
        return t.outOfRange(label, t.range(rangeOf(p)), text('value'), text('became'));
      case 'not-a-number':
        return t.notANumber(label, t.range(rangeOf(p)), text('defaultValue'));
      case 'not-a-choice':
        return t.notAChoice(label, text('choices'), text('defaultValue'));
      case 'bad-features':
        return t.badFeatures(label, text('features'));
      case 'bad-layers':
        return t.badLayers(label, Number(p.maxLayers), Number(p.maxUnits), p.clamped === 1);
      case 'width-not-multiple':
        return t.widthNotMultiple(label, text('heads'), text('value'), text('became'));
      case 'shortest-above-longest':
        return t.shortestAboveLongest(label, text('value'), text('became'));
      case 'too-long':
        return t.tooLong(Number(p.kb), Number(p.maxKb));
      case 'no-version':
        return t.noVersion;
      case 'unknown-version':
        return t.unknownVersion(Number(p.version), Number(p.known));
      case 'not-decompressed':
        return t.notDecompressed;
      case 'too-much-data':
        return t.tooMuchData;
      case 'not-json':
        return t.notJson;
      case 'not-experiment':
        return t.notExperiment;
      case 'defaults-loaded':
        return t.defaultsLoaded;
      case 'malformed-parts':
        return t.malformedParts;
      case 'unknown-controls':
        return t.unknownControls(text('what'));
      case 'too-many-lanes':
        return t.tooManyLanes(Number(p.max));
      case 'bad-lesson':
        return t.badLesson(text('name'));
      case 'unknown-lesson':
        return t.unknownLesson(text('name'));
      case 'data-damaged':
        return t.dataDamaged(text('file'));
      case 'data-not-loaded':
        return t.dataNotLoaded(text('file'));
      case 'data-refused': {
        const csv = 'csv' in issue ? issue.csv : undefined;
        return t.dataRefused(text('file'), csv ? useDataMessages.in(language).problem(csv) : text('problem'));
      }
      case 'unknown-pace':
        return t.unknownPace;
      case 'file-too-large':
        return t.fileTooLarge(Number(p.mb));
      case 'file-not-json':
        return t.fileNotJson;
      case 'file-damaged':
        return t.fileDamaged;
      case 'file-not-experiment':
        return t.fileNotExperiment;
      case 'file-unknown-version':
        return t.fileUnknownVersion(Number(p.version), Number(p.known));
      case 'results-damaged':
        return t.resultsDamaged;
      case 'data-note-damaged':
        return t.dataNoteDamaged;
      case 'name-shortened':
        return t.nameShortened(Number(p.max));
      default: {
        const unhandled: never = issue;
        return String(unhandled);
      }
    }
  })();
  const lane = 'lane' in issue ? issue.lane : undefined;
  return lane === undefined ? sentence : `${t.lane(lane)}${sentence}`;
}

/** Renders issues in the page's language (see `issueText`). */
export function useLinkIssueText(labelOf?: LabelOf): (issue: Issue) => string {
  const language = useLanguage((state) => state.language);
  return (issue) => issueText(issue, language, labelOf);
}

/**
 * The alert a page shows for the link it opened: the first few issues in words, a count of the
 * rest (a hostile link can carry thousands), and a button to dismiss it.
 */
export function LinkIssueAlert({
  issues,
  onDismiss,
  className = 'alert',
  labelOf,
}: {
  issues: readonly Issue[];
  onDismiss: () => void;
  className?: string;
  /** The labels of the page's settings, when they are not the playground's. */
  labelOf?: LabelOf;
}) {
  const t = useLinkIssueMessages();
  const render = useLinkIssueText(labelOf);
  if (issues.length === 0) return null;
  const rest = issues.length - MAX_LISTED_ISSUES;
  return (
    <div role="alert" className={className}>
      <strong>{t.title}</strong>
      <ul>
        {issues.slice(0, MAX_LISTED_ISSUES).map((issue, index) => (
          // Text from the link is rendered by React as text: a script in a link stays text.
          <li key={index}>{render(issue)}</li>
        ))}
      </ul>
      {rest > 0 && <p>{t.more(rest)}</p>}
      <button type="button" className="button small" onClick={onDismiss}>
        {t.dismiss}
      </button>
    </div>
  );
}
