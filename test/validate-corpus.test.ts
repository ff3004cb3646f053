import { dump } from 'js-yaml';
import { validateSources } from '../lib/validate/validator';
import { Case, CASES, SVCGEN_CASES } from './corpus/cases';
import { VERSION_CASES } from './corpus/version-cases';

/** The corpus's verdicts are Kubernetes 1.28's (kube-apiserver 1.28.15's, checked by the API-server test). */
function run(c: Pick<Case, 'objects'>, kubernetesVersion = '1.28') {
  const text = c.objects.map((o) => dump(o)).join('---\n');
  const report = validateSources([{ file: 'case.yaml', text }], { kubernetesVersion });
  const problems = report.resources.flatMap((r) => r.problems);
  return {
    verdict: report.summary.invalid > 0 ? 'invalid' : 'valid',
    errors: [...new Set(problems.filter((p) => p.severity === 'error').map((p) => p.path))].sort(),
    warnings: [...new Set(problems.filter((p) => p.severity === 'warning').map((p) => p.path))].sort(),
    messages: problems.map((p) => `${p.severity}: ${p.message}`),
  };
}

const ALL = [...CASES, ...SVCGEN_CASES];

test('the corpus has at least 150 cases', () => {
  expect(ALL.length).toBeGreaterThanOrEqual(150);
});

describe.each(ALL.map((c) => [c.name, c]))('%s', (_name, c) => {
  test('verdict and error paths', () => {
    const got = run(c as Case);
    expect({ verdict: got.verdict, errors: got.errors }).toEqual({ verdict: (c as Case).expect, errors: [...((c as Case).errors ?? [])].sort() });
    if ((c as Case).warnings) expect(got.warnings).toEqual([...(c as Case).warnings!].sort());
  });
});

describe('what changed between Kubernetes 1.28 and 1.37: each case gets the verdict of that version\'s real API server', () => {
  const rows = VERSION_CASES.flatMap((c) => (['1.28', '1.37'] as const).map((v) => [`${c.name} at ${v}`, c, v] as const));
  test.each(rows)('%s', (_name, c, v) => {
    const got = run(c, v);
    expect({ verdict: got.verdict, messages: got.messages }).toMatchObject({ verdict: c.expect[v] });
  });
});

test('with no version chosen, validate judges as the newest carried version (1.37)', () => {
  const sidecar = VERSION_CASES.find((c) => c.name.startsWith('sidecar: an init container with restartPolicy Always and'))!;
  const text = sidecar.objects.map((o) => dump(o)).join('---\n');
  const report = validateSources([{ file: 'case.yaml', text }]);
  expect(report.kubernetesVersion).toBe('1.37');
  expect(report.summary.invalid).toBe(0);
  expect(validateSources([{ file: 'case.yaml', text }], { kubernetesVersion: '1.28' }).summary.invalid).toBe(1);
});
