// GET /v1/me/documents/{documentId}/pdf: the HTTP pipeline answers JSON, so the PDF travels through it as a base64
// string and is turned into the binary answer here (API Gateway's HTTP API and the local gateway both decode a
// body marked isBase64Encoded; HTTP APIs need no binary media types for it).
import { getDocumentPdfRoute } from '../../lib/catalogue/document-pdf';
import { dynamoApplications } from '../applications/dynamo-applications';
import { dynamoRegistry } from '../registry/dynamo-registry';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import { dynamo, requireTable } from '../shared/dynamo';
import { environment } from '../shared/environment';
import { httpHandler, type LambdaHttpHandler } from '../shared/http';
import { type DocumentPdfDeps, documentPdfContent } from './domain/document-pdf';
import { dynamoDocuments } from './dynamo-documents';
import { documentFonts } from './pdf/fonts';
import { renderDocumentPdf } from './pdf/layout';

const catalogue = dynamoCatalogue(dynamo, requireTable('catalogue'));
const applications = dynamoApplications(dynamo, {
  applications: requireTable('applications'),
  get idempotency(): string {
    throw new Error('the document PDF reads applications only');
  },
});

const registry = dynamoRegistry(dynamo, {
  registry: requireTable('registry'),
  get audit(): string {
    throw new Error('the document PDF writes no audit entry');
  },
});

const deps: DocumentPdfDeps = {
  documents: dynamoDocuments(dynamo, requireTable('applications')),
  applications,
  cards: { getVersion: (serviceId, version) => catalogue.getVersion(serviceId, version) },
  agencyName: async (agencyId) => (await catalogue.listAgencies()).find((agency) => agency.agencyId === agencyId)?.name,
  businessesOf: async (nationalNumber) => (await registry.listMemberships(nationalNumber)).map((membership) => membership.registrationNumber),
  now: () => new Date(),
};

/** The stage's public address (PUBLIC_BASE_URL), else the one this request came in on. */
function verifyUrl(documentId: string, host: string | undefined): string {
  const base = environment().PUBLIC_BASE_URL ?? `https://${host ?? 'localhost'}`;
  return `${base.replace(/\/$/, '')}/v1/verify/${documentId}`;
}

const inner = httpHandler(getDocumentPdfRoute, async ({ params, principal, headers }) => {
  const content = await documentPdfContent(deps, principal, params.documentId, verifyUrl(params.documentId, headers.host));
  return { body: renderDocumentPdf(content, documentFonts()).toString('base64') };
});

export const handler: LambdaHttpHandler = async (event, context) => {
  const response = await inner(event, context);
  if (response.statusCode !== 200 || typeof response.body !== 'string') {
    return response;
  }
  return {
    ...response,
    headers: {
      ...response.headers,
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${event.pathParameters?.documentId ?? 'document'}.pdf"`,
    },
    body: JSON.parse(response.body) as string,
    isBase64Encoded: true,
  };
};
