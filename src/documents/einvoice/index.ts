export { toUbl } from './ubl.ts';
