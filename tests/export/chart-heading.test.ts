import { describe, expect, test } from 'vitest';
import { chartHeaderSvg } from '../../src/ui/history/download';

describe('the heading of an exported chart', () => {
  test('holds the title and a key entry per curve, in order, with its colour', () => {
    const svg = chartHeaderSvg({
      title: 'Loss: spiral · 16-16 tanh',
      keys: [
        { label: 'training loss', color: '#1f3a5f' },
        { label: 'validation loss', color: '#e8590c' },
        { label: 'gap', color: 'rgb(200, 200, 200)', band: true },
      ],
    });
    expect(svg).toContain('>Loss: spiral · 16-16 tanh</text>');
    const labels = [...svg.matchAll(/font-size="12"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(['training loss', 'validation loss', 'gap']);
    expect(svg).toMatch(/<line [^>]*stroke="#1f3a5f"/);
    expect(svg).toMatch(/<line [^>]*stroke="#e8590c"/);
    expect(svg).toMatch(/<rect [^>]*fill="rgb\(200, 200, 200\)"/);
    // Entries do not overlap: each starts right of the previous one's text.
    const xs = [...svg.matchAll(/<text x="(\d+)" y="39"/g)].map((m) => Number(m[1]));
    expect(xs[1]! - xs[0]!).toBeGreaterThan('training loss'.length * 6);
  });

  test('names are escaped, so any run name makes a valid file', () => {
    const svg = chartHeaderSvg({ title: 'a < b & "c"', keys: [{ label: '训练 <x>', color: 'red' }] });
    expect(svg).toContain('a &lt; b &amp; &quot;c&quot;');
    expect(svg).toContain('训练 &lt;x&gt;');
  });
});
