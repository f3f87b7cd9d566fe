import { FileButton } from '../controls/FileButton';
import { importExperiment } from '../../core/export/experiment';
import { emptyLinkState } from '../../core/link';
import { replaceExperiment, useExperiment } from '../../store/experiment';
import { useMetrics } from '../../store/metrics';
import { dataNoteOf, useCustomData } from '../../store/persistence/custom-data';
import { keepImportedRun } from '../../store/persistence/saved';
import { useRun } from '../../store/run';
import { downloadBlob, downloadText, fileStem, standaloneSvg, svgToPng, type ChartKey } from './download';
import { exportCurves, exportJson, exportPython, exportTorch, type ExportableRun } from './exports';
import { useHistoryMessages } from './messages';
import { generatedRunName } from './runName';
import { useLinkIssueText } from '../shell/LinkIssues';
import { useLanguage } from '../../i18n';
import type { ExportMessage } from './ExportMenu';

/** The playground's loss chart: the first chart in its curves column (none before the first epoch). */
function lossChartSvg(): SVGSVGElement | null {
  const svg = document.querySelector<SVGSVGElement>('.curves .chart-card svg.recharts-surface');
  return svg?.closest('.chart-slot[data-empty]') ? null : svg;
}

/** The text after a key's swatch, up to the next element (React writes " " and the name as two nodes). */
function labelAfter(swatch: Element): string {
  let text = '';
  for (let node = swatch.nextSibling; node && node.nodeType === Node.TEXT_NODE; node = node.nextSibling)
    text += node.textContent ?? '';
  return text.trim();
}

/** The chart's key as the page shows it (HTML beside the chart, in the page's language). */
function chartKeys(svg: SVGSVGElement): ChartKey[] {
  const legend = svg.closest('.chart-card')?.querySelector('.curve-legend');
  if (!legend) return [];
  return [...legend.querySelectorAll<HTMLElement>('.key-line, .key-band')].map((swatch) => ({
    label: labelAfter(swatch),
    color: getComputedStyle(swatch).backgroundColor,
    band: swatch.classList.contains('key-band'),
  }));
}

/**
 * The export menu's items: the current run's curves, the experiment with its results, the Keras and
 * PyTorch scripts, the loss chart as SVG or PNG; and an experiment file back in. Loaded when the
 * menu first opens: the exporters are most of the menu's code, and nobody exports in a page's
 * first second.
 */
export default function ExportItems({ setMessage }: { setMessage: (message: ExportMessage) => void }) {
  const t = useHistoryMessages();
  const language = useLanguage((s) => s.language);
  const renderIssue = useLinkIssueText();

  const current = (): ExportableRun => {
    const experiment = useExperiment.getState();
    const config = experiment.config;
    return {
      name: generatedRunName(config, language),
      state: { ...emptyLinkState(config), hidden: experiment.hidden, locked: experiment.locked },
      history: useMetrics.getState().history,
      summary: useRun.getState().summary,
      data: config.dataset === 'custom' ? dataNoteOf(useCustomData.getState().data) : null,
    };
  };
  const fail = (error: unknown) =>
    setMessage({ text: t.exportFailed(error instanceof Error ? error.message : String(error)), issues: [] });

  const torch = () => exportTorch(useExperiment.getState().config, useMetrics.getState().history);

  const chart = async (kind: 'svg' | 'png') => {
    const svg = lossChartSvg();
    if (!svg) {
      setMessage({ text: t.noChart, issues: [] });
      return;
    }
    const name = current().name;
    const { text, width, height } = standaloneSvg(svg, {
      title: t.lossChartTitle(name),
      keys: chartKeys(svg),
    });
    const stem = `${fileStem(name)}-loss`;
    if (kind === 'svg') downloadText(`${stem}.svg`, text, 'image/svg+xml');
    else downloadBlob(`${stem}.png`, await svgToPng(text, width, height));
  };

  const importFile = async (file: File) => {
    const result = importExperiment(await file.text());
    if (!result.ok) {
      setMessage({ text: t.importFailed(renderIssue(result.problem)), issues: [] });
      return;
    }
    replaceExperiment({
      config: result.state.config,
      hidden: result.state.hidden,
      locked: result.state.locked,
    });
    if (result.results && result.results.history.length > 0)
      await keepImportedRun({ ...result, results: result.results });
    setMessage({
      text: t.imported(result.name || generatedRunName(result.state.config, language)),
      issues: result.problems,
    });
  };

  return (
    <>
      <button type="button" className="button small" onClick={() => exportCurves(current())}>
        {t.exportCsv}
      </button>
      <button type="button" className="button small" onClick={() => chart('svg').catch(fail)}>
        {t.exportSvg}
      </button>
      <button type="button" className="button small" onClick={() => chart('png').catch(fail)}>
        {t.exportPng}
      </button>
      <button type="button" className="button small" onClick={() => exportJson(current())}>
        {t.exportJson}
      </button>
      <button
        type="button"
        className="button small"
        onClick={() => exportPython(useExperiment.getState().config).catch(fail)}
      >
        {t.exportPython}
      </button>
      <button type="button" className="button small" onClick={() => torch().catch(fail)}>
        {t.exportTorch}
      </button>
      <FileButton
        label={t.importJson}
        accept=".json,application/json"
        className="button small"
        onFile={(file) => void importFile(file)}
      />
    </>
  );
}
