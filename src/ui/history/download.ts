/**
 * Files leave the browser as downloads made here: text files, and charts as SVG or PNG. No server
 * is involved, so this works on a static host and offline.
 */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the URL only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  downloadBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }));
}

/** A file-system-safe name from a run's name: "spiral · 16-16 tanh" → "spiral-16-16-tanh". */
export function fileStem(name: string): string {
  const stem = name
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return stem || 'tunelab';
}

/** One entry of a chart's key: a line (or, with `band`, a shaded area) of `color`, and its name. */
export interface ChartKey {
  label: string;
  color: string;
  band?: boolean;
}

export interface ChartHeading {
  title: string;
  keys: readonly ChartKey[];
}

/** Height of the title and key written above an exported chart. */
export const CHART_HEADER_HEIGHT = 48;

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** Rough text width at 12px: the page's legend is HTML, so the file gets its own layout. */
const textWidth = (text: string) => [...text].reduce((w, c) => w + (c.codePointAt(0)! > 0x2e80 ? 12 : 7), 0);

/**
 * The title and the key as SVG markup for the band above an exported chart: on a slide the page's
 * HTML legend is gone, and without it train and validation cannot be told apart.
 */
export function chartHeaderSvg(heading: ChartHeading): string {
  let x = 12;
  const keys = heading.keys.map((key) => {
    const swatch = key.band
      ? `<rect x="${x}" y="30" width="18" height="10" fill="${escapeXml(key.color)}" fill-opacity="0.35"/>`
      : `<line x1="${x}" y1="35" x2="${x + 18}" y2="35" stroke="${escapeXml(key.color)}" stroke-width="3"/>`;
    const label = `<text x="${x + 24}" y="39" font-size="12" fill="#1f2933">${escapeXml(key.label)}</text>`;
    x += 24 + textWidth(key.label) + 18;
    return swatch + label;
  });
  return `<g class="chart-heading"><text x="12" y="18" font-size="14" font-weight="600" fill="#1f2933">${escapeXml(heading.title)}</text>${keys.join('')}</g>`;
}

/**
 * A chart's SVG as a standalone file: CSS variables resolved, a white background and the font
 * the page uses written in, so it looks the same in an editor or a slide; with a heading, its
 * title and key above the plot. Returns the file's text and its size.
 */
export function standaloneSvg(
  svg: SVGSVGElement,
  heading?: ChartHeading,
): { text: string; width: number; height: number } {
  const ns = 'http://www.w3.org/2000/svg';
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width);
  const top = heading ? CHART_HEADER_HEIGHT : 0;
  const height = Math.round(box.height) + top;
  clone.setAttribute('xmlns', ns);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  if (heading) {
    const plot = document.createElementNS(ns, 'g');
    plot.setAttribute('transform', `translate(0 ${top})`);
    while (clone.firstChild) plot.append(clone.firstChild);
    clone.append(plot);
    const parsed = new DOMParser().parseFromString(
      `<svg xmlns="${ns}">${chartHeaderSvg(heading)}</svg>`,
      'image/svg+xml',
    );
    clone.append(document.importNode(parsed.documentElement.firstElementChild!, true));
  }
  clone.setAttribute('font-family', getComputedStyle(svg).fontFamily || 'sans-serif');
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  clone.insertBefore(background, clone.firstChild);
  const root = getComputedStyle(document.documentElement);
  const text = new XMLSerializer()
    .serializeToString(clone)
    .replace(/var\((--[\w-]+)\)/g, (_, name: string) => root.getPropertyValue(name).trim() || '#000');
  return { text, width, height };
}

export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d')!;
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the chart could not be drawn'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
