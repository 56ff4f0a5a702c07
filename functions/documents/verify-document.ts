import { verifyDocumentRoute } from '../../lib/catalogue/journey';
import { dynamo, requireTable } from '../shared/dynamo';
import { httpHandler } from '../shared/http';
import { verifyDocument } from './domain/documents';
import { dynamoDocuments } from './dynamo-documents';

const deps = { documents: dynamoDocuments(dynamo, requireTable('applications')), now: () => new Date() };

export const handler = httpHandler(verifyDocumentRoute, async ({ params }) => ({ body: await verifyDocument(deps, params.documentId) }));
