// Where CodeLenses go in an experiment file: the document start and each object of the `runs` array. Pure.
import { parseTree, findNodeAtLocation } from 'jsonc-parser';

export interface RunLocation {
  /** Index in `runs`. */
  index: number;
  /** Offset of the run object's `{`. */
  offset: number;
  /** The run's `name` if it is a string literal (for the lens tooltip). */
  name: string | undefined;
}

/** Locations of the run objects; tolerant of broken JSON (jsonc-parser recovers what it can). */
export function runLocations(text: string): RunLocation[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return [];
  const runs = findNodeAtLocation(root, ['runs']);
  if (!runs || runs.type !== 'array' || !runs.children) return [];
  const out: RunLocation[] = [];
  runs.children.forEach((node, index) => {
    if (node.type !== 'object') return;
    const nameNode = findNodeAtLocation(node, ['name']);
    out.push({ index, offset: node.offset, name: typeof nameNode?.value === 'string' ? nameNode.value : undefined });
  });
  return out;
}
