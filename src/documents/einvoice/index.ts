import type { OutputWriters } from '../../app/ports/outputs.ts';
import { toUbl } from './ubl.ts';

export { toUbl };

/** The output writers main.ts wires into the routes. */
export const outputWriters: OutputWriters = {
  ubl: toUbl,
};
