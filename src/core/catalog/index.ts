export * from './price-models.ts';
export * from './charge-periods.ts';
export * from './scheme-resolution.ts';
export * from './subscription-charges.ts';
