/**
 * Names the page makes up from data, in the reader's language: a run's name from its config, a
 * comparison lane's from what it changed. Saved records keep the name they were saved with; one the
 * user never edited is recognised (it equals the name generated from its config, in either
 * language) and shown in the language of the page, so switching language renames it and a name the
 * user typed stays exactly as typed.
 */
import type { ExperimentConfig } from '../../core/config/parameters';
import { formatNumber } from '../../core/config/schema';
import { isLessonId, laneDifferences, lessonLanes } from '../../core/lessons/lanes';
import type { Localized } from '../../core/lessons/names';
import { LANGUAGES, type Language } from '../../i18n';
import { defaultRunName, type RunRecord, type SavedLane } from '../../store/persistence/records';
import { choiceText } from '../playground/parameterText';

/**
 * "spiral · 16-16 tanh · adam 0.01": the English is what the storage saves (defaultRunName), so
 * names saved by earlier versions are recognised; the Chinese names each choice in Chinese.
 */
export function generatedRunName(config: ExperimentConfig, language: Language): string {
  if (language === 'en') return defaultRunName(config);
  const layers = config.hiddenLayers.length > 0 ? config.hiddenLayers.join('-') : '线性';
  return [
    choiceText(language, 'dataset', config.dataset),
    `${layers} ${choiceText(language, 'activation', config.activation)}`,
    `${choiceText(language, 'optimizer', config.optimizer)} ${formatNumber(config.learningRate)}`,
  ].join(' · ');
}

/** A comparison lane's name from what it changed: "learning rate 0.1", or "base" when nothing. */
export function laneName(base: ExperimentConfig, config: ExperimentConfig): Localized {
  const name = (language: Language) => {
    const differences = laneDifferences(base, config, language);
    if (differences.length === 0) return language === 'zh' ? '基准' : 'base';
    return differences
      .map((d) => d.text.slice(0, d.text.lastIndexOf(language === 'zh' ? ' 对比 ' : ' vs ')))
      .join(', ');
  };
  return { en: name('en'), zh: name('zh') };
}

/** The names a saved lane could have been given by the page: its lesson's, or its differences'. */
function generatedLaneNames(run: RunRecord, lane: SavedLane): Localized[] {
  const names = [laneName(run.config, lane.config)];
  const lessonId = run.comparison?.lessonId;
  if (lessonId && isLessonId(lessonId)) {
    const same = (a: ExperimentConfig, b: ExperimentConfig) =>
      JSON.stringify({ ...a, epochs: 0 }) === JSON.stringify({ ...b, epochs: 0 });
    for (const lessonLane of lessonLanes(lessonId))
      if (same(lessonLane.config, lane.config)) names.unshift(lessonLane.label);
  }
  return names;
}

/** A saved lane's name in `language`, unless it is one the user typed. */
export function savedLaneName(run: RunRecord, lane: SavedLane, language: Language): string {
  for (const names of generatedLaneNames(run, lane))
    if (LANGUAGES.some((l) => names[l] === lane.name)) return names[language];
  return lane.name;
}

/** A history entry's name in `language`, unless the user renamed it. */
export function runDisplayName(run: RunRecord, language: Language): string {
  if (LANGUAGES.some((l) => generatedRunName(run.config, l) === run.name))
    return generatedRunName(run.config, language);
  const lanes = run.comparison?.lanes;
  if (lanes && lanes.length > 0) {
    for (const l of LANGUAGES) {
      const joined = lanes.map((lane) => savedLaneName(run, lane, l)).join(' · ');
      if (joined === run.name) return lanes.map((lane) => savedLaneName(run, lane, language)).join(' · ');
    }
  }
  return run.name;
}
