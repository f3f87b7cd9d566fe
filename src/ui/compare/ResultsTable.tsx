import { useLanguage } from '../../i18n';
import type { LaneState } from '../../store/compare';
import { statusText } from './LaneCard';
import { laneColor, laneResult } from './laneStats';
import { useCompareMessages } from './messages';

const loss = (v: number | null) => (v === null ? '–' : v.toFixed(4));

export function ResultsTable({ lanes }: { lanes: readonly LaneState[] }) {
  const t = useCompareMessages();
  const language = useLanguage((s) => s.language);
  return (
    <section className="card compare-results" aria-labelledby="compare-results-title">
      <h2 id="compare-results-title">{t.results}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.lanes}</th>
              <th scope="col">{t.bestValidationLoss}</th>
              <th scope="col">{t.atEpoch}</th>
              <th scope="col">{t.finalValidationLoss}</th>
              <th scope="col">{t.gap}</th>
              <th scope="col">{t.accuracy}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.wallTime}</th>
            </tr>
          </thead>
          <tbody>
            {lanes.map((lane, index) => {
              const r = laneResult(lane.history);
              return (
                <tr key={lane.id} data-lane={index}>
                  <th scope="row">
                    <span className="swatch" style={{ background: laneColor(index) }} aria-hidden="true" />{' '}
                    {lane.label[language]}
                  </th>
                  <td>{loss(r.bestValidationLoss)}</td>
                  <td>{r.bestEpoch ?? '–'}</td>
                  <td>{loss(r.finalValidationLoss)}</td>
                  <td>{loss(r.gap)}</td>
                  <td>{r.accuracy === null ? '–' : `${(r.accuracy * 100).toFixed(1)}%`}</td>
                  <td>{statusText(t, lane.status)}</td>
                  <td>{r.wallTimeMs === null ? '–' : t.seconds((r.wallTimeMs / 1000).toFixed(1))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
