import { useExperiment } from '../../store/experiment';
import { useCustomData } from '../../store/persistence/custom-data';
import { useDataMessages } from './messages';
import { MisclassifiedDigits } from './MisclassifiedDigits';

/**
 * What the playground shows under its charts for file datasets: the misclassified digits, or, for
 * the user's CSV, which two features the decision-boundary plane shows. Nothing otherwise.
 */
export function DatasetNotes() {
  const t = useDataMessages();
  const dataset = useExperiment((s) => s.config.dataset);
  const data = useCustomData((s) => s.data);
  if (dataset === 'digits') return <MisclassifiedDigits />;
  if (dataset !== 'custom' || !data) return null;
  const [first, second] = data.choice.features;
  const others = data.choice.features.length - 2;
  return (
    <p className="notice subtle projection-note">
      {t.csvInUse(data.fileName, data.table.rows.length)}{' '}
      {second === undefined ? t.noProjection : others > 0 ? t.projection(first!, second, others) : t.plane(first!, second)}
    </p>
  );
}
