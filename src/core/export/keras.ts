import { toCsv } from './csv-cell';
import type { ExperimentConfig } from '../config/parameters';
import { OPTIMIZER_SPECS, type OptimizerHyperparameter } from '../config/optimizers';
import type { Dataset } from '../data/datasets';
import { featurize } from '../data/features';

/**
 * "Export to Python": a Keras 3 script that builds the same network (layers, activation, Glorot
 * weights, zero biases), trains it with the same optimizer and settings, schedule, clipping,
 * penalties, dropout and label smoothing, on the same inputs and the same train/validation split,
 * so a student can carry an experiment on in Python.
 *
 * The update is the engine's exactly (a small custom optimizer, not Keras' Adam and RMSprop, which
 * place ε differently); what cannot match bit for bit, and the script says so: Keras draws its
 * own initial weights, shuffles and dropout masks from its own generator. For a run that retraces
 * the engine number for number, see the PyTorch export (torch.ts).
 */

/** Data up to this many numbers is written into the script; more goes to a CSV beside it. */
export const EMBED_LIMIT = 40_000;
export const DATA_FILE_NAME = 'tunelab_data.csv';
export const SCRIPT_FILE_NAME = 'tunelab_experiment.py';

export interface KerasExport {
  script: string;
  /** The data as CSV (feature columns, label, split), when it was too large to embed; else null. */
  dataCsv: string | null;
  dataFileName: string;
  scriptFileName: string;
}

/** Network inputs of every example, row-major [n, width], and their column names. */
export function networkInputs(
  config: ExperimentConfig,
  dataset: Dataset,
): { values: Float32Array; width: number; names: string[] } {
  if (dataset.columns) return dataset.columns;
  return {
    values: featurize(dataset.points, config.features),
    width: config.features.length,
    names: [...config.features],
  };
}

/** Shortest text that reads back as the same float32. */
function number(value: number): string {
  if (!Number.isFinite(value)) return 'float("nan")';
  const short = Number(value.toPrecision(9));
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === Math.fround(value)) return String(candidate).replace(/^(-?)0\./, '$10.');
  }
  return String(short);
}

function python(value: number | boolean | string): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return JSON.stringify(value);
  return number(value);
}

function list(values: ArrayLike<number>, perLine: number, indent = '    '): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; i += perLine) {
    parts.push(
      indent +
        Array.from({ length: Math.min(perLine, values.length - i) }, (_, j) => number(values[i + j]!)).join(
          ', ',
        ) +
        ',',
    );
  }
  return `[\n${parts.join('\n')}\n]`;
}

/** Training rows first, in Tunelab's order, then validation rows: the file's order is the split's. */
function dataCsv(inputs: { values: Float32Array; width: number; names: string[] }, dataset: Dataset): string {
  const data: (string | number)[][] = [];
  const rows = (indices: Int32Array, split: string) => {
    for (const i of indices)
      data.push([
        ...Array.from(inputs.values.subarray(i * inputs.width, (i + 1) * inputs.width), (v) =>
          Number(number(v)),
        ),
        dataset.labels[i]!,
        split,
      ]);
  };
  rows(dataset.trainIndices, 'train');
  rows(dataset.validationIndices, 'validation');
  return toCsv([...inputs.names, 'label', 'split'], data);
}

const KERAS_ACTIVATION: Record<ExperimentConfig['activation'], string> = {
  relu: '"relu"',
  tanh: '"tanh"',
  sigmoid: '"sigmoid"',
  linear: '"linear"',
  elu: '"elu"',
  // Tunelab uses GELU's tanh approximation.
  gelu: 'lambda x: keras.activations.gelu(x, approximate=True)',
};

/** The script's name for each optimizer hyperparameter. */
const KERAS_CONSTANT: Record<OptimizerHyperparameter, string> = {
  momentum: 'MOMENTUM',
  rmsDecay: 'RMS_DECAY',
  beta1: 'BETA_1',
  beta2: 'BETA_2',
  epsilon: 'EPSILON',
};

/**
 * The engine's update rule as a Keras optimizer, exactly (src/core/train/optimizer.ts): Keras' own
 * Adam and RMSprop place ε elsewhere (Adam adds it to the uncorrected √v, RMSprop divides by
 * √(v + ε)), which at ε = 1 is a different optimizer. L1's proximal step lives here too, with the
 * engine's threshold per optimizer. tests/export/keras-update.test.ts replays these lines.
 */
function optimizerClass(config: ExperimentConfig): string[] {
  return [
    'class TunelabOptimizer(keras.optimizers.Optimizer):',
    `    """Tunelab's ${config.optimizer} update, line for line${config.l1 > 0 ? ', with its L1 proximal step' : ''}."""`,
    '',
    '    def __init__(self, learning_rate, **kwargs):',
    '        super().__init__(learning_rate=learning_rate, name="tunelab", **kwargs)',
    '',
    '    def build(self, variables):',
    '        if self.built:',
    '            return',
    '        super().build(variables)',
    '        self.first_moments = [self.add_variable_from_reference(w, "m") for w in variables]',
    '        self.second_moments = [self.add_variable_from_reference(w, "v") for w in variables]',
    '',
    '    def update_step(self, gradient, variable, learning_rate):',
    '        index = self._get_variable_index(variable)',
    '        m, v = self.first_moments[index], self.second_moments[index]',
    '        rate = ops.cast(learning_rate, variable.dtype)',
    '        g = ops.cast(gradient, variable.dtype)',
    '        step = ops.cast(self.iterations + 1, variable.dtype)',
    ...OPTIMIZER_SPECS[config.optimizer].keras,
    '        w = variable - rate * direction',
    ...(config.l1 > 0
      ? [
          '        if len(variable.shape) == 2:',
          '            # L1 as Tunelab applies it: a proximal step, w <- sign(w) * max(|w| - threshold, 0), which',
          "            # makes weights exactly zero (Keras' L1 regularizer only jitters around zero). The threshold",
          "            # is rate * L1 in the optimizer's own metric: divided by Adam's and RMSprop's preconditioner.",
          '            threshold = rate * L1 / preconditioner',
          '            w = ops.sign(w) * ops.relu(ops.abs(w) - threshold)',
        ]
      : []),
    '        self.assign(variable, w)',
    '',
    '',
  ];
}

function scheduleBody(config: ExperimentConfig): string {
  switch (config.schedule) {
    case 'constant':
      return '    return ops.convert_to_tensor(LEARNING_RATE, dtype="float32")';
    case 'step':
      return '    return LEARNING_RATE * ops.power(DECAY_FACTOR, ops.floor(progress / DECAY_EVERY))';
    case 'cosine':
      return '    # Cosine annealing to zero over the run (Loshchilov & Hutter 2017, without restarts).\n    return LEARNING_RATE * 0.5 * (1.0 + ops.cos(math.pi * ops.minimum(progress, float(EPOCHS)) / EPOCHS))';
    case 'warmup':
      return config.warmupEpochs > 0
        ? '    # Linear warm-up from ~0 (Goyal et al. 2017), then constant.\n    return LEARNING_RATE * ops.minimum(1.0, progress / WARMUP_EPOCHS)'
        : '    return ops.convert_to_tensor(LEARNING_RATE, dtype="float32")';
  }
}

export interface KerasOptions {
  /** Force the data into a CSV beside the script (true) or into the script (false); by default by size. */
  separateData?: boolean;
  /** A line naming where the experiment came from (its share link), written into the docstring. */
  source?: string;
}

export function kerasScript(
  config: ExperimentConfig,
  dataset: Dataset,
  options: KerasOptions = {},
): KerasExport {
  const inputs = networkInputs(config, dataset);
  const n = dataset.labels.length;
  const separate = options.separateData ?? inputs.values.length + n > EMBED_LIMIT;
  const classification = dataset.task === 'classification';
  const trainCount = dataset.trainIndices.length;
  const batchSize = Math.min(config.batchSize, trainCount);
  const usesSchedule = config.schedule !== 'constant';
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);

  push(
    '"""A Tunelab experiment, exported to Keras.',
    '',
    `The same network (${[inputs.width, ...config.hiddenLayers, dataset.classes].join('-')}, ${config.activation}), the same hyperparameters and`,
    'the same data and train/validation split as in Tunelab.',
    ...(options.source ? ['', `Tunelab link: ${options.source}`] : []),
    '',
    'Run it with Keras 3 (TensorFlow, JAX or PyTorch backend):',
    '    pip install "keras>=3" tensorflow numpy',
    `    python ${SCRIPT_FILE_NAME}`,
    ...(separate ? [`with ${DATA_FILE_NAME} in the same folder.`] : []),
    '',
    'Exact, as in Tunelab: the data and its split, the update rule (TunelabOptimizer below applies',
    "Tunelab's formulas, with ε where the paper and PyTorch put it, not where Keras' own Adam and RMSprop do),",
    "L1 as Tunelab's proximal step with its threshold per optimizer, L2 as λ·Σw², global-norm clipping,",
    'label smoothing and the learning-rate schedule, updated every step.',
    'Approximate: Keras draws its own initial weights, shuffling order and dropout masks (each layer',
    "with its own seed), so the curves match Tunelab's in shape and level, not number for number.",
    "Tunelab's PyTorch export retraces a run exactly.",
    '"""',
    ...(separate ? ['import csv'] : []),
    'import math',
    '',
    'import numpy as np',
    'import keras',
    'from keras import layers, ops',
    '',
    `SEED = ${config.seed}`,
    'keras.utils.set_random_seed(SEED)',
    '',
    '# Hyperparameters, as set in Tunelab.',
    `HIDDEN_LAYERS = [${config.hiddenLayers.join(', ')}]`,
    `ACTIVATION = ${KERAS_ACTIVATION[config.activation]}`,
    `OPTIMIZER = ${python(config.optimizer)}`,
    `LEARNING_RATE = ${python(config.learningRate)}`,
  );
  for (const key of OPTIMIZER_SPECS[config.optimizer].reads)
    push(`${KERAS_CONSTANT[key]} = ${python(config[key])}`);
  push(
    `SCHEDULE = ${python(config.schedule)}`,
    ...(config.schedule === 'step'
      ? [`DECAY_EVERY = ${python(config.decayEvery)}`, `DECAY_FACTOR = ${python(config.decayFactor)}`]
      : []),
    ...(config.schedule === 'warmup' ? [`WARMUP_EPOCHS = ${python(config.warmupEpochs)}`] : []),
    `DROPOUT = ${python(config.dropout)}`,
    `L1 = ${python(config.l1)}`,
    `L2 = ${python(config.l2)}`,
    `LABEL_SMOOTHING = ${python(config.labelSmoothing)}`,
    `CLIP_NORM = ${python(config.clipNorm)}  # 0 = off; a global norm over all gradients`,
    `BATCH_SIZE = ${batchSize}`,
    `EPOCHS = ${config.epochs}`,
    `PATIENCE = ${config.patience}  # early stopping on the validation loss; 0 = off`,
    '',
  );

  push(
    `# The data: ${n} examples, ${inputs.width} inputs${dataset.columns ? '' : ` (Tunelab features ${config.features.join(', ')} of the ${config.dataset} points)`}, ${classification ? `${dataset.classes} classes` : 'a regression target'}.`,
  );
  if (dataset.id === 'custom')
    push(
      "# Your CSV, as Tunelab trained on it: features standardized with the training rows' mean and deviation" +
        (classification ? '.' : ', the target too.'),
    );
  if (separate) {
    push(
      '# Columns: the inputs, then "label", then "split" (train or validation).',
      `with open(${python(DATA_FILE_NAME)}, newline="", encoding="utf-8") as data_file:`,
      '    header, *rows = list(csv.reader(data_file))',
      'FEATURE_NAMES = header[:-2]',
      'X = np.array([[float(v) for v in row[:-2]] for row in rows], dtype="float32")',
      `y = np.array([float(row[-2]) for row in rows]).astype(${classification ? '"int64"' : '"float32"'})`,
      'is_validation = np.array([row[-1] == "validation" for row in rows])',
      'train_rows = np.flatnonzero(~is_validation)',
      'validation_rows = np.flatnonzero(is_validation)',
    );
  } else {
    push(
      `FEATURE_NAMES = ${JSON.stringify(inputs.names)}`,
      `X = np.array(${list(inputs.values, inputs.width <= 8 ? inputs.width * 4 : inputs.width)}, dtype="float32").reshape(${n}, ${inputs.width})`,
      `y = np.array(${list(dataset.labels, 40)}, dtype=${classification ? '"int64"' : '"float32"'})`,
      '# The seeded split Tunelab drew: same rows for training and for validation.',
      `train_rows = np.array(${list(dataset.trainIndices, 40)}, dtype="int64")`,
      `validation_rows = np.array(${list(dataset.validationIndices, 40)}, dtype="int64")`,
    );
  }
  push('x_train, x_validation = X[train_rows], X[validation_rows]');
  if (classification) {
    push(
      `CLASSES = ${dataset.classes}`,
      'y_train = keras.utils.to_categorical(y[train_rows], CLASSES)',
      'y_validation = keras.utils.to_categorical(y[validation_rows], CLASSES)',
    );
  } else {
    push('y_train, y_validation = y[train_rows].reshape(-1, 1), y[validation_rows].reshape(-1, 1)');
  }
  push('', `steps_per_epoch = math.ceil(len(x_train) / BATCH_SIZE)`, '');

  push(
    'def learning_rate_at(step):',
    '    """The learning rate of update `step` (0-based), updated every step as in Tunelab."""',
    '    progress = ops.cast(step + 1, "float32") / steps_per_epoch  # epochs completed after this step',
    scheduleBody(config),
    '',
    '',
  );
  if (usesSchedule) {
    push(
      'class TunelabSchedule(keras.optimizers.schedules.LearningRateSchedule):',
      '    def __call__(self, step):',
      '        return learning_rate_at(step)',
      '',
      '',
    );
  }
  push(...optimizerClass(config));
  const layerArgs = [
    'activation=ACTIVATION',
    ...(config.l2 > 0 ? ['kernel_regularizer=keras.regularizers.L2(L2)'] : []),
  ].join(', ');
  const outputArgs = [...(config.l2 > 0 ? ['kernel_regularizer=keras.regularizers.L2(L2)'] : [])];
  push(
    '# Dense layers start from Glorot-uniform weights and zero biases, as in Tunelab; penalties apply to weights only.',
    'model = keras.Sequential([keras.Input(shape=(X.shape[1],))])',
    `for ${config.dropout > 0 ? 'index, units in enumerate(HIDDEN_LAYERS)' : 'units in HIDDEN_LAYERS'}:`,
    `    model.add(layers.Dense(units, ${layerArgs}))`,
    ...(config.dropout > 0
      ? [
          '    # Inverted dropout after each hidden layer, each with its own seed: equal seeds would drop',
          '    # the same units in layers of equal width.',
          '    model.add(layers.Dropout(DROPOUT, seed=SEED + 1 + index))',
        ]
      : []),
    classification
      ? `model.add(layers.Dense(CLASSES${outputArgs.map((a) => `, ${a}`).join('')}))  # logits; softmax is in the loss`
      : `model.add(layers.Dense(1${outputArgs.map((a) => `, ${a}`).join('')}))`,
    '',
    `optimizer = TunelabOptimizer(${usesSchedule ? 'TunelabSchedule()' : 'LEARNING_RATE'}${config.clipNorm > 0 ? ', global_clipnorm=CLIP_NORM' : ''})`,
    classification
      ? 'loss = keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=LABEL_SMOOTHING)'
      : 'loss = keras.losses.MeanSquaredError()',
    `model.compile(optimizer=optimizer, loss=loss${classification ? ', metrics=["accuracy"]' : ''})`,
    'model.summary()',
    '',
    'callbacks = []',
    'if PATIENCE > 0:',
    '    callbacks.append(keras.callbacks.EarlyStopping(monitor="val_loss", patience=PATIENCE))',
    'history = model.fit(',
    '    x_train,',
    '    y_train,',
    '    batch_size=BATCH_SIZE,',
    '    epochs=EPOCHS,',
    '    validation_data=(x_validation, y_validation),',
    '    shuffle=True,',
    '    callbacks=callbacks,',
    '    verbose=2,',
    ')',
    '',
    "# Keras' training loss averages over the epoch with dropout and penalties on; Tunelab's is measured",
    '# after the epoch without them, which evaluate() gives (plus any L2 penalty).',
    'train_scores = model.evaluate(x_train, y_train, verbose=0, return_dict=True)',
    'validation_scores = model.evaluate(x_validation, y_validation, verbose=0, return_dict=True)',
    'print("train:", train_scores)',
    'print("validation:", validation_scores)',
    '',
  );
  return {
    script: lines.join('\n'),
    dataCsv: separate ? dataCsv(inputs, dataset) : null,
    dataFileName: DATA_FILE_NAME,
    scriptFileName: SCRIPT_FILE_NAME,
  };
}
