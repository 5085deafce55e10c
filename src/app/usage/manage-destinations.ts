import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { FieldError } from '../errors.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import type { Destination } from '../ports/rating.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { normalizeNumber } from '../../core/rating/index.ts';

/** A prefix is 1-32 digits; '+', spaces and dashes are dropped as in dialled numbers. */
export function checkPrefix(prefix: unknown, field: string, errors: FieldError[]): string | null {
  const digits = typeof prefix === 'string' ? normalizeNumber(prefix.trim()) : undefined;
  if (digits === undefined || digits.length > 32) {
    errors.push({ field, code: 'INVALID_PREFIX', message: 'a prefix is 1-32 digits, e.g. 35567' });
    return null;
  }
  return digits;
}

export function checkName(name: unknown, field: string, errors: FieldError[]): string | null {
  const text = typeof name === 'string' ? name.trim() : '';
  if (!text || text.length > 200 || text.includes('\u0000')) {
    errors.push({ field, code: 'INVALID_NAME', message: 'a name is 1-200 characters' });
    return null;
  }
  return text;
}

export async function createDestination(
  deps: Deps,
  ctx: CallContext,
  input: { prefix: string; name: string },
): Promise<Destination> {
  const errors: FieldError[] = [];
  const prefix = checkPrefix(input.prefix, 'prefix', errors);
  const name = checkName(input.name, 'name', errors);
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (session) => {
    const existing = await session.rating.findDestinationByPrefix(ctx.tenantId, prefix!);
    if (existing)
      throw conflict(
        'DESTINATION_EXISTS',
        `prefix ${prefix} is already destination ${existing.id} (${existing.name})`,
        { destinationId: existing.id },
      );
    const destination = await session.rating.insertDestination({
      id: newId('dst'),
      tenantId: ctx.tenantId,
      prefix: prefix!,
      name: name!,
    });
    await recordChange(session, ctx, deps.clock, {
      objectType: 'destination',
      objectId: destination.id,
      action: 'created',
      after: destination,
    });
    return destination;
  });
}

/** Renaming changes how future ratings name calls; stored records keep the name they were rated with. */
export async function updateDestination(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: { name?: string },
): Promise<Destination> {
  const errors: FieldError[] = [];
  const name = patch.name === undefined ? undefined : checkName(patch.name, 'name', errors);
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (session) => {
    const before = await session.rating.getDestination(ctx.tenantId, id);
    if (!before) throw notFound('Destination', id);
    const after = await session.rating.updateDestination(ctx.tenantId, id, name ? { name } : {});
    await recordChange(session, ctx, deps.clock, {
      objectType: 'destination',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return after!;
  });
}

export async function deleteDestination(deps: Deps, ctx: CallContext, id: string): Promise<void> {
  await deps.uow.run(async (session) => {
    const before = await session.rating.getDestination(ctx.tenantId, id);
    if (!before) throw notFound('Destination', id);
    await session.rating.deleteDestination(ctx.tenantId, id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'destination',
      objectId: id,
      action: 'deleted',
      before,
    });
  });
}

export async function getDestination(deps: Deps, ctx: CallContext, id: string): Promise<Destination> {
  const found = await deps.uow.run((s) => s.rating.getDestination(ctx.tenantId, id));
  if (!found) throw notFound('Destination', id);
  return found;
}

export function listDestinations(
  deps: Deps,
  ctx: CallContext,
  filter: { prefix?: string | undefined; q?: string | undefined },
  page: PageRequest,
): Promise<Page<Destination>> {
  if (filter.prefix !== undefined && !/^[0-9%]{1,40}$/.test(filter.prefix)) {
    throw invalid([{ field: 'prefix', code: 'INVALID_PATTERN', message: 'digits, with % for any digits (35%, %67)' }]);
  }
  return deps.uow.run((s) => s.rating.listDestinations(ctx.tenantId, filter, page));
}
