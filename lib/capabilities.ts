// The capability catalogue: the one list from which the CDK API, the local router and OpenAPI are generated.
import { getOpenApiRoute } from './catalogue/platform';
import {
  changeServiceStageRoute,
  getServiceRoute,
  listAgenciesRoute,
  listServicesRoute,
  putServiceRoute,
} from './catalogue/services';
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
    id: 'get-openapi',
    entry: 'functions/openapi/get-openapi.ts',
    route: getOpenApiRoute,
    tables: {},
  },
];
