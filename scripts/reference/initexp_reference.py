#!/usr/bin/env python3
"""Init Lab's NumPy reference: trains an `.initexp.json` experiment the way the course notebook would.

Why it exists
    Init Lab's TypeScript core claims to reproduce NumPy: the legacy global generator (np.random.seed,
    randn, uniform), scikit-learn's make_circles / make_moons, and the notebook's vectorised forward and
    backward passes. This script is the other side of that claim. It is deliberately plain NumPy, written
    like the notebook, so that its numbers are NumPy's numbers. The golden fixtures in
    test/golden/*.expected.json are produced by it (scripts/make-golden.sh), and `npm run bench` times it.
    The format and its exact semantics are described in docs/format.md.

Usage
    python3 scripts/reference/initexp_reference.py FILE.initexp.json > results.json

    Writes the same document as `node dist/cli.js run FILE --json OUT`, restricted to the fields that
    parity is about: {"name", "runs": [{"name", "costs": [[i, cost], ...], "trainAccuracy",
    "testAccuracy", "ms"}]}. Non-finite costs are the strings "Infinity", "-Infinity" and "NaN".
    Needs NumPy and scikit-learn (Debian: apt-get install python3-numpy python3-sklearn).

What it covers
    rng "numpy" only; datasets circles, moons (scikit-learn) and xor, gaussian, spiral (Init Lab's own,
    written with NumPy's legacy calls in the order the TypeScript core draws them); every init scheme
    (zeros, normal, uniform, truncatedNormal, orthogonal, he, lecun, xavier, heUniform, lecunUniform,
    xavierUniform, each but zeros with an optional gain); hidden relu, tanh, sigmoid, leakyRelu; sigmoid
    output; losses "notebook" and "stable"; logEvery; per-run seeds. Files may contain // and /* */
    comments and trailing commas, as the extension accepts them.

    It checks only what it needs to run; the extension's validator (and `initlab validate`) is the
    authority on what a valid file is and on the size limits.

Exit codes
    0 ok; 2 the file is not an experiment this script can run (bad JSON, a missing or unknown field,
    rng "seedrandom"); 1 anything else.
"""

import json
import math
import sys
import time

import numpy as np
import sklearn.datasets


class ExperimentError(Exception):
    """The file cannot be run by this script; the message says which field and why."""


# --------------------------------------------------------------------------------------------- reading

def strip_jsonc(text):
    """Removes // and /* */ comments and trailing commas outside strings, leaving plain JSON.

    Comments are replaced by spaces (newlines kept) so json's error positions still point at the
    right line. A comma is trailing when the next non-blank, non-comment character closes an object or
    a list.
    """
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            # Copy a whole string literal, escapes included, so that "//" inside it survives.
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == '\\' else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            if j < 0:
                raise ExperimentError('unterminated /* comment')
            out.append(''.join(ch if ch == '\n' else ' ' for ch in text[i:j + 2]))
            i = j + 2
        else:
            out.append(c)
            i += 1
    plain = ''.join(out)

    # Second pass: drop commas whose next significant character is } or ] (comments are gone now,
    # strings are skipped again so that a literal ",}" inside one is left alone).
    result = []
    i, n = 0, len(plain)
    while i < n:
        c = plain[i]
        if c == '"':
            j = i + 1
            while j < n and plain[j] != '"':
                j += 2 if plain[j] == '\\' else 1
            result.append(plain[i:j + 1])
            i = j + 1
            continue
        if c == ',':
            j = i + 1
            while j < n and plain[j] in ' \t\r\n':
                j += 1
            if j < n and plain[j] in '}]':
                result.append(' ')
                i += 1
                continue
        result.append(c)
        i += 1
    return ''.join(result)


def read_experiment(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    try:
        return json.loads(strip_jsonc(text))
    except json.JSONDecodeError as e:
        raise ExperimentError('not valid JSON: %s' % e) from e


def field(obj, key, where, default=None, required=False):
    """obj[key], or the default; a missing required field is an ExperimentError naming its path."""
    if not isinstance(obj, dict):
        raise ExperimentError('%s must be an object' % where)
    if key in obj:
        return obj[key]
    if required:
        raise ExperimentError('%s.%s is required' % (where, key))
    return default


# -------------------------------------------------------------------------------------------- datasets
#
# Every generator leaves X as a (2, m) array (one column per sample, as in the notebook) and Y as (1, m).
# scikit-learn returns an (m, 2) array; the notebook transposes it, and so do we, for all kinds alike,
# so the first layer's np.dot always sees the same memory layout.

GAUSSIAN_BLOB_STD = 0.5   # std of each gaussian blob before the noise
SPIRAL_HALF_TURNS = 3     # each spiral arm turns 3·π radians
CIRCLES_FACTOR = 0.8      # make_circles' default radius of the inner circle


def class_sizes(m):
    """scikit-learn's split of an integer n_samples: m // 2 points of class 0, the rest of class 1."""
    return m // 2, m - m // 2


def shuffle_and_add_noise(X, y, noise, shuffle=True):
    """What make_circles / make_moons do after building their clean points, with the global generator:
    reorder the rows by a permutation (sklearn.utils.shuffle: arange + legacy shuffle), then add
    normal(0, noise) to every coordinate in row-major order (x1, x2 of sample 0, then of sample 1, ...).
    The noise is drawn even when it is 0, so the stream advances the same way."""
    if shuffle:
        order = np.random.permutation(len(y))
        X, y = X[order], y[order]
    X = X + np.random.normal(scale=noise, size=X.shape)
    return X, y


def make_xor(m, noise):
    """Init Lab's xor: x1, x2 ~ U(-1, 1) drawn per sample in that order; label 1 when x1·x2 < 0
    (computed on the clean point); no shuffle, then noise."""
    X = np.random.uniform(-1, 1, size=(m, 2))
    y = (X[:, 0] * X[:, 1] < 0).astype(np.intp)
    return shuffle_and_add_noise(X, y, noise, shuffle=False)


def make_gaussian(m, noise):
    """Init Lab's gaussian: m // 2 points around (-1, -1) (class 0), the rest around (1, 1) (class 1);
    each coordinate is centre + 0.5·randn, drawn x1 then x2 per sample, class 0 first; shuffle, noise."""
    n0, n1 = class_sizes(m)
    y = np.hstack([np.zeros(n0, dtype=np.intp), np.ones(n1, dtype=np.intp)])
    centres = np.where(y == 0, -1.0, 1.0)[:, None] * np.ones((1, 2))
    X = centres + GAUSSIAN_BLOB_STD * np.random.randn(m, 2)
    return shuffle_and_add_noise(X, y, noise)


def make_spiral(m, noise):
    """Init Lab's spiral: arm c (class c, m // 2 points in arm 0) has n points at t = k/(n-1)
    (t = 0 when n = 1), radius 0.1 + 0.9·t and angle 3π·t + c·π. No randomness before the shuffle."""
    xs, ys, labels = [], [], []
    for c, n in enumerate(class_sizes(m)):
        t = np.arange(n) / (n - 1) if n > 1 else np.zeros(n)
        r = 0.1 + 0.9 * t
        theta = SPIRAL_HALF_TURNS * np.pi * t + c * np.pi
        xs.append(r * np.cos(theta))
        ys.append(r * np.sin(theta))
        labels.append(np.full(n, c, dtype=np.intp))
    X = np.vstack([np.concatenate(xs), np.concatenate(ys)]).T.copy()
    return shuffle_and_add_noise(X, np.concatenate(labels), noise)


def make_dataset(kind, part, where):
    """One dataset part: reseed NumPy's global generator with part.seed, then generate."""
    m = field(part, 'samples', where, required=True)
    noise = field(part, 'noise', where, required=True)
    np.random.seed(field(part, 'seed', where, required=True))
    if kind == 'circles':
        X, y = sklearn.datasets.make_circles(n_samples=m, noise=noise, factor=CIRCLES_FACTOR)
    elif kind == 'moons':
        X, y = sklearn.datasets.make_moons(n_samples=m, noise=noise)
    elif kind == 'xor':
        X, y = make_xor(m, noise)
    elif kind == 'gaussian':
        X, y = make_gaussian(m, noise)
    elif kind == 'spiral':
        X, y = make_spiral(m, noise)
    else:
        raise ExperimentError('unknown dataset kind %r' % kind)
    return X.T, y.reshape(1, -1)


# -------------------------------------------------------------------------------------- initialization

TRUNCATED_NORMAL_DEFAULT_STD = 0.05   # Keras' TruncatedNormal default, used when "std" is absent

# scheme -> (how the weights are drawn, std or limit before gain as a function of the spec and the fans)
SCHEMES = {
    'zeros':           ('zeros',      lambda s, fan_in, fan_out: 0.0),
    'normal':          ('normal',     lambda s, fan_in, fan_out: s['std']),
    'uniform':         ('uniform',    lambda s, fan_in, fan_out: s['limit']),
    'truncatedNormal': ('truncated',  lambda s, fan_in, fan_out: s.get('std', TRUNCATED_NORMAL_DEFAULT_STD)),
    'orthogonal':      ('orthogonal', lambda s, fan_in, fan_out: 1.0),
    'he':              ('normal',     lambda s, fan_in, fan_out: math.sqrt(2 / fan_in)),
    'lecun':           ('normal',     lambda s, fan_in, fan_out: math.sqrt(1 / fan_in)),
    'xavier':          ('normal',     lambda s, fan_in, fan_out: math.sqrt(2 / (fan_in + fan_out))),
    'heUniform':       ('uniform',    lambda s, fan_in, fan_out: math.sqrt(6 / fan_in)),
    'lecunUniform':    ('uniform',    lambda s, fan_in, fan_out: math.sqrt(3 / fan_in)),
    'xavierUniform':   ('uniform',    lambda s, fan_in, fan_out: math.sqrt(6 / (fan_in + fan_out))),
}


def truncated_normal(shape, std):
    """std·z with z ~ N(0, 1) redrawn while |z| > 2, one randn at a time, element by element in
    row-major order (the order the TypeScript core draws them; a vectorised resampling would consume
    the stream differently)."""
    out = np.empty(shape)
    flat = out.reshape(-1)
    for k in range(flat.size):
        z = np.random.randn()
        while abs(z) > 2:
            z = np.random.randn()
        flat[k] = std * z
    return out


def orthogonal(rows, cols, gain):
    """Orthogonal weights (Saxe et al.): an orthonormal basis of a rows×cols standard normal matrix.

    The normals are drawn as randn(rows, cols). When rows >= cols its columns are orthonormalised, else
    its rows are (so the vectors are always the longer side). The TypeScript core uses modified
    Gram–Schmidt with plain left-to-right dot products, and so does this function, in Python floats,
    so that every rounding step is the same; np.linalg.qr (Householder, LAPACK) would give the same
    matrix only up to rounding. Gram–Schmidt's R has a positive diagonal, so no sign correction is
    needed. A vector that becomes exactly zero stays zero.
    """
    G = np.random.randn(rows, cols)
    tall = rows >= cols
    vectors = (G.T if tall else G).tolist()  # columns if tall, else rows, as Python floats
    for j, v in enumerate(vectors):
        for q in vectors[:j]:
            dot = 0.0
            for qi, vi in zip(q, v):
                dot += qi * vi
            for i in range(len(v)):
                v[i] -= dot * q[i]
        sq = 0.0
        for vi in v:
            sq += vi * vi
        norm = math.sqrt(sq)
        for i in range(len(v)):
            v[i] = v[i] / norm if norm > 0 else 0.0
    Q = np.array(vectors)  # one orthonormal vector per row
    return gain * (Q.T if tall else Q)


def draw_weights(init, fan_in, fan_out, where):
    """W of one layer, shape (fan_out, fan_in), from NumPy's global generator."""
    scheme = field(init, 'scheme', where, required=True)
    if scheme not in SCHEMES:
        raise ExperimentError('%s.scheme: unknown scheme %r' % (where, scheme))
    kind, scale_of = SCHEMES[scheme]
    if scheme == 'normal' and 'std' not in init:
        raise ExperimentError('%s.std is required by scheme "normal"' % where)
    if scheme == 'uniform' and 'limit' not in init:
        raise ExperimentError('%s.limit is required by scheme "uniform"' % where)
    gain = init.get('gain', 1)
    scale = gain * scale_of(init, fan_in, fan_out)  # the std or the limit
    shape = (fan_out, fan_in)
    if kind == 'zeros':
        return np.zeros(shape)
    if kind == 'normal':
        return np.random.randn(*shape) * scale
    if kind == 'uniform':
        return np.random.uniform(-scale, scale, shape)
    if kind == 'truncated':
        return truncated_normal(shape, scale)
    return orthogonal(fan_out, fan_in, gain)


def initialize(run, layers, where):
    """Reseeds if the run has a seed (otherwise the stream simply continues), then draws W1..WL in
    layer order; biases are zero."""
    if 'seed' in run:
        np.random.seed(run['seed'])
    init = field(run, 'init', where, required=True)
    Ws, bs = [], []
    for l in range(1, len(layers)):
        Ws.append(draw_weights(init, layers[l - 1], layers[l], where + '.init'))
        bs.append(np.zeros((layers[l], 1)))
    return Ws, bs


# ------------------------------------------------------------------------------------------- the network

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def hidden_activation(name, z, alpha):
    if name == 'relu':
        return np.maximum(0, z)
    if name == 'tanh':
        return np.tanh(z)
    if name == 'sigmoid':
        return sigmoid(z)
    if name == 'leakyRelu':
        return np.where(z > 0, z, alpha * z)
    raise ExperimentError('unknown hidden activation %r' % name)


def hidden_slope(name, a, alpha):
    """The activation's derivative written in terms of its output A, as the notebook does for ReLU."""
    if name == 'relu':
        return np.int64(a > 0)
    if name == 'tanh':
        return 1 - a * a
    if name == 'sigmoid':
        return a * (1 - a)
    return np.where(a > 0, 1.0, alpha)  # leakyRelu


def forward(X, Ws, bs, hidden, alpha):
    """LINEAR -> hidden activation for every hidden layer, LINEAR -> SIGMOID for the last.
    Returns the activations A0 = X, A1, ..., AL and the output logits ZL."""
    A = [X]
    z = None
    for l, (W, b) in enumerate(zip(Ws, bs), start=1):
        z = np.dot(W, A[-1]) + b
        A.append(sigmoid(z) if l == len(Ws) else hidden_activation(hidden, z, alpha))
    return A, z


def cost(loss, a, z, Y):
    """The logged cost of the output activations a (logits z) against Y."""
    m = Y.shape[1]
    if loss == 'notebook':
        # The notebook's cross-entropy: an output of exactly 0 or 1 makes a log infinite, a term 0·∞ is
        # NaN and nansum skips it; a wrong saturated output leaves the cost infinite.
        terms = np.multiply(-np.log(a), Y) + np.multiply(-np.log(1 - a), 1 - Y)
        return 1. / m * np.nansum(terms)
    # "stable": the same cross-entropy from the logits, finite for any finite z.
    return np.sum(np.maximum(z, 0) - z * Y + np.log1p(np.exp(-np.abs(z)))) / m


def gradients(A, Ws, Y, hidden, alpha):
    """Backpropagation for the sigmoid output with cross-entropy: dZL = (AL - Y)/m."""
    m = Y.shape[1]
    dz = 1. / m * (A[-1] - Y)
    dWs, dbs = [None] * len(Ws), [None] * len(Ws)
    for l in range(len(Ws), 0, -1):
        dWs[l - 1] = np.dot(dz, A[l - 1].T)
        dbs[l - 1] = np.sum(dz, axis=1, keepdims=True)
        if l > 1:
            dz = np.multiply(np.dot(Ws[l - 1].T, dz), hidden_slope(hidden, A[l - 1], alpha))
    return dWs, dbs


def train(X, Y, Ws, bs, net, training):
    """Full-batch gradient descent. At every iteration i with i % logEvery == 0 the cost of the current
    weights is logged, before that iteration's update. Returns [[i, cost], ...]."""
    lr, log_every, loss = training['learningRate'], training['logEvery'], training['loss']
    logged = []
    for i in range(training['iterations']):
        A, z = forward(X, Ws, bs, net['hidden'], net['alpha'])
        if i % log_every == 0:
            logged.append([i, float(cost(loss, A[-1], z, Y))])
        dWs, dbs = gradients(A, Ws, Y, net['hidden'], net['alpha'])
        Ws = [W - lr * dW for W, dW in zip(Ws, dWs)]
        bs = [b - lr * db for b, db in zip(bs, dbs)]
    return logged, Ws, bs


def accuracy(X, Y, Ws, bs, net):
    """Fraction of samples whose prediction (output > 0.5) equals the label."""
    A, _ = forward(X, Ws, bs, net['hidden'], net['alpha'])
    return float(np.mean((A[-1] > 0.5).astype(int)[0] == Y[0]))


# ------------------------------------------------------------------------------------------------ main

def json_number(x):
    """JSON has no Infinity or NaN; like the CLI, spell them as strings."""
    if math.isnan(x):
        return 'NaN'
    if math.isinf(x):
        return 'Infinity' if x > 0 else '-Infinity'
    return x


def run_experiment(spec):
    if field(spec, 'rng', '$', default='numpy') != 'numpy':
        raise ExperimentError('$.rng: only "numpy" can be reproduced with NumPy (found %r)' % spec['rng'])
    dataset = field(spec, 'dataset', '$', required=True)
    kind = field(dataset, 'kind', '$.dataset', required=True)
    X_train, Y_train = make_dataset(kind, field(dataset, 'train', '$.dataset', required=True), '$.dataset.train')
    X_test, Y_test = make_dataset(kind, field(dataset, 'test', '$.dataset', required=True), '$.dataset.test')

    network = field(spec, 'network', '$', required=True)
    layers = field(network, 'layers', '$.network', required=True)
    net = {
        'hidden': field(network, 'hiddenActivation', '$.network', default='relu'),
        'alpha': field(network, 'leakyReluAlpha', '$.network', default=0.01),
    }
    if field(network, 'outputActivation', '$.network', default='sigmoid') != 'sigmoid':
        raise ExperimentError('$.network.outputActivation: only "sigmoid" is supported')
    t = field(spec, 'training', '$', required=True)
    training = {
        'learningRate': field(t, 'learningRate', '$.training', required=True),
        'iterations': field(t, 'iterations', '$.training', required=True),
        'logEvery': field(t, 'logEvery', '$.training', default=1000),
        'loss': field(t, 'loss', '$.training', default='stable'),
    }
    if training['loss'] not in ('notebook', 'stable'):
        raise ExperimentError('$.training.loss: unknown loss %r' % training['loss'])

    results = []
    for index, run in enumerate(field(spec, 'runs', '$', required=True)):
        where = '$.runs[%d]' % index
        # Runs share the global generator: a run without a seed continues where the previous one stopped.
        Ws, bs = initialize(run, layers, where)
        started = time.perf_counter()
        costs, Ws, bs = train(X_train, Y_train, Ws, bs, net, training)
        train_accuracy = accuracy(X_train, Y_train, Ws, bs, net)
        test_accuracy = accuracy(X_test, Y_test, Ws, bs, net)
        ms = (time.perf_counter() - started) * 1000  # training and accuracies, as the CLI times a run
        results.append({
            'name': field(run, 'name', where, required=True),
            'costs': [[i, json_number(c)] for i, c in costs],
            'trainAccuracy': train_accuracy,
            'testAccuracy': test_accuracy,
            'ms': ms,
        })
    return {'name': field(spec, 'name', '$', required=True), 'runs': results}


def main(argv):
    if len(argv) != 2:
        sys.stderr.write('usage: initexp_reference.py FILE.initexp.json > results.json\n')
        return 1
    try:
        document = run_experiment(read_experiment(argv[1]))
    except ExperimentError as e:
        sys.stderr.write('%s: %s\n' % (argv[1], e))
        return 2
    except OSError as e:
        sys.stderr.write('%s: %s\n' % (argv[1], e.strerror or e))
        return 1
    # Overflow in exp, log(0) and 0·∞ are part of the experiments (large random weights), not errors.
    sys.stdout.write(json.dumps(document, indent=2, allow_nan=False) + '\n')
    return 0


if __name__ == '__main__':
    with np.errstate(all='ignore'):
        sys.exit(main(sys.argv))
