export * from './tenancy.ts';
export * from './usage.ts';
export * from './documents.ts';
export * from './catalog.ts';
export * from './users.ts';
export * from './charges.ts';
export * from './outputs.ts';
export * from './payments.ts';
