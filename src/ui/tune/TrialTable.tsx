import { useState } from 'react';
import { useLanguage } from '../../i18n';
import { paramLabel } from './format';
import { formatNumber } from '../../core/config/schema';
import { bestTrial, type Trial } from '../../core/tune/tuners';
import type { RaceLane } from '../../store/tune';
import { useTuneMessages } from './messages';
import { raceSpace, tunerColor } from './race';
import { playgroundLink } from './session';

/** Five significant digits: enough to tell trials apart, short enough for a table. */
function short(value: number): string {
  return formatNumber(Number(value.toPrecision(5)));
}

type Column = 'tuner' | 'number' | 'value' | 'state' | 'epochs' | 'time' | `param:${string}`;

interface Row {
  tuner: string;
  tunerIndex: number;
  trial: Trial;
  best: boolean;
}

function sortValue(row: Row, column: Column): number | string {
  if (column === 'tuner') return row.tunerIndex;
  if (column === 'number') return row.trial.number;
  if (column === 'value') return row.trial.value ?? Infinity;
  if (column === 'state') return row.trial.state;
  if (column === 'epochs') return row.trial.epochs ?? -1;
  if (column === 'time') return row.trial.durationMs ?? -1;
  const value = row.trial.params[column.slice(6)];
  return typeof value === 'number' ? value : String(value);
}

/** Every trial of every tuner; sortable by any column; each tuner's best is marked. */
export function TrialTable({ lanes, objective }: { lanes: readonly RaceLane[]; objective: string }) {
  const t = useTuneMessages();
  const [sort, setSort] = useState<{ column: Column; ascending: boolean }>({
    column: 'value',
    ascending: true,
  });
  const language = useLanguage((s) => s.language);
  const space = raceSpace(objective);
  const names = Object.keys(space);
  // Instant objectives take microseconds per trial; a column of "0 ms" says nothing.
  const timed = objective === 'network';
  const rows: Row[] = lanes.flatMap((lane, tunerIndex) => {
    const best = bestTrial(lane.trials);
    return lane.trials.map((trial) => ({
      tuner: t.tunerName(lane.tuner),
      tunerIndex,
      trial,
      best: best?.number === trial.number,
    }));
  });
  rows.sort((a, b) => {
    const x = sortValue(a, sort.column);
    const y = sortValue(b, sort.column);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return (
      (sort.ascending ? order : -order) || a.tunerIndex - b.tunerIndex || a.trial.number - b.trial.number
    );
  });
  const header = (column: Column, label: string) => {
    const active = sort.column === column;
    return (
      <th
        key={column}
        scope="col"
        aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
      >
        <button
          type="button"
          className="sort"
          aria-label={t.sortBy(label)}
          onClick={() => setSort({ column, ascending: active ? !sort.ascending : true })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };
  if (rows.length === 0) return <p className="hint">{t.noTrials}</p>;
  return (
    <section className="card tune-table" aria-labelledby="tune-table-title">
      <h2 id="tune-table-title">{t.table}</h2>
      {!timed && <p className="hint">{t.timeHidden}</p>}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {header('tuner', t.tuner)}
              {header('number', t.number)}
              {header('value', t.value)}
              {header('state', t.state)}
              {header('epochs', t.epochs)}
              {timed && header('time', t.time)}
              {names.map((name) => header(`param:${name}`, paramLabel(name, language)))}
              <th scope="col">{t.open}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={`${row.tunerIndex}-${row.trial.number}`}
                className={row.best ? 'best' : undefined}
                aria-label={row.best ? t.bestOf(row.tuner) : undefined}
              >
                <td>
                  <span
                    className="swatch"
                    style={{ background: tunerColor(row.tunerIndex) }}
                    aria-hidden="true"
                  />{' '}
                  {row.tuner}
                  {row.best && <strong className="best-mark"> ★ {t.best}</strong>}
                </td>
                <td>{row.trial.number}</td>
                <td>{row.trial.value === null ? '–' : short(row.trial.value)}</td>
                <td title={row.trial.reason ? t.trialReason(row.trial.reason) : row.trial.message}>
                  {t.trialState(row.trial.state)}
                </td>
                <td>{row.trial.epochs ?? '–'}</td>
                {timed && (
                  <td>
                    {row.trial.durationMs === undefined ? '–' : `${Math.round(row.trial.durationMs)} ms`}
                  </td>
                )}
                {names.map((name) => {
                  const value = row.trial.params[name];
                  return <td key={name}>{typeof value === 'number' ? short(value) : String(value)}</td>;
                })}
                <td>
                  {objective === 'network' ? (
                    <a href={playgroundLink(row.trial.params)}>{t.openInPlayground}</a>
                  ) : (
                    t.notNetwork
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
