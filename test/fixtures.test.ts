import * as fs from 'fs';
import * as path from 'path';
import { COMPOSE_DIR, CURRENT_MANIFESTS_DIR, MANIFESTS_DIR, SEED_DIR, SHARED_COMPOSE_DIR, SHARED_CURRENT_MANIFESTS_DIR, SHARED_MANIFESTS_DIR, SHARED_SEED_DIR } from './helpers/seed';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

const shared = fs.existsSync(SHARED_SEED_DIR);

(shared ? describe : describe.skip).each([
  ['test/fixtures/seed-examples', SEED_DIR, SHARED_SEED_DIR],
  ['test/fixtures/compose', COMPOSE_DIR, SHARED_COMPOSE_DIR],
  ['test/fixtures/manifests', MANIFESTS_DIR, SHARED_MANIFESTS_DIR],
  ['test/fixtures/manifests-current', CURRENT_MANIFESTS_DIR, SHARED_CURRENT_MANIFESTS_DIR],
])('%s', (_name, copy, original) => {
  test('is the same as its original in ../shared', () => {
    expect(files(copy)).toEqual(files(original));
    for (const f of files(copy)) {
      expect([f, fs.readFileSync(path.join(copy, f), 'utf8')]).toEqual([f, fs.readFileSync(path.join(original, f), 'utf8')]);
    }
  });
});
