import { dump } from 'js-yaml';
import { validateSources } from '../lib/validate/validator';
import { Case, CASES, SVCGEN_CASES } from './corpus/cases';

function run(c: Case) {
  const text = c.objects.map((o) => dump(o)).join('---\n');
  const report = validateSources([{ file: 'case.yaml', text }]);
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
