import type { DataProvider, RaRecord } from 'react-admin';
import { HttpError } from 'react-admin';
import { resources, type ResourceApi } from './resources.ts';
import { cleanFilter, pagedList } from '../shared/paged.ts';

function resourceOf(name: string): ResourceApi {
  const found = resources[name];
  if (!found) throw new Error(`unknown resource ${name}`);
  return found;
}

const unsupported = (what: string) => new HttpError(`${what} is not offered by the API`, 405);

/** react-admin's data provider over the typed resource table (./resources.ts). */
export const dataProvider: DataProvider = {
  async getList(resource, params) {
    const r = resourceOf(resource);
    return pagedList(resource, params, (page) => r.list({ ...cleanFilter(params.filter ?? {}), ...page })) as never;
  },
  async getOne(resource, params) {
    const r = resourceOf(resource);
    if (!r.one) throw unsupported(`reading one ${resource}`);
    return { data: (await r.one(String(params.id))) as never };
  },
  async getMany(resource, params) {
    const r = resourceOf(resource);
    const data = await Promise.all(params.ids.map((id) => r.one!(String(id)).catch(() => null)));
    return { data: data.filter((d): d is { id: string } => d !== null) as never };
  },
  async getManyReference(resource, params) {
    const r = resourceOf(resource);
    const filter = { ...cleanFilter(params.filter ?? {}), [params.target]: params.id };
    return pagedList(resource, { ...params, filter }, (page) => r.list({ ...filter, ...page })) as never;
  },
  async create(resource, params) {
    const r = resourceOf(resource);
    if (!r.create) throw unsupported(`creating ${resource}`);
    return { data: (await r.create(cleanFilter(params.data) as never)) as never };
  },
  async update(resource, params) {
    const r = resourceOf(resource);
    if (!r.update) throw unsupported(`changing ${resource}`);
    const changed = Object.fromEntries(
      Object.entries(params.data as RaRecord).filter(([k, v]) => k !== 'id' && params.previousData[k] !== v),
    );
    return { data: (await r.update(String(params.id), changed as never)) as never };
  },
  async updateMany() {
    throw unsupported('changing many at once');
  },
  async delete(resource, params) {
    const r = resourceOf(resource);
    if (!r.remove) throw unsupported(`deleting ${resource}`);
    await r.remove(String(params.id));
    return { data: params.previousData as never };
  },
  async deleteMany(resource, params) {
    const r = resourceOf(resource);
    if (!r.remove) throw unsupported(`deleting ${resource}`);
    for (const id of params.ids) await r.remove(String(id));
    return { data: params.ids };
  },
};
