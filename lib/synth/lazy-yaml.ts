/**
 * cdk8s requires the `yaml` package when it loads (for its Yaml, Include and Helm classes): about
 * 70 modules, a fifth of `svcgen synth` of a small app. svcgen's synth renders and writes YAML
 * itself and never calls them, so, for the commands that load an app (`synth`, `explain --app`),
 * the package is handed to cdk8s as a stand-in that requires it on first use: an app that reads
 * YAML through cdk8s gets the real package then, the same module, and nothing else changes.
 * Only requires made by cdk8s's own modules are answered so; the library never installs this.
 */
import Module = require('module');
import * as path from 'path';

interface Loader {
  _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown;
}

let installed = false;

/** Whether a module is one of cdk8s's own (any copy: svcgen's, or the app's). */
function fromCdk8s(parent: { filename?: string } | undefined): boolean {
  const f = parent?.filename;
  return !!f && f.includes(`${path.sep}node_modules${path.sep}cdk8s${path.sep}lib${path.sep}`);
}

/**
 * A stand-in for a module: every property read, `in` test and key listing requires the module
 * then and answers from it. It says it is an ES module's namespace (`__esModule`), so that a
 * compiled `import * as YAML` takes it as it is instead of copying its keys at once.
 */
function onFirstUse(load: () => object): object {
  let real: object | undefined;
  const get = () => (real ??= load());
  return new Proxy(
    {},
    {
      get: (_, key) => (key === '__esModule' ? true : Reflect.get(get(), key)),
      has: (_, key) => key === '__esModule' || Reflect.has(get(), key),
      ownKeys: () => Reflect.ownKeys(get()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(get(), key);
        // (a proxy may not report a property its target lacks as non-configurable)
        return d && { ...d, configurable: true };
      },
    },
  );
}

/** Installs the stand-in for cdk8s's `yaml` (once; before cdk8s is loaded, or it has no effect). */
export function deferCdk8sYaml(): void {
  if (installed) return;
  installed = true;
  const loader = Module as unknown as Loader;
  const original = loader._load;
  loader._load = function load(this: unknown, request, parent, isMain) {
    if (request === 'yaml' && fromCdk8s(parent)) return onFirstUse(() => original.call(this, request, parent, isMain) as object);
    return original.call(this, request, parent, isMain);
  };
}
