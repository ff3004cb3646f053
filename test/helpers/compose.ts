import * as fs from 'fs';
import * as path from 'path';
import { ComposeError, convertCompose } from '../../lib/compose';
import { ROOT } from './cli';
import { COMPOSE_DIR } from './seed';

/**
 * The single-file stacks of the Compose corpus, as `folder/file`. jetsung-awesome-compose (one
 * folder per app, base + override files) is not in this list yet: converting it as cloned is the
 * converter issue's work (missing secret files, override pairs).
 */
export const COMPOSE_FILES = fs
  .readdirSync(COMPOSE_DIR)
  .filter((d) => d !== 'jetsung-awesome-compose' && fs.statSync(path.join(COMPOSE_DIR, d)).isDirectory())
  .flatMap((d) => fs.readdirSync(path.join(COMPOSE_DIR, d)).map((f) => path.join(d, f)))
  .sort();
export const GENERATED = path.join(ROOT, 'test', '.generated', 'compose');

/** Converts a corpus file in a copy of its folder, creating stand-ins for what it refers to. */
export function convertWithStandIns(rel: string, options: { namespace?: string } = {}) {
  const work = path.join(GENERATED, rel.replace(/[/.]/g, '_'));
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const file = path.join(work, path.basename(rel));
  fs.copyFileSync(path.join(COMPOSE_DIR, rel), file);
  const env: Record<string, string> = {};
  const standIns: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return { result: convertCompose([file], { env, projectName: 'corpus', ...options }), work, standIns };
    } catch (e) {
      if (!(e instanceof ComposeError)) throw e;
      const missingFile = /file "([^"]+)" does not exist/.exec(e.message);
      const missingVar = /required variable (\w+) is missing/.exec(e.message);
      if (missingFile) {
        const p = path.resolve(work, missingFile[1]);
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, 'stand-in\n');
        standIns.push(missingFile[1]);
      } else if (missingVar) {
        env[missingVar[1]] = 'stand-in';
        standIns.push(`$${missingVar[1]}`);
      } else throw e;
    }
  }
  throw new Error(`${rel}: still failing after 20 stand-ins`);
}

