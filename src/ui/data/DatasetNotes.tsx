import { useExperiment } from '../../store/experiment';
import { useCustomData } from '../../store/persistence/custom-data';
import { useDataMessages } from './messages';
import { CsvUpload } from './DataPage';
import { MisclassifiedDigits } from './MisclassifiedDigits';

/**
 * What the playground shows under its charts for file datasets: the misclassified digits, or, for
 * the user's CSV, which two features the decision-boundary plane shows. Nothing otherwise.
 */
export function DatasetNotes() {
  const t = useDataMessages();
  const dataset = useExperiment((s) => s.config.dataset);
  const data = useCustomData((s) => s.data);
  const restored = useCustomData((s) => s.restored);
  if (dataset === 'digits') return <MisclassifiedDigits />;
  if (dataset !== 'custom') return null;
  if (!data) {
    // A link or a saved run names the user's own data, which is not in this browser: ask for it here.
    if (!restored) return null;
    return (
      <section className="card needs-data" aria-labelledby="needs-data-title">
        <h2 id="needs-data-title">{t.needsDataTitle}</h2>
        <p>{t.needsDataText}</p>
        <CsvUpload />
      </section>
    );
  }
  const [first, second] = data.choice.features;
  const others = data.choice.features.length - 2;
  return (
    <p className="notice subtle projection-note">
      {t.csvInUse(data.fileName, data.table.rows.length)}{' '}
      {second === undefined
        ? t.noProjection
        : others > 0
          ? t.projection(first!, second, others)
          : t.plane(first!, second)}
    </p>
  );
}
