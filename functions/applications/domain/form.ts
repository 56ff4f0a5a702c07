// Answers checked against a service card's form: known fields only, the right type, required ones present;
// identifiers (national numbers, plates, phones, registration numbers) converted from any digits and format-checked.
import type { ServiceCard } from '../../../schemas/services';
import { isRealDate } from '../../shared/dates';
import { BadRequest } from '../../shared/errors';
import { identifierSchemaOf } from '../../../schemas/identifiers';

type FormField = ServiceCard['form']['fields'][number];
type Answer = string | number | boolean | null;

interface Problem {
  readonly in: 'body';
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** A file answer names an uploaded document: `doc:` and an opaque id. */
const FILE_REF = /^doc:[A-Za-z0-9_-]{8,64}$/;
/** An issued document's id (or a bundle's placeholder for one still to be issued) stands in for the identifier it carries. */
const ISSUED_DOCUMENT = /^DOC-[A-Z0-9-]+$/;

function checkField(field: FormField, value: Answer): string | undefined {
  switch (field.type) {
    case 'text':
      return typeof value !== 'string'
        ? 'must be text'
        : value.length > (field.maxLength ?? 2000)
          ? `must be at most ${field.maxLength ?? 2000} characters`
          : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? undefined : 'must be a date YYYY-MM-DD';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'select':
      return typeof value === 'string' && (field.options ?? []).some((option) => option.value === value)
        ? undefined
        : `must be one of ${(field.options ?? []).map((option) => option.value).join(', ')}`;
    case 'file':
      return typeof value === 'string' && FILE_REF.test(value) ? undefined : 'must reference an uploaded document (doc:<id>)';
  }
}

/**
 * Validates `answers` against the card's form. Drafts may leave required fields empty; a submission may not.
 * Throws 400 validation_failed listing every problem at once.
 */
export function checkAnswers(card: Pick<ServiceCard, 'form'>, answers: Readonly<Record<string, Answer>>, mode: 'draft' | 'submit'): Record<string, Answer> {
  const fields = new Map(card.form.fields.map((field) => [field.id, field]));
  const problems: Problem[] = [];
  const converted: Record<string, Answer> = {};
  for (const [id, value] of Object.entries(answers)) {
    const field = fields.get(id);
    if (!field) {
      problems.push({ in: 'body', path: `answers.${id}`, code: 'unknown_field', message: 'The form has no such field' });
    } else if (value !== null) {
      const identifier = typeof value === 'string' && value !== '' && !ISSUED_DOCUMENT.test(value) ? identifierSchemaOf(id)?.safeParse(value) : undefined;
      const message = checkField(field, value) ?? (identifier?.success === false ? identifier.error.issues[0]?.message : undefined);
      if (message) {
        problems.push({ in: 'body', path: `answers.${id}`, code: 'invalid_answer', message });
      } else if (identifier?.success) {
        converted[id] = identifier.data;
      }
    }
  }
  if (mode === 'submit') {
    for (const field of fields.values()) {
      if (field.required && (answers[field.id] === undefined || answers[field.id] === null || answers[field.id] === '')) {
        problems.push({ in: 'body', path: `answers.${field.id}`, code: 'required', message: `${field.label.en} is required` });
      }
    }
  }
  if (problems.length > 0) {
    throw new BadRequest('validation_failed', 'Some answers do not fit the service form', problems);
  }
  return Object.fromEntries(Object.entries({ ...answers, ...converted }).filter(([, value]) => value !== null));
}
