import { z } from 'zod';
import { Instant, listOf, pageQuery } from '../schemas/common.ts';
import { idempotencyHeaders, json, noContent, problems, uploadBody } from '../schemas/responses.ts';
import { safeIdParams, text } from './usage-schemas.ts';

const tags = ['destinations'];

export const Destination = z.object({ id: z.string(), prefix: z.string(), name: z.string(), createdAt: Instant }).meta({
  id: 'Destination',
  description: 'A dialled-number prefix and its name; the longest matching prefix names a call',
  examples: [
    {
      id: 'dst_0mx30fe1r0006b2acc8d0bdd',
      prefix: '35567',
      name: 'Albania mobile',
      createdAt: '2026-11-30T08:32:23.766Z',
    },
  ],
});

export const CatalogRejection = z
  .object({ line: z.int(), code: z.string(), detail: z.string() })
  .meta({ id: 'CatalogRejection', description: 'A refused line of an uploaded sheet' });

const ImportResult = z
  .object({ created: z.int(), updated: z.int(), unchanged: z.int(), rejected: z.array(CatalogRejection) })
  .meta({ id: 'DestinationImportResult' });

export const createDestinationSchema = {
  operationId: 'createDestination',
  summary: 'Create a destination',
  tags,
  headers: idempotencyHeaders,
  body: z.object({ prefix: text(40), name: text(200) }).strict(),
  response: { 201: json(Destination, 'The destination created'), ...problems(409) },
};
export const listDestinationsSchema = {
  operationId: 'listDestinations',
  summary: 'List destinations',
  tags,
  querystring: z.object({ prefix: text(40).optional(), q: text(100).optional(), ...pageQuery }).strict(),
  response: { 200: json(listOf(Destination, 'DestinationList'), 'A page of destinations'), ...problems() },
};
export const getDestinationSchema = {
  operationId: 'getDestination',
  summary: 'Get a destination',
  tags,
  params: safeIdParams,
  response: { 200: json(Destination, 'The destination'), ...problems(404) },
};
export const updateDestinationSchema = {
  operationId: 'updateDestination',
  summary: 'Rename a destination',
  tags,
  params: safeIdParams,
  body: z.object({ name: text(200).optional() }).strict(),
  response: { 200: json(Destination, 'The destination as changed'), ...problems(404) },
};
export const deleteDestinationSchema = {
  operationId: 'deleteDestination',
  summary: 'Delete a destination',
  tags,
  params: safeIdParams,
  response: { 204: noContent('Deleted'), ...problems(404, 409) },
};
export const importDestinationsSchema = {
  operationId: 'importDestinations',
  summary: 'Import destinations from CSV',
  description:
    'Send the CSV itself as the body (Content-Type text/csv) with a header prefix,name. Known prefixes are renamed; bad lines are listed and skipped.',
  tags,
  consumes: ['text/csv'],
  body: uploadBody('CSV with the header prefix,name'),
  response: { 200: json(ImportResult, 'Counts and refused lines'), ...problems(413, 415) },
};
