import { useEffect, useRef } from 'react';
import type { PlaneState, PlaneStore } from '../../store/plane';
import { classColor, rgb, valueColor, writeBoundaryPixels } from './boundaryPaint';

const SIZE = 480;
const DOMAIN = 6;

type DatasetView = NonNullable<PlaneState['dataset']>;

/** The value range of a regression dataset's labels (for its colour scale); [Infinity, -Infinity] otherwise. */
function labelRange(dataset: DatasetView): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  if (dataset.task === 'regression') {
    for (const v of dataset.labels) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  return [low, high];
}

/**
 * The axes and the data points, on their own transparent canvas over the boundary's: they stay put
 * for a whole run, so a refresh of the boundary leaves them alone. (Stamping a pre-drawn point, and
 * writing the pixels by hand, were both measured slower on a cold page than these arcs.)
 */
function drawOverlay(layer: HTMLCanvasElement, dataset: DatasetView | null, showValidation: boolean): void {
  const context = layer.getContext('2d');
  if (!context) return;
  context.clearRect(0, 0, SIZE, SIZE);
  if (!dataset || dataset.points.length === 0) return;
  const [low, high] = labelRange(dataset);

  // Faint axes through the origin, for orientation.
  context.strokeStyle = 'rgba(29, 39, 51, 0.15)';
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(SIZE / 2, 0);
  context.lineTo(SIZE / 2, SIZE);
  context.moveTo(0, SIZE / 2);
  context.lineTo(SIZE, SIZE / 2);
  context.stroke();

  const toCanvas = (x: number) => ((x + DOMAIN) / (2 * DOMAIN)) * SIZE;
  const pointColor = (index: number) =>
    dataset.task === 'classification'
      ? classColor(dataset.labels[index]!)
      : valueColor(dataset.labels[index]!, low, high);
  for (const index of dataset.trainIndices) {
    context.beginPath();
    context.arc(
      toCanvas(dataset.points[2 * index]!),
      toCanvas(-dataset.points[2 * index + 1]!),
      4,
      0,
      2 * Math.PI,
    );
    context.fillStyle = rgb(pointColor(index));
    context.fill();
    context.strokeStyle = '#fff';
    context.lineWidth = 1;
    context.stroke();
  }
  // Validation points hollow, so held-out data reads apart from what the network trained on.
  for (const index of showValidation ? dataset.validationIndices : []) {
    context.beginPath();
    context.arc(
      toCanvas(dataset.points[2 * index]!),
      toCanvas(-dataset.points[2 * index + 1]!),
      4,
      0,
      2 * Math.PI,
    );
    context.fillStyle = '#fff';
    context.fill();
    context.strokeStyle = rgb(pointColor(index));
    context.lineWidth = 2;
    context.stroke();
  }
}

/** The pixels of the boundary's last picture, reused from refresh to refresh. */
interface Scratch {
  image: ImageData | null;
  overlayOf: DatasetView | null | undefined;
}

/** How the picture is drawn: held-out points shown or not, the output smooth or in hard classes. */
export interface BoundaryLook {
  showValidation: boolean;
  discretize: boolean;
}

/**
 * The boundary at the network's own resolution (48×48 by default), on a canvas that the page's
 * styles stretch over the picture: the browser smooths it as it composites, off the main thread,
 * where scaling it up on the canvas itself cost each refresh a 480×480 resample (and the first one
 * a cold start of 30 ms, 120 ms on Lighthouse's phone).
 */
function paintGrid(
  grid: HTMLCanvasElement,
  scratch: Scratch,
  { dataset, boundary }: PlaneState,
  look: BoundaryLook,
) {
  if (!dataset || dataset.points.length === 0 || !boundary) {
    // Nothing to show yet: an empty pixel (setting a canvas's size clears it) over the white box.
    grid.width = grid.height = 1;
    return;
  }
  const [low, high] = labelRange(dataset);
  const n = boundary.resolution;
  if (grid.width !== n) grid.width = n;
  if (grid.height !== n) grid.height = n;
  const context = grid.getContext('2d');
  if (!context) return;
  // One pixel buffer per resolution, reused: a dozen refreshes a second need no fresh one each.
  if (scratch.image?.width !== n) scratch.image = context.createImageData(n, n);
  const image = scratch.image;
  writeBoundaryPixels(image.data, boundary.values, n * n, boundary.outputs, low, high, look.discretize);
  context.putImageData(image, 0, 0);
}

function paint(
  grid: HTMLCanvasElement,
  overlay: HTMLCanvasElement,
  scratch: Scratch,
  state: PlaneState,
  look: BoundaryLook,
) {
  paintGrid(grid, scratch, state, look);
  if (scratch.overlayOf !== state.dataset) {
    drawOverlay(overlay, state.dataset, look.showValidation);
    scratch.overlayOf = state.dataset;
  }
}

export interface BoundaryCanvasProps {
  store: PlaneStore;
  /** The picture's accessible description. */
  label: string;
  /** Draw the validation points (hollow); on unless told. */
  showValidation?: boolean;
  /** Colour each cell by its most likely class instead of by confidence. */
  discretize?: boolean;
}

/**
 * The network's output over the plane with the data on top. It repaints from a store
 * subscription, not from React renders: ten repaints a second cost no reconciliation.
 */
export function BoundaryCanvas({
  store,
  label,
  showValidation = true,
  discretize = false,
}: BoundaryCanvasProps) {
  const gridRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const look: BoundaryLook = { showValidation, discretize };
    const [grid, overlay] = [gridRef.current, overlayRef.current];
    if (!grid || !overlay) return;
    const scratch: Scratch = { image: null, overlayOf: undefined };
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        paint(grid, overlay, scratch, store.getState(), look);
      });
    };
    paintGrid(grid, scratch, store.getState(), look);
    // The points in a task of their own: a canvas's first drawing is its slowest (a cold 2D
    // context, 20 ms on a 2-core machine), and the commit that made the canvas needn't wait for it.
    const first = setTimeout(() => paint(grid, overlay, scratch, store.getState(), look));
    const unsubscribe = store.subscribe(schedule);
    return () => {
      unsubscribe();
      clearTimeout(first);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [store, showValidation, discretize]);
  return (
    <div className="boundary-canvas" role="img" aria-label={label}>
      <canvas ref={gridRef} className="boundary-grid" width={1} height={1} />
      <canvas ref={overlayRef} className="boundary-points" width={SIZE} height={SIZE} />
    </div>
  );
}
