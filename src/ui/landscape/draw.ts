/**
 * Draws a loss landscape on a canvas: the heatmap, its axes with ticks, and one or more paths over
 * it. The playground draws one path, the lessons one per lane on a shared plane.
 */
import { formatNumber } from '../../core/config/schema';
import type { PlanePoint } from '../../core/landscape/plane';
import { niceTicks, rampColor } from './paint';

export const LANDSCAPE_SIZE = 340;
const MARGIN = { left: 48, bottom: 36, top: 10, right: 10 };

export interface Surface {
  xs: readonly number[];
  ys: readonly number[];
  /** Row by row: losses[j · xs.length + i] is at (xs[i], ys[j]). */
  losses: readonly number[];
}

export interface DrawnPath {
  points: readonly PlanePoint[];
  /** The line's colour; white (on a dark casing) for the playground's one path. */
  colour: string;
  /** A canvas dash pattern, so lanes differ by more than colour. */
  dash?: readonly number[];
  /** Where the path ends is marked with a dot of its colour. */
  markEnd?: boolean;
}

/**
 * Paints `surface` with `paths` over it. Every path's first point gets a hollow ring (the lanes of
 * a lesson share it); the origin gets a red dot when `markOrigin` (the playground's current weights).
 */
export function paintLandscape(
  element: HTMLCanvasElement,
  surface: Surface,
  paths: readonly DrawnPath[],
  colourOf: (loss: number) => number,
  labels: { axis1: string; axis2: string },
  markOrigin: boolean,
): void {
  const SIZE = LANDSCAPE_SIZE;
  const ratio = globalThis.devicePixelRatio || 1;
  element.width = SIZE * ratio;
  element.height = SIZE * ratio;
  const context = element.getContext('2d');
  if (!context) return;
  context.scale(ratio, ratio);
  const { xs, ys, losses } = surface;
  const plotWidth = SIZE - MARGIN.left - MARGIN.right;
  const plotHeight = SIZE - MARGIN.top - MARGIN.bottom;
  const x0 = xs[0]!;
  const x1 = xs.at(-1)!;
  const y0 = ys[0]!;
  const y1 = ys.at(-1)!;
  const px = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * plotWidth;
  const py = (y: number) => MARGIN.top + (1 - (y - y0) / (y1 - y0)) * plotHeight;

  // The grid as pixels (row 0 of the image is the top, the largest y), scaled up smoothly.
  const cells = document.createElement('canvas');
  cells.width = xs.length;
  cells.height = ys.length;
  const cellContext = cells.getContext('2d');
  if (!cellContext) return;
  const image = cellContext.createImageData(xs.length, ys.length);
  for (let j = 0; j < ys.length; j++)
    for (let i = 0; i < xs.length; i++) {
      const [r, g, b] = rampColor(colourOf(losses[j * xs.length + i]!));
      const at = 4 * ((ys.length - 1 - j) * xs.length + i);
      image.data[at] = r;
      image.data[at + 1] = g;
      image.data[at + 2] = b;
      image.data[at + 3] = 255;
    }
  cellContext.putImageData(image, 0, 0);
  context.clearRect(0, 0, SIZE, SIZE);
  context.imageSmoothingEnabled = true;
  context.drawImage(cells, MARGIN.left, MARGIN.top, plotWidth, plotHeight);

  context.fillStyle = '#1d2733';
  context.strokeStyle = '#1d2733';
  context.font = '11px system-ui, sans-serif';
  context.lineWidth = 1;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (const tick of niceTicks(x0, x1)) {
    const x = px(tick);
    context.beginPath();
    context.moveTo(x, MARGIN.top + plotHeight);
    context.lineTo(x, MARGIN.top + plotHeight + 4);
    context.stroke();
    context.fillText(formatNumber(tick), x, MARGIN.top + plotHeight + 6);
  }
  context.fillText(labels.axis1, MARGIN.left + plotWidth / 2, SIZE - 14);
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (const tick of niceTicks(y0, y1)) {
    const y = py(tick);
    context.beginPath();
    context.moveTo(MARGIN.left - 4, y);
    context.lineTo(MARGIN.left, y);
    context.stroke();
    context.fillText(formatNumber(tick), MARGIN.left - 6, y);
  }
  context.save();
  context.translate(11, MARGIN.top + plotHeight / 2);
  context.rotate(-Math.PI / 2);
  context.textAlign = 'center';
  context.fillText(labels.axis2, 0, 0);
  context.restore();
  context.strokeRect(MARGIN.left, MARGIN.top, plotWidth, plotHeight);

  context.save();
  context.beginPath();
  context.rect(MARGIN.left, MARGIN.top, plotWidth, plotHeight);
  context.clip();
  const trace = (points: readonly PlanePoint[]) => {
    context.beginPath();
    points.forEach((p, i) => (i === 0 ? context.moveTo(px(p.x), py(p.y)) : context.lineTo(px(p.x), py(p.y))));
  };
  for (const path of paths) {
    // A casing under the line makes it read on every colour of the ramp: dark under white, white under colour.
    const white = path.colour.toLowerCase() === '#ffffff';
    trace(path.points);
    context.setLineDash([]);
    context.lineWidth = white ? 3.5 : 4.5;
    context.strokeStyle = white ? 'rgba(0,0,0,0.55)' : 'rgba(255,255,255,0.7)';
    context.stroke();
    if (path.dash && path.dash.length > 0) {
      // The dash's gaps show the lane's colour, paler, rather than the white casing.
      trace(path.points);
      context.globalAlpha = 0.45;
      context.lineWidth = 2.5;
      context.strokeStyle = path.colour;
      context.stroke();
      context.globalAlpha = 1;
    }
    trace(path.points);
    context.setLineDash(path.dash ? [...path.dash] : []);
    context.lineWidth = white ? 1.6 : 2.5;
    context.strokeStyle = path.colour;
    context.stroke();
    context.setLineDash([]);
  }
  const starts = new Set<string>();
  for (const path of paths) {
    const start = path.points[0];
    if (!start || starts.has(`${start.x},${start.y}`)) continue;
    starts.add(`${start.x},${start.y}`);
    context.beginPath();
    context.arc(px(start.x), py(start.y), 4.5, 0, 2 * Math.PI);
    context.lineWidth = 2;
    context.strokeStyle = '#ffffff';
    context.stroke();
  }
  for (const path of paths) {
    const end = path.points.at(-1);
    if (!path.markEnd || !end) continue;
    context.beginPath();
    context.arc(px(end.x), py(end.y), 4.5, 0, 2 * Math.PI);
    context.fillStyle = path.colour;
    context.fill();
    context.lineWidth = 1.5;
    context.strokeStyle = '#ffffff';
    context.stroke();
  }
  if (markOrigin) {
    context.beginPath();
    context.arc(px(0), py(0), 5, 0, 2 * Math.PI);
    context.fillStyle = 'rgb(201,42,42)';
    context.fill();
    context.lineWidth = 2;
    context.strokeStyle = '#ffffff';
    context.stroke();
  }
  context.restore();
}
