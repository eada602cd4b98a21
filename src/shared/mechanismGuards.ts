// Runtime checks of the mechanism payload (signal flow, unit health, theory line) that progress and panel state carry.
import type { Histogram, LayerSignal, Mechanism, SignalSnapshot, TheoryLine } from './protocol';

/** More entries than any network the limits allow: a longer list is not from our worker. */
const MAX_LAYERS = 1024;

// Local twins of guards.ts's basics: guards.ts imports this file, and a cycle back would be fragile.
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown, maxLength: number): x is string => typeof x === 'string' && x.length <= maxLength;
const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isNumOrNull = (x: unknown): x is number | null => x === null || isNum(x);
const isShareOrNull = (x: unknown): boolean => x === null || (isNum(x) && x >= 0 && x <= 1);

function isList<T>(x: unknown, item: (v: unknown) => v is T): x is T[] {
  return Array.isArray(x) && x.length <= MAX_LAYERS && x.every(item);
}

/** Bins of one histogram: more than any chart draws are not from our worker. */
const MAX_BINS = 1000;

export function isHistogram(x: unknown): x is Histogram {
  return (
    isObj(x) &&
    isNum(x.min) &&
    isNum(x.max) &&
    x.min < x.max &&
    Array.isArray(x.counts) &&
    x.counts.length >= 1 &&
    x.counts.length <= MAX_BINS &&
    x.counts.every(isCount)
  );
}

const isOptionalHistogram = (x: unknown): boolean => x === undefined || x === null || isHistogram(x);

export function isLayerSignal(x: unknown): x is LayerSignal {
  return (
    isObj(x) &&
    isCount(x.layer) &&
    isNumOrNull(x.zStd) &&
    isNumOrNull(x.aStd) &&
    isNumOrNull(x.dzStd) &&
    isNumOrNull(x.daStd) &&
    isShareOrNull(x.dead) &&
    isShareOrNull(x.saturated) &&
    isOptionalHistogram(x.aHist) &&
    isOptionalHistogram(x.dzHist)
  );
}

export function isSignalSnapshot(x: unknown): x is SignalSnapshot {
  return isObj(x) && isCount(x.iteration) && isNum(x.inputStd) && isList(x.layers, isLayerSignal);
}

export function isTheoryLine(x: unknown): x is TheoryLine {
  return (
    isObj(x) &&
    isList(x.zStd, isNumOrNull) &&
    isStr(x.formula, 2000) &&
    (x.note === null || isStr(x.note, 2000)) &&
    (x.dzStd === undefined || isList(x.dzStd, isNumOrNull)) &&
    (x.backwardFormula === undefined || isStr(x.backwardFormula, 2000)) &&
    (x.backwardNote === undefined || x.backwardNote === null || isStr(x.backwardNote, 2000))
  );
}

export function isMechanism(x: unknown): x is Mechanism {
  return isObj(x) && isTheoryLine(x.theory) && isSignalSnapshot(x.initial) && isSignalSnapshot(x.current);
}

/** For the optional fields: absent (older senders) or a valid mechanism; `null` too where the type allows it. */
export function isOptionalMechanism(x: unknown, nullable: boolean): boolean {
  return x === undefined || (nullable && x === null) || isMechanism(x);
}
