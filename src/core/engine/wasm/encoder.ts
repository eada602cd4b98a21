// A tiny WebAssembly binary writer: LEB128 numbers, vectors and the module sections a generated kernel needs.
//
// Why hand-written: the training step is specialised at run time (constant sizes and offsets), so its bytes are
// emitted from TypeScript without a toolchain. Only what wasmStep.ts uses is here (MVP sections, one imported
// memory, function imports, exports); the format is the one in the WebAssembly core specification, §5.

/** Value types (binary encoding). */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F64 | typeof V128;

/** A growable byte buffer with the primitive encodings of the binary format. */
export class ByteWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  get length(): number {
    return this.len;
  }

  byte(b: number): this {
    if (this.len === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.len++] = b & 0xff;
    return this;
  }

  bytes(bs: ArrayLike<number>): this {
    for (let i = 0; i < bs.length; i++) this.byte(bs[i]);
    return this;
  }

  /** Unsigned LEB128 (u32: indices, sizes, memarg offsets). */
  u32(n: number): this {
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`u32 out of range: ${n}`);
    let v = n;
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
    return this;
  }

  /** Signed LEB128 of a 32-bit integer (i32.const immediates). */
  s32(n: number): this {
    if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) throw new RangeError(`s32 out of range: ${n}`);
    let v = n;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      // Done when the remaining bits are all copies of the sign bit just written.
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        this.byte(b);
        return this;
      }
      this.byte(b | 0x80);
    }
  }

  /** IEEE 754 binary64, little-endian (f64.const immediates): the exact bits of `x`. */
  f64(x: number): this {
    const tmp = new DataView(new ArrayBuffer(8));
    tmp.setFloat64(0, x, true);
    for (let i = 0; i < 8; i++) this.byte(tmp.getUint8(i));
    return this;
  }

  /** A UTF-8 name prefixed by its byte length. */
  name(s: string): this {
    const b = new TextEncoder().encode(s);
    return this.u32(b.length).bytes(b);
  }

  /** Another writer's bytes, prefixed by their length (section and function bodies). */
  sized(w: ByteWriter): this {
    return this.u32(w.length).bytes(w.toBytes());
  }

  toBytes(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.len);
  }
}

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export interface FuncImport {
  module: string;
  field: string;
  type: FuncType;
}

export interface MemoryImport {
  module: string;
  field: string;
  /** Pages of 64 KiB; minimum and maximum are equal so the memory can never grow. */
  pages: number;
  /** A shared memory (threads): two instances in two threads then work on the same arrays. */
  shared?: boolean;
}

export interface FuncDef {
  name: string;
  type: FuncType;
  /** Local declarations beyond the parameters, in index order. */
  locals: ValType[];
  /** Instructions, without the final `end` (added here). */
  code: ByteWriter;
}

function sameType(a: FuncType, b: FuncType): boolean {
  return (
    a.params.length === b.params.length &&
    a.results.length === b.results.length &&
    a.params.every((t, i) => t === b.params[i]) &&
    a.results.every((t, i) => t === b.results[i])
  );
}

/** Runs of equal types, as the code section declares locals: (count, type) pairs. */
function localRuns(locals: ValType[]): [number, ValType][] {
  const runs: [number, ValType][] = [];
  for (const t of locals) {
    const last = runs[runs.length - 1];
    if (last && last[1] === t) last[0]++;
    else runs.push([1, t]);
  }
  return runs;
}

/**
 * A complete module: function imports (indices 0..n-1), one imported memory, then the defined functions
 * (indices n..), each exported under its name.
 */
export function encodeModule(imports: FuncImport[], memory: MemoryImport, funcs: FuncDef[]): Uint8Array<ArrayBuffer> {
  const types: FuncType[] = [];
  const typeIndex = (t: FuncType): number => {
    const found = types.findIndex((u) => sameType(u, t));
    if (found >= 0) return found;
    types.push(t);
    return types.length - 1;
  };
  const importTypes = imports.map((im) => typeIndex(im.type));
  const funcTypes = funcs.map((f) => typeIndex(f.type));

  const out = new ByteWriter();
  out.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const section = (id: number, body: ByteWriter): void => {
    out.byte(id).sized(body);
  };

  const typeSec = new ByteWriter().u32(types.length);
  for (const t of types) {
    typeSec.byte(0x60).u32(t.params.length).bytes(t.params).u32(t.results.length).bytes(t.results);
  }
  section(1, typeSec);

  const importSec = new ByteWriter().u32(imports.length + 1);
  imports.forEach((im, i) => importSec.name(im.module).name(im.field).byte(0x00).u32(importTypes[i]));
  importSec
    .name(memory.module)
    .name(memory.field)
    .byte(0x02)
    .byte(memory.shared ? 0x03 : 0x01)
    .u32(memory.pages)
    .u32(memory.pages);
  section(2, importSec);

  const funcSec = new ByteWriter().u32(funcs.length);
  for (const t of funcTypes) funcSec.u32(t);
  section(3, funcSec);

  const exportSec = new ByteWriter().u32(funcs.length);
  funcs.forEach((f, i) =>
    exportSec
      .name(f.name)
      .byte(0x00)
      .u32(imports.length + i),
  );
  section(7, exportSec);

  const codeSec = new ByteWriter().u32(funcs.length);
  for (const f of funcs) {
    const body = new ByteWriter();
    const runs = localRuns(f.locals);
    body.u32(runs.length);
    for (const [count, t] of runs) body.u32(count).byte(t);
    body.bytes(f.code.toBytes()).byte(0x0b);
    codeSec.sized(body);
  }
  section(10, codeSec);
  return out.toBytes();
}
