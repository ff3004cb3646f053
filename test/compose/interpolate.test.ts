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
    ['${SET:x}', 'unexpected ":x"'],
  ])('%s is an error', (input, message) => {
    expect(() => interpolate(input, lookup)).toThrow(message);
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
    expect(parseDotEnv('A=1\noops\n').errors).toEqual([{ line: 2, message: '"oops" is not KEY=value' }]);
  });
});
