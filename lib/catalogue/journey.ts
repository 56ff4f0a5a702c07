// The citizen's journey after approval: issued documents (wallet, public verification, the issuer's keys, revocation).
import * as z from 'zod/mini';
import { DocumentIdParams, DocumentPage, DocumentVerification, IssuedDocument, Jwks, RevokeDocumentBody } from '../../schemas/documents';
import { PaymentAcknowledgement, PaymentNotificationBody, Reconciliation, ReconciliationQuery } from '../../schemas/payments';
import type { Capability, RouteContract } from './types';

const none = z.strictObject({});

export const listMyDocumentsRoute = {
  method: 'GET',
  path: '/v1/me/documents',
  operationId: 'listMyDocuments',
  summary: 'Your wallet: the documents issued to you, newest first, each with its signed credential (JWS, ES256)',
  tag: 'Documents',
  access: ['citizen'],
  principal: 'linked',
  query: none,
  response: DocumentPage,
  successStatus: 200,
  
} as const satisfies RouteContract;

export const verifyDocumentRoute = {
  method: 'GET',
  path: '/v1/verify/{documentId}',
  operationId: 'verifyDocument',
  summary: "Anyone: whether a document is valid, revoked or expired, with the minimum about it (the holder's name masked)",
  tag: 'Documents',
  access: 'public',
  params: DocumentIdParams,
  query: none,
  response: DocumentVerification,
  successStatus: 200,
  errorCodes: ['document_not_found'],
  errors: [404],
} as const satisfies RouteContract;

export const getJwksRoute = {
  method: 'GET',
  path: '/.well-known/jwks.json',
  operationId: 'getJwks',
  summary: "The document issuer's public keys (JWKS): verify a credential's signature offline",
  tag: 'Documents',
  access: 'public',
  query: none,
  response: Jwks,
  successStatus: 200,
  responseHeaders: ['cache-control'],
} as const satisfies RouteContract;

export const revokeDocumentRoute = {
  method: 'POST',
  path: '/v1/documents/{documentId}/revoke',
  operationId: 'revokeDocument',
  summary: 'Revoke a document your agency issued, with a reason (audited on the holder\'s trail; the holder is notified); verification says so at once',
  tag: 'Documents',
  access: ['officer'],
  principal: 'linked',
  params: DocumentIdParams,
  query: none,
  body: RevokeDocumentBody,
  response: IssuedDocument,
  successStatus: 200,
  errorCodes: ['document_already_revoked', 'document_not_found'],
  errors: [404, 409],
} as const satisfies RouteContract;

export const paymentNotificationRoute = {
  method: 'POST',
  path: '/v1/payments/notifications',
  operationId: 'notifyPayment',
  summary:
    'The bill-presentment provider (eFAWATEERcom) notifies a payment, signed (x-payment-signature: t=<unix seconds>,v1=<HMAC-SHA256>); a replay, a tampered or wrongly signed notification is refused, a wrong amount refused and flagged, the same transaction twice recorded once',
  tag: 'Payments',
  access: 'public',
  query: none,
  body: PaymentNotificationBody,
  response: PaymentAcknowledgement,
  successStatus: 200,
  errorCodes: ['amount_mismatch', 'bill_not_due', 'bill_not_found', 'invalid_signature', 'stale_notification'],
  errors: [401, 404, 409, 422],
} as const satisfies RouteContract;

export const reconciliationRoute = {
  method: 'GET',
  path: '/v1/payments/reconciliation',
  operationId: 'reconcilePayments',
  summary: "An agency's payments of one day matched with the provider's settlement, with every mismatch (its officers, operators, auditors)",
  tag: 'Payments',
  access: ['officer', 'operator', 'auditor'],
  principal: 'linked',
  query: ReconciliationQuery,
  response: Reconciliation,
  successStatus: 200,
  
} as const satisfies RouteContract;

export const journeyCapabilities: readonly Capability[] = [
  {
    id: 'notify-payment',
    entry: 'functions/payments/notify-payment.ts',
    route: paymentNotificationRoute,
    tables: { applications: 'readwrite', catalogue: 'read' },
    paymentProvider: 'verify',
    publicWriteReason: 'the payment provider calls it without a user token; every notification is HMAC-signed and checked in the handler',
  },
  {
    id: 'reconcile-payments',
    entry: 'functions/payments/reconcile-payments.ts',
    route: reconciliationRoute,
    tables: { applications: 'read', registry: 'read' },
    paymentProvider: 'call',
  },
  {
    id: 'list-my-documents',
    entry: 'functions/documents/list-my-documents.ts',
    route: listMyDocumentsRoute,
    tables: { applications: 'read', registry: 'read' },
  },
  {
    id: 'verify-document',
    entry: 'functions/documents/verify-document.ts',
    route: verifyDocumentRoute,
    tables: { applications: 'read' },
  },
  {
    id: 'get-jwks',
    entry: 'functions/documents/get-jwks.ts',
    route: getJwksRoute,
    tables: {},
    documentSigning: 'publicKey',
  },
  {
    id: 'revoke-document',
    entry: 'functions/documents/revoke-document.ts',
    route: revokeDocumentRoute,
    tables: { applications: 'readwrite', registry: 'read', audit: 'append' },
  },
];
