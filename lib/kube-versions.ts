/**
 * The Kubernetes minor versions svcgen carries (lib/validate/schema/versions.json, read from the
 * package), apart from the validator so that the command line's help can name them without
 * loading it.
 */
import fs = require('fs');
import path = require('path');
import { packageRoot } from './paths';

interface VersionsFile {
  readonly default: string;
  readonly versions: Record<string, unknown>;
}

let file: VersionsFile | undefined;
function versionsFile(): VersionsFile {
  file ??= JSON.parse(fs.readFileSync(path.join(packageRoot(), 'lib', 'validate', 'schema', 'versions.json'), 'utf8')) as VersionsFile;
  return file;
}

/** The carried Kubernetes minor versions, oldest first (`1.28` ... `1.37`). */
export const KUBERNETES_VERSIONS: readonly string[] = Object.keys(versionsFile().versions);
/** The version svcgen judges against when none is chosen: the newest carried. */
export const DEFAULT_KUBERNETES_VERSION: string = versionsFile().default;

/** `1.37` -> 37. */
export function minorOf(version: string): number {
  return Number(version.slice(version.indexOf('.') + 1));
}
