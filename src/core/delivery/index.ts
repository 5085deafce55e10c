// Email delivery rules: settings and their defaults, recipients, the sending rhythm, failure classes.
export * from './settings.ts';
export * from './recipients.ts';
export * from './schedule.ts';
export * from './smtp-failure.ts';
