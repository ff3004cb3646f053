/**
 * Which Kubernetes version a command judges against, by the first of:
 * 1. `--kubernetes-version` on the command line;
 * 2. the environment variable SVCGEN_KUBERNETES_VERSION (one setting for a whole CI job);
 * 3. the project's cdk8s.yaml in the working folder: the `kubernetesVersion` property of its svcgen
 *    validation plugin (the setting `cdk8s synth` uses too);
 * 4. the newest version svcgen carries.
 */
import fs = require('fs');
import path = require('path');
import { isUserError, UsageError } from '../errors';
import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion } from '../validate/target';
import { readDocuments } from '../yaml/read';

export const KUBERNETES_VERSION_ENV = 'SVCGEN_KUBERNETES_VERSION';

/** The version to judge against (a carried minor version); a bad setting is a usage error that names where it was set. */
export function resolveKubernetesVersion(flag: string | undefined, cwd = process.cwd()): string {
  try {
    return resolve(flag, cwd);
  } catch (e) {
    throw isUserError(e) ? new UsageError(e.message) : e;
  }
}

function resolve(flag: string | undefined, cwd: string): string {
  if (flag !== undefined) return parseKubernetesVersion(flag, '--kubernetes-version');
  const env = process.env[KUBERNETES_VERSION_ENV];
  if (env) return parseKubernetesVersion(env, KUBERNETES_VERSION_ENV);
  const project = projectSetting(cwd);
  if (project) return parseKubernetesVersion(project.value, project.where);
  return DEFAULT_KUBERNETES_VERSION;
}

/** The svcgen plugin's `kubernetesVersion` in the working folder's cdk8s.yaml, if it sets one. */
function projectSetting(cwd: string): { value: string; where: string } | undefined {
  const file = path.join(cwd, 'cdk8s.yaml');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // (most cdk8s.yaml files set no version: those are not parsed)
  if (!text.includes('kubernetesVersion')) return undefined;
  const doc = readDocuments(text, file)[0]?.value as { validations?: unknown } | undefined;
  const validations = doc && typeof doc === 'object' && Array.isArray(doc.validations) ? doc.validations : [];
  for (let i = 0; i < validations.length; i++) {
    const v = validations[i] as { package?: unknown; class?: unknown; properties?: { kubernetesVersion?: unknown } } | null;
    if (!v || typeof v !== 'object' || (v.class !== 'SvcgenValidation' && !String(v.package ?? '').includes('svcgen'))) continue;
    const value = v.properties?.kubernetesVersion;
    if (value !== undefined && value !== null) return { value: String(value), where: `cdk8s.yaml validations[${i}].properties.kubernetesVersion` };
  }
  return undefined;
}
