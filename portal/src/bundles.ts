// Life events (GET /v1/life-events): the services a citizen needs together, applied for at once with one shared
// form (POST /v1/bundles), then the bundle's combined progress and each member application (GET /v1/bundles/{id}).
// Loaded only when a life-event page opens (its own script, kept out of the first page's budget): its texts are here.
import { ApiError, call, role } from './api';
import { h } from './dom';
import { generatedForm } from './form';
import { type Localized, lang, loc, number, statusNames, t } from './i18n';
import { type Json, errorText, notice, page } from './ui';

const texts = {
  title: ['مناسبات الحياة', 'Life events'],
  intro: ['خدمات تحتاجها معاً في مناسبة واحدة: قدّم لها بطلب واحد وتابعها في مكان واحد.', 'Services you need together for one event in your life: apply for them in one request and follow them in one place.'],
  members: ['الخدمات المشمولة', 'Services included'],
  atOnce: ['تبدأ فور تقديم الطلب', 'Starts when you apply'],
  after: ['تبدأ بعد قبول: {names}', 'Starts once approved: {names}'],
  formTitle: ['بيانات الطلب', 'Your answers'],
  formIntro: ['تُعبّأ مرة واحدة لكل الخدمات؛ بياناتك في السجلات الرسمية تُضاف إلى كل طلب تلقائياً.', 'Given once for all the services; your data in the official registers is added to each application for you.'],
  submit: ['تقديم الطلب لكل الخدمات', 'Apply for all the services'],
  submitted: ['أُرسل طلبك. تبدأ كل خدمة حين تُقبل الخدمات التي تسبقها.', 'Your request was sent. Each service starts once the ones before it are approved.'],
  reference: ['رقم الطلب', 'Reference'],
  status: ['الحالة', 'Status'],
  progress: ['التقدّم', 'Progress'],
  progressLine: ['الخدمات المقبولة: {approved} من {total}', '{approved} of {total} services approved'],
  service: ['الخدمة', 'Service'],
  startsAfter: ['تبدأ بعد', 'Starts after'],
  document: ['الوثيقة الصادرة', 'Issued document'],
  none: ['—', '—'],
} as const;
type Key = keyof typeof texts;
const tx = (key: Key, vars: Record<string, string> = {}) => texts[key][lang() === 'ar' ? 0 : 1].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');

const bundleStatusNames: Record<string, Localized> = {
  'in-progress': { ar: 'قيد الإنجاز', en: 'In progress' },
  completed: { ar: 'مكتمل', en: 'Completed' },
  incomplete: { ar: 'لم يكتمل', en: 'Incomplete' },
};
const memberStatusNames: Record<string, Localized> = {
  ...statusNames,
  waiting: { ar: 'بانتظار الخدمات السابقة', en: 'Waiting for the services before it' },
  blocked: { ar: 'متوقفة: رُفضت خدمة تسبقها', en: 'Stopped: a service before it was rejected' },
  failed: { ar: 'تعذّر تقديمها', en: 'Could not be submitted' },
};

async function lifeEvents(): Promise<Json[]> {
  return (await call('GET', '/v1/life-events')).body.items as Json[];
}

/** The member services' cards (names, documents): one each, as the definition lists them. */
async function memberCards(event: Json): Promise<Map<string, Json>> {
  const cards = await Promise.all((event.members as Json[]).map((m) => call('GET', `/v1/services/${encodeURIComponent(m.serviceId)}`).then((r) => r.body)));
  return new Map(cards.map((card) => [card.serviceId, card]));
}

export async function lifeEventsPage(): Promise<void> {
  const events = await lifeEvents();
  page(tx('title'), h('p', { class: 'lead' }, tx('intro')),
    h('ul', { class: 'cards' }, ...events.map((event) => h('li', { class: 'card' },
      h('h2', {}, h('a', { href: `#/life-events/${event.lifeEventId}` }, loc(event.name))),
      h('p', {}, loc(event.description)),
      h('p', { class: 'meta' }, tx('members'), ': ', number(event.members.length)),
    ))));
}

export async function lifeEventPage(lifeEventId: string): Promise<void> {
  const event = (await lifeEvents()).find((e) => e.lifeEventId === lifeEventId);
  if (!event) throw new ApiError(404, 'life_event_not_found', '', undefined);
  const cards = await memberCards(event);
  const members = event.members as Json[];
  const nameOf = (key: string) => loc(cards.get(members.find((m) => m.key === key)?.serviceId)?.name);
  const who = role();
  page(loc(event.name),
    h('p', { class: 'lead' }, loc(event.description)),
    h('h2', {}, tx('members')),
    h('ol', {}, ...members.map((m) => h('li', {},
      h('a', { href: `#/services/${m.serviceId}` }, loc(cards.get(m.serviceId)?.name)), ' — ',
      m.requires.length ? tx('after', { names: (m.requires as string[]).map(nameOf).join(lang() === 'ar' ? '، ' : ', ') }) : tx('atOnce'),
    ))),
    who === 'citizen' ? applyForm(event, cards) : !who && h('p', {}, h('a', { class: 'button', href: `#/signin?next=${encodeURIComponent(`#/life-events/${lifeEventId}`)}` }, t('signInToApply'))),
  );
}

/** The life event's shared form; a file answer is uploaded for the member service that asks for it. */
function applyForm(event: Json, cards: Map<string, Json>): HTMLElement {
  const members = event.members as Json[];
  const form = generatedForm(event.form.fields, undefined, (f) => {
    const owner = members.find((m) => Object.values(m.answers as Record<string, Json>).some((source) => source.answer === f.id));
    const card = cards.get(owner?.serviceId);
    return { serviceId: String(owner?.serviceId), document: (card?.requiredDocuments as Json[] | undefined)?.find((d) => d.documentId === f.documentId) };
  });
  const status = h('div', { role: 'status' });
  const button = h('button', { type: 'submit' }, tx('submit')) as HTMLButtonElement;
  const submit = async () => {
    if (!form.check()) return;
    button.disabled = true;
    try {
      const { body } = await call('POST', '/v1/bundles', { lifeEventId: event.lifeEventId, answers: form.answers(), channel: 'portal' }, { 'idempotency-key': crypto.randomUUID() });
      location.hash = `#/bundles/${body.bundleId}?submitted=1`;
    } catch (error) {
      if (!form.showApiError(error)) status.replaceChildren(notice(errorText(error), 'error'));
    } finally {
      button.disabled = false;
    }
  };
  return h('section', { 'aria-labelledby': 'bundle-form' },
    h('h2', { id: 'bundle-form' }, tx('formTitle')),
    h('p', { class: 'hint' }, tx('formIntro')),
    form.errors,
    h('form', { novalidate: true, class: 'apply', onsubmit: (e: Event) => { e.preventDefault(); void submit(); } }, ...form.fields, h('div', { class: 'actions' }, button)),
    status,
  );
}

export async function bundlePage(bundleId: string, params: URLSearchParams): Promise<void> {
  const { body: bundle } = await call('GET', `/v1/bundles/${encodeURIComponent(bundleId)}`);
  const members = bundle.members as Json[];
  const nameOf = (key: string) => loc(members.find((m) => m.key === key)?.serviceName);
  const progress = tx('progressLine', { approved: number(bundle.progress.approved), total: number(bundle.progress.total) });
  page(loc(bundle.name),
    params.has('submitted') && notice(tx('submitted')),
    h('dl', { class: 'facts' },
      h('dt', {}, tx('reference')), h('dd', { dir: 'ltr' }, bundle.bundleId),
      h('dt', {}, tx('status')), h('dd', {}, loc(bundleStatusNames[bundle.status])),
      h('dt', {}, tx('progress')), h('dd', {}, h('progress', { max: 100, value: bundle.progress.percent, 'aria-label': tx('progress') }), ' ', progress),
    ),
    h('table', {},
      h('caption', {}, tx('members')),
      h('thead', {}, h('tr', {}, ...(['service', 'status', 'startsAfter', 'document'] as const).map((key) => h('th', { scope: 'col' }, tx(key))))),
      h('tbody', {}, ...members.map((m) => h('tr', {},
        h('td', {}, m.applicationId ? h('a', { href: `#/applications/${m.applicationId}` }, loc(m.serviceName)) : loc(m.serviceName)),
        h('td', {}, loc(memberStatusNames[m.status]) || m.status, m.reason && ` — ${m.reason}`),
        h('td', {}, m.requires.length ? (m.requires as string[]).map(nameOf).join(lang() === 'ar' ? '، ' : ', ') : tx('none')),
        h('td', { dir: m.documentId ? 'ltr' : undefined }, m.documentId ?? tx('none')),
      ))),
    ),
  );
}
