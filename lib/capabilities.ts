// The capability catalogue: the one list from which the CDK API, the local router and OpenAPI are generated.
import { getOpenApiRoute } from './catalogue/platform';
import {
  changeServiceStageRoute,
  getServiceRoute,
  listAgenciesRoute,
  listServicesRoute,
  putServiceRoute,
} from './catalogue/services';
import {
  accessLogRoute,
  confirmSignUpRoute,
  createRecordRoute,
  createStaffRoute,
  getMeRoute,
  grantConsentRoute,
  listConsentsRoute,
  queryAuditRoute,
  readRecordRoute,
  revokeConsentRoute,
  signUpRoute,
  updateRecordRoute,
  verifyAuditRoute,
} from './catalogue/registry';
import type { Capability } from './catalogue/types';

export const capabilities: readonly Capability[] = [
  {
    id: 'list-services',
    entry: 'functions/services/list-services.ts',
    route: listServicesRoute,
    tables: { catalogue: 'read' },
  },
  {
    id: 'get-service',
    entry: 'functions/services/get-service.ts',
    route: getServiceRoute,
    tables: { catalogue: 'read' },
  },
  {
    id: 'list-agencies',
    entry: 'functions/services/list-agencies.ts',
    route: listAgenciesRoute,
    tables: { catalogue: 'read' },
  },
  {
    id: 'put-service',
    entry: 'functions/services/put-service.ts',
    route: putServiceRoute,
    tables: { catalogue: 'readwrite' },
  },
  {
    id: 'change-service-stage',
    entry: 'functions/services/change-service-stage.ts',
    route: changeServiceStageRoute,
    tables: { catalogue: 'readwrite' },
  },
  {
    id: 'sign-up',
    entry: 'functions/registry/sign-up.ts',
    route: signUpRoute,
    tables: { registry: 'readwrite', audit: 'append' },
    userPool: ['AdminAddUserToGroup', 'AdminDeleteUser'],
    publicWriteReason: 'sign-up happens before there is a token; identity is proven against the registry record in the handler',
  },
  {
    id: 'confirm-sign-up',
    entry: 'functions/registry/confirm-sign-up.ts',
    route: confirmSignUpRoute,
    tables: {},
    userPool: [],
    publicWriteReason: 'confirming a sign-up happens before there is a token; Cognito checks the code',
  },
  {
    id: 'create-staff',
    entry: 'functions/registry/create-staff.ts',
    route: createStaffRoute,
    tables: { registry: 'readwrite', catalogue: 'read' },
    userPool: ['AdminCreateUser', 'AdminAddUserToGroup', 'AdminGetUser'],
  },
  { id: 'get-me', entry: 'functions/registry/get-me.ts', route: getMeRoute, tables: { registry: 'read', audit: 'append' } },
  {
    id: 'create-registry-record',
    entry: 'functions/registry/create-record.ts',
    route: createRecordRoute,
    tables: { registry: 'readwrite', audit: 'append' },
  },
  {
    id: 'update-registry-record',
    entry: 'functions/registry/update-record.ts',
    route: updateRecordRoute,
    tables: { registry: 'readwrite', audit: 'append' },
  },
  {
    id: 'read-registry-record',
    entry: 'functions/registry/read-record.ts',
    route: readRecordRoute,
    tables: { registry: 'read', audit: 'append' },
  },
  {
    id: 'grant-consent',
    entry: 'functions/registry/grant-consent.ts',
    route: grantConsentRoute,
    tables: { registry: 'readwrite', audit: 'append' },
  },
  { id: 'list-consents', entry: 'functions/registry/list-consents.ts', route: listConsentsRoute, tables: { registry: 'read' } },
  {
    id: 'revoke-consent',
    entry: 'functions/registry/revoke-consent.ts',
    route: revokeConsentRoute,
    tables: { registry: 'readwrite', audit: 'append' },
  },
  { id: 'access-log', entry: 'functions/registry/access-log.ts', route: accessLogRoute, tables: { registry: 'read', audit: 'read' } },
  { id: 'query-audit', entry: 'functions/registry/query-audit.ts', route: queryAuditRoute, tables: { registry: 'read', audit: 'read' } },
  { id: 'verify-audit', entry: 'functions/registry/verify-audit.ts', route: verifyAuditRoute, tables: { registry: 'read', audit: 'read' } },
  {
    id: 'get-openapi',
    entry: 'functions/openapi/get-openapi.ts',
    route: getOpenApiRoute,
    tables: {},
  },
];
