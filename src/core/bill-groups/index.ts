export * from './terms.ts';
export * from './cycle.ts';
export * from './close-plan.ts';
export * from './run-notice.ts';
