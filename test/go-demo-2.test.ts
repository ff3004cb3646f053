import { app } from '../main';
import { plain, ref, seedObjects } from './helpers/seed';
import { synthObjects } from './helpers/synth';

describe('the reference app (main.ts) against the seed go-demo-2.yml', () => {
  // GIVEN the seed's four objects (apps/v1beta2 read as apps/v1)
  const expected = seedObjects('go-demo-2/go-demo-2.yml');
  // WHEN main.ts is synthesized
  const actual = synthObjects(app);

  test('the same four objects in the same order', () => {
    expect(actual.map(ref)).toEqual(['ReplicaSet/go-demo-2-db', 'Service/go-demo-2-db', 'ReplicaSet/go-demo-2-api', 'Service/go-demo-2-api']);
    expect(actual.map(ref)).toEqual(expected.map(ref));
  });

  test.each([0, 1, 2, 3])('object %i is equal to the seed field by field', (i) => {
    expect(plain(actual[i])).toEqual(expected[i]);
  });

  test('apps/v1 replaces the removed apps/v1beta2', () => {
    expect(actual.filter((o) => o.kind === 'ReplicaSet').map((o) => o.apiVersion)).toEqual(['apps/v1', 'apps/v1']);
  });
});
