import * as fs from 'fs';
import * as path from 'path';
import { convertCompose, defaultFiles } from '../../lib/compose';
import { COMPOSE_DIR } from './seed';

/**
 * One app of the Compose corpus as a user converts it: its file (or, for
 * jetsung-awesome-compose, the folder's compose.yaml with its compose.override.yaml), read as
 * cloned, with no stand-in for what the repository keeps out of git.
 */
export interface CorpusApp {
  /** `folder/file` or `jetsung-awesome-compose/<app>` */
  readonly name: string;
  readonly files: readonly string[];
  /** What a user passes for this app (and why), when anything. */
  readonly options?: { readonly env?: Record<string, string>; readonly allowOutsideFiles?: boolean; readonly profiles?: readonly string[] };
  /** Input that Compose itself refuses: the error svcgen must give instead of a conversion. */
  readonly refused?: string;
}

/** What some corpus apps need from their user, with the reason. */
const NEEDS: Record<string, Pick<CorpusApp, 'options' | 'refused'>> = {
  // `${DOMAIN:?...}`, `${ADMIN_USER?...}`: Compose refuses to run without them, so a user sets them
  'swarmprom/docker-compose.traefik.yml': { options: { env: { DOMAIN: 'example.com', ADMIN_USER: 'admin', HASHED_PASSWORD: '$$apr1$$x' } } },
  // `extends: {file: ../phpmyadmin/compose.yaml}`: a sibling folder, outside the project folder
  'jetsung-awesome-compose/phpmyadmin-db': { options: { allowOutsideFiles: true } },
  // extends a service "pgadmin4" that ../pgadmin/compose.yaml does not define (it is "pgadmin")
  'jetsung-awesome-compose/pgadmin-db': { options: { allowOutsideFiles: true }, refused: 'service "pgadmin4" is not defined in ../pgadmin/compose.yaml' },
  // its .env sets DERP_HTTP_PORT="-1" (the app's "off"), and the override publishes `${DERP_HTTP_PORT}:80`:
  // an invalid port for Compose too
  'jetsung-awesome-compose/derper': { refused: 'published port "-1" is not a port number' },
};

function apps(): CorpusApp[] {
  const out: CorpusApp[] = [];
  const add = (name: string, files: string[]) => out.push({ name, files, ...(NEEDS[name] ?? {}) });
  for (const d of fs.readdirSync(COMPOSE_DIR).sort()) {
    const dir = path.join(COMPOSE_DIR, d);
    if (!fs.statSync(dir).isDirectory()) continue;
    if (d !== 'jetsung-awesome-compose') {
      for (const f of fs.readdirSync(dir).sort()) add(`${d}/${f}`, [path.join(dir, f)]);
      continue;
    }
    // one app per folder with a compose file (some apps have variants in subfolders)
    const walk = (rel: string) => {
      const abs = path.join(dir, rel);
      const files = defaultFiles(abs, (p) => fs.existsSync(p));
      if (files.length) add(`${d}/${rel}`, files);
      for (const e of fs.readdirSync(abs, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(rel, e.name));
    };
    for (const app of fs.readdirSync(dir).sort()) if (fs.statSync(path.join(dir, app)).isDirectory()) walk(app);
  }
  return out;
}

export const COMPOSE_APPS: readonly CorpusApp[] = apps();

/**
 * Converts a corpus app as a user would (its own folder's .env is read, as Compose reads it). An
 * app whose services are all in profiles is converted with every profile it names enabled (a user
 * picks them with --profile).
 */
export function convertApp(app: CorpusApp, options: { namespace?: string } = {}) {
  return convertCompose(app.files, { projectName: 'corpus', env: { ...app.options?.env }, allowOutsideFiles: app.options?.allowOutsideFiles, profiles: profilesOf(app), ...options });
}

function profilesOf(app: CorpusApp): string[] {
  const names = new Set<string>();
  for (const f of app.files) for (const m of fs.readFileSync(f, 'utf8').matchAll(/^\s*profiles:\s*\n((?:\s*-\s*\S+\s*\n)+)/gm)) for (const p of m[1].matchAll(/-\s*(\S+)/g)) names.add(p[1].replace(/^["']|["']$/g, ''));
  return [...names];
}
