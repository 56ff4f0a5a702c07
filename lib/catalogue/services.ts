// Route contracts of the unified service catalogue.
import * as z from 'zod/mini';
import {
  AgencyList,
  ChangeStageBody,
  GetServiceQuery,
  ListServicesQuery,
  ListServiceVersionsQuery,
  PutServiceBody,
  ServiceCard,
  ServiceIdParams,
  ServicePage,
  ServiceVersionPage,
} from '../../schemas/services';
import { GetCalendarQuery, PutCalendarBody, WorkingCalendar } from '../../schemas/calendar';
import { GetSynonymsQuery, PutSynonymsBody, SynonymList } from '../../schemas/synonyms';
import type { RouteContract } from './types';

const none = z.strictObject({});

const tag = 'Service catalogue';

export const listServicesRoute = {
  method: 'GET',
  path: '/v1/services',
  operationId: 'listServices',
  summary: 'List and search government services (Arabic or English), with filters and cursor pagination',
  tag,
  access: 'public',
  query: ListServicesQuery,
  response: ServicePage,
  successStatus: 200,
  responseHeaders: ['cache-control'],
  errorCodes: ['agency_required', 'invalid_cursor'],
} as const satisfies RouteContract;

export const getServiceRoute = {
  method: 'GET',
  path: '/v1/services/{serviceId}',
  operationId: 'getService',
  summary: 'Get the current service card, or an older version with ?version=N',
  tag,
  access: 'public',
  params: ServiceIdParams,
  query: GetServiceQuery,
  response: ServiceCard,
  successStatus: 200,
  errorCodes: ['service_not_found', 'version_not_found'],
  errors: [404],
} as const satisfies RouteContract;

export const listServiceVersionsRoute = {
  method: 'GET',
  path: '/v1/services/{serviceId}/versions',
  operationId: 'listServiceVersions',
  summary: 'List every version of a service card, newest first, with cursor pagination',
  tag,
  access: 'public',
  params: ServiceIdParams,
  query: ListServiceVersionsQuery,
  response: ServiceVersionPage,
  successStatus: 200,
  errors: [404],
  errorCodes: ['invalid_cursor', 'service_not_found'],
} as const satisfies RouteContract;

export const listAgenciesRoute = {
  method: 'GET',
  path: '/v1/agencies',
  operationId: 'listAgencies',
  summary: 'List government agencies',
  tag,
  access: 'public',
  query: none,
  response: AgencyList,
  successStatus: 200,
  responseHeaders: ['cache-control'],
} as const satisfies RouteContract;

export const putServiceRoute = {
  method: 'PUT',
  path: '/v1/services/{serviceId}',
  operationId: 'putService',
  summary: 'Create a service or publish a new version of its card (optimistic concurrency on expectedVersion)',
  tag,
  access: ['operator'],
  principal: 'linked',
  params: ServiceIdParams,
  body: PutServiceBody,
  response: ServiceCard,
  successStatus: 200,
  alsoSucceeds: { status: 201, when: 'Created: expectedVersion 0 created the service' },
  errorCodes: ['invalid_service_card', 'service_not_found', 'stale_version'],
  errors: [404, 409, 413],
  maxBodyBytes: 262_144, // 256 KiB
} as const satisfies RouteContract;

export const changeServiceStageRoute = {
  method: 'POST',
  path: '/v1/services/{serviceId}/stage',
  operationId: 'changeServiceStage',
  summary: 'Move a service to its next lifecycle stage (only in the allowed order)',
  tag,
  access: ['operator'],
  principal: 'linked',
  params: ServiceIdParams,
  body: ChangeStageBody,
  response: ServiceCard,
  successStatus: 200,
  errorCodes: ['service_not_found', 'stage_transition_not_allowed', 'stale_version', 'version_not_found'],
  errors: [404, 409],
} as const satisfies RouteContract;

export const getCalendarRoute = {
  method: 'GET',
  path: '/v1/calendar',
  operationId: 'getCalendar',
  summary: 'The government working calendar (Asia/Amman): working week, hours, Ramadan hours, public holidays; ?version=N for an older one',
  tag,
  access: 'public',
  query: GetCalendarQuery,
  response: WorkingCalendar,
  successStatus: 200,
  errors: [404],
  errorCodes: ['calendar_not_found', 'version_not_found'],
} as const satisfies RouteContract;

export const putCalendarRoute = {
  method: 'PUT',
  path: '/v1/calendar',
  operationId: 'putCalendar',
  summary: 'Publish the next version of the working calendar, e.g. the announced Eid dates (optimistic concurrency on expectedVersion; audited)',
  tag,
  access: ['operator'],
  principal: 'linked',
  body: PutCalendarBody,
  response: WorkingCalendar,
  successStatus: 200,
  errors: [404, 409],
  errorCodes: ['calendar_not_found', 'duplicate_holiday', 'invalid_period', 'stale_version'],
  maxBodyBytes: 131_072, // 128 KiB
} as const satisfies RouteContract;

export const getSynonymsRoute = {
  method: 'GET',
  path: '/v1/search/synonyms',
  operationId: 'getSearchSynonyms',
  summary: 'The synonym groups service search uses (سيارة = مركبة = car …); ?version=N for an older one',
  tag,
  access: 'public',
  query: GetSynonymsQuery,
  response: SynonymList,
  successStatus: 200,
  errors: [404],
  errorCodes: ['synonyms_not_found', 'version_not_found'],
} as const satisfies RouteContract;

export const putSynonymsRoute = {
  method: 'PUT',
  path: '/v1/search/synonyms',
  operationId: 'putSearchSynonyms',
  summary: 'Publish the next version of the search synonym list (optimistic concurrency on expectedVersion; audited; search uses it within the catalogue cache lifetime)',
  tag,
  access: ['operator'],
  principal: 'linked',
  body: PutSynonymsBody,
  response: SynonymList,
  successStatus: 200,
  errors: [404, 409],
  errorCodes: ['duplicate_synonym', 'invalid_synonym', 'stale_version', 'synonyms_not_found'],
  maxBodyBytes: 131_072, // 128 KiB
} as const satisfies RouteContract;
