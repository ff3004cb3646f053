import { dump } from 'js-yaml';

/**
 * Deterministic YAML for Kubernetes objects: keys in the order the objects hold them, no
 * anchors/aliases, no line folding, strings that YAML 1.1 would read as something else quoted
 * ('yes', 'on', '0755'). Same input, same bytes.
 */
export function toYaml(obj: unknown): string {
  return dump(obj, { noRefs: true, lineWidth: -1, sortKeys: false });
}

/** A multi-document YAML stream: documents separated by `---`. */
export function toMultiDocYaml(objects: readonly unknown[]): string {
  return objects.map(toYaml).join('---\n');
}
