/** Union-find over verified pairs, guarded against chaining through the representatives. */

/** Disjoint sets over 0..n-1 whose representative is the best-ranked member. */
export class Clusters {
  private readonly parent: Int32Array;
  private readonly rep: Int32Array;

  /** `better(i, j)` is true when item i ranks ahead of item j as a cluster's representative. */
  constructor(
    size: number,
    private readonly better: (i: number, j: number) => boolean,
  ) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
    this.rep = Int32Array.from({ length: size }, (_, i) => i);
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    for (let x = i; this.parent[x] !== root; ) {
      const next = this.parent[x]!;
      this.parent[x] = root;
      x = next;
    }
    return root;
  }

  /** The representative of i's cluster. */
  representative(i: number): number {
    return this.rep[this.find(i)]!;
  }

  union(i: number, j: number): void {
    const a = this.find(i);
    const b = this.find(j);
    if (a === b) return;
    const ra = this.rep[a]!;
    const rb = this.rep[b]!;
    const [root, child] = a < b ? [a, b] : [b, a];
    this.parent[child] = root;
    this.rep[root] = this.better(ra, rb) ? ra : rb;
  }

  /** Every cluster's members, each list sorted by index. */
  groups(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const r = this.find(i);
      const g = byRoot.get(r);
      if (g) g.push(i);
      else byRoot.set(r, [i]);
    }
    return [...byRoot.values()];
  }
}
