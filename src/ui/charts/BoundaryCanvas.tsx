import { useEffect, useRef } from 'react';
import type { PlaneState, PlaneStore } from '../../store/plane';
import { classColor, probabilityColor, rgb, valueColor } from './boundaryPaint';

const SIZE = 480;
const DOMAIN = 6;

function paint(canvas: HTMLCanvasElement, scratch: HTMLCanvasElement, { dataset, boundary }: PlaneState): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, SIZE, SIZE);
  if (!dataset || dataset.points.length === 0) return;

  let low = Infinity;
  let high = -Infinity;
  if (dataset.task === 'regression') {
    for (const v of dataset.labels) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }

  if (boundary) {
    // Paint the grid at its own resolution, then let drawImage's smoothing scale it up: a smooth
    // picture from a 48×48 prediction, at the cost of one small ImageData.
    const n = boundary.resolution;
    scratch.width = n;
    scratch.height = n;
    const small = scratch.getContext('2d')!;
    const image = small.createImageData(n, n);
    for (let cell = 0; cell < n * n; cell++) {
      const color =
        boundary.outputs > 1 ? probabilityColor(boundary.values, cell * boundary.outputs, boundary.outputs) : valueColor(boundary.values[cell]!, low, high);
      image.data[4 * cell] = color[0];
      image.data[4 * cell + 1] = color[1];
      image.data[4 * cell + 2] = color[2];
      image.data[4 * cell + 3] = 255;
    }
    small.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(scratch, 0, 0, SIZE, SIZE);
  }

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
  const pointColor = (index: number) => (dataset.task === 'classification' ? classColor(dataset.labels[index]!) : valueColor(dataset.labels[index]!, low, high));
  for (const index of dataset.trainIndices) {
    context.beginPath();
    context.arc(toCanvas(dataset.points[2 * index]!), toCanvas(-dataset.points[2 * index + 1]!), 4, 0, 2 * Math.PI);
    context.fillStyle = rgb(pointColor(index));
    context.fill();
    context.strokeStyle = '#fff';
    context.lineWidth = 1;
    context.stroke();
  }
  // Validation points hollow, so held-out data reads apart from what the network trained on.
  for (const index of dataset.validationIndices) {
    context.beginPath();
    context.arc(toCanvas(dataset.points[2 * index]!), toCanvas(-dataset.points[2 * index + 1]!), 4, 0, 2 * Math.PI);
    context.fillStyle = '#fff';
    context.fill();
    context.strokeStyle = rgb(pointColor(index));
    context.lineWidth = 2;
    context.stroke();
  }
}

export interface BoundaryCanvasProps {
  store: PlaneStore;
  /** The picture's accessible description. */
  label: string;
}

/**
 * The network's output over the plane with the data on top. It repaints from a store
 * subscription, not from React renders: ten repaints a second cost no reconciliation.
 */
export function BoundaryCanvas({ store, label }: BoundaryCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const scratch = document.createElement('canvas');
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        paint(canvas, scratch, store.getState());
      });
    };
    paint(canvas, scratch, store.getState());
    const unsubscribe = store.subscribe(schedule);
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [store]);
  return <canvas ref={canvasRef} className="boundary-canvas" width={SIZE} height={SIZE} role="img" aria-label={label} />;
}
