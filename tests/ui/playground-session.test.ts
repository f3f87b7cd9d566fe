import { beforeAll, describe, expect, test } from 'vitest';
import { useExperiment, setParameter } from '../../src/store/experiment';
import { useRun } from '../../src/store/run';
import { pause, play, step } from '../../src/ui/playground/session';
import { summaryText } from '../../src/ui/playground/statusText';
import { completed, FakeTrainer, settle, startFakeSession } from './fake-trainer';

let worker: FakeTrainer;
const phase = () => useRun.getState().phase;

beforeAll(async () => {
  worker = await startFakeSession();
});

describe('the playground session', () => {
  test('play, pause and step reach the worker, and the run bar follows its events', async () => {
    expect(phase()).toBe('ready');
    play();
    await settle();
    expect(phase()).toBe('training');
    worker.epoch();
    await settle();
    expect(useRun.getState().latest?.epoch).toBe(1);
    pause();
    await settle();
    expect(phase()).toBe('paused');
    step();
    await settle();
    expect(useRun.getState().latest?.epoch).toBe(2);
    expect(worker.calls.filter((c) => !c.startsWith('weights'))).toEqual(['load 1', 'play', 'pause', 'step']);
  });

  test('a hot change updates the running network; a new architecture restarts it and says why', async () => {
    setParameter('learningRate', 0.1);
    await settle();
    expect(worker.calls.at(-1)).toBe('update 0 {"learningRate":0.1}');
    expect(worker.calls.filter((c) => c.startsWith('load'))).toHaveLength(1);

    setParameter('hiddenLayers', [3]);
    await settle();
    await settle();
    expect(worker.calls.filter((c) => c.startsWith('load'))).toHaveLength(2);
    expect(useRun.getState().restartedFor).toEqual(['hiddenLayers']);
    expect(useExperiment.getState().config.hiddenLayers).toEqual([3]);
  });

  test('a run that ends shows why in the reader’s language', async () => {
    play();
    await settle();
    worker.members[0]!.config = { ...worker.members[0]!.config, epochs: 1 };
    worker.epoch();
    await settle();
    const run = useRun.getState();
    expect(run.phase).toBe('ended');
    expect(run.summary).toEqual(completed(1));
    expect(summaryText(run.summary!, 'en')).toBe('Completed 1 epochs.');
    expect(summaryText(run.summary!, 'zh')).toBe('已完成 1 轮训练。');
  });
});
