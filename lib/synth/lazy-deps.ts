/**
 * cdk8s and constructs require, when they load, modules that `svcgen synth` of most apps never
 * uses: the `yaml` package (about 70 modules, for cdk8s's Yaml, Include and Helm classes), and
 * Node's `crypto` and `child_process` (with the streams, `net` and `dgram` they bring: about 55 of
 * Node's own modules, for hashed names, `node.addr` and Helm). svcgen's synth renders and writes
 * YAML itself. So, for the commands that load an app (`synth`, `explain --app`), those requires get
 * a stand-in that requires the real module on first use: an app that reads YAML through cdk8s,
 * runs Helm or asks for a hashed name gets the real module then, the same one, and nothing else
 * changes. Only requires made by cdk8s's and constructs' own modules are answered so; the library
 * never installs this.
 */
import Module = require('module');
import path = require('path');

interface Loader {
  _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown;
}

let installed = false;

/** The modules deferred, and the packages whose requires of them are answered with a stand-in. */
const DEFERRED: Readonly<Record<string, readonly string[]>> = {
  yaml: ['cdk8s'],
  crypto: ['cdk8s', 'constructs'],
  child_process: ['cdk8s'],
};

/**
 * Members of a deferred module that its requirer reads when it loads (cdk8s keeps
 * `child_process.spawnSync` in an object of its own): they are handed over as functions that call
 * the real member, so reading them does not load the module.
 */
const READ_AT_LOAD: Readonly<Record<string, readonly string[]>> = {
  child_process: ['spawnSync'],
};

/** Whether a module is one of a package's own, in any copy (svcgen's, or the app's). */
function fromPackage(parent: { filename?: string } | undefined, packages: readonly string[]): boolean {
  const f = parent?.filename;
  return !!f && packages.some((p) => f.includes(`${path.sep}node_modules${path.sep}${p}${path.sep}lib${path.sep}`));
}

/**
 * A stand-in for a module: every property read, `in` test and key listing requires the module
 * then and answers from it, except the reads of `callLater` members, which get a function that
 * calls the member when it is called. It says it is an ES module's namespace (`__esModule`), so
 * that a compiled `import * as YAML` takes it as it is instead of copying its keys at once.
 */
function onFirstUse(load: () => object, callLater: readonly string[]): object {
  let real: Record<PropertyKey, unknown> | undefined;
  const get = () => (real ??= load() as Record<PropertyKey, unknown>);
  const later = new Map(callLater.map((name) => [name, (...args: unknown[]) => (get()[name] as (...a: unknown[]) => unknown)(...args)]));
  return new Proxy(
    {},
    {
      get: (_, key) => (key === '__esModule' ? true : typeof key === 'string' && !real && later.has(key) ? later.get(key) : Reflect.get(get(), key)),
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

/**
 * Installs the stand-ins for cdk8s's and constructs' `yaml`, `crypto` and `child_process` (once;
 * before cdk8s is loaded, or it has no effect).
 */
export function deferCdk8sDependencies(): void {
  if (installed) return;
  installed = true;
  const loader = Module as unknown as Loader;
  const original = loader._load;
  loader._load = function load(this: unknown, request, parent, isMain) {
    const packages = Object.prototype.hasOwnProperty.call(DEFERRED, request) ? DEFERRED[request] : undefined;
    if (packages && fromPackage(parent, packages)) return onFirstUse(() => original.call(this, request, parent, isMain) as object, READ_AT_LOAD[request] ?? []);
    return original.call(this, request, parent, isMain);
  };
}
