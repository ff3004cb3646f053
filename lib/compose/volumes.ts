/** volumes, tmpfs, shm_size, configs and secrets -> Pod volumes, mounts, and shared claims/ConfigMaps/Secrets. */
import { WorkloadKind } from '../constructs/_workload';
import path = require('path');
import { Code, C } from './code';
import { ServiceContext, SharedObjects } from './context';
import { fieldPath, listToMap, Obj } from './load';
import { cleanObj, isPathSource, k8sName, sizeQuantity, volumeParts } from './parse';
import { looksSecretFile, looksSecretFileName } from '../secrets';


export function mapVolumes(
  ctx: ServiceContext,
  shared: SharedObjects,
  kind?: WorkloadKind,
): { volumes: Code[]; mounts: Obj[]; fsGroup?: number; claimTemplates: Obj[] } {
  const { name, n, svc, at, kompose, project, options } = ctx;
  const { model, statements, once, ns } = shared;
  const warn = (_service: string, key: string, message: string, where?: string) => ctx.warn(key, message, where);
  const volumes: Code[] = [];
  const mounts: Obj[] = [];
  /** a StatefulSet's named volumes that no other service uses: a claim of its own per replica */
  const claimTemplates: Obj[] = [];
  const usedElsewhere = (source: string) => [...(namedVolumeUsers((model.services ?? {}) as Obj).get(source) ?? [])].some((other) => other !== name);
  /** the group of long-syntax secrets and configs (`gid`): the Pod's fsGroup */
  const fsGroup: { value?: number } = {};
  const volName = (s: string) => k8sName(s).slice(0, 63);
  (svc.volumes ?? []).forEach((v: unknown, i: number) => {
    const m = typeof v === 'string' ? parseVolume(v) : (v as Obj);
    const target = String(m.target);
    const readOnly = m.read_only || undefined;
    if (m.type === 'volume' && m.source) {
      const top = (model.volumes ?? {})[m.source] ?? {};
      const claim = k8sName(String(top?.name ?? m.source));
      if (top?.external) warn(name, `volumes`, `volume "${m.source}" is external: svcgen refers to a PersistentVolumeClaim "${claim}" that must exist`, at('volumes', i));
      else if (kind === WorkloadKind.STATEFUL_SET && !usedElsewhere(String(m.source))) {
        const size = kompose('volume.size') ?? (top?.labels && listToMap(top.labels)['kompose.volume.size']) ?? options.volumeSize ?? '1Gi';
        const storageClassName = kompose('volume.storage-class-name') ?? (top?.labels && listToMap(top.labels)['kompose.volume.storage-class-name']) ?? undefined;
        const vn = volName(`${m.source}`);
        if (!claimTemplates.some((t) => t.name === vn)) {
          claimTemplates.push(cleanObj({ name: vn, storage: String(size), storageClassName }));
          warn(name, 'volumes', `volume "${m.source}": each replica of the StatefulSet gets a claim of its own (volumeClaimTemplates: ${vn}-${n}-0, ${vn}-${n}-1, ...), kept when its Pod moves`, at('volumes', i));
        }
        mounts.push(cleanObj({ volume: vn, mountPath: target, readOnly, subPath: m.volume?.subpath }));
        return;
      } else {
        const size = kompose('volume.size') ?? (top?.labels && listToMap(top.labels)['kompose.volume.size']) ?? options.volumeSize ?? '1Gi';
        const storageClassName = kompose('volume.storage-class-name') ?? (top?.labels && listToMap(top.labels)['kompose.volume.storage-class-name']) ?? undefined;
        once(`pvc:${claim}`, () => statements.push({ ctor: 'PersistentVolumeClaim', id: `pvc-${claim}`, props: cleanObj({ name: claim, namespace: ns, storage: String(size), storageClassName }) }));
        if (top?.driver || top?.driver_opts) warn(name, 'volumes', `volume "${m.source}": driver and driver_opts are not converted; the claim uses the cluster's storage class`, at('volumes', i));
      }
      const vn = volName(`${m.source}`);
      if (!volumes.some((c) => (c.value as { name: string }).name === vn)) volumes.push(C.volumeFromClaim(vn, claim));
      mounts.push(cleanObj({ volume: vn, mountPath: target, readOnly, subPath: m.volume?.subpath }));
    } else if (m.type === 'volume' || m.type === 'tmpfs') {
      const vn = volName(`${n}-tmp-${i}`);
      volumes.push(C.volumeEmptyDir(vn, m.type === 'tmpfs' ? { medium: 'Memory', sizeLimit: m.tmpfs?.size ? sizeQuantity(m.tmpfs.size) : undefined } : {}));
      mounts.push(cleanObj({ volume: vn, mountPath: target, readOnly }));
    } else if (m.type === 'bind' && (m.source === undefined || m.source === null || m.source === '')) {
      const vn = volName(`${n}-bind-${i}`);
      volumes.push(C.volumeEmptyDir(vn));
      mounts.push(cleanObj({ volume: vn, mountPath: target, readOnly }));
      warn(name, 'volumes', `a bind mount without a source: it became an empty emptyDir at ${target}`, at('volumes', i));
    } else if (m.type === 'bind') {
      const source = String(m.source);
      const vn = volName(`${n}-bind-${i}`);
      if (source.startsWith('/') || source.startsWith('~') || /^[A-Za-z]:[\\/]/.test(source)) {
        volumes.push(C.volumeHostPath(vn, source));
        const windows = /^[A-Za-z]:/.test(source) ? ' (a Windows path: it works only on Windows nodes)' : '';
        warn(name, 'volumes', `bind mount of the host path ${source}: became a hostPath volume, which ties the Pod to what that node has (and needs privileges on most clusters)${windows}`, at('volumes', i));
        mounts.push(cleanObj({ volume: vn, mountPath: target, readOnly }));
        return;
      }
      // a file or a small folder of the project: its contents, copied into a ConfigMap (or a
      // Secret when the name looks secret), mounted read-only where the bind mount was
      const found = project.inspectBindSource(source, at('volumes', i));
      if (found.kind === 'unreadable') {
        if (/^(does not exist|is a link to nothing|is outside the project folder)/.test(found.why)) {
          // a folder Docker creates at run time (data, logs), or one svcgen may not read: a
          // writable empty folder there
          volumes.push(C.volumeEmptyDir(vn));
          mounts.push(cleanObj({ volume: vn, mountPath: target, readOnly }));
          warn(name, 'volumes', `bind mount of ${source}: it ${found.why}, so it became an empty emptyDir at ${target} (lost with the Pod: use a named volume for data to keep)`, at('volumes', i));
        } else {
          // a source folder or big files: mounting an empty folder would hide what the image has there
          warn(name, 'volumes', `bind mount of ${source}: it ${found.why}, so it is not mounted: ${target} is what the image has there (bake the files into the image, or put them in a ConfigMap)`, at('volumes', i));
        }
        return;
      }
      const objName = k8sName(`${n}-${source.replace(/^\.\//, '')}`, 253);
      // a Secret when the mounted file, or any file of the mounted folder, looks secret
      const secret = found.kind === 'file' ? looksSecretFile(source, found.content) : looksSecretFileName(source) || Object.entries(found.files).some(([f, c]) => looksSecretFile(f, c));
      const fileKey = keyName(path.basename(source));
      const data = found.kind === 'file' ? { [fileKey]: found.content } : Object.fromEntries(Object.entries(found.files).map(([f, c]) => [keyName(f), c]));
      once(`bind:${objName}`, () =>
        statements.push({
          ctor: secret ? 'Secret' : 'ConfigMap',
          id: `bind-${objName}`,
          props: secret ? { name: objName, namespace: ns, stringData: data } : { name: objName, namespace: ns, data },
        }),
      );
      // scripts keep their exec bit (0755); a ConfigMap's files are 0644 otherwise
      const mode = found.executable ? 0o755 : undefined;
      volumes.push(secret ? C.volumeFromSecret(vn, objName, mode) : C.volumeFromConfigMap(vn, objName, mode));
      mounts.push(cleanObj({ volume: vn, mountPath: target, readOnly: true, subPath: found.kind === 'file' ? fileKey : undefined }));
      const what = found.kind === 'file' ? 'the file' : 'the files';
      warn(name, 'volumes', `bind mount of ${source}: ${what} became ${secret ? 'Secret' : 'ConfigMap'} "${objName}", mounted read-only (a copy: convert again after changes; writes are not kept)`, at('volumes', i));
    } else {
      warn(name, 'volumes', `a ${m.type} mount is not converted`, at('volumes', i));
    }
  });
  [].concat(svc.tmpfs ?? []).forEach((t: string, i: number) => {
    const vn = volName(`${n}-tmpfs-${i}`);
    volumes.push(C.volumeEmptyDir(vn, { medium: 'Memory' }));
    mounts.push({ volume: vn, mountPath: String(t).split(':')[0] });
  });
  if (svc.shm_size) {
    volumes.push(C.volumeEmptyDir(volName(`${n}-shm`), { medium: 'Memory', sizeLimit: sizeQuantity(svc.shm_size) }));
    mounts.push({ volume: volName(`${n}-shm`), mountPath: '/dev/shm' });
  }
  for (const kindOf of ['configs', 'secrets'] as const) {
    (svc[kindOf] ?? []).forEach((ref: unknown, i: number) => {
      const source = typeof ref === 'string' ? ref : (ref as Obj).source;
      const target = typeof ref === 'object' && (ref as Obj).target ? String((ref as Obj).target) : undefined;
      const top = (model[kindOf] ?? {})[source] ?? {};
      const objName = k8sName(String(top.name ?? source), 253);
      const isSecret = kindOf === 'secrets';
      if (top.external) {
        warn(name, kindOf, `${kindOf.slice(0, -1)} "${source}" is external: svcgen refers to a ${isSecret ? 'Secret' : 'ConfigMap'} "${objName}" that must exist`, at(kindOf, i));
      } else {
        once(`${kindOf}:${objName}`, () => {
          let content: string | undefined;
          const key = keyName(source);
          if (top.file) {
            const found = project.readReferencedIfPresent(String(top.file), fieldPath(kindOf, source, 'file'));
            if ('missing' in found) {
              // kept out of git: the manifests refer to the object, which the user creates from the file
              const create = isSecret ? `kubectl create secret generic ${objName}` : `kubectl create configmap ${objName}`;
              warn(
                name,
                kindOf,
                `${kindOf.slice(0, -1)} "${source}": ${top.file} is not in the project (kept out of git?): the Pods mount ${isSecret ? 'Secret' : 'ConfigMap'} "${objName}", which you create before deploying: ${create} --from-file=${key}=${found.missing}${ns ? ` -n ${ns}` : ''}`,
                at(kindOf, i),
              );
              return;
            }
            content = found.text;
          } else if (top.content !== undefined) content = String(top.content);
          else if (top.environment) content = project.lookup(String(top.environment)) ?? '';
          statements.push({
            ctor: isSecret ? 'Secret' : 'ConfigMap',
            id: `${kindOf}-${objName}`,
            props: isSecret ? { name: objName, namespace: ns, stringData: { [key]: content ?? '' } } : { name: objName, namespace: ns, data: { [key]: content ?? '' } },
          });
        });
      }
      const vn = volName(`${kindOf.slice(0, -1)}-${source}`);
      const long = typeof ref === 'object' && ref !== null ? (ref as Obj) : {};
      const mode = fileMode(long.mode, (m) => warn(name, `${kindOf}`, m, at(kindOf, i)));
      if (long.uid !== undefined && long.uid !== null) {
        warn(name, kindOf, `${source}: uid ${long.uid} is not converted: Kubernetes cannot give one mounted file its own owner (the files are root's); run the container as that user${long.gid === undefined ? '' : ', and the group (gid) becomes the Pod\'s fsGroup'}`, at(kindOf, i));
      }
      if (long.gid !== undefined && long.gid !== null) {
        const gid = Number(long.gid);
        if (!Number.isInteger(gid) || gid < 0 || gid > 2147483647) warn(name, kindOf, `${source}: gid ${long.gid} is not a group id; not converted`, at(kindOf, i));
        else if (fsGroup.value === undefined) {
          fsGroup.value = gid;
          warn(name, kindOf, `${source}: gid ${gid} becomes the Pod's fsGroup: every volume of the Pod is group-owned by ${gid}, as Kubernetes has no per-file group`, at(kindOf, i));
        } else if (fsGroup.value !== gid) warn(name, kindOf, `${source}: gid ${gid} is not converted: the Pod's fsGroup is already ${fsGroup.value} (one group for all volumes)`, at(kindOf, i));
      }
      volumes.push(isSecret ? C.volumeFromSecret(vn, objName, mode) : C.volumeFromConfigMap(vn, objName, mode));
      const mountPath = target ? (target.startsWith('/') ? target : isSecret ? `/run/secrets/${target}` : `/${target}`) : isSecret ? `/run/secrets/${source}` : `/${source}`;
      mounts.push({ volume: vn, mountPath, subPath: keyName(source), readOnly: true });
    });
  }
  return { volumes, mounts, claimTemplates, ...(fsGroup.value !== undefined ? { fsGroup: fsGroup.value } : {}) };
}

/**
 * A long-syntax secret's or config's `mode`: a number (a plain `0440` already read as octal, as
 * Compose reads it) or a string of octal digits, as compose-go decodes it. Undefined (with a
 * warning) when it is not a file mode.
 */
export function fileMode(v: unknown, warn: (message: string) => void): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[0-7]{1,4}$/.test(v.trim()) ? parseInt(v.trim(), 8) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 0o777) {
    warn(`mode ${JSON.stringify(v)} is not a file mode (0000-0777, octal); Kubernetes' default 0644 applies`);
    return undefined;
  }
  return n;
}

/** The named volume a service's `volumes` entry mounts (short or long syntax), if it mounts one. */
export function namedVolumeSource(v: unknown): string | undefined {
  const m = typeof v === 'string' ? parseVolume(v) : (v as Obj);
  return m?.type === 'volume' && m.source ? String(m.source) : undefined;
}

const volumeUsers = new WeakMap<object, Map<string, Set<string>>>();

/** The services that mount each named volume, computed once per set of services. */
export function namedVolumeUsers(services: Obj): Map<string, Set<string>> {
  let users = volumeUsers.get(services);
  if (!users) {
    users = new Map();
    for (const [name, svc] of Object.entries(services)) {
      for (const v of ((svc as Obj)?.volumes ?? []) as unknown[]) {
        const source = namedVolumeSource(v);
        if (source === undefined) continue;
        if (!users.has(source)) users.set(source, new Set());
        users.get(source)!.add(name);
      }
    }
    volumeUsers.set(services, users);
  }
  return users;
}

function parseVolume(s: string): Obj {
  const parts = volumeParts(s);
  if (parts.length === 1) return { type: 'volume', target: parts[0] };
  const [source, target, mode] = parts;
  return { type: isPathSource(source) ? 'bind' : 'volume', source, target, read_only: mode ? mode.split(',').includes('ro') : undefined };
}

export function keyName(s: string): string {
  return String(s).replace(/[^-._a-zA-Z0-9]/g, '-');
}
