/**
 * Where a file dataset's rows lie on the plane the page draws. Apart from the CSV reader so that the
 * trainer, which draws boundaries over any dataset, does not load the CSV parser.
 */
import { DOMAIN } from '../data/datasets';

/**
 * Standardized inputs are drawn on the [-DOMAIN, DOMAIN]² plane at this scale, so ±3 standard
 * deviations fill it like the generated datasets do.
 */
export const PROJECTION_SCALE = DOMAIN / 3;

/**
 * Network inputs for plane points (interleaved x1, x2, e.g. `gridPoints(n)`) on a file dataset's
 * projection: the two projected columns from the point, every other column at its mean (0 once
 * standardized). Row-major [n, width].
 */
export function projectionInputs(
  points: Float32Array,
  width: number,
  projected: readonly [number, number],
): Float32Array {
  const n = points.length / 2;
  const out = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    out[i * width + projected[0]] = points[2 * i]! / PROJECTION_SCALE;
    out[i * width + projected[1]] = points[2 * i + 1]! / PROJECTION_SCALE;
  }
  return out;
}
