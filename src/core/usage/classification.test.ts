import { describe, expect, it } from 'vitest';
import { Classifier, classOf, defaultSettings, type ClassifyRule } from './classification.ts';
import { checkClassifySettings, fieldsMissingFrom } from './classification-rules.ts';

const safe = () => null;
const pbxRules: ClassifyRule[] = [
  { field: 'dst', match: 'prefix', pattern: '*', ignore: true, reason: 'feature code' },
  { field: 'dcontext', match: 'exact', pattern: 'from-trunk', direction: 'inbound', external: true },
  { field: 'dstchannel', match: 'regex', pattern: '^SIP/trunk-[0-9a-f]+$', direction: 'outbound', external: true },
  { field: 'dstchannel', match: 'prefix', pattern: 'SIP/', direction: 'outbound', external: false },
];

describe('Classifier', () => {
  const pbx = new Classifier({ format: 'asterisk', internalMaxDigits: 4, rules: pbxRules });

  it('lets the first matching rule decide, in order', () => {
    expect(pbx.classify({ dst: '*97', dcontext: 'from-trunk' }, '*97')).toEqual({
      ignored: true,
      reason: 'feature code',
    });
    expect(pbx.classify({ dcontext: 'from-trunk', dst: '34911000001' }, '34911000001')).toMatchObject({
      direction: 'inbound',
      external: true,
      by: 'rule',
    });
    expect(pbx.classify({ dstchannel: 'SIP/trunk-0000002a', dst: '7001' }, '7001')).toMatchObject({
      direction: 'outbound',
      external: true,
    });
    expect(pbx.classify({ dstchannel: 'SIP/7001-0000002b' }, '34600000000')).toMatchObject({ external: false });
  });

  it('falls back to the callee: at most internalMaxDigits digits is an extension, anything else outbound external', () => {
    expect(pbx.classify({}, '7001')).toEqual({ ignored: false, direction: 'outbound', external: false, by: 'default' });
    expect(pbx.classify({}, '70012')).toMatchObject({ external: true, by: 'default' });
    expect(pbx.classify({}, '+7001')).toMatchObject({ external: true });
    const six = new Classifier(defaultSettings());
    expect(six.classify({}, '123456')).toMatchObject({ external: false });
    expect(six.classify({}, '1234567')).toMatchObject({ external: true });
  });

  it('never matches a field the row lacks, and runs no expression over an over-long value', () => {
    const regex = new Classifier({
      format: 'csv',
      internalMaxDigits: 6,
      rules: [{ field: 'caller', match: 'regex', pattern: '^9+$', direction: 'inbound', external: true }],
    });
    expect(regex.classify({ callee: '999' }, '34600000000')).toMatchObject({ by: 'default' });
    expect(regex.classify({ caller: '9'.repeat(300) }, '34600000000')).toMatchObject({ by: 'default' });
    expect(regex.classify({ caller: ' 999 ' }, '34600000000')).toMatchObject({ by: 'rule', direction: 'inbound' });
  });

  it('names the class of a direction and external flag', () => {
    expect([classOf('outbound', true), classOf('outbound', false), classOf('inbound', true)]).toEqual([
      'outboundExternal',
      'outboundInternal',
      'inbound',
    ]);
  });
});

describe('checkClassifySettings', () => {
  it('accepts ordered rules for the format and fills the defaults', () => {
    const result = checkClassifySettings({ format: 'asterisk', rules: pbxRules }, safe);
    expect(result).toEqual({ ok: true, value: { format: 'asterisk', internalMaxDigits: 6, rules: pbxRules } });
    expect(checkClassifySettings({}, safe)).toEqual({ ok: true, value: defaultSettings() });
  });

  it('reports every problem at once, per rule and property', () => {
    const result = checkClassifySettings(
      {
        format: 'freeswitch-csv',
        internalMaxDigits: 40,
        rules: [
          { field: 'dcontext', match: 'exact', pattern: 'x', direction: 'inbound', external: true },
          { field: 'context', match: 'glob', pattern: '', direction: 'sideways', external: 'yes' },
          { field: 'context', match: 'regex', pattern: '(', ignore: true },
          {
            field: 'context',
            match: 'exact',
            pattern: 'x',
            ignore: true,
            reason: 'r',
            direction: 'inbound',
            colour: 1,
          },
        ],
      },
      safe,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => `${e.field} ${e.code}`)).toEqual([
      'internalMaxDigits OUT_OF_RANGE',
      'rules[0].field RULE_FIELD_NOT_IN_FORMAT',
      'rules[1].match INVALID_MATCH',
      'rules[1].pattern INVALID_PATTERN',
      'rules[1].direction INVALID_DIRECTION',
      'rules[1].external INVALID_BOOLEAN',
      'rules[2].pattern INVALID_REGEX',
      'rules[2].reason REQUIRED',
      'rules[3].colour UNKNOWN_FIELD',
      'rules[3].ignore CONFLICTING_OUTCOME',
    ]);
  });

  it('refuses a regular expression the safety check calls catastrophic, with its reason', () => {
    const verdict = (pattern: string) => (pattern.includes('+)+') ? 'exponential backtracking on "aaaa!"' : null);
    const result = checkClassifySettings(
      { format: 'csv', rules: [{ field: 'callee', match: 'regex', pattern: '^(\\d+)+$', ignore: true, reason: 'x' }] },
      verdict,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'rules[0].pattern',
          code: 'UNSAFE_REGEX',
          message: 'refused: exponential backtracking on "aaaa!"',
        },
      ],
    });
  });

  it('says which rules name a field an import does not carry', () => {
    const settings = { format: 'csv' as const, internalMaxDigits: 6, rules: [pbxRules[1], pbxRules[0]] };
    expect(fieldsMissingFrom(settings, ['dst'])).toEqual([{ index: 0, field: 'dcontext' }]);
  });
});
