import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { Contract, ContractInput } from '../ports/contracts.ts';
import { conflict, invalid, notFound, type FieldError } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { todayInZone } from '../../core/time/zones.ts';
import { assertAllocationConfigurationExists, assertSchemeExists, unknownReference } from './references.ts';

export interface ContractCreate {
  kind?: 'basic' | 'customer' | undefined;
  name?: string | undefined;
  customerId?: string | undefined;
  basicContractId?: string | undefined;
  number?: string | undefined;
  date?: string | undefined;
  invoicingSchemeId?: string | null | undefined;
  allocationConfigurationId?: string | null | undefined;
}

export async function assertNumberFree(session: Session, tenantId: string, number: string, selfId?: string) {
  const other = await session.contracts.findByNumber(tenantId, number);
  if (other && other.id !== selfId)
    throw conflict('CONTRACT_NUMBER_TAKEN', `contract number ${number} belongs to contract ${other.id}`, {
      field: 'number',
    });
}

function shapeErrors(create: ContractCreate): FieldError[] {
  const need = (field: keyof ContractCreate, why: string): FieldError[] =>
    create[field] ? [] : [{ field, code: 'REQUIRED', message: why }];
  const forbid = (field: keyof ContractCreate): FieldError[] =>
    create[field] === undefined
      ? []
      : [{ field, code: 'FIELD_NOT_ALLOWED', message: `a basic contract has no ${field}` }];
  if (create.kind === 'basic')
    return [
      ...need('name', 'a basic contract needs a name'),
      ...forbid('customerId'),
      ...forbid('basicContractId'),
      ...forbid('allocationConfigurationId'),
    ];
  return [
    ...need('customerId', 'a customer contract names its customer'),
    ...need('basicContractId', 'a customer contract is made from a basic contract'),
    ...need('number', 'a customer contract has a number'),
  ];
}

/** A basic contract, or a customer contract made from one (dated today in the tenant zone unless given). */
export async function createContract(deps: Deps, ctx: CallContext, create: ContractCreate): Promise<Contract> {
  const kind = create.kind ?? 'customer';
  const errors = shapeErrors({ ...create, kind });
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (session) => {
    const tenant = await session.tenancy.getTenant(ctx.tenantId);
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    await assertSchemeExists(session, ctx.tenantId, create.invoicingSchemeId);
    await assertAllocationConfigurationExists(session, ctx.tenantId, create.allocationConfigurationId);
    let input: ContractInput;
    if (kind === 'basic') {
      input = {
        kind,
        name: create.name!,
        customerId: null,
        basicContractId: null,
        number: create.number ?? null,
        date: create.date ?? null,
        status: 'active',
        invoicingSchemeId: null,
        allocationConfigurationId: null,
      };
    } else {
      if (!(await session.customers.get(ctx.tenantId, create.customerId!)))
        throw unknownReference('customerId', 'UNKNOWN_CUSTOMER', create.customerId!);
      const basic = await session.contracts.get(ctx.tenantId, create.basicContractId!);
      if (!basic || basic.kind !== 'basic')
        throw unknownReference('basicContractId', 'UNKNOWN_BASIC_CONTRACT', create.basicContractId!);
      input = {
        kind,
        name: create.name ?? basic.name,
        customerId: create.customerId!,
        basicContractId: basic.id,
        number: create.number!,
        date: create.date ?? todayInZone(deps.clock.now(), tenant.timezone),
        status: 'active',
        invoicingSchemeId: null,
        allocationConfigurationId: create.allocationConfigurationId ?? null,
      };
    }
    input.invoicingSchemeId = create.invoicingSchemeId ?? null;
    if (input.number) await assertNumberFree(session, ctx.tenantId, input.number);
    const contract = await session.contracts.insert(ctx.tenantId, newId('ctr'), input);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'contract',
      objectId: contract.id,
      action: 'created',
      after: contract,
    });
    return contract;
  });
}
