/** Field paths as the validator writes them (no parser loaded: the quick locator uses this too). */

/** `spec.ports[1].name` -> ['spec', 'ports', 1, 'name']; `metadata.labels[app]` -> [..., 'labels', 'app']. */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}
