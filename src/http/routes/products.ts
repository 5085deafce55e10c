import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, idParams, toListResponse } from '../schemas/common.ts';
import { idempotencyHeaders, json, noContent, problems } from '../schemas/responses.ts';
import { createProduct } from '../../app/catalog/create-product.ts';
import { updateProduct } from '../../app/catalog/update-product.ts';
import { deleteProduct } from '../../app/catalog/delete-product.ts';
import { getProduct, listProducts } from '../../app/catalog/query-products.ts';
import { quoteProduct } from '../../app/catalog/quote-product.ts';
import {
  productCreateBody,
  productListQuery,
  productListSchema,
  productPatchBody,
  productSchema,
  quoteQuery,
  quoteSchema,
} from './products.schema.ts';

const tags = ['products'];

export function productRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/products',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'createProduct',
        summary: 'Add a catalog product with its price model',
        tags,
        headers: idempotencyHeaders,
        body: productCreateBody,
        response: { 201: json(productSchema, 'The product'), ...problems(400, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await createProduct(deps, callerOf(req), req.body)),
  );
  api.get(
    '/products',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'listProducts',
        summary: 'List catalog products',
        tags,
        querystring: productListQuery,
        response: { 200: json(productListSchema, 'A page of products'), ...problems(400) },
      },
    },
    async (req) => {
      const { limit, cursor, ...filter } = req.query;
      return toListResponse(await listProducts(deps, callerOf(req), filter, { limit, after: decodeCursor(cursor) }));
    },
  );
  api.get(
    '/products/:id',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getProduct',
        summary: 'One catalog product',
        tags,
        params: idParams,
        response: { 200: json(productSchema, 'The product'), ...problems(404) },
      },
    },
    async (req) => getProduct(deps, callerOf(req), req.params.id),
  );
  api.get(
    '/products/:id/price',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'quoteProduct',
        summary: 'What a quantity costs for one whole product period',
        tags,
        params: idParams,
        querystring: quoteQuery,
        response: { 200: json(quoteSchema, 'The price of the quantity'), ...problems(400, 404) },
      },
    },
    async (req) => quoteProduct(deps, callerOf(req), req.params.id, req.query.quantity),
  );
  api.patch(
    '/products/:id',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'updateProduct',
        summary: 'Change a product; naming any price field replaces the whole price block',
        tags,
        params: idParams,
        body: productPatchBody,
        response: { 200: json(productSchema, 'The product'), ...problems(400, 404, 409) },
      },
    },
    async (req) => updateProduct(deps, callerOf(req), req.params.id, req.body),
  );
  api.delete(
    '/products/:id',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'deleteProduct',
        summary: 'Remove a product nothing refers to',
        tags,
        params: idParams,
        response: { 204: noContent('Deleted'), ...problems(404, 409) },
      },
    },
    async (req, reply) => {
      await deleteProduct(deps, callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
