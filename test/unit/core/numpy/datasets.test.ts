// Unit tests for src/core/numpy/datasets: scikit-learn parity (fixtures made by make_circles / make_moons) and own kinds.
import { FIXTURES } from '../../../paths';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateDataset, SPIRAL_HALF_TURNS } from '../../../../src/core/numpy/datasets';
import { NumpyRandomState, SeedrandomRng } from '../../../../src/core/numpy/rng';
import type { Dataset, DatasetKind, DatasetPart } from '../../../../src/core/experiment/types';

const DATASET_FIXTURES = path.join(FIXTURES, 'datasets');

interface PartFixture extends DatasetPart {
  kind: 'circles' | 'moons';
  x1: number[];
  x2: number[];
  y: number[];
  next_random: number[];
  glibc_not_cr?: [number, number][];
}

function load(name: string): PartFixture[] {
  return (JSON.parse(readFileSync(path.join(DATASET_FIXTURES, name), 'utf8')) as { parts: PartFixture[] }).parts;
}

const label = (p: DatasetPart) => `samples ${p.samples}, noise ${p.noise}, seed ${p.seed}`;
const x1 = (d: Dataset) => Array.from(d.X.subarray(0, d.m));
const x2 = (d: Dataset) => Array.from(d.X.subarray(d.m, 2 * d.m));

for (const kind of ['circles', 'moons'] as const) {
  describe(`${kind} = sklearn make_${kind} under np.random.seed`, () => {
    const parts = load(`${kind}.json`);
    const libmParts = load(`${kind}.libm.json`);

    it('covers the notebook parts and the edge sizes', () => {
      const keys = parts.map((p) => `${p.samples}/${p.noise}/${p.seed}`);
      for (const k of ['300/0.05/1', '100/0.05/2', '1/0/5', '2/0.1/3', '7/0.2/0', '501/0.1/9'])
        assert.ok(keys.includes(k), k);
    });

    for (const fx of parts) {
      it(`NumPy on this machine: ${label(fx)} (labels and stream exact, coordinates within 1e-12)`, () => {
        const rng = new NumpyRandomState();
        const d = generateDataset(kind, fx, rng);
        assert.equal(d.m, fx.samples);
        assert.equal(d.X.length, 2 * fx.samples);
        assert.deepEqual(Array.from(d.Y), fx.y);
        // NumPy's AVX-512 sin/cos differ from correctly rounded ones in the last bit: measured max 4.4e-16.
        let maxDiff = 0;
        for (const [got, want] of [
          [x1(d), fx.x1],
          [x2(d), fx.x2],
        ]) {
          want.forEach((w, i) => {
            maxDiff = Math.max(maxDiff, Math.abs(got[i] - w));
          });
        }
        assert.ok(maxDiff <= 1e-12, `max |difference| ${maxDiff}`);
        // Same number and order of draws as scikit-learn: the stream continues identically.
        assert.deepEqual([rng.random(), rng.random(), rng.random()], fx.next_random);
      });
    }

    for (const fx of libmParts) {
      it(`NumPy with glibc sin/cos: ${label(fx)} bit for bit except where glibc misrounds`, () => {
        const d = generateDataset(kind, fx, new NumpyRandomState());
        assert.deepEqual(Array.from(d.Y), fx.y);
        const allowed = new Set((fx.glibc_not_cr ?? []).map(([row, col]) => `${row},${col}`));
        const cols = [
          [x1(d), fx.x1],
          [x2(d), fx.x2],
        ];
        cols.forEach(([got, want], col) => {
          want.forEach((w, row) => {
            if (allowed.has(`${row},${col}`)) {
              // glibc's clean coordinate is one ulp off the correctly rounded one; noise is added exactly.
              assert.ok(Math.abs(got[row] - w) <= 2 ** -52 * Math.max(1, Math.abs(w)), `row ${row} col ${col}`);
            } else {
              assert.equal(got[row], w, `row ${row} col ${col}`);
            }
          });
        });
      });
    }
  });
}

describe('generateDataset behaviour', () => {
  it('reseeds the generator itself: repeated calls on one rng give identical parts', () => {
    const rng = new NumpyRandomState(123);
    const part = { samples: 40, noise: 0.1, seed: 7 };
    for (const kind of ['circles', 'moons', 'xor', 'gaussian', 'spiral'] as const) {
      const a = generateDataset(kind, part, rng);
      rng.randn(); // leave a cached gauss behind: reseeding must drop it
      const b = generateDataset(kind, part, rng);
      assert.deepEqual(b, a, kind);
    }
  });

  it('rejects negative or fractional sample counts and bad noise', () => {
    const rng = new NumpyRandomState();
    assert.throws(() => generateDataset('circles', { samples: -1, noise: 0, seed: 0 }, rng), RangeError);
    assert.throws(() => generateDataset('moons', { samples: 2.5, noise: 0, seed: 0 }, rng), RangeError);
    assert.throws(() => generateDataset('xor', { samples: 4, noise: -0.1, seed: 0 }, rng), RangeError);
    assert.throws(() => generateDataset('xor', { samples: 4, noise: NaN, seed: 0 }, rng), RangeError);
  });

  it('an empty part is empty', () => {
    const d = generateDataset('spiral', { samples: 0, noise: 0.1, seed: 0 }, new NumpyRandomState());
    assert.equal(d.m, 0);
    assert.equal(d.X.length, 0);
  });
});

describe('own kinds: xor, gaussian, spiral', () => {
  const kinds: DatasetKind[] = ['xor', 'gaussian', 'spiral'];

  for (const kind of kinds) {
    it(`${kind}: deterministic per seed, different across seeds, finite, labels 0/1 in both classes`, () => {
      for (const makeRng of [() => new NumpyRandomState(), () => new SeedrandomRng()]) {
        const a = generateDataset(kind, { samples: 201, noise: 0.1, seed: 1 }, makeRng());
        const b = generateDataset(kind, { samples: 201, noise: 0.1, seed: 1 }, makeRng());
        const c = generateDataset(kind, { samples: 201, noise: 0.1, seed: 2 }, makeRng());
        assert.deepEqual(a, b);
        assert.notDeepEqual(Array.from(a.X), Array.from(c.X));
        assert.equal(a.m, 201);
        assert.ok(a.X.every(Number.isFinite));
        assert.ok(a.Y.every((y) => y === 0 || y === 1));
        const ones = a.Y.reduce((s, y) => s + y, 0);
        assert.ok(ones > 20 && ones < 181, `class balance ${ones}/201`);
      }
    });

    it(`${kind}: noise is N(0, noise) added per coordinate after the clean points`, () => {
      // Same seed with and without noise: for xor the clean points are the same draws, for the others the
      // shuffle is the same, so the difference is exactly the noise draws (up to the rounding of the sum).
      const clean = generateDataset(kind, { samples: 2000, noise: 0, seed: 5 }, new NumpyRandomState());
      const noisy = generateDataset(kind, { samples: 2000, noise: 0.2, seed: 5 }, new NumpyRandomState());
      assert.deepEqual(noisy.Y, clean.Y);
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < clean.X.length; i++) {
        const z = (noisy.X[i] - clean.X[i]) / 0.2;
        sum += z;
        sumSq += z * z;
      }
      const n = clean.X.length;
      const mean = sum / n;
      const sd = Math.sqrt(sumSq / n - mean * mean);
      // 4000 draws: standard errors 0.016 (mean), 0.011 (sd).
      assert.ok(Math.abs(mean) < 0.08, `mean ${mean}`);
      assert.ok(Math.abs(sd - 1) < 0.06, `sd ${sd}`);
    });
  }

  it('xor without noise: label is 1 exactly when x1·x2 < 0, points in [-1, 1]²', () => {
    const d = generateDataset('xor', { samples: 500, noise: 0, seed: 3 }, new NumpyRandomState());
    for (let i = 0; i < d.m; i++) {
      const a = d.X[i];
      const b = d.X[d.m + i];
      assert.ok(a >= -1 && a < 1 && b >= -1 && b < 1);
      assert.equal(d.Y[i], a * b < 0 ? 1 : 0);
    }
  });

  it('xor draws its points with uniform(-1, 1), x1 then x2 per sample', () => {
    const d = generateDataset('xor', { samples: 5, noise: 0, seed: 8 }, new NumpyRandomState());
    const rng = new NumpyRandomState(8);
    for (let i = 0; i < 5; i++) {
      assert.equal(d.X[i], rng.uniform(-1, 1));
      assert.equal(d.X[5 + i], rng.uniform(-1, 1));
    }
  });

  it('gaussian without noise: class 0 around (-1,-1), class 1 around (1,1), spread 0.5', () => {
    const d = generateDataset('gaussian', { samples: 4000, noise: 0, seed: 4 }, new NumpyRandomState());
    for (const cls of [0, 1]) {
      const centre = cls === 0 ? -1 : 1;
      const idx = Array.from(d.Y.keys()).filter((i) => d.Y[i] === cls);
      assert.equal(idx.length, 2000);
      for (const off of [0, d.m]) {
        const v = idx.map((i) => d.X[off + i]);
        const mean = v.reduce((s, x) => s + x, 0) / v.length;
        const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
        assert.ok(Math.abs(mean - centre) < 0.05, `class ${cls} mean ${mean}`); // se 0.011
        assert.ok(Math.abs(sd - 0.5) < 0.04, `class ${cls} sd ${sd}`); // se 0.008
      }
    }
  });

  it('spiral without noise: two arms, radius 0.1..1 growing with the angle, arm 1 rotated by π', () => {
    const m = 101;
    const d = generateDataset('spiral', { samples: m, noise: 0, seed: 6 }, new NumpyRandomState());
    assert.equal(
      d.Y.reduce((s, y) => s + y, 0),
      51,
    ); // floor(101/2) = 50 points in arm 0
    for (let i = 0; i < m; i++) {
      const a = d.X[i];
      const b = d.X[m + i];
      const r = Math.hypot(a, b);
      assert.ok(r >= 0.1 - 1e-12 && r <= 1 + 1e-12, `radius ${r}`);
      // Recover t from the radius and check the angle: θ = SPIRAL_HALF_TURNS·π·t + class·π (mod 2π).
      const t = (r - 0.1) / 0.9;
      const theta = SPIRAL_HALF_TURNS * Math.PI * t + d.Y[i] * Math.PI;
      assert.ok(Math.abs(r * Math.cos(theta) - a) < 1e-9 && Math.abs(r * Math.sin(theta) - b) < 1e-9, `point ${i}`);
    }
  });
});
