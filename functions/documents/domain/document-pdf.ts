// GET /v1/me/documents/{documentId}/pdf: the holder's document as a printable page in Arabic and English, with the
// QR code of its public verification link. Only whoever has it in their wallet gets it (its holder, or for a business's
// document the people the registry lists for the business); anyone else gets 404, as if it did not exist. The issuing
// agency's officers verify a document by its number like anyone, and never need the holder's copy.
import type { IssuedDocument } from '../../../schemas/documents';
import type { ServiceCard } from '../../../schemas/services';
import type { StoredApplication } from '../../applications/domain/applications';
import { ammanDate } from '../../shared/amman-time';
import { NotFound } from '../../shared/errors';
import type { Principal } from '../../shared/identity';
import type { PdfContent } from '../pdf/layout';
import { type DocumentStore, statusOf } from './documents';

type Bilingual = { readonly ar: string; readonly en: string };

export interface DocumentPdfDeps {
  readonly documents: Pick<DocumentStore, 'get'>;
  readonly applications: { get(applicationId: string): Promise<StoredApplication | undefined> };
  readonly cards: { getVersion(serviceId: string, version: number): Promise<ServiceCard | undefined> };
  readonly agencyName: (agencyId: string) => Promise<Bilingual | undefined>;
  /** The businesses the registry lists a person as an owner or representative of: their documents are in that person's wallet too. */
  readonly businessesOf: (nationalNumber: string) => Promise<readonly string[]>;
  readonly now: () => Date;
}

const typeNames: Record<IssuedDocument['type'], Bilingual> = {
  certificate: { ar: 'شهادة', en: 'Certificate' },
  licence: { ar: 'رخصة', en: 'Licence' },
  permit: { ar: 'تصريح', en: 'Permit' },
  extract: { ar: 'مستخرج', en: 'Extract' },
};

/** A left-to-right isolate: a date or number inside an Arabic sentence keeps its own order (2026-12-06, not 06-12-2026). */
const ltr = (text: string) => `\u2066${text}\u2069`;

/** A field's value as the card words it: a select's option label, yes / no, or the answer as given. */
function fieldValue(card: ServiceCard | undefined, fieldId: string, value: unknown): Bilingual {
  const field = card?.form.fields.find((candidate) => candidate.id === fieldId);
  const option = field?.options?.find((candidate) => candidate.value === value);
  if (option) {
    return option.label;
  }
  if (typeof value === 'boolean') {
    return value ? { ar: 'نعم', en: 'Yes' } : { ar: 'لا', en: 'No' };
  }
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  return { ar: text, en: text };
}

function statusLines(document: IssuedDocument, today: string): PdfContent['status'] {
  if (document.status === 'revoked') {
    const on = ammanDate(new Date(document.revokedAt!));
    return { tone: 'warning', lines: [{ ar: `ملغاة بتاريخ ${ltr(on)}: هذه الوثيقة لم تعد صالحة`, en: `Revoked on ${on}: this document is no longer valid` }] };
  }
  if (document.status === 'expired') {
    const on = ammanDate(new Date(document.validUntil!));
    return { tone: 'warning', lines: [{ ar: `انتهت صلاحيتها بتاريخ ${ltr(on)}`, en: `Expired on ${on}` }] };
  }
  return {
    tone: 'valid',
    lines: [
      { ar: `سارية في ${ltr(today)}، يوم إنشاء هذه النسخة`, en: `Valid on ${today}, the day this copy was made` },
      { ar: 'امسح الرمز أدناه لمعرفة حالتها الآن', en: 'Scan the code below for its status now' },
    ],
  };
}

/** The caller holds it, or it is a business's that the registry lists them for now (as in their wallet). */
async function holds(deps: DocumentPdfDeps, principal: Principal, holder: { readonly kind: string; readonly recordId: string }): Promise<boolean> {
  const subject = principal.subject;
  if (!subject) {
    return false;
  }
  if (holder.kind === subject.kind && holder.recordId === subject.recordId) {
    return true;
  }
  return holder.kind === 'businesses' && subject.kind === 'persons' && (await deps.businessesOf(subject.recordId)).includes(holder.recordId);
}

/** The page's words for a document its holder asks for. `verifyUrl` is the public link the QR code carries. */
export async function documentPdfContent(deps: DocumentPdfDeps, principal: Principal, documentId: string, verifyUrl: string): Promise<PdfContent> {
  const stored = await deps.documents.get(documentId);
  if (!stored || !(await holds(deps, principal, stored.holder))) {
    throw new NotFound('document_not_found', `You hold no document ${documentId}`);
  }
  const now = deps.now();
  const document: IssuedDocument = { ...stored, status: statusOf(stored, now) };
  const application = await deps.applications.get(document.applicationId);
  const card = application ? await deps.cards.getVersion(application.serviceId, application.serviceVersion) : undefined;
  const agency = (await deps.agencyName(document.issuingAgencyId)) ?? { ar: document.issuingAgencyId, en: document.issuingAgencyId };
  const type = typeNames[document.type];
  // The issuer's public keys, on the same public address as the verification link.
  const keysUrl = `${new URL(verifyUrl).origin}/.well-known/jwks.json`;
  const fieldRows = Object.entries(document.fields).map(([fieldId, value]) => {
    const label = card?.form.fields.find((field) => field.id === fieldId)?.label ?? { ar: fieldId, en: fieldId };
    return { label, value: fieldValue(card, fieldId, value) };
  });
  const dates = [{ label: { ar: 'تاريخ الإصدار', en: 'Issued on' }, value: bothSame(ammanDate(new Date(document.issuedAt))) }];
  dates.push({
    label: { ar: 'صالحة حتى', en: 'Valid until' },
    value: document.validUntil ? bothSame(ammanDate(new Date(document.validUntil))) : { ar: 'غير محددة المدة', en: 'No expiry' },
  });
  const numbers = [{ label: { ar: 'رقم الوثيقة', en: 'Document number' }, value: bothSame(document.documentId) }];
  if (document.applicationReference) {
    numbers.push({ label: { ar: 'رقم الطلب', en: 'Application reference' }, value: bothSame(document.applicationReference) });
  }
  return {
    country: { ar: 'المملكة الأردنية الهاشمية', en: 'The Hashemite Kingdom of Jordan' },
    agency,
    title: { ar: `${type.ar}: ${document.serviceName.ar}`, en: `${type.en}: ${document.serviceName.en}` },
    rows: [{ label: { ar: 'حامل الوثيقة', en: 'Holder' }, value: document.holder.name }, ...fieldRows, ...dates, ...numbers],
    status: statusLines(document, ammanDate(now)),
    verifyUrl,
    verifyHint: { ar: 'امسح الرمز أو افتح الرابط للتحقق من الوثيقة', en: 'Scan the code or open the link to verify this document' },
    footer: {
      ar: `موقّعة إلكترونياً من منصة خدمة؛ يُتحقق من توقيعها بالمفاتيح المنشورة في ${ltr(keysUrl)}`,
      en: `Signed electronically by Khidma; verify its signature with the keys at ${keysUrl}`,
    },
  };
}

const bothSame = (text: string): Bilingual => ({ ar: text, en: text });
