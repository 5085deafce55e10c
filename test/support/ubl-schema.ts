import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const schemaDir = fileURLToPath(new URL('../fixtures/ubl-2.1-subset/', import.meta.url));

/**
 * Validates a UBL document with libxml2's `xmllint` against our UBL 2.1 subset schemas
 * (`test/fixtures/ubl-2.1-subset`, see its README): element order, cardinalities, data types and
 * required attributes of everything the writer emits. Returns xmllint's complaints, none when valid.
 */
export function ublSchemaErrors(xml: string): string[] {
  const root = /<(Invoice|CreditNote)[\s>]/.exec(xml)?.[1];
  if (!root) return ['neither an Invoice nor a CreditNote'];
  const schema = `${schemaDir}${root === 'Invoice' ? 'invoice.xsd' : 'credit-note.xsd'}`;
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, '-'], { input: xml, encoding: 'utf8' });
  if (run.error) throw new Error(`xmllint did not run (scripts/setup.sh installs libxml2-utils): ${run.error.message}`);
  if (run.status === 0) return [];
  return run.stderr
    .split('\n')
    .filter((line) => line && !line.endsWith('fails to validate'))
    .map((line) => line.replace(/^-:/, 'line '));
}
