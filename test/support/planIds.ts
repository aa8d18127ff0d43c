// Plan ids are unique per plan node for the process's lifetime, so golden files hold
// them renumbered: 0, 1, 2, ... in order of first appearance.
export function renumberPlanIds(value: unknown): unknown {
  const ids = new Map<string, string>();
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === "planId" && (typeof x === "string" || typeof x === "number")) {
          const key = String(x);
          if (!ids.has(key)) ids.set(key, String(ids.size));
          out[k] = ids.get(key);
        } else out[k] = walk(x);
      }
      return out;
    }
    return v;
  };
  return walk(value);
}
