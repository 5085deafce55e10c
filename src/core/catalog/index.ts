export * from './price-models.ts';
export * from './charge-periods.ts';
