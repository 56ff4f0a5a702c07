// The Khidma reference portal: citizens, officers and operators; Arabic first, English one click away.
import { ApiError, answerMfa, call, currentSession, download, type MfaChallenge, role, signIn, signOut } from './api';
import { h, uid } from './dom';
import { type Lang, type Localized, workingDays, date, eventNames, registryFieldNames, initialLang, lang, loc, number, percent, setLang, statusNames, t, type TextKey } from './i18n';

import { paymentSection } from './payment';
import { generatedForm } from './form';
import { type Json, agencyNames, announce, errorText, field, main, notice, page, prefillList } from './ui';

// --- Header ---

function renderHeader(): void {
  const signedIn = currentSession();
  const who = role();
  const links: Array<[string, TextKey]> = [['#/', 'navServices'], ['#/life-events', 'navLifeEvents']];
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
    !!event && h('p', {}, h('a', { href: `#/life-events/${encodeURIComponent(event)}` }, t('applyLifeEvent', { event: loc(lifeEvents.find((e) => e.lifeEventId === event)?.name) }))),
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

async function applyPage(serviceId: string, params: URLSearchParams): Promise<void> {
  const { body: card } = await call('GET', `/v1/services/${encodeURIComponent(serviceId)}`);
  const draftId = params.get('draft');
  let draft: Json | undefined = draftId ? (await call('GET', `/v1/applications/${encodeURIComponent(draftId)}`)).body : undefined;
  const status = h('div', { role: 'status' });
  const applicant = card.beneficiaryTypes.includes('business') && !draft ? await applicantChoice(card.beneficiaryTypes) : undefined;
  const form = generatedForm(card.form.fields, draft?.answers, (f) => ({ serviceId, document: (card.requiredDocuments as Json[]).find((d) => d.documentId === f.documentId) }));

  const save = async (asDraft: boolean) => {
    if (!asDraft && !form.check()) return;
    const given = form.answers();
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
      if (!form.showApiError(error)) status.replaceChildren(notice(errorText(error), 'error'));
    }
  };

  page(t('applyTitle', { service: loc(card.name) }),
    applicant?.none && notice(t('businessOnlyNone'), 'error'),
    form.errors,
    h('form', { novalidate: true, class: 'apply', onsubmit: (e: Event) => { e.preventDefault(); void save(false); } },
      applicant?.control && field(t('applyingFor'), applicant.control),
      ...form.fields,
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
    app.bundleId && citizen && h('p', {}, h('a', { href: `#/bundles/${app.bundleId}` }, t('partOfBundle'))),
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
      // The second factor: the password form gives way to the code's (one sign-in, one code sent).
      form.replaceWith(codeForm(step.mfa, status, finish, () => signInPage(params)));
      main().querySelector<HTMLInputElement>('input[name=code]')?.focus();
    } catch {
      status.replaceChildren(notice(t('badCredentials'), 'error'));
    }
  } }, field(t('username'), username), field(t('password'), password), h('button', { type: 'submit' }, t('navSignIn')));
  if (params.has('confirmed')) status.replaceChildren(notice(t('confirmed')));
  page(t('signInTitle'), status, form, h('p', {}, h('a', { href: '#/signup' }, t('navSignUp'))));
}

/** The code Cognito asks for (SMS_MFA: sent to the phone; SOFTWARE_TOKEN_MFA: the authenticator's). */
function codeForm(mfa: MfaChallenge, status: HTMLElement, finish: () => void, again: () => void): HTMLElement {
  const code = h('input', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', dir: 'ltr' }) as HTMLInputElement;
  const answer = async () => {
    try {
      await answerMfa(mfa, code.value.trim());
      finish();
    } catch (error) {
      // A wrong code may be tried again in the same sign-in; a timed-out (or locked) sign-in starts over.
      if (error instanceof ApiError && /CodeMismatch|ExpiredCode/.test(error.code)) {
        status.replaceChildren(notice(mfa.kind === 'SMS_MFA' ? t('smsWrongCode') : t('mfaWrongCode'), 'error'));
        code.setAttribute('aria-invalid', 'true');
        code.select();
      } else {
        again();
        main().querySelector('[role=status]')?.replaceChildren(notice(t('signInTimedOut'), 'error'));
      }
    }
  };
  return h('form', { class: 'narrow', onsubmit: (e: Event) => { e.preventDefault(); void answer(); } },
    field(mfa.kind === 'SMS_MFA' ? t('smsCode', { to: mfa.destination ?? '' }) : t('mfaCode'), code),
    h('button', { type: 'submit' }, t('continue')));
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
    else if (parts[0] === 'life-events') await (parts[1] ? (await import('./bundles')).lifeEventPage(parts[1]) : (await import('./bundles')).lifeEventsPage());
    else if (parts[0] === 'bundles' && parts[1]) { needs('citizen'); await (await import('./bundles')).bundlePage(parts[1], params); }
    else if (parts[0] === 'apply' && parts[1]) { needs('citizen'); await applyPage(parts[1], params); }
    else if (parts[0] === 'applications' && parts[1]) await applicationPage(parts[1], params);
    else if (parts[0] === 'me' && parts[1] === 'applications') { needs('citizen'); await myApplicationsPage(); }
    else if (parts[0] === 'me' && parts[1] === 'notifications') { needs('citizen'); await notificationsPage(); }
    else if (parts[0] === 'me' && parts[1] === 'consents') { needs('citizen'); await consentsPage(); }
    else if (parts[0] === 'me' && parts[1] === 'preferences') { needs('citizen'); await preferencesPage(); }
    else if (parts[0] === 'me' && parts[1] === 'documents') { needs('citizen'); await documentsPage(); }
    else if (parts[0] === 'me' && parts[1] === 'access-log') { needs('citizen'); await accessLogPage(); }
    else if (parts[0] === 'me' && parts[1] === 'complaints') { needs('citizen'); await (await import('./complaints')).myComplaintsPage(); }
    else if (parts[0] === 'me' && parts[1] === 'security') { if (!currentSession()) needs('citizen'); (await import('./mfa')).mfaPage(false); }
    else if (parts[0] === 'complaints' && parts[1]) await (await import('./complaints')).complaintPage(parts[1], params);
    else if (parts[0] === 'complaints') { if (role() !== 'operator') needs('officer'); await (await import('./complaints')).agencyComplaintsPage(params); }
    else if (parts[0] === 'signin') signInPage(params);
    else if (parts[0] === 'signup') signUpPage();
    else if (parts[0] === 'inbox') { needs('officer'); await (await import('./staff')).inboxPage(params); }
    else if (parts[0] === 'tasks' && parts[1]) { needs('officer'); await (await import('./staff')).taskPage(parts[1]); }
    else if (parts[0] === 'operator' && parts[1] === 'services' && parts[2]) { needs('operator'); await (await import('./staff')).editCardPage(parts[2]); }
    else if (parts[0] === 'operator' && parts[1] === 'feedback') { needs('operator'); await (await import('./operators')).feedbackPage(); }
    else if (parts[0] === 'operator' && parts[1] === 'rollout') { needs('operator'); await (await import('./operators')).rolloutPage(); }
    else if (parts[0] === 'operator' && parts[1] === 'kpis') { needs('operator'); await (await import('./operators')).kpiPage(params); }
    else if (parts[0] === 'operator') { needs('operator'); await (await import('./staff')).operatorPage(); }
    else page(t('notFound'));
  } catch (error) {
    // Staff without an authenticator app: every staff route refuses them until they enrol one.
    if (error instanceof ApiError && error.code === 'mfa_enrolment_required') {
      const { mfaPage } = await import('./mfa');
      return finishRender(() => mfaPage(true));
    }
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
