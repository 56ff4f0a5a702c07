// Answers checked against a service card's form: known fields only, the right type, required ones present;
// identifiers (national numbers, plates, phones, registration numbers) converted from any digits and format-checked.
import type { ServiceCard } from '../../../schemas/services';
import { isRealDate } from '../../shared/dates';
import { BadRequest } from '../../shared/errors';
import { identifierSchemaOf } from '../../../schemas/identifiers';
import { problemsOf, type Localized } from '../../shared/language';

type FormField = ServiceCard['form']['fields'][number];
type Answer = string | number | boolean | null;

interface Problem {
  readonly in: 'body';
  readonly path: string;
  readonly code: string;
  readonly message: Localized;
}

const say = (en: string, ar: string): Localized => ({ en, ar });

/** Fields that ask for a full name (the forms' «الاسم الرباعي»): four parts at least. */
const FOUR_PART_NAME_FIELD = /FullName$/;

/** A file answer names an uploaded document: `doc:` and an opaque id. */
const FILE_REF = /^doc:[A-Za-z0-9_-]{8,64}$/;
/** An issued document's id (or a bundle's placeholder for one still to be issued) stands in for the identifier it carries. */
const ISSUED_DOCUMENT = /^DOC-[A-Z0-9-]+$/;

function checkField(field: FormField, value: Answer): Localized | undefined {
  const maxLength = field.maxLength ?? 2000;
  switch (field.type) {
    case 'text':
      return typeof value !== 'string'
        ? say('must be text', 'يجب أن يكون نصاً')
        : value.length > maxLength
          ? say(`must be at most ${maxLength} characters`, `يجب ألا يزيد على ${maxLength} حرفاً`)
          : FOUR_PART_NAME_FIELD.test(field.id) && value.trim().split(/\s+/).length < 4
            ? say('must be the four-part name: first, father, grandfather and family name', 'يجب أن يكون الاسم الرباعي: الاسم الأول واسم الأب واسم الجد واسم العائلة')
            : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : say('must be a number', 'يجب أن يكون رقماً');
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? undefined : say('must be a date YYYY-MM-DD', 'يجب أن يكون تاريخاً بالصيغة YYYY-MM-DD');
    case 'boolean':
      return typeof value === 'boolean' ? undefined : say('must be true or false', 'يجب أن يكون نعم أو لا');
    case 'select': {
      const options = field.options ?? [];
      return typeof value === 'string' && options.some((option) => option.value === value)
        ? undefined
        : say(`must be one of ${options.map((option) => option.value).join(', ')}`, `يجب أن يكون أحد الخيارات: ${options.map((option) => option.label.ar).join('، ')}`);
    }
    case 'file':
      return typeof value === 'string' && FILE_REF.test(value) ? undefined : say('must reference an uploaded document (doc:<id>)', 'يجب أن يشير إلى مستند مرفوع (doc:<id>)');
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
      problems.push({ in: 'body', path: `answers.${id}`, code: 'unknown_field', message: say('The form has no such field', 'لا يحتوي النموذج على هذا الحقل') });
    } else if (value !== null) {
      const identifier =
        typeof value === 'string' && value !== '' && !ISSUED_DOCUMENT.test(value) ? identifierSchemaOf(id)?.safeParse(value, { reportInput: true }) : undefined;
      const message = checkField(field, value) ?? (identifier?.success === false ? problemsOf(identifier.error.issues, 'body')[0]?.message : undefined);
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
        problems.push({ in: 'body', path: `answers.${field.id}`, code: 'required', message: say(`${field.label.en} is required`, `الحقل «${field.label.ar}» مطلوب`) });
      }
    }
  }
  if (problems.length > 0) {
    throw new BadRequest('validation_failed', 'Some answers do not fit the service form', problems);
  }
  return Object.fromEntries(Object.entries({ ...answers, ...converted }).filter(([, value]) => value !== null));
}
