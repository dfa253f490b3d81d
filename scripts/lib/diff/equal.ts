/**
 * "Nothing changed here" in one cheap walk: two subtrees are the same when they are deeply equal
 * and every `$ref` in them names a target that is itself the same on both sides. The comparison
 * skips such subtrees, so a large description with a few edits is compared at the cost of an
 * equality check plus the edited parts.
 */
import { nodeAt } from '../openapi.ts';

export class Sameness {
  /** Per local ref: whether its target is the same on both sides (true while being decided: cycles). */
  private readonly refs = new Map<string, boolean>();

  constructor(
    private readonly base: unknown,
    private readonly head: unknown,
  ) {}

  private sameRef(ref: string): boolean {
    if (!ref.startsWith('#')) return false;
    const known = this.refs.get(ref);
    if (known !== undefined) return known;
    this.refs.set(ref, true);
    const pointer = ref.slice(1);
    const result = this.same(nodeAt(this.base, pointer), nodeAt(this.head, pointer));
    this.refs.set(ref, result);
    return result;
  }

  same(a: unknown, b: unknown): boolean {
    // The same object still needs its refs checked: their targets may differ between the sides.
    if (a === b && (typeof a !== 'object' || a === null)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i += 1) if (!this.same(a[i], b[i])) return false;
      return true;
    }
    if (Array.isArray(b)) return false;
    const keysA = Object.keys(a);
    if (keysA.length !== Object.keys(b).length) return false;
    for (const key of keysA) {
      const valueA = (a as Record<string, unknown>)[key];
      const valueB = (b as Record<string, unknown>)[key];
      if (key === '$ref' && typeof valueA === 'string') {
        if (valueA !== valueB || !this.sameRef(valueA)) return false;
      } else if (!Object.hasOwn(b, key) || !this.same(valueA, valueB)) return false;
    }
    return true;
  }
}
