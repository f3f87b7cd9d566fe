import { useLandscapeMessages } from './messages';
import { RAMP_CSS, short } from './paint';

/** The colour ramp under a landscape, from its lowest to its highest loss, and what it measures. */
export function LossScale({ low, high }: { low: number; high: number }) {
  const t = useLandscapeMessages();
  return (
    <>
      <div className="landscape-scale">
        <span>{short(low)}</span>
        <span className="ramp" style={{ background: RAMP_CSS }} aria-hidden="true" />
        <span>{short(high)}</span>
      </div>
      <div className="subtle">{t.lossScale}</div>
    </>
  );
}
