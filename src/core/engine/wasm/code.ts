// Instruction emitter for one WebAssembly function body: locals, control flow, scalar f64/i32 and f64x2 SIMD ops.
//
// Opcode numbers are those of the core specification (scalar) and the fixed-width SIMD proposal's final binary
// encoding (prefix 0xfd, LEB128 sub-opcode). Only the instructions the training kernel needs are present.
import { ByteWriter, F64, I32, V128 } from './encoder';
import type { ValType } from './encoder';

const SIMD = 0xfd;

/** SIMD sub-opcodes used by the kernel. */
const S = {
  load: 0x00,
  load64Splat: 0x0a,
  store: 0x0b,
  const: 0x0c,
  shuffle: 0x0d,
  f64x2Splat: 0x14,
  f64x2ExtractLane: 0x21,
  f64x2ReplaceLane: 0x22,
  f64x2Gt: 0x4a,
  and: 0x4e,
  bitselect: 0x52,
  store64Lane: 0x5b,
  load64Zero: 0x5d,
  f64x2Lt: 0x49,
  f64x2Eq: 0x47,
  f64x2Ne: 0x48,
  f64x2Le: 0x4b,
  f64x2Ge: 0x4c,
  not: 0x4d,
  anyTrue: 0x53,
  i32x4ExtractLane: 0x1b,
  or: 0x50,
  i64x2Shl: 0xcb,
  i64x2ShrS: 0xcc,
  i64x2Add: 0xce,
  i64x2Sub: 0xd1,
  f64x2Pmin: 0xf6,
  f64x2Pmax: 0xf7,
  f64x2Abs: 0xec,
  f64x2Neg: 0xed,
  f64x2Add: 0xf0,
  f64x2Sub: 0xf1,
  f64x2Mul: 0xf2,
  f64x2Div: 0xf3,
} as const;

/** Alignment hint (log2 bytes) of every memory access: 8, since rows need not start on 16 bytes. */
const ALIGN8 = 3;

export class Code {
  readonly bytes = new ByteWriter();
  /** Local types after the parameters. */
  readonly locals: ValType[] = [];

  constructor(private readonly paramCount: number) {}

  /** Declares a new local and returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.paramCount + this.locals.length - 1;
  }

  private op(b: number): this {
    this.bytes.byte(b);
    return this;
  }

  /** Memory immediate: alignment hint, then the constant offset added to the address operand. */
  private memarg(offset: number): this {
    this.bytes.u32(ALIGN8).u32(offset);
    return this;
  }

  private simd(sub: number): this {
    this.bytes.byte(SIMD).u32(sub);
    return this;
  }

  // Control flow. Blocks here take and return nothing (block type 0x40).
  block(): this {
    this.bytes.byte(0x02).byte(0x40);
    return this;
  }
  loop(): this {
    this.bytes.byte(0x03).byte(0x40);
    return this;
  }
  if(): this {
    this.bytes.byte(0x04).byte(0x40);
    return this;
  }
  else(): this {
    return this.op(0x05);
  }
  end(): this {
    return this.op(0x0b);
  }
  br(depth: number): this {
    this.bytes.byte(0x0c).u32(depth);
    return this;
  }
  brIf(depth: number): this {
    this.bytes.byte(0x0d).u32(depth);
    return this;
  }
  return(): this {
    return this.op(0x0f);
  }
  call(func: number): this {
    this.bytes.byte(0x10).u32(func);
    return this;
  }
  select(): this {
    return this.op(0x1b);
  }

  get(local: number): this {
    this.bytes.byte(0x20).u32(local);
    return this;
  }
  set(local: number): this {
    this.bytes.byte(0x21).u32(local);
    return this;
  }
  tee(local: number): this {
    this.bytes.byte(0x22).u32(local);
    return this;
  }

  // i32 (loop counters and addresses).
  i32Const(n: number): this {
    this.bytes.byte(0x41).s32(n);
    return this;
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32RemU(): this {
    return this.op(0x70);
  }
  i32And(): this {
    return this.op(0x71);
  }
  i32Shl(): this {
    return this.op(0x74);
  }
  i32ShrU(): this {
    return this.op(0x76);
  }
  i32Eqz(): this {
    return this.op(0x45);
  }
  i32Ne(): this {
    return this.op(0x47);
  }
  i32LtU(): this {
    return this.op(0x49);
  }
  i32LeU(): this {
    return this.op(0x4d);
  }
  i32GeU(): this {
    return this.op(0x4f);
  }
  i32LtS(): this {
    return this.op(0x48);
  }
  i32GtS(): this {
    return this.op(0x4a);
  }
  i32Or(): this {
    return this.op(0x72);
  }
  i32ShrS(): this {
    return this.op(0x75);
  }
  /** f64 → i32, truncating (for integral values below 2^31 in magnitude: JavaScript's `x | 0`). */
  i32TruncF64S(): this {
    return this.op(0xaa);
  }

  // i64 scalar (building a double from its bits).
  i64Const(n: number): this {
    // A small constant's signed LEB128 is the same for i32 and i64.
    this.bytes.byte(0x42).s32(n);
    return this;
  }
  i64ExtendI32S(): this {
    return this.op(0xac);
  }
  i64Shl(): this {
    return this.op(0x86);
  }
  i64ReinterpretF64(): this {
    return this.op(0xbd);
  }
  i64ShrU(): this {
    return this.op(0x88);
  }
  i64And(): this {
    return this.op(0x83);
  }
  i64Or(): this {
    return this.op(0x84);
  }
  i32WrapI64(): this {
    return this.op(0xa7);
  }
  f64ConvertI32S(): this {
    return this.op(0xb7);
  }
  i32Eq(): this {
    return this.op(0x46);
  }
  f64Ge(): this {
    return this.op(0x66);
  }
  f64ReinterpretI64(): this {
    return this.op(0xbf);
  }

  // f64 scalar.
  f64Const(x: number): this {
    this.bytes.byte(0x44).f64(x);
    return this;
  }
  f64Load(offset: number): this {
    return this.op(0x2b).memarg(offset);
  }
  f64Store(offset: number): this {
    return this.op(0x39).memarg(offset);
  }
  f64Eq(): this {
    return this.op(0x61);
  }
  f64Gt(): this {
    return this.op(0x64);
  }
  f64Ne(): this {
    return this.op(0x62);
  }
  f64Lt(): this {
    return this.op(0x63);
  }
  f64Le(): this {
    return this.op(0x65);
  }
  f64Abs(): this {
    return this.op(0x99);
  }
  f64Neg(): this {
    return this.op(0x9a);
  }
  f64Add(): this {
    return this.op(0xa0);
  }
  f64Sub(): this {
    return this.op(0xa1);
  }
  f64Mul(): this {
    return this.op(0xa2);
  }
  f64Div(): this {
    return this.op(0xa3);
  }

  // f64x2 SIMD: every arithmetic op is the scalar IEEE op applied to each lane independently.
  v128Load(offset: number): this {
    return this.simd(S.load).memarg(offset);
  }
  /** Lane 0 from memory, lane 1 zero: a single-sample tail without reading past a row. */
  v128Load64Zero(offset: number): this {
    return this.simd(S.load64Zero).memarg(offset);
  }
  v128Load64Splat(offset: number): this {
    return this.simd(S.load64Splat).memarg(offset);
  }
  v128Store(offset: number): this {
    return this.simd(S.store).memarg(offset);
  }
  v128Store64Lane(offset: number, lane: 0 | 1): this {
    this.simd(S.store64Lane).memarg(offset).bytes.byte(lane);
    return this;
  }
  f64x2Const(x: number): this {
    this.simd(S.const);
    this.bytes.f64(x).f64(x);
    return this;
  }
  /** Byte shuffle of two vectors; `lanes` picks f64 lanes 0–1 of the first operand and 2–3 of the second. */
  f64x2Shuffle(lane0: 0 | 1 | 2 | 3, lane1: 0 | 1 | 2 | 3): this {
    this.simd(S.shuffle);
    for (const lane of [lane0, lane1]) for (let b = 0; b < 8; b++) this.bytes.byte(lane * 8 + b);
    return this;
  }
  f64x2Splat(): this {
    return this.simd(S.f64x2Splat);
  }
  f64x2ExtractLane(lane: 0 | 1): this {
    this.simd(S.f64x2ExtractLane).bytes.byte(lane);
    return this;
  }
  f64x2ReplaceLane(lane: 0 | 1): this {
    this.simd(S.f64x2ReplaceLane).bytes.byte(lane);
    return this;
  }
  f64x2Gt(): this {
    return this.simd(S.f64x2Gt);
  }
  f64x2Lt(): this {
    return this.simd(S.f64x2Lt);
  }
  /** Lane-wise pseudo-minimum b < a ? b : a and pseudo-maximum a < b ? b : a (one instruction each on x64). */
  f64x2Pmin(): this {
    return this.simd(S.f64x2Pmin);
  }
  f64x2Pmax(): this {
    return this.simd(S.f64x2Pmax);
  }
  f64x2Eq(): this {
    return this.simd(S.f64x2Eq);
  }
  f64x2Ne(): this {
    return this.simd(S.f64x2Ne);
  }
  f64x2Le(): this {
    return this.simd(S.f64x2Le);
  }
  f64x2Ge(): this {
    return this.simd(S.f64x2Ge);
  }
  v128Or(): this {
    return this.simd(S.or);
  }
  v128Not(): this {
    return this.simd(S.not);
  }
  /** i32: 1 when any bit of the vector is set. */
  v128AnyTrue(): this {
    return this.simd(S.anyTrue);
  }
  /** i32 lane 0–3 (lanes 0 and 2 are the low halves of the two i64 lanes). */
  i32x4ExtractLane(lane: 0 | 1 | 2 | 3): this {
    this.simd(S.i32x4ExtractLane).bytes.byte(lane);
    return this;
  }
  /** Two i64 lanes equal to `n` (an integer of at most 53 bits). */
  i64x2Const(n: number): this {
    this.simd(S.const);
    const tmp = new DataView(new ArrayBuffer(8));
    tmp.setBigInt64(0, BigInt(n), true);
    for (let lane = 0; lane < 2; lane++) for (let b = 0; b < 8; b++) this.bytes.byte(tmp.getUint8(b));
    return this;
  }
  i64x2Add(): this {
    return this.simd(S.i64x2Add);
  }
  i64x2Sub(): this {
    return this.simd(S.i64x2Sub);
  }
  /** Shifts both i64 lanes by the i32 on top of the stack. */
  i64x2Shl(): this {
    return this.simd(S.i64x2Shl);
  }
  i64x2ShrS(): this {
    return this.simd(S.i64x2ShrS);
  }
  v128And(): this {
    return this.simd(S.and);
  }
  v128Bitselect(): this {
    return this.simd(S.bitselect);
  }
  f64x2Abs(): this {
    return this.simd(S.f64x2Abs);
  }
  f64x2Neg(): this {
    return this.simd(S.f64x2Neg);
  }
  f64x2Add(): this {
    return this.simd(S.f64x2Add);
  }
  f64x2Sub(): this {
    return this.simd(S.f64x2Sub);
  }
  f64x2Mul(): this {
    return this.simd(S.f64x2Mul);
  }
  f64x2Div(): this {
    return this.simd(S.f64x2Div);
  }
}

export { F64, I32, V128 };
