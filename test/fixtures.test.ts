import * as fs from 'fs';
import * as path from 'path';
import { SEED_DIR, SHARED_SEED_DIR } from './helpers/seed';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

const shared = fs.existsSync(SHARED_SEED_DIR);

(shared ? describe : describe.skip)('test/fixtures/seed-examples', () => {
  test('is the same as ../shared/seed-examples', () => {
    expect(files(SEED_DIR)).toEqual(files(SHARED_SEED_DIR));
    for (const f of files(SEED_DIR)) {
      expect([f, fs.readFileSync(path.join(SEED_DIR, f), 'utf8')]).toEqual([f, fs.readFileSync(path.join(SHARED_SEED_DIR, f), 'utf8')]);
    }
  });
});
