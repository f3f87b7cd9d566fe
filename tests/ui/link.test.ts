import { afterEach, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core';
import { resetClassroom } from '../../src/store/classroom';
import { initialExperiment, replaceExperiment, useExperiment } from '../../src/store/experiment';
import { useLinkIssues } from '../../src/store/link-issues';
import { openPayload, payloadOf } from '../../src/ui/playground/link';

afterEach(() => {
  resetClassroom();
  replaceExperiment(initialExperiment());
  useLinkIssues.setState({ issues: [] });
});

test('the playground link carries the experiment and its classroom settings there and back', () => {
  const state = {
    config: {
      ...DEFAULT_CONFIG,
      learningRate: 0.3,
      hiddenLayers: [4],
      features: ['x1sq' as const],
      optimizer: 'sgd' as const,
      seed: 77,
    },
    hidden: ['dropout' as const, 'l1' as const],
    locked: ['learningRate' as const],
  };
  const payload = payloadOf(state);
  replaceExperiment(initialExperiment());
  openPayload(payload);
  expect(useExperiment.getState()).toEqual(state);
  expect(useLinkIssues.getState().issues).toEqual([]);
});

test('a damaged link reports its issues and leaves a usable experiment', () => {
  openPayload('2.%%%garbage');
  expect(useLinkIssues.getState().issues.length).toBeGreaterThan(0);
  expect(useExperiment.getState().config).toEqual(DEFAULT_CONFIG);
});
