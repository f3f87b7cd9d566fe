import { useEffect } from 'react';
import type { ExplainObjective } from '../../core/tune/explain';
import { useTune, type GpViewState } from '../../store/tune';
import { ChartSuspense, lazyChart, WhenNear } from '../charts/lazy';
import { formatTick } from './format';
import { useTuneMessages } from './messages';
import { showGp } from './session';

const MAX_OBSERVATIONS = 30;

const GpCharts = lazyChart(() => import('./GpCharts').then((module) => module.GpCharts));

/** About the charts' heights, held while they load: the posterior and acquisition curves with their captions, or a row of maps. */
const CURVES_HEIGHT = 'calc(400px + 2 * (var(--space-3) + 1.5rem))';
const MAPS_HEIGHT = '22rem';

/** The Bayesian tuner's model, step by step: 1-D curves with a ±2σ band, or 2-D maps. */
export function GpView() {
  const t = useTuneMessages();
  const gp = useTune((s) => s.gp);
  const seed = useTune((s) => s.settings.seed);

  useEffect(() => {
    void showGp(gp.objective, gp.observations);
    // The view follows the race's seed, so the picture matches the race's Bayesian tuner.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seed]);

  const step = (delta: number) =>
    void showGp(gp.objective, Math.max(2, Math.min(MAX_OBSERVATIONS, gp.observations + delta)));
  const change = (options: Partial<Pick<GpViewState, 'kernel' | 'acquisition' | 'kappa' | 'lengthScale'>>) =>
    void showGp(gp.objective, gp.observations, options);
  const fitted = gp.view?.hyperparameters;
  const sliderValue = gp.lengthScale ?? fitted?.lengthScales[0] ?? 0.3;
  // The slider moves in log space: length scales from 0.02 to 2 of the unit range.
  const sliderPosition = Math.round(((Math.log10(sliderValue) + 1.7) / 2) * 100);
  return (
    <section className="card tune-gp" aria-labelledby="tune-gp-title">
      <h2 id="tune-gp-title">{t.gpTitle}</h2>
      <p className="hint">{t.gpIntro}</p>
      <div className="toolbar">
        <label>
          {t.gpObjective}
          <select
            value={gp.objective}
            onChange={(e) => void showGp(e.target.value as ExplainObjective, gp.observations)}
          >
            <option value="lr-curve">{t.gp1d}</option>
            <option value="branin">{t.gp2d}</option>
          </select>
        </label>
        <label>
          {t.gpKernel}
          <select
            value={gp.kernel}
            onChange={(e) => change({ kernel: e.target.value as GpViewState['kernel'] })}
          >
            {(['rbf', 'matern32', 'matern52'] as const).map((kernel) => (
              <option key={kernel} value={kernel}>
                {t.kernelName(kernel)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.gpAcquisitionKind}
          <select
            value={gp.acquisition}
            onChange={(e) => change({ acquisition: e.target.value as GpViewState['acquisition'] })}
          >
            {(['ei', 'pi', 'lcb'] as const).map((kind) => (
              <option key={kind} value={kind}>
                {t.acquisitionName(kind)}
              </option>
            ))}
          </select>
        </label>
        {gp.acquisition === 'lcb' && (
          <label>
            {t.kappa}
            <input
              type="number"
              min={0}
              max={10}
              step={0.5}
              value={gp.kappa}
              onChange={(e) => {
                const kappa = Number(e.target.value);
                if (Number.isFinite(kappa) && kappa >= 0 && kappa <= 10) change({ kappa });
              }}
            />
          </label>
        )}
      </div>
      <div className="toolbar">
        <label className="inline-check">
          <input
            type="checkbox"
            checked={gp.lengthScale !== null}
            onChange={(e) =>
              change({ lengthScale: e.target.checked ? Number(sliderValue.toPrecision(2)) : null })
            }
          />
          {t.gpFixed}
        </label>
        {gp.lengthScale !== null && (
          <label className="gp-slider">
            {t.lengthScale}
            <input
              type="range"
              min={0}
              max={100}
              step={1}
              value={sliderPosition}
              aria-valuetext={formatTick(gp.lengthScale)}
              onChange={(e) =>
                change({
                  lengthScale: Number((10 ** ((Number(e.target.value) / 100) * 2 - 1.7)).toPrecision(2)),
                })
              }
            />
            <output>{formatTick(gp.lengthScale)}</output>
          </label>
        )}
      </div>
      {fitted && (
        <p className="hint gp-hyper" role="status">
          {t.gpFitted(
            fitted.lengthScales.map(formatTick).join(', '),
            formatTick(fitted.signalVariance),
            formatTick(fitted.noiseVariance),
          )}
          {gp.view?.fixed && ` · ${t.gpFixedNote}`}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="button" onClick={() => step(-1)} disabled={gp.observations <= 2}>
          {t.previousStep}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => step(1)}
          disabled={gp.observations >= MAX_OBSERVATIONS}
        >
          {t.nextStep}
        </button>
        <span role="status">
          {t.observations}: <output>{gp.observations}</output>
          {gp.loading && <span className="hint"> · {t.loading}</span>}
        </span>
      </div>
      {gp.error && <p role="alert">{gp.error}</p>}
      {gp.view && (
        <WhenNear height={gp.view.dimensions === 1 ? CURVES_HEIGHT : MAPS_HEIGHT}>
          <ChartSuspense height={gp.view.dimensions === 1 ? CURVES_HEIGHT : MAPS_HEIGHT}>
            <GpCharts view={gp.view} />
          </ChartSuspense>
        </WhenNear>
      )}
    </section>
  );
}
