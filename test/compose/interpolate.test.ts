import { interpolate, parseDotEnv } from '../../lib/compose/interpolate';

const vars: Record<string, string> = { SET: 'value', EMPTY: '' };
const lookup = (n: string) => vars[n];

describe('interpolation', () => {
  test.each([
    ['${SET}', 'value'],
    ['$SET/x', 'value/x'],
    ['${UNSET}', ''],
    ['${UNSET:-default}', 'default'],
    ['${EMPTY:-default}', 'default'],
    ['${EMPTY-default}', ''],
    ['${UNSET-default}', 'default'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['${UNSET:-${SET}-nested}', 'value-nested'],
    ['no variables', 'no variables'],
    ['price: 5$', 'price: 5$'],
  ])('%s -> %p', (input, output) => {
    expect(interpolate(input, lookup)).toBe(output);
  });

  test.each([
    ['${UNSET:?must be set}', 'required variable UNSET is missing a value: must be set'],
    ['${EMPTY:?}', 'required variable EMPTY is missing a value'],
    ['${UNSET?no}', 'required variable UNSET is missing a value: no'],
    ['${SET', 'no closing "}"'],
    ['${1BAD}', 'does not start with a variable name'],
    ['${SET:x}', 'unexpected characters after "${SET"'],
    [`${'${A:-'.repeat(100)}x${'}'.repeat(100)}`, 'variables nest more than 64 deep'],
  ])('%s is an error', (input, message) => {
    expect(() => interpolate(input, lookup)).toThrow(message);
  });

  test('an error never shows the value (it may hold a secret)', () => {
    for (const bad of ['postgres://u:hunter2@db/x${', 'hunter2${1BAD}', 'hunter2${SET:x}']) {
      expect(() => interpolate(bad, lookup)).toThrow();
      try {
        interpolate(bad, lookup);
      } catch (e) {
        expect((e as Error).message).not.toContain('hunter2');
      }
    }
  });

  test('${EMPTY?x} is fine: the variable is set', () => {
    expect(interpolate('${EMPTY?x}', lookup)).toBe('');
  });
});

describe('.env files', () => {
  test('KEY=value, export, comments, quotes, references to earlier values', () => {
    const { vars: v, errors } = parseDotEnv(
      ['# comment', 'A=1', 'export B=two words # trailing comment', "C='${A} literal'", 'D="line\\nbreak"', 'E=${A}-${OUTER}', ''].join('\n'),
      (n) => (n === 'OUTER' ? 'out' : undefined),
    );
    expect(errors).toEqual([]);
    expect(Object.fromEntries(v)).toEqual({ A: '1', B: 'two words', C: '${A} literal', D: 'line\nbreak', E: '1-out' });
  });

  test('a line that is not KEY=value is an error with its line', () => {
    expect(parseDotEnv('A=1\noops hunter2\n').errors).toEqual([{ line: 2, message: 'line 2 is not KEY=value (nor a comment or export KEY=value)' }]);
  });
});
