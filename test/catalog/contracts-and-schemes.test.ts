import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { fieldCodes, ok } from './support.ts';

describe('Contracts and the invoicing scheme that applies', () => {
  let env: TestEnv;
  let api: ApiClient;
  const scheme: Record<string, string> = {};

  beforeAll(async () => {
    // 23:30 UTC on 31 January is already 1 February in Madrid.
    env = await startTestEnv({ clock: '2024-01-31T23:30:00Z' });
    api = (await env.newTenant({ timezone: 'Europe/Madrid' })).api;
    const seq = await ok(api, 'POST', '/api/v1/number-sequences', { name: 'Main', documentType: 'invoice' });
    for (const name of ['Tenant default', 'Customer', 'Basic', 'Customer contract'])
      scheme[name] = (await ok(api, 'POST', '/api/v1/invoicing-schemes', { name, invoiceNumberSequenceId: seq.id })).id;
  });
  afterAll(() => env.close());

  it('activates a customer on the day it is created in the operator’s zone, unless told otherwise', async () => {
    const today = await ok(api, 'POST', '/api/v1/customers', { name: 'Acme SL' });
    expect(today.activationDate).toBe('2024-02-01');
    const later = await ok(api, 'POST', '/api/v1/customers', { name: 'Later SL', activationDate: '2024-03-15' });
    expect(later.activationDate).toBe('2024-03-15');
    const bad = await api('POST', '/api/v1/customers', { name: 'X', invoicingSchemeId: 'sch_nothing' });
    expect([bad.status, bad.body.code, fieldCodes(bad.body)]).toEqual([
      422,
      'UNKNOWN_INVOICING_SCHEME',
      [['invoicingSchemeId', 'UNKNOWN_INVOICING_SCHEME']],
    ]);
  });

  it('makes several customer contracts from a basic contract, numbered uniquely', async () => {
    const basic = await ok(api, 'POST', '/api/v1/contracts', { kind: 'basic', name: 'Business basic' });
    const customer = await ok(api, 'POST', '/api/v1/customers', { name: 'Two contracts SL' });
    const first = await ok(api, 'POST', '/api/v1/contracts', {
      customerId: customer.id,
      basicContractId: basic.id,
      number: 'C-1',
      date: '2024-01-15',
    });
    expect(first).toMatchObject({ kind: 'customer', name: 'Business basic', status: 'active', date: '2024-01-15' });
    const second = await ok(api, 'POST', '/api/v1/contracts', {
      customerId: customer.id,
      basicContractId: basic.id,
      number: 'C-2',
    });
    expect(second.date).toBe('2024-02-01');
    const dup = await api('POST', '/api/v1/contracts', {
      customerId: customer.id,
      basicContractId: basic.id,
      number: 'C-1',
    });
    expect([dup.status, dup.body.code]).toEqual([409, 'CONTRACT_NUMBER_TAKEN']);
    const closed = await ok(api, 'PATCH', `/api/v1/contracts/${second.id}`, { status: 'closed' });
    expect(closed.status).toBe('closed');
    const list = await ok(api, 'GET', `/api/v1/contracts?customerId=${customer.id}&status=active`);
    expect(list.data.map((c: { number: string }) => c.number)).toEqual(['C-1']);
    const events = await ok(api, 'GET', `/api/v1/audit-events?objectId=${second.id}`);
    expect(events.data.map((e: { action: string }) => e.action)).toEqual(['created', 'updated']);
  });

  it('refuses contracts that are incomplete or name what this operator does not have', async () => {
    const missing = await api('POST', '/api/v1/contracts', { number: 'C-9' });
    expect([missing.status, fieldCodes(missing.body)]).toEqual([
      400,
      [
        ['customerId', 'REQUIRED'],
        ['basicContractId', 'REQUIRED'],
      ],
    ]);
    const other = (await env.newTenant()).api;
    const theirBasic = await ok(other, 'POST', '/api/v1/contracts', { kind: 'basic', name: 'Theirs' });
    const customer = await ok(api, 'POST', '/api/v1/customers', { name: 'Mine SL' });
    const foreign = await api('POST', '/api/v1/contracts', {
      customerId: customer.id,
      basicContractId: theirBasic.id,
      number: 'C-10',
    });
    expect([foreign.status, foreign.body.code, foreign.body.field]).toEqual([
      422,
      'UNKNOWN_BASIC_CONTRACT',
      'basicContractId',
    ]);
    expect((await api('GET', `/api/v1/contracts/${theirBasic.id}`)).status).toBe(404);
    expect((await api('PATCH', `/api/v1/contracts/${theirBasic.id}`, { status: 'closed' })).status).toBe(404);
  });

  it('applies the most specific scheme: customer contract over basic contract over customer over tenant default', async () => {
    const customer = await ok(api, 'POST', '/api/v1/customers', { name: 'Layers SL' });
    const basic = await ok(api, 'POST', '/api/v1/contracts', { kind: 'basic', name: 'Layered basic' });
    const contract = await ok(api, 'POST', '/api/v1/contracts', {
      customerId: customer.id,
      basicContractId: basic.id,
      number: 'L-1',
    });
    const effective = async () => {
      const body = await ok(api, 'GET', `/api/v1/customers/${customer.id}/invoicing-scheme?contractId=${contract.id}`);
      return [body.scheme.name, body.source, body.sourceId];
    };
    expect(await effective()).toEqual(['Tenant default', 'tenant_default', expect.any(String)]);
    await ok(api, 'PATCH', `/api/v1/customers/${customer.id}`, { invoicingSchemeId: scheme.Customer });
    expect(await effective()).toEqual(['Customer', 'customer', customer.id]);
    await ok(api, 'PATCH', `/api/v1/contracts/${basic.id}`, { invoicingSchemeId: scheme.Basic });
    expect(await effective()).toEqual(['Basic', 'basic_contract', basic.id]);
    await ok(api, 'PATCH', `/api/v1/contracts/${contract.id}`, { invoicingSchemeId: scheme['Customer contract'] });
    expect(await effective()).toEqual(['Customer contract', 'customer_contract', contract.id]);
    // Without a contract only the customer's own scheme and the default are consulted.
    const plain = await ok(api, 'GET', `/api/v1/customers/${customer.id}/invoicing-scheme`);
    expect([plain.scheme.name, plain.source]).toEqual(['Customer', 'customer']);
    const inUse = await api('DELETE', `/api/v1/invoicing-schemes/${scheme.Basic}`);
    expect([inUse.status, inUse.body.code]).toEqual([409, 'SCHEME_IN_USE']);
    const other = (await env.newTenant()).api;
    expect((await other('GET', `/api/v1/customers/${customer.id}/invoicing-scheme`)).status).toBe(404);
  });
});
