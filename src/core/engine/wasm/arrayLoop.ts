// The loop skeleton of a pass over an array, two elements per vector: groups of vectors, then single vectors, then
// a lone last element (wasm/fastMath.ts's activations and wasm/crExp.ts's output sigmoid share it).
import type { Code } from './code';
import { I32 } from './code';

export interface ArrayLoop {
  /** Locals: the array's first byte offset and its element count (never changed), and a cursor starting there. */
  start: number;
  count: number;
  cursor: number;
  /** Bytes between two elements. */
  stride: number;
  /** Vectors per turn of the main loop. */
  group: number;
  /** Emits one turn over `vectors` vectors from the cursor; `single`: one element, the vector's lane 1 unused. */
  turn: (vectors: number, single: boolean) => void;
  /** Emits the cursor's advance by `bytes` (and that of any array walked beside it). */
  advance: (bytes: number) => void;
}

export function emitArrayLoop(c: Code, a: ArrayLoop): void {
  const end = c.local(I32);
  const loopOf = (vectors: number): void => {
    // end = start + (count rounded down to a whole number of turns)·stride (a turn: 2·vectors elements, any number)
    c.get(a.count)
      .get(a.count)
      .i32Const(2 * vectors)
      .i32RemU()
      .i32Sub()
      .i32Const(a.stride)
      .i32Mul()
      .get(a.start)
      .i32Add()
      .set(end);
    c.block().loop();
    c.get(a.cursor).get(end).i32GeU().brIf(1);
    a.turn(vectors, false);
    a.advance(2 * vectors * a.stride);
    c.br(0).end().end();
  };
  loopOf(a.group);
  loopOf(1);
  c.get(a.count).i32Const(1).i32And().if();
  a.turn(1, true);
  c.end();
}
