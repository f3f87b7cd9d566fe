/**
 * The diagram's picture, one canvas for every heatmap and every line: a refresh writes the
 * neurons' pictures into one pixel buffer, hands it over once and redraws one canvas, where ~50
 * canvases and ~350 SVG lines each restyled cost the page's compositor a layer update apiece a dozen
 * times a second. The neurons stay buttons of their own on top (focus, names, hover); the lines
 * take no focus (the keyboard reaches weights through their neurons).
 */
import { largestWeight, lineStyle, type NetworkSnapshot } from '../../core/netview/view';
import type { Geometry, PlacedNode } from './geometry';
import { asPixels } from './names';
import {
  NEGATIVE,
  POSITIVE,
  weightImageSide,
  writeHeatmap,
  writeMean,
  writeWeightImage,
  type Tile,
} from './paint';

/** How a node's tile is drawn: a heatmap smoothed as a stretched image is, a weight image in pixels. */
type TileKind = 'heatmap' | 'pixels' | 'mean';

interface Slot {
  placed: PlacedNode;
  kind: TileKind;
  /** The picture's side in pixels. */
  side: number;
}

export interface DiagramPainter {
  /**
   * Takes a snapshot's pictures and line styles; true when anything the canvas shows changed
   * (a settled network repaints nothing).
   */
  update(snapshot: NetworkSnapshot, limit: number): boolean;
  /** Draws the lines (the one at `highlight` on top, in ink) and the neurons' pictures. */
  draw(highlight: number | null): void;
}

/** The border neurons have (their buttons draw it): pictures go inside. */
const BORDER = 1;
const CORNER = 3;

export function createDiagramPainter(
  canvas: HTMLCanvasElement,
  geometry: Geometry,
  maxWidth: number,
): DiagramPainter | null {
  const context = canvas.getContext('2d');
  // The atlas: every neuron's picture in one buffer, one tile under the other.
  const atlas = document.createElement('canvas');
  const atlasContext = atlas.getContext('2d');
  if (!context || !atlasContext) return null;
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  canvas.width = Math.round(geometry.width * ratio);
  canvas.height = Math.round(geometry.height * ratio);
  const ink = getComputedStyle(canvas).getPropertyValue('--ink').trim() || '#1f2a36';
  const slots: Slot[] = [];
  let tileSize = 1;
  let image: ImageData | null = null;
  let laidOutFor = '';
  // Each line's look as last taken: sign, then its width step (width and opacity follow it).
  const looks = new Float32Array(geometry.lines.length * 3);
  looks.fill(NaN);

  const layoutSlots = (snapshot: NetworkSnapshot, limit: number) => {
    const pixels = asPixels(snapshot, limit);
    const side = pixels ? weightImageSide(geometry.layout) : 1;
    slots.length = 0;
    for (const placed of geometry.nodes) {
      if (placed.kind === 'pixels') continue;
      if (pixels && placed.layer === 1 && placed.layer < snapshot.sizes.length - 1)
        slots.push({ placed, kind: 'pixels', side });
      else if (snapshot.resolution > 0) slots.push({ placed, kind: 'heatmap', side: snapshot.resolution });
      else slots.push({ placed, kind: 'mean', side: 1 });
    }
    tileSize = Math.max(1, ...slots.map((s) => s.side));
    atlas.width = tileSize;
    atlas.height = tileSize * Math.max(1, slots.length);
    image = atlasContext.createImageData(atlas.width, atlas.height);
  };

  return {
    update(snapshot, limit) {
      const key = `${snapshot.resolution}|${asPixels(snapshot, limit)}`;
      if (!image || key !== laidOutFor) {
        layoutSlots(snapshot, limit);
        laidOutFor = key;
      }
      const data = image!.data;
      let changed = false;
      slots.forEach((slot, i) => {
        const tile: Tile = { data, base: i * tileSize * tileSize, stride: tileSize };
        const { placed } = slot;
        if (slot.kind === 'pixels')
          changed = writeWeightImage(tile, snapshot, geometry.layout, placed.unit) || changed;
        else if (slot.kind === 'heatmap') changed = writeHeatmap(tile, snapshot, placed.node) || changed;
        else changed = writeMean(tile, snapshot, placed.node) || changed;
      });
      if (changed) atlasContext.putImageData(image!, 0, 0);
      const largest = largestWeight(snapshot.parameters, geometry.layout);
      geometry.lines.forEach((line, i) => {
        const style = lineStyle(snapshot.parameters[line.index] ?? 0, largest, maxWidth);
        const sign = style.positive ? 1 : 0;
        if (looks[3 * i] === sign && looks[3 * i + 1] === style.width) return;
        looks[3 * i] = sign;
        looks[3 * i + 1] = style.width;
        looks[3 * i + 2] = style.opacity;
        changed = true;
      });
      return changed;
    },

    draw(highlight) {
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.clearRect(0, 0, geometry.width, geometry.height);
      context.lineCap = 'butt';
      let top = -1;
      geometry.lines.forEach((line, i) => {
        if (Number.isNaN(looks[3 * i]!)) return;
        if (line.index === highlight) top = i;
        context.globalAlpha = looks[3 * i + 2]!;
        context.strokeStyle = looks[3 * i] === 1 ? POSITIVE : NEGATIVE;
        context.lineWidth = looks[3 * i + 1]!;
        context.beginPath();
        context.moveTo(line.x1, line.y1);
        context.lineTo(line.x2, line.y2);
        context.stroke();
      });
      if (top >= 0) {
        const line = geometry.lines[top]!;
        context.globalAlpha = 1;
        context.strokeStyle = ink;
        context.lineWidth = Math.max(2, looks[3 * top + 1]!);
        context.beginPath();
        context.moveTo(line.x1, line.y1);
        context.lineTo(line.x2, line.y2);
        context.stroke();
      }
      context.globalAlpha = 1;
      const inner = geometry.node - 2 * BORDER;
      slots.forEach((slot, i) => {
        const x = slot.placed.x + BORDER;
        const y = slot.placed.y + BORDER;
        context.save();
        context.beginPath();
        context.roundRect(x, y, inner, inner, CORNER);
        context.clip();
        context.imageSmoothingEnabled = slot.kind === 'heatmap';
        context.drawImage(atlas, 0, i * tileSize, slot.side, slot.side, x, y, inner, inner);
        context.restore();
      });
    },
  };
}
