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
 * The axes and the data points, on a transparent canvas: they stay put for a whole run, so each
 * repaint copies them in one drawImage instead of redrawing a few hundred circles.
 */
function drawOverlay(layer: HTMLCanvasElement, dataset: DatasetView, showValidation: boolean): void {
  layer.width = SIZE;
  layer.height = SIZE;
  const context = layer.getContext('2d');
  if (!context) return;
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

/** Offscreen canvases a BoundaryCanvas paints through, and the dataset its overlay shows. */
interface Scratch {
  grid: HTMLCanvasElement;
  overlay: HTMLCanvasElement;
  overlayOf: DatasetView | null;
  overlayWithValidation: boolean;
  image: ImageData | null;
}

/** How the picture is drawn: held-out points shown or not, the output smooth or in hard classes. */
export interface BoundaryLook {
  showValidation: boolean;
  discretize: boolean;
}

function paint(
  canvas: HTMLCanvasElement,
  scratch: Scratch,
  { dataset, boundary }: PlaneState,
  look: BoundaryLook,
): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, SIZE, SIZE);
  if (!dataset || dataset.points.length === 0) return;

  if (boundary) {
    const [low, high] = labelRange(dataset);
    // Paint the grid at its own resolution, then let drawImage's smoothing scale it up: a smooth
    // picture from a 48×48 prediction, at the cost of one small ImageData.
    const n = boundary.resolution;
    const grid = scratch.grid;
    if (grid.width !== n) grid.width = n;
    if (grid.height !== n) grid.height = n;
    const small = grid.getContext('2d')!;
    // One pixel buffer per resolution, reused: a dozen repaints a second need no fresh one each.
    if (scratch.image?.width !== n) scratch.image = small.createImageData(n, n);
    const image = scratch.image;
    writeBoundaryPixels(image.data, boundary.values, n * n, boundary.outputs, low, high, look.discretize);
    small.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(grid, 0, 0, SIZE, SIZE);
  }

  if (scratch.overlayOf !== dataset || scratch.overlayWithValidation !== look.showValidation) {
    drawOverlay(scratch.overlay, dataset, look.showValidation);
    scratch.overlayOf = dataset;
    scratch.overlayWithValidation = look.showValidation;
  }
  context.drawImage(scratch.overlay, 0, 0);
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
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const look: BoundaryLook = { showValidation, discretize };
    const canvas = canvasRef.current;
    if (!canvas) return;
    const scratch: Scratch = {
      grid: document.createElement('canvas'),
      overlay: document.createElement('canvas'),
      overlayOf: null,
      overlayWithValidation: true,
      image: null,
    };
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        paint(canvas, scratch, store.getState(), look);
      });
    };
    paint(canvas, scratch, store.getState(), look);
    const unsubscribe = store.subscribe(schedule);
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [store, showValidation, discretize]);
  return (
    <canvas
      ref={canvasRef}
      className="boundary-canvas"
      width={SIZE}
      height={SIZE}
      role="img"
      aria-label={label}
    />
  );
}
