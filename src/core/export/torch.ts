import type { ExperimentConfig } from '../config/parameters';
import { OPTIMIZER_SPECS, OPTIMIZERS } from '../config/optimizers';
import type { Dataset } from '../data/datasets';
import { createRandom, deriveSeed } from '../random/random';
import type { EpochMetrics } from '../train/metrics';
import { networkInputs } from './keras';

/**
 * "Export to PyTorch": a self-contained script that retraces a run step by step. It embeds the
 * data in the engine's split and order and the exact initial weights, ports the seeded generator
 * (sfc32) so the shuffle order and dropout masks are the engine's, and trains with torch.optim,
 * whose SGD, momentum, RMSprop and Adam are the engine's update rules as they are (the paper's ε
 * placement). L2 goes into the loss as λΣw² (the engine adds 2λw to the gradient), L1 is the
 * engine's proximal step after the update. It prints the engine's per-epoch losses beside its own.
 */

export const TORCH_SCRIPT_FILE_NAME = 'tunelab_torch.py';

export interface TorchOptions {
  /** The engine's per-epoch metrics of this run, printed beside the script's own. */
  history?: readonly EpochMetrics[];
  /** A line naming where the experiment came from (its share link). */
  source?: string;
}

/**
 * The engine's initial parameters (model/network.ts' initialParameters, which tests/export/torch.test.ts
 * checks this against), written out here because that module loads TensorFlow.js and this one is
 * imported by the page's main thread.
 */
export function initialParametersOf(sizes: readonly number[], seed: number): Float32Array {
  let count = 0;
  for (let l = 0; l + 1 < sizes.length; l++) count += (sizes[l]! + 1) * sizes[l + 1]!;
  const out = new Float32Array(count);
  const random = createRandom(deriveSeed(seed, 'init'));
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [inputs, outputs] = [sizes[l]!, sizes[l + 1]!];
    const limit = Math.sqrt(6 / (inputs + outputs));
    for (let i = 0; i < inputs * outputs; i++) out[offset + i] = random.uniform(-limit, limit);
    offset += (inputs + 1) * outputs;
  }
  return out;
}

/** Shortest text that reads back as the same float32 (the script rounds through float32 itself). */
function float32Text(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === Math.fround(value)) return String(candidate);
  }
  return String(value);
}

/** A float64 exactly (JavaScript's shortest round-trip text is Python's too). */
function float64Text(value: number): string {
  if (!Number.isFinite(value))
    return Number.isNaN(value) ? 'float("nan")' : value > 0 ? 'float("inf")' : 'float("-inf")';
  return String(value);
}

function rows(values: ArrayLike<number>, perLine: number, format: (v: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; i += perLine) {
    const line: string[] = [];
    for (let j = i; j < Math.min(values.length, i + perLine); j++) line.push(format(values[j]!));
    parts.push(`    ${line.join(', ')},`);
  }
  return parts.length === 0 ? '[]' : `[\n${parts.join('\n')}\n]`;
}

function pythonLiteral(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : float64Text(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  return 'None';
}

/** Config keys that decide the embedded data: a sweep may not change them. */
const DATA_KEYS = ['dataset', 'points', 'noise', 'validationSplit', 'features'] as const;

export function torchScript(
  config: ExperimentConfig,
  dataset: Dataset,
  options: TorchOptions = {},
): { script: string; scriptFileName: string } {
  const inputs = networkInputs(config, dataset);
  const classification = dataset.task === 'classification';
  const width = inputs.width;
  const pick = (indices: Int32Array) => {
    const x = new Float32Array(indices.length * width);
    const y = new Float32Array(indices.length);
    indices.forEach((index, row) => {
      x.set(inputs.values.subarray(index * width, (index + 1) * width), row * width);
      y[row] = dataset.labels[index]!;
    });
    return { x, y };
  };
  const train = pick(dataset.trainIndices);
  const validation = pick(dataset.validationIndices);
  const layout = { sizes: [width, ...config.hiddenLayers, dataset.classes] };
  const parameters = initialParametersOf(layout.sizes, config.seed);
  const perLine = width <= 8 ? width * Math.max(1, Math.floor(8 / width)) : width;
  const labelText = classification ? (v: number) => String(v) : float32Text;
  const history = options.history ?? [];
  const configLines = (Object.keys(config) as (keyof ExperimentConfig)[]).map(
    (key) => `    ${JSON.stringify(key)}: ${pythonLiteral(config[key])},`,
  );

  const lines = [
    '"""A Tunelab experiment, exported to PyTorch: a script that retraces the run step by step.',
    '',
    `Network ${layout.sizes.join('-')} (${config.activation}), ${config.optimizer}, ${config.epochs} epochs, batch ${config.batchSize}, seed ${config.seed};`,
    `data: ${dataset.labels.length} examples of ${dataset.columns ? 'your data' : `the ${config.dataset} dataset`} (${train.y.length} train, ${validation.y.length} validation).`,
    ...(options.source ? ['', `Tunelab link: ${options.source}`] : []),
    '',
    'Run it with PyTorch (any 1.x or 2.x; nothing else is needed):',
    `    python3 ${TORCH_SCRIPT_FILE_NAME}                 # prints Tunelab's losses beside its own`,
    `    python3 ${TORCH_SCRIPT_FILE_NAME} --epochs=20     # any hyperparameter: --name=value`,
    `    python3 ${TORCH_SCRIPT_FILE_NAME} --json          # one JSON object per epoch`,
    'As a Weights & Biases sweep program it reads wandb.config and logs each epoch (--wandb, or',
    'automatically inside `wandb agent`).',
    '',
    'Exact, as in Tunelab:',
    '- the data and its train/validation split (embedded, in the order Tunelab trains on);',
    '- the initial weights (embedded; re-derived from the seed when a sweep changes the seed or layers);',
    "- the shuffle order and the dropout masks: Tunelab's seeded generator (sfc32) is ported below;",
    "- the update rules: torch.optim's SGD, SGD with momentum, RMSprop and Adam are Tunelab's, with ε",
    "  added to the bias-corrected root of v (the paper's and PyTorch's placement), β, ε, momentum and ρ as set;",
    '- L2 as λ·Σw² in the loss (weights, not biases), L1 as a proximal step after each update with',
    "  Tunelab's threshold (η·λ₁, divided per weight by Adam's and RMSprop's √v̂ + ε), label smoothing,",
    '  gradient clipping by the global norm, the learning-rate schedule updated every step, early stopping.',
    'Approximate:',
    '- arithmetic: Tunelab computes in float32 (TensorFlow.js), this script in float64, so the losses',
    "  agree to about 6 digits over short runs and drift apart slowly over long ones, as Tunelab's own",
    '  cpu and wasm backends do;',
    '- clip_grad_norm_ divides by ‖g‖ + 1e-6 where Tunelab divides by ‖g‖ (a relative 1e-6);',
    '- a sweep that changes the seed keeps the embedded data, which Tunelab would redraw.',
    '"""',
    'import argparse',
    'import json',
    'import math',
    'import os',
    'import sys',
    '',
    'import torch',
    '',
    'torch.set_default_dtype(torch.float64)',
    '',
    '# The experiment, as set in Tunelab. A sweep or --name=value may change any of it but the data.',
    'CONFIG = {',
    ...configLines,
    '}',
    `EXPORTED = dict(CONFIG)`,
    `DATA_KEYS = ${pythonLiteral([...DATA_KEYS])}`,
    `TASK = ${JSON.stringify(dataset.task)}`,
    `CLASSES = ${dataset.classes}`,
    `INPUT_NAMES = ${JSON.stringify(inputs.names)}`,
    '',
    "# The data as Tunelab's network sees it (features computed), training rows in Tunelab's order.",
    `X_TRAIN = ${rows(train.x, perLine, float32Text)}`,
    `Y_TRAIN = ${rows(train.y, 40, labelText)}`,
    `X_VALIDATION = ${rows(validation.x, perLine, float32Text)}`,
    `Y_VALIDATION = ${rows(validation.y, 40, labelText)}`,
    '',
    '# The initial parameters, flat: W0 (inputs × outputs, row-major), b0, W1, b1, …',
    `INITIAL_PARAMETERS = ${rows(parameters, 8, float32Text)}`,
    '',
    "# Tunelab's per-epoch losses for this run: [train, validation]; empty if it was not run yet.",
    '# A setting changed while the run trained shows here as a difference from that epoch on.',
    `TUNELAB_LOSSES = ${
      history.length === 0
        ? '[]'
        : `[\n${history.map((m) => `    [${float64Text(m.trainLoss)}, ${float64Text(m.validationLoss)}],`).join('\n')}\n]`
    }`,
    '',
    PYTHON_BODY,
  ];
  return { script: lines.join('\n'), scriptFileName: TORCH_SCRIPT_FILE_NAME };
}

/**
 * make_optimizer and the L1 step, written from the optimizer records so the script runs every
 * optimizer the page does (its --optimizer flag may pick another than the exported one).
 */
const OPTIMIZER_FUNCTIONS = [
  'def make_optimizer(config, parameters):',
  '    kind = config["optimizer"]',
  '    rate = config["learningRate"]',
  ...OPTIMIZERS.flatMap((kind) => [
    `    if kind == "${kind}":`,
    `        return ${OPTIMIZER_SPECS[kind].torch}`,
  ]),
  '    raise ValueError(f"unknown optimizer {kind}")',
  '',
  '',
  '@torch.no_grad()',
  'def l1_proximal_step(config, optimizer, weights, rate):',
  '    """Soft-thresholding by η·λ₁, in an adaptive optimizer\'s metric: divided by its √v̂ + ε per weight."""',
  '    for w in weights:',
  '        threshold = rate * config["l1"]',
  '        state = optimizer.state[w]',
  ...OPTIMIZERS.flatMap((kind) => {
    const preconditioner = OPTIMIZER_SPECS[kind].torchPreconditioner;
    return preconditioner === null
      ? []
      : [
          `        if config["optimizer"] == "${kind}":`,
          `            threshold = threshold / (${preconditioner})`,
        ];
  }),
  '        w.copy_(torch.sign(w) * torch.relu(w.abs() - threshold))',
].join('\n');

const PYTHON_BODY = String.raw`
# Tunelab's seeded randomness, ported from src/core/random/random.ts: 32-bit integer arithmetic.
MASK = 0xFFFFFFFF


def hash_string(text, seed=0):
    h1 = (0xDEADBEEF ^ seed) & MASK
    h2 = (0x41C6CE57 ^ seed) & MASK
    for character in text:
        c = ord(character)
        h1 = ((h1 ^ c) * 2654435761) & MASK
        h2 = ((h2 ^ c) * 1597334677) & MASK
    h1 = (((h1 ^ (h1 >> 16)) * 2246822507) & MASK) ^ (((h2 ^ (h2 >> 13)) * 3266489909) & MASK)
    h2 = (((h2 ^ (h2 >> 16)) * 2246822507) & MASK) ^ (((h1 ^ (h1 >> 13)) * 3266489909) & MASK)
    return (h1 ^ h2) & MASK


def derive_seed(seed, *names):
    s = seed & MASK
    for name in names:
        s = hash_string(str(name), s)
    return s


class Sfc32:
    def __init__(self, seed):
        self.a, self.b, self.c, self.d = 0x9E3779B9, 0x243F6A88, 0xB7E15162, seed & MASK
        for _ in range(15):
            self.next_uint()

    def next_uint(self):
        a, b, c, d = self.a, self.b, self.c, self.d
        t = (a + b) & MASK
        a = b ^ (b >> 9)
        b = (c + (c << 3)) & MASK
        c = ((c << 21) | (c >> 11)) & MASK
        d = (d + 1) & MASK
        t = (t + d) & MASK
        c = (c + t) & MASK
        self.a, self.b, self.c, self.d = a, b, c, d
        return t

    def next(self):
        return self.next_uint() / 4294967296

    def int(self, n):
        return math.floor(self.next() * n)


def permutation(random, n):
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = random.int(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def float32(values):
    # Through float32 first: Tunelab's numbers are float32, the script's arithmetic float64.
    return torch.tensor(values, dtype=torch.float32).to(torch.get_default_dtype())


def glorot_parameters(sizes, seed):
    """Tunelab's initial weights: Glorot-uniform from the seed's "init" stream, zero biases."""
    random = Sfc32(derive_seed(seed, "init"))
    flat = []
    for inputs, outputs in zip(sizes, sizes[1:]):
        limit = math.sqrt(6 / (inputs + outputs))
        flat += [-limit + (limit - -limit) * random.next() for _ in range(inputs * outputs)]
        flat += [0.0] * outputs
    return flat


def learning_rate_at(config, progress):
    """The learning rate after "progress" epochs (fractional), as Tunelab's schedules give it."""
    rate = config["learningRate"]
    schedule = config["schedule"]
    if schedule == "step":
        return rate * math.pow(config["decayFactor"], math.floor(progress / config["decayEvery"]))
    if schedule == "cosine":
        return rate * 0.5 * (1 + math.cos(math.pi * min(progress, config["epochs"]) / config["epochs"]))
    if schedule == "warmup" and config["warmupEpochs"] > 0:
        return rate * min(1, progress / config["warmupEpochs"])
    return rate


def activate(x, name):
    if name == "relu":
        return torch.relu(x)
    if name == "tanh":
        return torch.tanh(x)
    if name == "sigmoid":
        return torch.sigmoid(x)
    if name == "elu":
        return torch.nn.functional.elu(x)
    if name == "gelu":
        return torch.nn.functional.gelu(x, approximate="tanh")
    return x


def forward(parameters, x, activation, masks=None):
    layers = len(parameters) // 2
    for layer in range(layers):
        x = x @ parameters[2 * layer] + parameters[2 * layer + 1]
        if layer < layers - 1:
            x = activate(x, activation)
            if masks is not None:
                x = x * masks[layer]
    return x


def data_loss(outputs, targets, smoothing=0.0):
    if TASK == "classification":
        return torch.nn.functional.cross_entropy(outputs, targets, label_smoothing=smoothing)
    return torch.mean((outputs[:, 0] - targets) ** 2)


${OPTIMIZER_FUNCTIONS}


@torch.no_grad()
def evaluate(parameters, x, y, activation):
    outputs = forward(parameters, x, activation)
    if TASK == "classification":
        loss = torch.nn.functional.cross_entropy(outputs, y).item()
        accuracy = (outputs.argmax(dim=1) == y).double().mean().item()
        return loss, accuracy
    return torch.mean((outputs[:, 0] - y) ** 2).item(), None


def parse_value(text, default):
    if isinstance(default, bool):
        return text.lower() in ("1", "true", "yes")
    if isinstance(default, int):
        return int(float(text))
    if isinstance(default, float):
        return float(text)
    if isinstance(default, list):
        return [int(float(v)) for v in text.replace("[", "").replace("]", "").split(",") if v.strip()]
    return text


def read_arguments(argv):
    parser = argparse.ArgumentParser(description="Retrace a Tunelab run in PyTorch.")
    parser.add_argument("--json", action="store_true", help="print one JSON object per epoch")
    parser.add_argument("--wandb", action="store_true", help="read wandb.config and log to W&B")
    known, rest = parser.parse_known_args(argv)
    config = dict(CONFIG)
    for argument in rest:
        name, _, value = argument.lstrip("-").partition("=")
        if name not in config:
            parser.error("unknown option --%s (the hyperparameters are: %s)" % (name, ", ".join(config)))
        config[name] = parse_value(value, CONFIG[name])
    return known, config


def main(argv):
    arguments, config = read_arguments(argv)
    run = None
    if arguments.wandb or os.environ.get("WANDB_SWEEP_ID"):
        import wandb

        run = wandb.init(config=config)
        # A sweep's values arrive as numbers or text, ints sometimes as floats: read them as CONFIG's types.
        config.update({key: parse_value(str(value), CONFIG[key]) for key, value in dict(run.config).items() if key in CONFIG})
    for key in DATA_KEYS:
        if config[key] != EXPORTED[key]:
            sys.exit("%s is part of the embedded data; export again from Tunelab to change it" % key)
    # Tunelab's recorded losses only describe the exported settings.
    same_run = all(config[key] == EXPORTED[key] for key in CONFIG if key != "epochs")
    reference = TUNELAB_LOSSES if same_run else []

    x_train = float32(X_TRAIN).reshape(len(Y_TRAIN), len(INPUT_NAMES))
    x_validation = float32(X_VALIDATION).reshape(len(Y_VALIDATION), len(INPUT_NAMES))
    if TASK == "classification":
        y_train, y_validation = torch.tensor(Y_TRAIN, dtype=torch.long), torch.tensor(Y_VALIDATION, dtype=torch.long)
    else:
        y_train, y_validation = float32(Y_TRAIN), float32(Y_VALIDATION)
    features = x_train.shape[1]
    hidden = list(config["hiddenLayers"])
    sizes = [features] + hidden + [CLASSES]
    initial = glorot_parameters(sizes, config["seed"])
    if config["seed"] == EXPORTED["seed"] and hidden == EXPORTED["hiddenLayers"]:
        # The embedded weights are the ones Tunelab used; the port above must draw the same.
        assert float32(initial).equal(float32(INITIAL_PARAMETERS)), "the ported generator disagrees"
    flat = float32(initial)
    parameters, offset = [], 0
    for inputs, outputs in zip(sizes, sizes[1:]):
        parameters.append(flat[offset : offset + inputs * outputs].reshape(inputs, outputs).clone())
        offset += inputs * outputs
        parameters.append(flat[offset : offset + outputs].clone())
        offset += outputs
    for p in parameters:
        p.requires_grad_(True)
    weights = parameters[0::2]
    optimizer = make_optimizer(config, parameters)

    train_count = x_train.shape[0]
    batch_size = min(config["batchSize"], train_count)
    steps_per_epoch = math.ceil(train_count / batch_size)
    shuffle = Sfc32(derive_seed(config["seed"], "shuffle"))
    dropout = Sfc32(derive_seed(config["seed"], "dropout"))
    rate_dropped = config["dropout"]
    uses_dropout = rate_dropped > 0 and len(hidden) > 0
    smoothing = config["labelSmoothing"] if TASK == "classification" else 0.0
    if TASK == "classification":
        chance = math.log(CLASSES)
    else:
        chance = max(torch.var(y_train, unbiased=False).item(), 1e-3)
    best, best_epoch, waited, status = math.inf, 0, 0, "completed"
    largest_difference = 0.0

    if not arguments.json:
        header = "epoch  train loss  validation loss"
        if reference:
            header += "   Tunelab train  Tunelab validation   |difference|"
        print(header)
    for epoch in range(config["epochs"]):
        order = permutation(shuffle, train_count)
        for step in range(steps_per_epoch):
            rows = torch.tensor(order[step * batch_size : (step + 1) * batch_size], dtype=torch.long)
            masks = None
            if uses_dropout:
                # Inverted dropout, drawn as Tunelab draws it: per layer, row by row, 0 or 1/(1 - rate).
                keep = 1 / (1 - rate_dropped)
                masks = [
                    float32([0.0 if dropout.next() < rate_dropped else keep for _ in range(len(rows) * units)]).reshape(len(rows), units)
                    for units in hidden
                ]
            rate = learning_rate_at(config, epoch + (step + 1) / steps_per_epoch)
            for group in optimizer.param_groups:
                group["lr"] = rate
            optimizer.zero_grad()
            loss = data_loss(forward(parameters, x_train[rows], config["activation"], masks), y_train[rows], smoothing)
            if config["l2"] > 0:
                loss = loss + config["l2"] * sum((w**2).sum() for w in weights)
            loss.backward()
            if config["clipNorm"] > 0:
                torch.nn.utils.clip_grad_norm_(parameters, config["clipNorm"])
            optimizer.step()
            if config["l1"] > 0:
                l1_proximal_step(config, optimizer, weights, rate)

        # Measured as Tunelab does: after the epoch, on every point, without dropout, smoothing or penalties.
        train_loss, train_accuracy = evaluate(parameters, x_train, y_train, config["activation"])
        validation_loss, validation_accuracy = evaluate(parameters, x_validation, y_validation, config["activation"])
        line = {
            "epoch": epoch + 1,
            "trainLoss": train_loss,
            "validationLoss": validation_loss,
            "trainAccuracy": train_accuracy,
            "validationAccuracy": validation_accuracy,
        }
        if epoch < len(reference):
            tunelab_train, tunelab_validation = reference[epoch]
            difference = max(abs(train_loss - tunelab_train), abs(validation_loss - tunelab_validation))
            largest_difference = max(largest_difference, difference)
            line.update(tunelabTrainLoss=tunelab_train, tunelabValidationLoss=tunelab_validation, difference=difference)
        if arguments.json:
            print(json.dumps(line))
        else:
            text = "%5d  %10.6f  %15.6f" % (epoch + 1, train_loss, validation_loss)
            if "difference" in line:
                text += "   %13.6f  %18.6f   %12.2e" % (tunelab_train, tunelab_validation, difference)
            print(text)
        if run is not None:
            run.log({"epoch": epoch + 1, "train_loss": train_loss, "validation_loss": validation_loss})

        if not (train_loss < 100 * chance) or not math.isfinite(validation_loss):
            status = "diverged"
            break
        if validation_loss < best:
            best, best_epoch, waited = validation_loss, epoch + 1, 0
        else:
            waited += 1
        if config["patience"] > 0 and waited >= config["patience"] and epoch + 1 < config["epochs"]:
            status = "stopped-early"
            break

    summary = {
        "status": status,
        "epochs": epoch + 1,
        "bestEpoch": best_epoch,
        "bestValidationLoss": best,
        "finalTrainLoss": train_loss,
        "finalValidationLoss": validation_loss,
    }
    if reference:
        summary["largestDifference"] = largest_difference
    if run is not None:
        run.summary["best_validation_loss"] = best
        run.finish()
    print(json.dumps(summary) if arguments.json else "%s after %d epochs; best validation loss %.6f at epoch %d" % (status, epoch + 1, best, best_epoch))
    if reference and not arguments.json:
        print("largest difference from Tunelab's losses: %.2e" % largest_difference)


if __name__ == "__main__":
    main(sys.argv[1:])
`;
