import { describe, expect, test } from 'vitest';
import {
  ACTIVATIONS,
  backpropagate,
  createRandom,
  crossEntropy,
  forward,
  meanSquaredError,
  networkLayout,
  tf,
  type Activation,
  type BiasMode,
} from '../../src/core';

/** The hand-written backward pass must equal TensorFlow.js' automatic differentiation. */
function compare(
  activation: Activation,
  task: 'classification' | 'regression',
  options: { dropout?: boolean; smoothing?: boolean; mode?: BiasMode } = {},
) {
  const mode = options.mode ?? 'fold';
  const K = 3;
  const B = 5;
  const outputs = task === 'classification' ? 3 : 1;
  const layout = networkLayout(4, [6, 5], outputs);
  const random = createRandom(11);
  const values = (n: number) => Float32Array.from({ length: n }, () => random.uniform(-1, 1));
  tf.tidy(() => {
    const parameters = tf.tensor2d(values(K * layout.parameterCount), [K, layout.parameterCount]);
    const inputs = tf.tensor3d(values(K * B * 4), [K, B, 4]);
    const targets =
      task === 'classification'
        ? tf.cast(
            tf.reshape(
              tf.oneHot(
                tf.tensor1d(
                  Int32Array.from({ length: K * B }, () => random.int(outputs)),
                  'int32',
                ),
                outputs,
              ),
              [K, B, outputs],
            ),
            'float32',
          )
        : tf.tensor3d(values(K * B), [K, B, 1]);
    const masks = options.dropout
      ? layout.layers.slice(0, -1).map((slot) =>
          tf.tensor3d(
            Float32Array.from({ length: K * B * slot.outputs }, () => (random.next() < 0.3 ? 0 : 1 / 0.7)),
            [K, B, slot.outputs],
          ),
        )
      : undefined;
    const keep = options.smoothing ? tf.tensor3d([0.9, 0.8, 1], [K, 1, 1]) : undefined;
    const perClass = options.smoothing
      ? tf.tensor3d([0.1 / outputs, 0.2 / outputs, 0], [K, 1, 1])
      : undefined;

    const reference = tf.grad((p: tf.Tensor) => {
      const logits = forward(layout, activation, p as tf.Tensor2D, inputs, masks, mode);
      const perMember =
        task === 'classification'
          ? crossEntropy(logits, targets as tf.Tensor3D, keep, perClass)
          : meanSquaredError(logits, targets as tf.Tensor3D);
      return tf.sum(perMember);
    })(parameters);
    const manual = backpropagate(
      layout,
      activation,
      parameters,
      inputs,
      { task, targets: targets as tf.Tensor3D, keep, perClass },
      masks,
      mode,
    );
    const expected = reference.arraySync() as number[][];
    (manual.arraySync() as number[][]).forEach((row, k) =>
      row.forEach((g, j) => expect(g, `member ${k}, parameter ${j}`).toBeCloseTo(expected[k]![j]!, 5)),
    );
  });
}

describe('hand-written backpropagation equals autodiff', () => {
  test.each([...ACTIVATIONS])('%s, classification', (activation) => compare(activation, 'classification'));
  test.each([...ACTIVATIONS])('%s, regression', (activation) => compare(activation, 'regression'));
  test('with dropout masks and label smoothing', () =>
    compare('relu', 'classification', { dropout: true, smoothing: true }));
  test.each(['tanh', 'gelu'] as const)('%s with broadcast biases (the wasm backend’s mode)', (activation) => {
    compare(activation, 'classification', { mode: 'broadcast', dropout: true, smoothing: true });
    compare(activation, 'regression', { mode: 'broadcast' });
  });
  test('with no hidden layer', () => {
    const layout = networkLayout(2, [], 2);
    tf.tidy(() => {
      const parameters = tf.tensor2d([[0.3, -0.2, 0.5, 0.1, 0.05, -0.05]]);
      const inputs = tf.tensor3d([
        [
          [1, 2],
          [-1, 0.5],
        ],
      ]);
      const targets = tf.tensor3d([
        [
          [1, 0],
          [0, 1],
        ],
      ]);
      const reference = tf.grad((p: tf.Tensor) =>
        tf.sum(crossEntropy(forward(layout, 'tanh', p as tf.Tensor2D, inputs), targets)),
      )(parameters);
      const manual = backpropagate(layout, 'tanh', parameters, inputs, { task: 'classification', targets });
      (manual.arraySync() as number[][])[0]!.forEach((g, j) =>
        expect(g).toBeCloseTo((reference.arraySync() as number[][])[0]![j]!, 6),
      );
    });
  });
});
