// The functions both generated modules carry for their transcendentals, in one fixed order, and the tables they read.
//
// Why one place: the unrolled and the tiled module each list these functions after their own first ones, and call
// them by index; the order, the indices and where the tables sit in memory are one fact, kept here.
import type { FuncDef } from './encoder';
import { F64 } from './code';
import { CR_EXP_TABLE_BYTES, crExpCode, crExpTable, outputSigmoidFunction } from './crExp';
import { CR_LOG_TABLE_BYTES, crLogFunction, crLogTable } from './crLog';
import { activationFunctions } from './fastMath';
import { EXP, LOG } from './elementwise';

/** Function indices of the module's own math: scalar crexp and crlog, the array passes tanh, sigmoid, sigmoidOut. */
export interface MathIndices {
  crexp: number;
  tanh: number;
  sigmoid: number;
  sigmoidOut: number;
  crlog: number;
  /** The first index after them. */
  next: number;
}

/** The indices when the math functions start at function index `first`. */
export function mathIndices(first: number): MathIndices {
  return {
    crexp: first,
    tanh: first + 1,
    sigmoid: first + 2,
    sigmoidOut: first + 3,
    crlog: first + 4,
    next: first + 5,
  };
}

/** Bytes of memory the tables take from the byte offset given to `mathFunctions` and `writeMathTables`. */
export const MATH_TABLE_BYTES = CR_EXP_TABLE_BYTES + CR_LOG_TABLE_BYTES;

/**
 * The functions, in `mathIndices` order: `tables` is the tables' byte offset, `outputStride` the bytes between two
 * samples' logits (for sigmoidOut); the fallbacks are the imported crExp and crLog.
 */
export function mathFunctions(tables: number, outputStride: number, at: MathIndices): FuncDef[] {
  const crexp = crExpCode(tables, EXP);
  return [
    { name: 'crexp', type: { params: [F64], results: [F64] }, locals: crexp.locals, code: crexp.bytes },
    ...activationFunctions(),
    outputSigmoidFunction(outputStride, tables, at.crexp),
    crLogFunction(tables + CR_EXP_TABLE_BYTES, LOG),
  ];
}

/** Writes the tables at byte offset `tables` of `memory`. */
export function writeMathTables(memory: WebAssembly.Memory, tables: number): void {
  new Float64Array(memory.buffer, tables, CR_EXP_TABLE_BYTES / 8).set(crExpTable());
  new Float64Array(memory.buffer, tables + CR_EXP_TABLE_BYTES, CR_LOG_TABLE_BYTES / 8).set(crLogTable());
}
