import { describe, expect, it } from 'vitest';
import { assertNoXmlDeclarations, readXmlCdr, splitXmlCdrs } from './freeswitch-xml.ts';

describe('FreeSWITCH XML CDR reading', () => {
  it('finds every <cdr> whether concatenated with their declarations or inside a wrapper', () => {
    const one = '<?xml version="1.0"?>\n<cdr core-uuid="a"><variables><uuid>u1</uuid></variables></cdr>\n';
    expect(splitXmlCdrs(one + one.replace('u1', 'u2')).map((c) => c.position)).toEqual([1, 2]);
    const wrapped = '<cdrs><cdr><variables><uuid>u1</uuid></variables></cdr><cdr/><cdr><x/></cdr></cdrs>';
    expect(splitXmlCdrs(wrapped).map((c) => c.text)).toEqual([
      '<cdr><variables><uuid>u1</uuid></variables></cdr>',
      '<cdr/>',
      '<cdr><x/></cdr>',
    ]);
    expect(splitXmlCdrs('<cdrs></cdrs>')).toEqual([]);
  });

  it('URL-decodes variables, unescapes the predefined entities, and takes the last callflow', () => {
    const read = readXmlCdr({
      position: 1,
      text: `<cdr><variables><start_stamp>2025-10-05%2010%3A00%3A00</start_stamp><bad>100%</bad>
        <caller_id_name>Ana%20%26%20Co</caller_id_name></variables>
        <callflow><caller_profile><destination_number>1002</destination_number></caller_profile></callflow>
        <callflow><caller_profile><destination_number>34910000001</destination_number><caller_id_name>A &amp; B &#233;</caller_id_name></caller_profile></callflow></cdr>`,
    });
    expect(read).toMatchObject({
      cdr: {
        variables: { start_stamp: '2025-10-05 10:00:00', bad: '100%', caller_id_name: 'Ana & Co' },
        profile: { destination_number: '34910000001', caller_id_name: 'A & B é' },
      },
    });
  });

  it('reports a malformed CDR with its line, and refuses any DOCTYPE or entity declaration', () => {
    expect(readXmlCdr({ position: 3, text: '<cdr><variables></cdr>' })).toMatchObject({
      position: 3,
      error: expect.stringMatching(/^line 1: /),
    });
    expect(() => assertNoXmlDeclarations('<!DOCTYPE cdr><cdr/>')).toThrow(/DOCTYPE/);
    expect(() => assertNoXmlDeclarations('<cdr><!ENTITY x "y"></cdr>')).toThrow(/entities/);
    expect(() => assertNoXmlDeclarations('<cdr><variables><uuid>x</uuid></variables></cdr>')).not.toThrow();
  });
});
