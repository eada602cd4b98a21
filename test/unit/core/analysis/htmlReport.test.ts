// The HTML report's pure parts: the boundary bitmap's bytes, number formatting, and escaping of every user text.
import * as assert from 'node:assert/strict';
import { boundaryBmp, formatValue, htmlReport, type ReportInput } from '../../../../src/core/analysis/htmlReport';
import { bytesToBase64 } from '../../../../src/core/analysis/metrics';
import type { RunResult } from '../../../../src/core/analysis/results';

const decode = (b64: string): Buffer => Buffer.from(b64, 'base64');

describe('core/analysis: HTML report', () => {
  it('encodes the boundary as a 24-bit BMP, bottom row first, padded rows, white at p = 0.5', () => {
    // 2×2 grid, row 0 (top): p = 0, 1; row 1 (bottom): p = 0.5, 0.5.
    const probs = bytesToBase64(new Uint8Array([0, 255, 128, 128]));
    const bmp = decode(boundaryBmp({ n: 2, xMin: 0, xMax: 1, yMin: 0, yMax: 1, probs }));
    assert.equal(bmp.toString('latin1', 0, 2), 'BM');
    assert.equal(bmp.readUInt32LE(2), bmp.length);
    assert.equal(bmp.readInt32LE(18), 2);
    assert.equal(bmp.readUInt16LE(28), 24);
    const rowBytes = 8; // 2 pixels × 3 bytes, padded to 4
    assert.equal(bmp.length, 54 + 2 * rowBytes);
    const pixel = (row: number, col: number): number[] => [
      ...bmp.subarray(54 + row * rowBytes + col * 3, 54 + row * rowBytes + col * 3 + 3),
    ];
    // BMP row 0 is the grid's bottom row: p ≈ 0.5, almost white (BGR).
    for (const c of pixel(0, 0)) assert.ok(c >= 253, `${pixel(0, 0)}`);
    // Top row: p = 0 leans orange (red channel highest), p = 1 leans blue (blue channel highest).
    const [b0, , r0] = pixel(1, 0);
    const [b1, , r1] = pixel(1, 1);
    assert.ok(r0 > b0 && b1 > r1, `${pixel(1, 0)} / ${pixel(1, 1)}`);
  });

  it('formats numbers for people', () => {
    assert.equal(formatValue(0.073578959626), '0.07358');
    assert.equal(formatValue(Infinity), '∞');
    assert.equal(formatValue(NaN), 'NaN');
    assert.equal(formatValue(1.5e-6), '1.500e-6');
  });

  it('escapes every text that comes from the experiment file', () => {
    const evil = '<script>alert(1)</script>"&\'';
    const result: RunResult = {
      name: evil,
      costs: [
        [0, 0.7],
        [10, 0.5],
      ],
      trainAccuracy: 0.5,
      testAccuracy: 0.5,
      finalCost: 0.5,
      ms: 1,
      iterations: 11,
      divergedAt: null,
      stopped: false,
      verdict: { kind: 'slow', text: evil },
    };
    const input: ReportInput = {
      experimentName: evil,
      description: evil,
      fileName: evil,
      source: evil,
      generated: 'now',
      runs: [{ result, initLabel: evil, layers: [], boundary: null }],
      train: { xyl: [] },
      test: { xyl: [] },
    };
    const html = htmlReport(input);
    assert.ok(!html.includes('<script>'), 'a raw <script> reached the page');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;'));
  });
});
