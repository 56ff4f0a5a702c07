// Staff pages, loaded only when an officer or operator opens one (their own script: citizens never load them).
// Officers: their agency's inbox and a task's decision. Operators: the service cards, each card's edit and stage.
import { ApiError, call, currentSession } from './api';
import { h } from './dom';
import { date, loc, number, stageNames, statusNames, t, type TextKey } from './i18n';
import { type Json, agencyNames, errorText, field, notice, page, prefillList, show } from './ui';

// --- Officers ---

export async function inboxPage(params: URLSearchParams): Promise<void> {
  const agencyId = String(currentSession()?.claims['custom:agencyId'] ?? '');
  const filter = params.get('status') ?? 'open';
  const [names, { body }] = await Promise.all([agencyNames(), call('GET', `/v1/agencies/${encodeURIComponent(agencyId)}/tasks?status=${filter}&limit=100`)]);
  const items = (body.items as Json[]).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const filters: Array<[string, TextKey]> = [['open', 'filterOpen'], ['info-requested', 'filterInfo'], ['decided', 'filterDecided']];
  page(t('inbox', { agency: loc(names.get(agencyId)) }),
    h('ul', { class: 'tabs' }, ...filters.map(([value, key]) => h('li', {}, h('a', { href: `#/inbox?status=${value}`, 'aria-current': value === filter ? 'page' : undefined }, t(key))))),
    items.length === 0 ? h('p', {}, t('noTasks')) : h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('task')), h('th', { scope: 'col' }, t('reference')), h('th', { scope: 'col' }, t('due')), h('th', { scope: 'col' }, t('status')))),
      h('tbody', {}, ...items.map((task) => h('tr', {},
        h('td', {}, h('a', { href: `#/tasks/${task.taskId}` }, loc(task.serviceName))),
        h('td', { dir: 'ltr' }, task.applicationId),
        h('td', {}, date(task.dueAt, true), task.overdue && h('strong', { class: 'overdue' }, ` ${t('overdue')}`)),
        h('td', {}, loc(statusNames[task.status])),
      ))),
    ),
  );
}

export async function taskPage(taskId: string): Promise<void> {
  const [applicationId, stepId] = taskId.split('.');
  const [names, app] = await Promise.all([
    agencyNames(),
    call('GET', `/v1/applications/${encodeURIComponent(applicationId!)}`).then(
      (r) => r.body,
      (error: unknown) => {
        // The API answers another agency's task as not found (it does not say whether it exists): so does the portal.
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return undefined;
        throw error;
      },
    ),
  ]);
  if (!app) {
    page(t('task'), notice(t('taskNotYours'), 'error'), h('p', {}, h('a', { href: '#/inbox' }, t('navInbox'))));
    return;
  }
  const step = (app.stages as Json[]).flatMap((stage) => stage.steps as Json[]).find((s) => s.stepId === stepId);
  const note = h('textarea', { name: 'note', rows: 3 }) as HTMLTextAreaElement;
  const status = h('div', { role: 'status' });
  const decide = async (decision: string) => {
    if (decision !== 'approve' && !note.value.trim()) {
      status.replaceChildren(notice(t('noteRequired'), 'error'));
      note.focus();
      return;
    }
    try {
      await call('POST', `/v1/tasks/${encodeURIComponent(taskId)}/decision`, { decision, ...(note.value.trim() ? { note: note.value.trim() } : {}) });
      status.replaceChildren(notice(t('decided')));
      form.remove();
    } catch (error) {
      status.replaceChildren(notice(errorText(error), 'error'));
    }
  };
  const form = h('form', { class: 'panel', onsubmit: (e: Event) => e.preventDefault() },
    field(t('note'), note),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => void decide('approve') }, t('approve')),
      h('button', { type: 'button', class: 'secondary', onclick: () => void decide('request-info') }, t('requestInfo')),
      h('button', { type: 'button', class: 'danger', onclick: () => void decide('reject') }, t('reject')),
    ));
  const { body: card } = await call('GET', `/v1/services/${encodeURIComponent(app.serviceId)}?version=${app.serviceVersion}`);
  const formFields = new Map<string, Json>((card.form.fields as Json[]).map((f) => [f.id, f]));
  const answerText = (id: string, value: unknown) => {
    const option = (formFields.get(id)?.options as Json[] | undefined)?.find((o) => o.value === value);
    return option ? loc(option.label) : show(value);
  };
  const answersList = h('dl', { class: 'facts' }, ...Object.entries(app.answers as Record<string, unknown>).flatMap(([k, v]) => [h('dt', {}, loc(formFields.get(k)?.label) || k), h('dd', {}, answerText(k, v))]));
  page(`${t('task')}: ${loc(step?.name)}`,
    h('p', {}, loc(app.serviceName), ' — ', loc(names.get(step?.agencyId))),
    h('dl', { class: 'facts' }, h('dt', {}, t('reference')), h('dd', { dir: 'ltr' }, app.reference ?? app.applicationId), h('dt', {}, t('status')), h('dd', {}, loc(statusNames[step?.status ?? app.status])), step?.dueAt && h('dt', {}, t('due')), step?.dueAt && h('dd', {}, date(step.dueAt, true))),
    h('h2', {}, t('answers')), answersList,
    Object.keys(app.prefill ?? {}).length > 0 && h('h2', {}, t('prefill')), Object.keys(app.prefill ?? {}).length > 0 && prefillList(app.prefill),
    status,
    step && (step.status === 'open' || step.status === 'info-requested') && form,
  );
}

// --- Operators ---

export async function operatorPage(): Promise<void> {
  const [names, { body }] = await Promise.all([agencyNames(), call('GET', '/v1/services?limit=100')]);
  page(t('operatorTitle'), h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('navServices')), h('th', { scope: 'col' }, t('agencyFilter')), h('th', { scope: 'col' }, t('stage')), h('th', { scope: 'col' }, t('version')))),
    h('tbody', {}, ...(body.items as Json[]).map((s) => h('tr', {},
      h('td', {}, h('a', { href: `#/operator/services/${s.serviceId}` }, loc(s.name))),
      h('td', {}, loc(names.get(s.ownerAgencyId))), h('td', {}, loc(stageNames[s.lifecycleStage])), h('td', {}, number(s.version)),
    ))),
  ));
}

export async function editCardPage(serviceId: string): Promise<void> {
  const { body: card } = await call('GET', `/v1/services/${encodeURIComponent(serviceId)}`);
  const status = h('div', { role: 'status' });
  const inputs = {
    nameAr: h('input', { name: 'nameAr', value: card.name.ar, lang: 'ar', dir: 'rtl' }) as HTMLInputElement,
    nameEn: h('input', { name: 'nameEn', value: card.name.en, lang: 'en', dir: 'ltr' }) as HTMLInputElement,
    descriptionAr: h('textarea', { name: 'descriptionAr', rows: 3, lang: 'ar', dir: 'rtl' }, card.description.ar) as HTMLTextAreaElement,
    descriptionEn: h('textarea', { name: 'descriptionEn', rows: 3, lang: 'en', dir: 'ltr' }, card.description.en) as HTMLTextAreaElement,
    fee: h('input', { name: 'fee', type: 'number', min: 0, step: '0.01', value: card.fees.amountJod }) as HTMLInputElement,
  };
  const stage = h('select', { name: 'stage' }, ...Object.keys(stageNames).map((s) => h('option', { value: s, selected: s === card.lifecycleStage }, loc(stageNames[s])))) as HTMLSelectElement;
  const { serviceId: _id, version, lifecycleStage: _stage, priorityScore: _score, updatedAt: _at, updatedBy: _by, processingTime: _time, ...editable } = card;
  const conflict = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'stale_version') {
      const current = (error.details as Json)?.currentVersion ?? '?';
      status.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, t('conflict', { version: current }), ' ', h('button', { type: 'button', class: 'link', onclick: () => void editCardPage(serviceId) }, t('reload'))));
    } else if (error instanceof ApiError && error.code === 'stage_transition_not_allowed') {
      const next = ((error.details as Json)?.allowedNextStages ?? []) as string[];
      status.replaceChildren(notice(t('stageNotAllowed', { stages: next.map((s) => loc(stageNames[s])).join('، ') || '—' }), 'error'));
    } else {
      status.replaceChildren(notice(errorText(error), 'error'));
    }
  };
  page(t('editCard', { service: loc(card.name) }),
    h('p', { class: 'meta' }, `${t('version')}: ${number(version)} · ${t('stage')}: ${loc(stageNames[card.lifecycleStage])}`),
    status,
    h('form', { class: 'panel', onsubmit: async (e: Event) => {
      e.preventDefault();
      const next = { ...editable, name: { ar: inputs.nameAr.value.trim(), en: inputs.nameEn.value.trim() }, description: { ar: inputs.descriptionAr.value.trim(), en: inputs.descriptionEn.value.trim() }, fees: { ...card.fees, amountJod: Number(inputs.fee.value) } };
      try {
        const { body: saved } = await call('PUT', `/v1/services/${encodeURIComponent(serviceId)}`, { expectedVersion: version, card: next });
        status.replaceChildren(notice(t('savedVersion', { version: number(saved.version) })));
      } catch (error) {
        conflict(error);
      }
    } }, field(t('nameAr'), inputs.nameAr), field(t('nameEn'), inputs.nameEn), field(t('descriptionAr'), inputs.descriptionAr), field(t('descriptionEn'), inputs.descriptionEn), field(t('feeAmount'), inputs.fee), h('button', { type: 'submit' }, t('save'))),
    h('form', { class: 'panel', onsubmit: async (e: Event) => {
      e.preventDefault();
      try {
        await call('POST', `/v1/services/${encodeURIComponent(serviceId)}/stage`, { stage: stage.value, expectedVersion: version });
        status.replaceChildren(notice(t('stageChanged', { stage: loc(stageNames[stage.value]) })));
      } catch (error) {
        conflict(error);
      }
    } }, field(t('stage'), stage), h('button', { type: 'submit' }, t('changeStage'))),
  );
}

