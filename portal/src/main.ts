// The Khidma reference portal: citizens, officers and operators; Arabic first, English one click away.
import { ApiError, answerMfa, call, currentSession, download, role, signIn, signOut } from './api';
import { h, uid } from './dom';
import { type Lang, type Localized, workingDays, complaintCategoryNames, date, eventNames, registryFieldNames, initialLang, lang, loc, number, percent, setLang, stageNames, statusNames, t, type TextKey } from './i18n';

import { paymentSection } from './payment';
import { fileControl } from './upload';
import { mfaPage } from './mfa';
import { feedbackPage, kpiPage, rolloutPage } from './operators';
import { type Json, agencyNames, announce, errorText, field, main, notice, page, prefillList, show } from './ui';

// --- Header ---

function renderHeader(): void {
  const signedIn = currentSession();
  const who = role();
  const links: Array<[string, TextKey]> = [['#/', 'navServices']];
  if (who === 'citizen') links.push(['#/me/applications', 'navMyApplications'], ['#/me/notifications', 'navNotifications'], ['#/me/documents', 'navDocuments'], ['#/me/preferences', 'navPreferences'], ['#/me/consents', 'navConsents'], ['#/me/access-log', 'navAccessLog'], ['#/me/complaints', 'navComplaints']);
  if (who === 'officer') links.push(['#/inbox', 'navInbox'], ['#/complaints', 'navComplaints']);
  if (who === 'operator') links.push(['#/operator', 'navOperator'], ['#/operator/rollout', 'navRollout'], ['#/operator/kpis', 'navKpis'], ['#/operator/feedback', 'navFeedback'], ['#/complaints', 'navComplaints']);
  if (signedIn) links.push(['#/me/security', 'navSecurity']);
  if (!signedIn) links.push(['#/signin', 'navSignIn'], ['#/signup', 'navSignUp']);
  const other: Lang = lang() === 'ar' ? 'en' : 'ar';
  document.getElementById('header')!.replaceChildren(
    h('a', { class: 'skip', href: '#main', onclick: (event: Event) => { event.preventDefault(); main().focus(); } }, t('skip')),
    h('div', { class: 'bar' },
      h('p', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, 'خ'), h('span', {}, t('appName'), h('small', {}, t('tagline')))),
      h('button', { type: 'button', class: 'lang', lang: other, 'aria-label': t('switchLangLabel'), onclick: () => { setLang(other); void route(); } }, t('switchLang')),
    ),
    h('nav', { 'aria-label': t('mainNav') },
      h('ul', {}, ...links.map(([href, key]) => h('li', {}, h('a', { href, 'aria-current': location.hash === href || (href === '#/' && location.hash === '') ? 'page' : undefined }, t(key)))),
        signedIn && h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => { signOut(); location.hash = '#/'; void route(); } }, t('navSignOut'))),
      ),
    ),
  );
}

// --- Citizens: find a service, read its card ---

async function servicesPage(params: URLSearchParams): Promise<void> {
  const [names, lifeEvents] = await Promise.all([agencyNames(), call('GET', '/v1/life-events').then((r) => r.body.items as Json[])]);
  const q = params.get('q') ?? '';
  const agency = params.get('agency') ?? '';
  const event = params.get('event') ?? '';
  const query = new URLSearchParams({ limit: '100', ...(q ? { q } : {}), ...(agency ? { agency } : {}) });
  const { body } = await call('GET', `/v1/services?${query}`);
  const members = event ? new Set((lifeEvents.find((e) => e.lifeEventId === event)?.members ?? []).map((m: Json) => m.serviceId)) : undefined;
  const items = (body.items as Json[]).filter((service) => !members || members.has(service.serviceId));
  const search = h('input', { type: 'search', name: 'q', value: q, autocomplete: 'off' }) as HTMLInputElement;
  const agencySelect = h('select', { name: 'agency' }, h('option', { value: '' }, t('any')),
    ...[...names].map(([id, name]) => h('option', { value: id, selected: id === agency }, loc(name)))) as HTMLSelectElement;
  const eventSelect = h('select', { name: 'event' }, h('option', { value: '' }, t('any')),
    ...lifeEvents.map((e) => h('option', { value: e.lifeEventId, selected: e.lifeEventId === event }, loc(e.name)))) as HTMLSelectElement;
  const form = h('form', { role: 'search', class: 'search', onsubmit: (e: Event) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (search.value.trim()) next.set('q', search.value.trim());
    if (agencySelect.value) next.set('agency', agencySelect.value);
    if (eventSelect.value) next.set('event', eventSelect.value);
    location.hash = `#/?${next}`;
  } }, field(t('searchLabel'), search), field(t('agencyFilter'), agencySelect), field(t('lifeEventFilter'), eventSelect), h('button', { type: 'submit' }, t('searchButton')));
  page(t('searchTitle'), form,
    h('p', { role: 'status', class: 'count' }, items.length ? t('results', { count: items.length }) : t('noResults')),
    h('ul', { class: 'cards' }, ...items.map((service) => h('li', { class: 'card' },
      h('h2', {}, h('a', { href: `#/services/${service.serviceId}` }, loc(service.name))),
      h('p', { class: 'meta' }, loc(names.get(service.ownerAgencyId)), ' · ', service.feesJod ? `${number(service.feesJod)} ${lang() === 'ar' ? 'د.أ' : 'JOD'}` : t('free')),
    ))),
  );
}

async function servicePage(serviceId: string): Promise<void> {
  const [names, { body: card }] = await Promise.all([agencyNames(), call('GET', `/v1/services/${encodeURIComponent(serviceId)}`)]);
  const payable = card.fees.amountJod * (1 - card.fees.ePaymentDiscountPercent / 100);
  const open = card.channels.includes('portal') && (card.lifecycleStage === 'launched' || card.lifecycleStage === 'post-launch-evaluation');
  const who = role();
  page(loc(card.name),
    h('p', { class: 'lead' }, loc(card.description)),
    h('dl', { class: 'facts' },
      h('dt', {}, t('agencyFilter')), h('dd', {}, loc(names.get(card.ownerAgencyId))),
      h('dt', {}, t('fees')), h('dd', {}, !card.fees.amountJod ? t('free') : card.fees.ePaymentDiscountPercent > 0 ? t('feesLine', { amount: number(card.fees.amountJod), discount: percent(card.fees.ePaymentDiscountPercent), payable: number(payable, { maximumFractionDigits: 2 }) }) : t('feeOnly', { amount: number(card.fees.amountJod) })),
      card.processingTime && h('dt', {}, t('expectedTime')), card.processingTime && h('dd', {}, workingDays(card.processingTime.workingDays)),
    ),
    h('h2', {}, t('documents')),
    card.requiredDocuments.length
      ? h('ul', {}, ...card.requiredDocuments.map((doc: Json) => h('li', {}, loc(doc.name), !doc.mandatory && ` (${t('optional')})`)))
      : h('p', {}, t('noDocuments')),
    h('h2', {}, t('steps')),
    h('ol', {}, ...card.workflow.flatMap((stage: Json) => stage.steps.map((step: Json) => h('li', {}, loc(step.name), ' — ', loc(names.get(step.agencyId)))))),
    card.requiredRegistryFields.length > 0 && h('h2', {}, t('registryData')),
    card.requiredRegistryFields.length > 0 && h('ul', {}, ...card.requiredRegistryFields.map((name: string) => h('li', {}, loc(registryFieldNames[name]) || name))),
    !open ? notice(t('notOpen')) : who === 'citizen' ? h('p', {}, h('a', { class: 'button', href: `#/apply/${serviceId}` }, t('apply'))) : !who && h('p', {}, h('a', { class: 'button', href: `#/signin?next=${encodeURIComponent(`#/apply/${serviceId}`)}` }, t('signInToApply'))),
  );
}

// --- Citizens: apply with the form the card defines; drafts ---

function validate(fields: Json[], answers: Record<string, unknown>): Array<{ id: string; message: string }> {
  const problems: Array<{ id: string; message: string }> = [];
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

async function applyPage(serviceId: string, params: URLSearchParams): Promise<void> {
  const { body: card } = await call('GET', `/v1/services/${encodeURIComponent(serviceId)}`);
  const draftId = params.get('draft');
  let draft: Json | undefined = draftId ? (await call('GET', `/v1/applications/${encodeURIComponent(draftId)}`)).body : undefined;
  const fields: Json[] = card.form.fields;
  const controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const errorsBox = h('div', { tabindex: '-1', class: 'errors', hidden: true });
  const status = h('div', { role: 'status' });
  const applicant = card.beneficiaryTypes.includes('business') && !draft ? await applicantChoice(card.beneficiaryTypes) : undefined;

  const inputs = fields.map((f) => {
    const saved = draft?.answers?.[f.id];
    let control: HTMLInputElement | HTMLSelectElement;
    let after: HTMLElement | undefined;
    if (f.type === 'select') {
      control = h('select', { name: f.id }, h('option', { value: '' }, t('choose')),
        ...f.options.map((o: Json) => h('option', { value: o.value, selected: saved === o.value }, loc(o.label)))) as HTMLSelectElement;
    } else if (f.type === 'boolean') {
      control = h('select', { name: f.id }, h('option', { value: '' }, t('choose')), h('option', { value: 'true', selected: saved === true }, t('yes')), h('option', { value: 'false', selected: saved === false }, t('no'))) as HTMLSelectElement;
    } else if (f.type === 'file') {
      const upload = fileControl(serviceId, (card.requiredDocuments as Json[]).find((d) => d.documentId === f.documentId), saved);
      control = upload.input;
      after = upload.status;
    } else {
      const type = f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text';
      control = h('input', { name: f.id, type, value: saved ?? '', maxlength: f.maxLength, dir: type === 'text' ? 'auto' : undefined }) as HTMLInputElement;
    }
    if (f.required) control.setAttribute('aria-required', 'true');
    control.id = `field-${f.id}`;
    controls.set(f.id, control);
    const labelled = field(`${loc(f.label)}${f.required ? ` (${t('required')})` : ''}`, control);
    if (after) labelled.append(after);
    return labelled;
  });

  const answers = () => {
    const out: Record<string, string | number | boolean> = {};
    for (const f of fields) {
      const control = controls.get(f.id)!;
      const value = (f.type === 'file' ? control.dataset.answer ?? '' : control.value).trim();
      if (value === '') continue;
      out[f.id] = f.type === 'number' ? Number(value) : f.type === 'boolean' ? value === 'true' : value;
    }
    return out;
  };

  const showErrors = (problems: Array<{ id: string; message: string }>) => {
    for (const control of controls.values()) control.removeAttribute('aria-invalid');
    if (problems.length === 0) {
      errorsBox.hidden = true;
      return;
    }
    errorsBox.replaceChildren(h('h2', {}, t('errorsTitle')), h('ul', {}, ...problems.map((p) => h('li', {}, h('a', { href: `#field-${p.id}`, onclick: (e: Event) => { e.preventDefault(); controls.get(p.id)?.focus(); } }, p.message)))));
    for (const p of problems) controls.get(p.id)?.setAttribute('aria-invalid', 'true');
    errorsBox.hidden = false;
    errorsBox.setAttribute('role', 'alert');
    errorsBox.focus();
  };

  const save = async (asDraft: boolean) => {
    const given = answers();
    if (!asDraft) {
      const problems = validate(fields, given);
      showErrors(problems);
      if (problems.length) return;
    }
    try {
      if (draft) {
        draft = (await call('PUT', `/v1/applications/${draft.applicationId}`, { expectedVersion: draft.version, answers: given, channel: 'portal' })).body;
        if (!asDraft) {
          draft = (await call('POST', `/v1/applications/${draft.applicationId}/submit`, { expectedVersion: draft.version, channel: 'portal' })).body;
        }
      } else {
        const business = applicant?.control?.value;
        draft = (await call('POST', '/v1/applications', { serviceId, answers: given, channel: 'portal', ...(asDraft ? { draft: true } : {}), ...(business ? { forBusiness: { registrationNumber: business } } : {}) }, { 'idempotency-key': crypto.randomUUID() })).body;
      }
      if (asDraft) {
        history.replaceState(null, '', `#/apply/${serviceId}?draft=${draft.applicationId}`);
        status.replaceChildren(notice(t('draftSaved')));
      } else {
        location.hash = `#/applications/${draft.applicationId}?submitted=1`;
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation_failed' && Array.isArray(error.details)) {
        showErrors(error.details.map((d: Json) => ({ id: String(d.path ?? '').replace(/^answers\./, ''), message: `${d.path}: ${d.message}` })));
      } else {
        status.replaceChildren(notice(errorText(error), 'error'));
      }
    }
  };

  page(t('applyTitle', { service: loc(card.name) }),
    applicant?.none && notice(t('businessOnlyNone'), 'error'),
    errorsBox,
    h('form', { novalidate: true, class: 'apply', onsubmit: (e: Event) => { e.preventDefault(); void save(false); } },
      applicant?.control && field(t('applyingFor'), applicant.control),
      ...inputs,
      h('div', { class: 'actions' },
        h('button', { type: 'submit' }, t('submit')),
        h('button', { type: 'button', class: 'secondary', onclick: () => void save(true) }, t('saveDraft')),
      ),
    ),
    status,
  );
}

/** A business service: who applies, the citizen themselves (when the card allows) or a business the registry lists them for. */
async function applicantChoice(beneficiaryTypes: string[]): Promise<{ control?: HTMLSelectElement; none: boolean }> {
  const { body: me } = await call('GET', '/v1/me');
  const businesses = (me.businesses ?? []) as Json[];
  const forPeople = beneficiaryTypes.some((type) => type === 'citizen' || type === 'resident');
  if (businesses.length === 0) {
    return { none: !forPeople };
  }
  const control = h('select', { name: 'applicant', id: 'field-applicant' },
    forPeople && h('option', { value: '' }, t('applyingForMyself')),
    ...businesses.map((business) => h('option', { value: business.registrationNumber }, t('applyingForBusiness', { name: loc(business.name) }))),
  ) as HTMLSelectElement;
  return { control, none: false };
}

// --- Citizens: my applications, one application ---

async function myApplicationsPage(): Promise<void> {
  const { body } = await call('GET', '/v1/me/applications?limit=100');
  const items = body.items as Json[];
  page(t('myApplications'), items.length === 0 ? h('p', {}, t('noApplications')) : h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('application')), h('th', { scope: 'col' }, t('status')), h('th', { scope: 'col' }, t('created')), h('th', { scope: 'col' }, t('expectedCompletion')))),
    h('tbody', {}, ...items.map((a) => h('tr', {},
      h('td', {}, h('a', { href: a.status === 'draft' ? `#/apply/${a.serviceId}?draft=${a.applicationId}` : `#/applications/${a.applicationId}` }, loc(a.serviceName)), a.status === 'draft' && ` — ${t('resumeDraft')}`),
      h('td', {}, loc(statusNames[a.status])),
      h('td', {}, date(a.createdAt)),
      h('td', {}, a.expectedCompletionDate ? date(a.expectedCompletionDate) : '—'),
    ))),
  ));
}

async function applicationPage(applicationId: string, params: URLSearchParams): Promise<void> {
  const [names, { body: app }] = await Promise.all([agencyNames(), call('GET', `/v1/applications/${encodeURIComponent(applicationId)}`)]);
  const status = h('div', { role: 'status' });
  const citizen = role() === 'citizen';
  const steps = (app.stages as Json[]).flatMap((stage) => stage.steps as Json[]);
  const asked = steps.filter((step) => step.status === 'info-requested');
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      await applicationPage(applicationId, new URLSearchParams());
      main().querySelector('[role=status]')?.replaceChildren(notice(done));
      announce(done);
    } catch (error) {
      status.replaceChildren(notice(errorText(error), 'error'));
    }
  };
  const payment = await paymentSection(app, citizen, params);
  const answer = h('textarea', { name: 'answer', rows: 3 }) as HTMLTextAreaElement;
  const reason = h('input', { name: 'reason', type: 'text' }) as HTMLInputElement;
  const rating = h('select', { name: 'rating' }, ...[5, 4, 3, 2, 1].map((n) => h('option', { value: n }, number(n)))) as HTMLSelectElement;
  const comment = h('input', { name: 'comment', type: 'text' }) as HTMLInputElement;
  page(loc(app.serviceName),
    params.has('submitted') && notice(t('submitted', { id: app.reference ?? app.applicationId })),
    status,
    h('dl', { class: 'facts' },
      h('dt', {}, t('reference')), h('dd', { dir: 'ltr' }, app.reference ?? app.applicationId),
      h('dt', {}, t('status')), h('dd', { class: 'status' }, loc(statusNames[app.status])),
      app.expectedCompletionDate && h('dt', {}, t('expectedCompletion')), app.expectedCompletionDate && h('dd', {}, date(app.expectedCompletionDate)),
      h('dt', {}, t('fees')), h('dd', {}, `${number(app.fees.payableJod, { maximumFractionDigits: 2 })} ${lang() === 'ar' ? 'د.أ' : 'JOD'}`),
      app.outcome?.documentId && h('dt', {}, t('document')), app.outcome?.documentId && h('dd', { dir: 'ltr' }, app.outcome.documentId),
      app.outcome?.reason && h('dt', {}, t('note')), app.outcome?.reason && h('dd', {}, app.outcome.reason),
    ),
    payment,
    citizen && Object.keys(app.prefill ?? {}).length > 0 && h('h2', {}, t('prefillConsent', { ids: (app.consentIds as string[]).join('، ') })),
    citizen && Object.keys(app.prefill ?? {}).length > 0 && prefillList(app.prefill),
    h('h2', {}, t('steps')),
    h('ol', { class: 'steps' }, ...steps.map((step) => h('li', {}, loc(step.name), ' — ', loc(names.get(step.agencyId)), ': ', h('strong', {}, loc(statusNames[step.status])), step.dueAt && ` (${t('due')}: ${date(step.dueAt)})`))),
    citizen && asked.length > 0 && h('form', { class: 'panel', onsubmit: (e: Event) => { e.preventDefault(); void act(() => call('POST', `/v1/applications/${applicationId}/information`, { answer: answer.value }), t('answerSent')); } },
      h('h2', {}, t('infoRequested')), ...asked.map((step) => h('p', { class: 'question' }, step.question)), field(t('yourAnswer'), answer), h('button', { type: 'submit' }, t('sendAnswer'))),
    h('h2', {}, t('timeline')),
    h('ol', { class: 'timeline' }, ...((app.timeline ?? []) as Json[]).map((entry) => h('li', {}, h('time', { datetime: entry.at }, date(entry.at, true)), ' — ', loc(eventNames[entry.type]) || entry.type))),
    citizen && ['submitted', 'in-progress', 'info-requested', 'draft'].includes(app.status) && h('form', { class: 'panel', onsubmit: (e: Event) => { e.preventDefault(); void act(() => call('POST', `/v1/applications/${applicationId}/cancel`, reason.value.trim() ? { reason: reason.value.trim() } : {}), t('cancelled')); } },
      field(t('cancelReason'), reason), h('button', { type: 'submit', class: 'danger' }, t('cancel'))),
    citizen && ['approved', 'rejected'].includes(app.status) && h('form', { class: 'panel', onsubmit: (e: Event) => { e.preventDefault(); void act(() => call('POST', `/v1/applications/${applicationId}/feedback`, { rating: Number(rating.value), ...(comment.value.trim() ? { comment: comment.value.trim() } : {}) }), t('thanksRating')); } },
      h('h2', {}, t('rate')), field(t('rating'), rating), field(t('comment'), comment), h('button', { type: 'submit' }, t('sendRating'))),
  );
}

// --- Citizens: notifications, consents, who read my data ---

async function notificationsPage(): Promise<void> {
  const { body } = await call('GET', '/v1/me/notifications?limit=50');
  const items = body.items as Json[];
  page(t('notifications'), items.length === 0 ? h('p', {}, t('noNotifications')) : h('ul', { class: 'list' }, ...items.map((n) => h('li', { class: n.read ? 'read' : 'unread' },
    h('h2', { lang: n.language, dir: n.language === 'ar' ? 'rtl' : 'ltr' }, n.title), h('p', { lang: n.language, dir: n.language === 'ar' ? 'rtl' : 'ltr' }, n.body), h('p', { class: 'meta' }, date(n.createdAt, true)),
    !n.read && h('button', { type: 'button', class: 'secondary', onclick: async () => { await call('POST', `/v1/me/notifications/${n.notificationId}/read`); await notificationsPage(); } }, t('markRead')),
  ))));
}

const documentStatusTexts = { valid: 'documentStatusValid', revoked: 'documentStatusRevoked', expired: 'documentStatusExpired' } as const;

/** The wallet: GET /v1/me/documents (the citizen's and their businesses'), each with its PDF and public verification link. */
async function documentsPage(): Promise<void> {
  const [names, { body }] = await Promise.all([agencyNames(), call('GET', '/v1/me/documents')]);
  const items = body.items as Json[];
  const save = async (documentId: string) => {
    const url = URL.createObjectURL(await download(`/v1/me/documents/${encodeURIComponent(documentId)}/pdf`));
    const link = h('a', { href: url, download: `${documentId}.pdf` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  page(t('navDocuments'), items.length === 0 ? h('p', {}, t('noDocumentsIssued')) : h('ul', { class: 'list' }, ...items.map((d) => h('li', {},
    h('h2', {}, loc(d.serviceName) || d.type, ' — ', loc(names.get(d.issuingAgencyId)) || d.issuingAgencyId),
    h('p', {}, t('documentHolder', { name: loc(d.holder?.name) || d.holder?.recordId }), ' · ', t(documentStatusTexts[d.status as keyof typeof documentStatusTexts] ?? 'documentStatusValid')),
    h('p', { class: 'meta' }, d.documentId, ' · ', t('documentValidity', { from: date(d.validFrom), until: d.validUntil ? date(d.validUntil) : '—' })),
    h('p', {}, h('a', { href: `/v1/verify/${encodeURIComponent(d.documentId)}` }, t('verifyLink'))),
    h('button', { type: 'button', class: 'secondary', onclick: () => void save(d.documentId) }, t('downloadPdf')),
  ))));
}

const categoryTexts = { 'application-status': 'catApplicationStatus', 'application-progress': 'catApplicationProgress', 'action-required': 'catActionRequired', complaints: 'catComplaints' } as const;

/** Language, email and SMS per kind of message, SMS quiet hours: PUT /v1/me/notification-preferences. */
async function preferencesPage(): Promise<void> {
  const { body: prefs } = await call('GET', '/v1/me/notification-preferences');
  const status = h('div', { role: 'status' });
  const language = h('select', { name: 'language' }, h('option', { value: 'ar', selected: prefs.language === 'ar' }, t('langArabic')), h('option', { value: 'en', selected: prefs.language === 'en' }, t('langEnglish'))) as HTMLSelectElement;
  const boxes = new Map<string, HTMLInputElement>();
  const box = (category: keyof typeof categoryTexts, channel: 'email' | 'sms') => {
    const input = h('input', { type: 'checkbox', checked: Boolean(prefs.channels?.[category]?.[channel]), 'aria-label': `${t(categoryTexts[category])}: ${t(channel)}` }) as HTMLInputElement;
    boxes.set(`${category}.${channel}`, input);
    return h('td', {}, input);
  };
  const quiet = h('input', { type: 'checkbox', id: uid('quiet'), checked: prefs.quietHours !== null }) as HTMLInputElement;
  const from = h('input', { type: 'time', value: prefs.quietHours?.from ?? '22:00' }) as HTMLInputElement;
  const to = h('input', { type: 'time', value: prefs.quietHours?.to ?? '07:00' }) as HTMLInputElement;
  const save = async () => {
    const channels = Object.fromEntries(Object.keys(categoryTexts).map((category) => [category, { email: boxes.get(`${category}.email`)!.checked, sms: boxes.get(`${category}.sms`)!.checked }]));
    try {
      await call('PUT', '/v1/me/notification-preferences', { language: language.value, channels, quietHours: quiet.checked ? { from: from.value, to: to.value } : null });
      status.replaceChildren(notice(t('preferencesSaved')));
    } catch (error) {
      status.replaceChildren(notice(errorText(error), 'error'));
    }
  };
  page(t('navPreferences'),
    h('form', { novalidate: true, onsubmit: (e: Event) => { e.preventDefault(); void save(); } },
      field(t('prefLanguage'), language),
      h('table', {}, h('caption', {}, t('prefChannels')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('prefKind')), h('th', { scope: 'col' }, t('email')), h('th', { scope: 'col' }, t('sms')))),
        h('tbody', {}, ...(Object.keys(categoryTexts) as Array<keyof typeof categoryTexts>).map((category) => h('tr', {}, h('th', { scope: 'row' }, t(categoryTexts[category])), box(category, 'email'), box(category, 'sms'))))),
      h('div', { class: 'field' }, quiet, ' ', h('label', { for: quiet.id }, t('quietHours'))),
      field(t('quietFrom'), from),
      field(t('quietTo'), to),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('savePreferences'))),
    ),
    status,
  );
}

async function consentsPage(): Promise<void> {
  const [names, { body }, { body: me }] = await Promise.all([agencyNames(), call('GET', '/v1/me/consents'), call('GET', '/v1/me')]);
  const items = body.items as Json[];
  page(t('consents'), grantForm(names, me), items.length === 0 ? h('p', {}, t('noConsents')) : h('ul', { class: 'list' }, ...items.map((c) => h('li', {},
    h('p', {}, t('grantedTo', { who: loc(names.get(c.grantee.id)) || c.grantee.id, purpose: c.purpose })),
    h('p', { class: 'meta' }, c.fields.join('، '), ' · ', c.status === 'revoked' ? t('revoked') : t('until', { date: date(c.expiresAt) })),
    c.status === 'active' && h('button', { type: 'button', class: 'danger', onclick: async () => { await call('DELETE', `/v1/consents/${c.consentId}`); await consentsPage(); announce(t('revoked')); } }, t('revoke')),
  ))));
}

/** POST /v1/consents: an agency, the fields of the citizen's own record it may read, for one purpose, until a date. */
function grantForm(names: Map<string, Localized>, me: Json): HTMLElement {
  const prefix = me.kind === 'residents' ? 'resident' : 'person';
  const status = h('div', { role: 'status' });
  const agency = h('select', { name: 'agency' }, h('option', { value: '' }, t('choose')),
    ...[...names].sort(([, a], [, b]) => loc(a).localeCompare(loc(b))).map(([id, name]) => h('option', { value: id }, loc(name)))) as HTMLSelectElement;
  const boxes = Object.keys(me.profile ?? {}).map((name) => {
    const input = h('input', { type: 'checkbox', id: uid('grant'), value: name }) as HTMLInputElement;
    return { input, item: h('li', {}, input, ' ', h('label', { for: input.id }, loc(registryFieldNames[`${prefix}.${name}`]) || name)) };
  });
  const purpose = h('input', { type: 'text', name: 'purpose', maxlength: 200, dir: 'auto' }) as HTMLInputElement;
  const until = h('input', { type: 'date', name: 'until', value: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10) }) as HTMLInputElement;
  const grant = async () => {
    const fields = boxes.filter(({ input }) => input.checked).map(({ input }) => input.value);
    try {
      await call('POST', '/v1/consents', { agencyId: agency.value, fields, purpose: purpose.value.trim(), expiresAt: until.value });
      await consentsPage();
      announce(t('granted'));
    } catch (error) {
      status.replaceChildren(notice(errorText(error), 'error'));
    }
  };
  return h('form', { novalidate: true, class: 'grant', onsubmit: (e: Event) => { e.preventDefault(); void grant(); } },
    h('h2', {}, t('grantTitle')),
    field(t('grantAgency'), agency),
    h('fieldset', {}, h('legend', {}, t('grantFields')), h('ul', { class: 'choices' }, ...boxes.map(({ item }) => item))),
    field(t('grantPurpose'), purpose),
    field(t('grantUntil'), until),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('grantButton'))),
    status,
  );
}

async function accessLogPage(): Promise<void> {
  const [names, { body }] = await Promise.all([agencyNames(), call('GET', '/v1/me/access-log')]);
  const items = body.items as Json[];
  page(t('accessLog'), items.length === 0 ? h('p', {}, t('noAccess')) : h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('created')), h('th', { scope: 'col' }, t('agencyFilter')), h('th', { scope: 'col' }, t('note')))),
    h('tbody', {}, ...items.map((r) => h('tr', {}, h('td', {}, date(r.at, true)), h('td', {}, r.by.agencyId ? loc(names.get(r.by.agencyId)) : r.by.role), h('td', {}, `${r.action}${r.purpose ? ` — ${r.purpose}` : ''}`)))),
  ));
}

// --- Sign in, sign up ---

function signInPage(params: URLSearchParams): void {
  const username = h('input', { name: 'username', autocomplete: 'username', dir: 'ltr' }) as HTMLInputElement;
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', dir: 'ltr' }) as HTMLInputElement;
  const status = h('div', { role: 'status' });
  const next = params.get('next') ?? '';
  const finish = () => {
    renderHeader();
    const who = role();
    location.hash = next || (who === 'officer' ? '#/inbox' : who === 'operator' ? '#/operator' : '#/me/applications');
  };
  const form = h('form', { class: 'narrow', onsubmit: async (e: Event) => {
    e.preventDefault();
    try {
      const step = await signIn(username.value.trim(), password.value);
      if (step.done) return finish();
      const code = h('input', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', dir: 'ltr' }) as HTMLInputElement;
      form.replaceChildren(field(step.mfa.kind === 'SMS_MFA' ? t('smsCode', { to: step.mfa.destination ?? '' }) : t('mfaCode'), code), h('button', { type: 'submit' }, t('continue')));
      form.onsubmit = async (again: Event) => {
        again.preventDefault();
        try {
          await answerMfa(step.mfa, code.value.trim());
          finish();
        } catch {
          status.replaceChildren(notice(t('badCredentials'), 'error'));
        }
      };
      code.focus();
    } catch {
      status.replaceChildren(notice(t('badCredentials'), 'error'));
    }
  } }, field(t('username'), username), field(t('password'), password), h('button', { type: 'submit' }, t('navSignIn')));
  if (params.has('confirmed')) status.replaceChildren(notice(t('confirmed')));
  page(t('signInTitle'), status, form, h('p', {}, h('a', { href: '#/signup' }, t('navSignUp'))));
}

function signUpPage(): void {
  const inputs = {
    nationalNumber: h('input', { name: 'nationalNumber', inputmode: 'numeric', dir: 'ltr' }) as HTMLInputElement,
    documentNumber: h('input', { name: 'documentNumber', dir: 'ltr' }) as HTMLInputElement,
    dateOfBirth: h('input', { name: 'dateOfBirth', type: 'date' }) as HTMLInputElement,
    phone: h('input', { name: 'phone', type: 'tel', dir: 'ltr', autocomplete: 'tel' }) as HTMLInputElement,
    email: h('input', { name: 'email', type: 'email', dir: 'ltr', autocomplete: 'email' }) as HTMLInputElement,
    password: h('input', { name: 'password', type: 'password', dir: 'ltr', autocomplete: 'new-password' }) as HTMLInputElement,
  };
  const status = h('div', { role: 'status' });
  const labels: Record<keyof typeof inputs, string> = { nationalNumber: t('nationalNumber'), documentNumber: lang() === 'ar' ? 'رقم بطاقة الأحوال المدنية' : 'ID card number', dateOfBirth: lang() === 'ar' ? 'تاريخ الميلاد' : 'Date of birth', phone: t('phone'), email: t('email'), password: t('password') };
  page(t('signUpTitle'), status, h('form', { class: 'narrow', onsubmit: async (e: Event) => {
    e.preventDefault();
    const body = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.value.trim()]));
    try {
      const { body: result } = await call('POST', '/v1/auth/sign-up', { ...body, password: inputs.password.value, preferredLanguage: lang() });
      const code = h('input', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', dir: 'ltr' }) as HTMLInputElement;
      main().replaceChildren(h('h1', {}, t('signUpTitle')), notice(t('signUpDone', { to: String(result.codeDelivery?.destination ?? '') })), h('form', { class: 'narrow', onsubmit: async (again: Event) => {
        again.preventDefault();
        try {
          await call('POST', '/v1/auth/confirm', { username: result.username, code: code.value.trim() });
          location.hash = '#/signin?confirmed=1';
        } catch (error) {
          main().append(notice(errorText(error), 'error'));
        }
      } }, field(t('confirmCode'), code), h('button', { type: 'submit' }, t('confirm'))));
      code.focus();
    } catch (error) {
      status.replaceChildren(notice(errorText(error), 'error'));
    }
  } }, ...Object.entries(inputs).map(([k, v]) => field(labels[k as keyof typeof inputs], v)), h('button', { type: 'submit' }, t('navSignUp'))));
}

// --- Officers ---

async function inboxPage(params: URLSearchParams): Promise<void> {
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

async function taskPage(taskId: string): Promise<void> {
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

async function operatorPage(): Promise<void> {
  const [names, { body }] = await Promise.all([agencyNames(), call('GET', '/v1/services?limit=100')]);
  page(t('operatorTitle'), h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('navServices')), h('th', { scope: 'col' }, t('agencyFilter')), h('th', { scope: 'col' }, t('stage')), h('th', { scope: 'col' }, t('version')))),
    h('tbody', {}, ...(body.items as Json[]).map((s) => h('tr', {},
      h('td', {}, h('a', { href: `#/operator/services/${s.serviceId}` }, loc(s.name))),
      h('td', {}, loc(names.get(s.ownerAgencyId))), h('td', {}, loc(stageNames[s.lifecycleStage])), h('td', {}, number(s.version)),
    ))),
  ));
}

async function editCardPage(serviceId: string): Promise<void> {
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

// --- Complaints: citizens file and rate them, officers answer those addressed to their agency ---

async function myComplaintsPage(): Promise<void> {
  const [names, { body }] = await Promise.all([agencyNames(), call('GET', '/v1/me/complaints?limit=50')]);
  const category = h('select', { name: 'category' }, ...Object.keys(complaintCategoryNames).map((c) => h('option', { value: c }, loc(complaintCategoryNames[c])))) as HTMLSelectElement;
  const agency = h('select', { name: 'agencyId' }, h('option', { value: '' }, t('any')), ...[...names].map(([id, name]) => h('option', { value: id }, loc(name)))) as HTMLSelectElement;
  const text = h('textarea', { name: 'text', rows: 4, dir: 'auto' }) as HTMLTextAreaElement;
  const status = h('div', { role: 'status' });
  page(t('complaints'),
    status,
    complaintTable(body.items as Json[], names),
    h('form', { class: 'panel', onsubmit: async (e: Event) => {
      e.preventDefault();
      if (text.value.trim().length < 10) {
        status.replaceChildren(notice(t('errComplaintShort'), 'error'));
        text.setAttribute('aria-invalid', 'true');
        text.focus();
        return;
      }
      try {
        const { body: filed } = await call('POST', '/v1/complaints', { category: category.value, text: text.value.trim(), ...(agency.value ? { agencyId: agency.value } : {}) });
        location.hash = `#/complaints/${filed.complaintId}?filed=1`;
      } catch (error) {
        status.replaceChildren(notice(errorText(error), 'error'));
      }
    } }, h('h2', {}, t('fileComplaint')), field(t('category'), category), field(t('agencyFilter'), agency), field(t('complaintText'), text), h('button', { type: 'submit' }, t('fileComplaint'))),
  );
}

function complaintTable(items: Json[], names: Map<string, Localized>): HTMLElement {
  return items.length === 0 ? h('p', {}, t('noComplaints')) : h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('complaint')), h('th', { scope: 'col' }, t('agencyFilter')), h('th', { scope: 'col' }, t('status')), h('th', { scope: 'col' }, t('created')))),
    h('tbody', {}, ...items.map((c) => h('tr', {},
      h('td', {}, h('a', { href: `#/complaints/${c.complaintId}` }, loc(complaintCategoryNames[c.category]))),
      h('td', {}, c.agencyId ? loc(names.get(c.agencyId)) : '—'),
      h('td', {}, loc(statusNames[c.status])),
      h('td', {}, date(c.createdAt)),
    ))));
}

/** Officers: their agency's complaints. Operators: the e-Government Unit's (routed to no agency, or escalated), or an agency's. */
async function agencyComplaintsPage(params: URLSearchParams): Promise<void> {
  const operator = role() === 'operator';
  const agencyId = operator ? params.get('agency') ?? '' : String(currentSession()?.claims['custom:agencyId'] ?? '');
  const [names, { body }] = await Promise.all([agencyNames(), call('GET', `/v1/complaints?limit=100${operator && agencyId ? `&agencyId=${encodeURIComponent(agencyId)}` : ''}`)]);
  const choice = h('select', { name: 'agency' }, h('option', { value: '' }, t('egovUnit')), ...[...names].map(([id, name]) => h('option', { value: id, selected: id === agencyId }, loc(name)))) as HTMLSelectElement;
  page(agencyId ? t('agencyComplaints', { agency: loc(names.get(agencyId)) }) : t('agencyComplaints', { agency: t('egovUnit') }),
    operator && h('form', { role: 'search', class: 'search', onsubmit: (e: Event) => { e.preventDefault(); location.hash = `#/complaints${choice.value ? `?agency=${choice.value}` : ''}`; } }, field(t('agencyFilter'), choice), h('button', { type: 'submit' }, t('show'))),
    complaintTable(body.items as Json[], names));
}

async function complaintPage(complaintId: string, params: URLSearchParams): Promise<void> {
  const [names, { body: c }] = await Promise.all([agencyNames(), call('GET', `/v1/complaints/${encodeURIComponent(complaintId)}`)]);
  const staff = role() === 'officer' || role() === 'operator';
  const status = h('div', { role: 'status' });
  const message = h('textarea', { name: 'message', rows: 3, dir: 'auto' }) as HTMLTextAreaElement;
  const next = h('select', { name: 'status' }, ...['in-progress', 'resolved'].map((s) => h('option', { value: s }, loc(statusNames[s])))) as HTMLSelectElement;
  const rating = h('select', { name: 'rating' }, ...[5, 4, 3, 2, 1].map((n) => h('option', { value: n }, number(n)))) as HTMLSelectElement;
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      await complaintPage(complaintId, new URLSearchParams());
      main().querySelector('[role=status]')?.replaceChildren(notice(done));
    } catch (error) {
      status.replaceChildren(notice(errorText(error), 'error'));
    }
  };
  page(`${t('complaint')}: ${loc(complaintCategoryNames[c.category])}`,
    params.has('filed') && notice(t('complaintFiled')),
    status,
    h('dl', { class: 'facts' },
      h('dt', {}, t('reference')), h('dd', { dir: 'ltr' }, c.complaintId),
      h('dt', {}, t('status')), h('dd', {}, loc(statusNames[c.status])),
      c.agencyId && h('dt', {}, t('agencyFilter')), c.agencyId && h('dd', {}, loc(names.get(c.agencyId))),
      h('dt', {}, t('created')), h('dd', {}, date(c.createdAt, true)),
      h('dt', {}, t('due')), h('dd', {}, date(c.dueAt)),
    ),
    h('p', { class: 'panel', dir: 'auto' }, c.text),
    h('h2', {}, t('responses')),
    (c.responses as Json[]).length === 0 ? h('p', {}, t('noResponses')) : h('ol', { class: 'list' }, ...(c.responses as Json[]).map((r) => h('li', {}, h('p', { dir: 'auto' }, r.message), h('p', { class: 'meta' }, date(r.at, true), ' · ', loc(statusNames[r.status]), r.by.agencyId && ` · ${loc(names.get(r.by.agencyId))}`)))),
    staff && !['resolved', 'closed'].includes(c.status) && h('form', { class: 'panel', onsubmit: (e: Event) => { e.preventDefault(); void act(() => call('POST', `/v1/complaints/${complaintId}/responses`, { message: message.value.trim(), status: next.value }), t('responded')); } },
      field(t('responseText'), message), field(t('newStatus'), next), h('button', { type: 'submit' }, t('respond'))),
    !staff && c.status === 'resolved' && !c.resolutionRating && h('form', { class: 'panel', onsubmit: (e: Event) => { e.preventDefault(); void act(() => call('POST', `/v1/complaints/${complaintId}/rating`, { rating: Number(rating.value) }), t('thanksRating')); } },
      h('h2', {}, t('rateResolution')), field(t('rating'), rating), h('button', { type: 'submit' }, t('sendRating'))),
  );
}

// --- Router ---

// Routes render one after the other: a slow page that resolves late never overwrites the one asked for after it.
let routing = Promise.resolve();
function route(): Promise<void> {
  routing = routing.then(render, render);
  return routing;
}

async function render(): Promise<void> {
  const [path = '/', query = ''] = (location.hash.slice(1) || '/').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  renderHeader();
  main().setAttribute('aria-busy', 'true');
  try {
    const needs = (wanted: string) => {
      if (role() !== wanted) throw new ApiError(currentSession() ? 403 : 401, 'forbidden', '', undefined);
    };
    if (parts.length === 0) await servicesPage(params);
    else if (parts[0] === 'services' && parts[1]) await servicePage(parts[1]);
    else if (parts[0] === 'apply' && parts[1]) { needs('citizen'); await applyPage(parts[1], params); }
    else if (parts[0] === 'applications' && parts[1]) await applicationPage(parts[1], params);
    else if (parts[0] === 'me' && parts[1] === 'applications') { needs('citizen'); await myApplicationsPage(); }
    else if (parts[0] === 'me' && parts[1] === 'notifications') { needs('citizen'); await notificationsPage(); }
    else if (parts[0] === 'me' && parts[1] === 'consents') { needs('citizen'); await consentsPage(); }
    else if (parts[0] === 'me' && parts[1] === 'preferences') { needs('citizen'); await preferencesPage(); }
    else if (parts[0] === 'me' && parts[1] === 'documents') { needs('citizen'); await documentsPage(); }
    else if (parts[0] === 'me' && parts[1] === 'access-log') { needs('citizen'); await accessLogPage(); }
    else if (parts[0] === 'me' && parts[1] === 'complaints') { needs('citizen'); await myComplaintsPage(); }
    else if (parts[0] === 'me' && parts[1] === 'security') { if (!currentSession()) needs('citizen'); mfaPage(false); }
    else if (parts[0] === 'complaints' && parts[1]) await complaintPage(parts[1], params);
    else if (parts[0] === 'complaints') { if (role() !== 'operator') needs('officer'); await agencyComplaintsPage(params); }
    else if (parts[0] === 'signin') signInPage(params);
    else if (parts[0] === 'signup') signUpPage();
    else if (parts[0] === 'inbox') { needs('officer'); await inboxPage(params); }
    else if (parts[0] === 'tasks' && parts[1]) { needs('officer'); await taskPage(parts[1]); }
    else if (parts[0] === 'operator' && parts[1] === 'services' && parts[2]) { needs('operator'); await editCardPage(parts[2]); }
    else if (parts[0] === 'operator' && parts[1] === 'feedback') { needs('operator'); await feedbackPage(); }
    else if (parts[0] === 'operator' && parts[1] === 'rollout') { needs('operator'); await rolloutPage(); }
    else if (parts[0] === 'operator' && parts[1] === 'kpis') { needs('operator'); await kpiPage(params); }
    else if (parts[0] === 'operator') { needs('operator'); await operatorPage(); }
    else page(t('notFound'));
  } catch (error) {
    // Staff without an authenticator app: every staff route refuses them until they enrol one.
    if (error instanceof ApiError && error.code === 'mfa_enrolment_required') return finishRender(() => mfaPage(true));
    const status = error instanceof ApiError ? error.status : 0;
    page(status === 404 ? t('notFound') : status === 401 ? t('needSignIn') : status === 403 ? t('forbidden') : t('appName'),
      notice(errorText(error), 'error'),
      error instanceof ApiError && error.status === 401 && h('p', {}, h('a', { href: `#/signin?next=${encodeURIComponent(location.hash)}` }, t('navSignIn'))));
  }
  finishRender();
}

function finishRender(draw?: () => void): void {
  draw?.();
  main().removeAttribute('aria-busy');
  document.getElementById('page-title')?.focus();
  announce(document.title);
}

setLang(initialLang());
window.addEventListener('hashchange', () => void route());
void route();
