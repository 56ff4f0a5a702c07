// Complaints, loaded when a complaints page opens (their own script): citizens file and rate them, officers answer
// those addressed to their agency, operators the e-Government Unit's.
import { call, currentSession, role } from './api';
import { h } from './dom';
import { type Localized, complaintCategoryNames, date, loc, number, statusNames, t } from './i18n';
import { type Json, agencyNames, errorText, field, main, notice, page } from './ui';

// --- Complaints: citizens file and rate them, officers answer those addressed to their agency ---

export async function myComplaintsPage(): Promise<void> {
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
export async function agencyComplaintsPage(params: URLSearchParams): Promise<void> {
  const operator = role() === 'operator';
  const agencyId = operator ? params.get('agency') ?? '' : String(currentSession()?.claims['custom:agencyId'] ?? '');
  const [names, { body }] = await Promise.all([agencyNames(), call('GET', `/v1/complaints?limit=100${operator && agencyId ? `&agencyId=${encodeURIComponent(agencyId)}` : ''}`)]);
  const choice = h('select', { name: 'agency' }, h('option', { value: '' }, t('egovUnit')), ...[...names].map(([id, name]) => h('option', { value: id, selected: id === agencyId }, loc(name)))) as HTMLSelectElement;
  page(agencyId ? t('agencyComplaints', { agency: loc(names.get(agencyId)) }) : t('agencyComplaints', { agency: t('egovUnit') }),
    operator && h('form', { role: 'search', class: 'search', onsubmit: (e: Event) => { e.preventDefault(); location.hash = `#/complaints${choice.value ? `?agency=${choice.value}` : ''}`; } }, field(t('agencyFilter'), choice), h('button', { type: 'submit' }, t('show'))),
    complaintTable(body.items as Json[], names));
}

export async function complaintPage(complaintId: string, params: URLSearchParams): Promise<void> {
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

