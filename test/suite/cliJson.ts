// The CLI's --json output decoded for comparison (no Node API: the web suite reads the file through workspace.fs).

export interface CliRun {
  name: string;
  costs: [number, number][];
  trainAccuracy: number;
  testAccuracy: number;
  finalCost: number;
}

type WireNumber = number | 'Infinity' | '-Infinity' | 'NaN';
interface CliJson {
  name: string;
  runs: {
    name: string;
    costs: [number, WireNumber][];
    trainAccuracy: number;
    testAccuracy: number;
    finalCost: WireNumber;
  }[];
}

/** The CLI contract spells non-finite costs as strings (docs/format.md); decoded here without the extension's helpers. */
function num(x: WireNumber): number {
  return typeof x === 'number' ? x : Number(x);
}

export function decodeCliJson(text: string): { name: string; runs: CliRun[] } {
  const json = JSON.parse(text) as CliJson;
  return {
    name: json.name,
    runs: json.runs.map((r) => ({
      name: r.name,
      costs: r.costs.map(([i, c]) => [i, num(c)]),
      trainAccuracy: r.trainAccuracy,
      testAccuracy: r.testAccuracy,
      finalCost: num(r.finalCost),
    })),
  };
}
