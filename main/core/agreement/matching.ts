/**
 * Maximum bipartite matching by Hopcroft and Karp (1973, "An n^5/2 algorithm for maximum matchings in
 * bipartite graphs"): shortest augmenting paths in phases, O(E √V). The search is iterative so a
 * long chain of overlapping spans cannot overflow the stack. Building the graph is spans.ts's job.
 */

/** A bipartite graph: left vertex u's neighbours are `targets[offsets[u] .. offsets[u + 1])`. */
export interface BipartiteGraph {
  left: number;
  right: number;
  offsets: Int32Array;
  targets: Int32Array;
}

const UNREACHED = 0x7fffffff;

/** The size of a maximum matching of the graph. */
export function maximumMatching(graph: BipartiteGraph): number {
  const { left, right, offsets, targets } = graph;
  const matchLeft = new Int32Array(left).fill(-1);
  const matchRight = new Int32Array(right).fill(-1);
  const layer = new Int32Array(left);
  const next = new Int32Array(left);
  const queue = new Int32Array(left);
  const stack = new Int32Array(left);
  let size = 0;

  /** Layers the left vertices by alternating distance from the free ones; true if a free right is reached. */
  const layerGraph = (): boolean => {
    let tail = 0;
    for (let u = 0; u < left; u += 1) {
      layer[u] = matchLeft[u] === -1 ? 0 : UNREACHED;
      if (matchLeft[u] === -1) queue[tail++] = u;
    }
    let reachedFree = false;
    for (let head = 0; head < tail; head += 1) {
      const u = queue[head] ?? 0;
      for (let e = offsets[u] ?? 0; e < (offsets[u + 1] ?? 0); e += 1) {
        const w = matchRight[targets[e] ?? 0] ?? -1;
        if (w === -1) reachedFree = true;
        else if (layer[w] === UNREACHED) {
          layer[w] = (layer[u] ?? 0) + 1;
          queue[tail++] = w;
        }
      }
    }
    return reachedFree;
  };

  /** Depth-first search along the layers from a free left vertex; flips the path when it ends free. */
  const augment = (root: number): boolean => {
    let depth = 0;
    stack[depth] = root;
    while (depth >= 0) {
      const u = stack[depth] ?? 0;
      const e = next[u] ?? 0;
      if (e >= (offsets[u + 1] ?? 0)) {
        layer[u] = UNREACHED;
        depth -= 1;
        continue;
      }
      const w = matchRight[targets[e] ?? 0] ?? -1;
      if (w === -1) {
        for (let d = depth; d >= 0; d -= 1) {
          const v = stack[d] ?? 0;
          const target = targets[next[v] ?? 0] ?? 0;
          matchLeft[v] = target;
          matchRight[target] = v;
        }
        return true;
      }
      if (layer[w] === (layer[u] ?? 0) + 1) stack[++depth] = w;
      else next[u] = e + 1;
    }
    return false;
  };

  while (layerGraph()) {
    next.set(offsets.subarray(0, left));
    for (let u = 0; u < left; u += 1) {
      if (matchLeft[u] === -1 && augment(u)) size += 1;
    }
  }
  return size;
}
