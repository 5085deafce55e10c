export {
  SEQUENCE_RESETS,
  SEQUENCE_TOKENS,
  formatNumber,
  nextValue,
  resetKey,
  type SequenceFormat,
  type SequenceReset,
} from './sequence.ts';
export { validateFormat, type FieldError } from './validation.ts';
