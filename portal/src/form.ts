// A form generated from a form definition (a service card's, or a life event's shared form): its labelled
// controls, the answers they hold, the checks made before sending, and the error summary that links to each field.
import { ApiError } from './api';
import { h } from './dom';
import { loc, t } from './i18n';
import { fileControl } from './upload';
import { type Json, field } from './ui';

export type Answers = Record<string, string | number | boolean>;
type Problem = { id: string; message: string };

export interface GeneratedForm {
  /** The labelled fields, in the definition's order. */
  readonly fields: HTMLElement[];
  /** The error summary, hidden until there are errors (put it above the form). */
  readonly errors: HTMLElement;
  answers(): Answers;
  /** Checks the answers (required, length), shows what is wrong; true when nothing is. */
  check(): boolean;
  /** Shows the API's validation_failed details on their fields; false for any other error. */
  showApiError(error: unknown): boolean;
}

/** Where a `file` field's upload goes: the service and its document definition (accepted types, size). */
export type FileTarget = (field: Json) => { serviceId: string; document: Json | undefined };

function validate(fields: Json[], answers: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  for (const f of fields) {
    const value = answers[f.id];
    const name = loc(f.label);
    if (f.required && (value === undefined || value === '' || value === null)) {
      problems.push({ id: f.id, message: t('errRequired', { field: name }) });
    } else if (typeof value === 'string' && f.maxLength && value.length > f.maxLength) {
      problems.push({ id: f.id, message: t('errMaxLength', { field: name, max: f.maxLength }) });
    }
  }
  return problems;
}

function control(f: Json, saved: unknown, files: FileTarget): { control: HTMLInputElement | HTMLSelectElement; after?: HTMLElement } {
  if (f.type === 'select') {
    return { control: h('select', { name: f.id }, h('option', { value: '' }, t('choose')), ...f.options.map((o: Json) => h('option', { value: o.value, selected: saved === o.value }, loc(o.label)))) as HTMLSelectElement };
  }
  if (f.type === 'boolean') {
    return { control: h('select', { name: f.id }, h('option', { value: '' }, t('choose')), h('option', { value: 'true', selected: saved === true }, t('yes')), h('option', { value: 'false', selected: saved === false }, t('no'))) as HTMLSelectElement };
  }
  if (f.type === 'file') {
    const target = files(f);
    const upload = fileControl(target.serviceId, target.document, saved);
    return { control: upload.input, after: upload.status };
  }
  const type = f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text';
  return { control: h('input', { name: f.id, type, value: (saved as string | number | undefined) ?? '', maxlength: f.maxLength, dir: type === 'text' ? 'auto' : undefined }) as HTMLInputElement };
}

export function generatedForm(definition: Json[], saved: Record<string, unknown> | undefined, files: FileTarget): GeneratedForm {
  const controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const errors = h('div', { tabindex: '-1', class: 'errors', hidden: true });
  const fields = definition.map((f) => {
    const made = control(f, saved?.[f.id], files);
    if (f.required) made.control.setAttribute('aria-required', 'true');
    made.control.id = `field-${f.id}`;
    controls.set(f.id, made.control);
    const labelled = field(`${loc(f.label)}${f.required ? ` (${t('required')})` : ''}`, made.control);
    if (made.after) labelled.append(made.after);
    return labelled;
  });

  const answers = () => {
    const out: Answers = {};
    for (const f of definition) {
      const value = (f.type === 'file' ? controls.get(f.id)!.dataset.answer ?? '' : controls.get(f.id)!.value).trim();
      if (value === '') continue;
      out[f.id] = f.type === 'number' ? Number(value) : f.type === 'boolean' ? value === 'true' : value;
    }
    return out;
  };

  const show = (problems: Problem[]) => {
    for (const c of controls.values()) c.removeAttribute('aria-invalid');
    if (problems.length === 0) {
      errors.hidden = true;
      return;
    }
    errors.replaceChildren(h('h2', {}, t('errorsTitle')), h('ul', {}, ...problems.map((p) => h('li', {}, h('a', { href: `#field-${p.id}`, onclick: (e: Event) => { e.preventDefault(); controls.get(p.id)?.focus(); } }, p.message)))));
    for (const p of problems) controls.get(p.id)?.setAttribute('aria-invalid', 'true');
    errors.hidden = false;
    errors.setAttribute('role', 'alert');
    errors.focus();
  };

  return {
    fields,
    errors,
    answers,
    check: () => {
      const problems = validate(definition, answers());
      show(problems);
      return problems.length === 0;
    },
    showApiError: (error) => {
      if (!(error instanceof ApiError && error.code === 'validation_failed' && Array.isArray(error.details))) return false;
      show(error.details.map((d: Json) => ({ id: String(d.path ?? '').replace(/^answers\./, ''), message: `${d.path}: ${d.message}` })));
      return true;
    },
  };
}
