export * from './allocation.ts';
export * from './payment-status.ts';
export * from './viewing-currency.ts';
export * from './conversion.ts';
export * from './statement.ts';
export * from './credit-note.ts';
