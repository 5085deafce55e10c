// The sandboxed Liquid templates for documents: engine, validation at upload, rendering, built-ins.
export { createTemplateEngine, DEFAULT_LIMITS, TemplateAccessError } from './engine.ts';
export type { TemplateEngineLimits } from './engine.ts';
export { previewTemplate, renderTemplate, TemplateRenderError, validateTemplate } from './render.ts';
export type { TemplateErrorCode, TemplateValidation } from './render.ts';
export { builtinTemplates, findBuiltinTemplate } from './builtin.ts';
export type { BuiltinTemplate, BuiltinTemplateKey } from './builtin.ts';
export { formatDayMonthYear, formatDecimal, formatDuration, formatMoney } from './filters.ts';
