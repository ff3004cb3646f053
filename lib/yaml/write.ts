import { dump } from 'js-yaml';
import type { SourceDoc } from './read';

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

/**
 * The multi-document stream of some objects and, for the validator, each document as reading that
 * stream back would give it (its text, lines, and value), so that what is written is checked
 * without being parsed again. The values are copies (JSON): the validator cannot change the objects.
 */
export function yamlStream(objects: readonly unknown[], file: string): { text: string; docs: SourceDoc[]; texts: string[] } {
  const texts = objects.map(toYaml);
  const docs: SourceDoc[] = [];
  let line = 1;
  texts.forEach((t, index) => {
    const text = index > 0 ? `---\n${t}` : t;
    docs.push({ file, index, text, firstLine: line, line: index > 0 ? line + 1 : line, value: JSON.parse(JSON.stringify(objects[index])) });
    line += countLines(text);
  });
  return { text: texts.join('---\n'), docs, texts };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
