export * from './events.ts';
export * from './retry.ts';
export * from './signature.ts';
