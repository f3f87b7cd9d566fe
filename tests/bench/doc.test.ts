import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { epochFromStatus } from '../../bench/browser-bench';
import {
  BEGIN,
  END,
  previousTunerSection,
  renderMeasured,
  targetLines,
  updateDocument,
} from '../../bench/doc';
import type { Machine } from '../../bench/node';
import type { Row } from '../../bench/report';

const machine: Machine = {
  cores: 2,
  cpu: 'test CPU',
  node: 'v20',
  platform: 'Linux',
  loadAverage: [1, 1, 1],
  engineCommit: 'abc1234 (test)',
};
const row = (
  figure: string,
  engine: string,
  value: number,
  ratio: number | null,
  environment: Row['environment'] = 'Node',
): Row => ({
  environment,
  figure,
  engine,
  value,
  unit: 'epochs/s',
  ratio,
  detail: '',
});

let folder: string | undefined;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

describe('docs/benchmarks.md upkeep', () => {
  it('rewrites only the measured block: the hand-written reading around it survives a re-run', () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'bench-doc-'));
    const file = path.join(folder, 'benchmarks.md');
    writeFileSync(
      file,
      `# Title\n\nMethod by hand.\n\n${BEGIN}\nold figures\n${END}\n\n## Reading\n\nBy hand too.\n`,
    );
    const measured = renderMeasured({
      command: 'npm run bench',
      date: 'now',
      machine,
      rows: [row('population of 32', 'wasm', 600, 1.1)],
      notes: [],
      tunerSection: 'tuner table',
      durationSeconds: 1,
    });
    updateDocument(file, measured);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('Method by hand.');
    expect(text).toContain('## Reading\n\nBy hand too.');
    expect(text).not.toContain('old figures');
    expect(text).toContain('| population of 32 | wasm |');
    expect(previousTunerSection(file)).toBe('tuner table');
  });

  it('checks the speed targets against the best backend and says when a figure is missing', () => {
    const rows = [
      row('population of 32', 'cpu', 100, 0.2),
      row('population of 32', 'wasm', 600, 1.1),
      row('one network', 'cpu', 90, 0.15),
    ];
    const [node] = targetLines(rows);
    expect(node).toContain('population of 32 ≥ 1× floor: met (1.10× on wasm');
    expect(node).toContain('population of 128: not measured');
    expect(node).toContain('one network ≥ 0.1× floor: met');
  });
});

describe('reading the playground’s status readout', () => {
  it('finds the epoch in English and Chinese, and nothing where there is none', () => {
    expect(epochFromStatus('Epoch12 / 300Train loss0.41')).toBe(12);
    expect(epochFromStatus('Epoch 0 / 300')).toBe(0);
    expect(epochFromStatus('轮次37 / 300训练损失0.41')).toBe(37);
    expect(epochFromStatus('Ready to train')).toBeNull();
  });
});
