export * from './model.ts';
export * from './from-document.ts';
export * from './check.ts';
export * from './document.ts';
