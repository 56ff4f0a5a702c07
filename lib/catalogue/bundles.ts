// Route contracts of life-event bundles.
import * as z from 'zod/mini';
import { Bundle, BundleDefinitionList, BundleIdParams, SubmitBundleBody } from '../../schemas/bundles';
import type { RouteContract } from './types';

const none = z.strictObject({});
const tag = 'Life events';

export const listLifeEventsRoute = {
  method: 'GET',
  path: '/v1/life-events',
  operationId: 'listLifeEvents',
  summary: 'Life events (newborn, starting a business): the services each bundles and the form asked once',
  tag,
  access: 'public',
  query: none,
  response: BundleDefinitionList,
  successStatus: 200,
  responseHeaders: ['cache-control'],
} as const satisfies RouteContract;

export const submitBundleRoute = {
  method: 'POST',
  path: '/v1/bundles',
  operationId: 'submitBundle',
  summary:
    "Apply for a life event's services at once (Idempotency-Key header required). Members start when the members they need are approved",
  tag,
  access: ['citizen'],
  principal: 'linked',
  query: none,
  body: SubmitBundleBody,
  response: Bundle,
  successStatus: 201,
  idempotent: true,
  errorCodes: ['application_not_found', 'assisted_channel', 'bundle_not_found', 'business_by_representative', 'consent_required', 'file_answer_invalid', 'file_infected', 'file_not_scanned', 'idempotency_key_required', 'idempotency_key_reused', 'life_event_not_found', 'member_unavailable', 'no_registry_record', 'on_behalf_of_required', 'on_behalf_of_staff_only', 'phase_not_open', 'service_not_found', 'service_not_launched', 'stale_version', 'submission_in_progress'],
  errors: [403, 404, 409, 422],
  maxBodyBytes: 65_536, // 64 KiB
} as const satisfies RouteContract;

export const getBundleRoute = {
  method: 'GET',
  path: '/v1/bundles/{bundleId}',
  operationId: 'getBundle',
  summary: 'Combined progress of a life-event bundle and its member applications (its applicant and auditors)',
  tag,
  access: ['citizen', 'auditor'],
  principal: 'linked',
  params: BundleIdParams,
  query: none,
  response: Bundle,
  successStatus: 200,
  errorCodes: ['bundle_not_found', 'consent_required', 'no_registry_record'],
  errors: [404],
} as const satisfies RouteContract;
