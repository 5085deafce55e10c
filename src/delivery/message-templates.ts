import type { MessageRenderer } from '../app/ports/mail.ts';
import { createTemplateEngine } from '../documents/templates/index.ts';

// Subjects and bodies are operator-written Liquid, so they run in the same sandbox as document
// templates, with tighter limits: a message is a few lines, and a template that loops or grows
// without end fails the one delivery (TEMPLATE_FAILED) instead of holding the queue.
const engine = createTemplateEngine({ parseLimit: 20_000, renderLimitMs: 500, memoryLimit: 1_000_000 });

const BUILTIN = {
  en: {
    subject: '{{ document.typeName }} {{ document.number }} from {{ sender.name }}',
    body: [
      'Dear {{ customer.name }},',
      '',
      'please find attached {{ document.typeName | downcase }} {{ document.number }} of {{ document.issueDate }}' +
        '{% if document.total %} for {{ document.total }} {{ document.currency }}{% endif %}' +
        '{% if document.dueDate %}, due on {{ document.dueDate }}{% endif %}.',
      '',
      'Kind regards,',
      '{{ sender.name }}',
    ].join('\n'),
  },
  ru: {
    subject: '{{ document.typeName }} № {{ document.number }} от {{ sender.name }}',
    body: [
      'Здравствуйте, {{ customer.name }}!',
      '',
      'Во вложении — {{ document.typeName | downcase }} № {{ document.number }} от {{ document.issueDate }}' +
        '{% if document.total %} на сумму {{ document.total }} {{ document.currency }}{% endif %}' +
        '{% if document.dueDate %}, срок оплаты — {{ document.dueDate }}{% endif %}.',
      '',
      'С уважением,',
      '{{ sender.name }}',
    ].join('\n'),
  },
} as const;

export function liquidMessages(): MessageRenderer {
  return {
    check(source) {
      try {
        engine.parse(source);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    },
    async render(template, values) {
      const subject = (await engine.parseAndRender(template.subject, values)) as string;
      const text = (await engine.parseAndRender(template.body, values)) as string;
      // A subject is one line: line breaks a template produced would end the header early.
      return { subject: subject.replace(/\s+/g, ' ').trim(), text };
    },
    builtin: (language) => BUILTIN[language],
  };
}
