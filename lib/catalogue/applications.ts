// Route contracts of citizen applications.
import * as z from 'zod/mini';
import {
  AgencyTask,
  Application,
  ApplicationIdOrReferenceParams,
  ApplicationIdParams,
  DecisionBody,
  InformationBody,
  InboxParams,
  InboxQuery,
  TaskIdParams,
  TaskPage,
  ApplicationPage,
  CancelBody,
  MyApplicationsQuery,
  SubmitApplicationBody,
  SubmitDraftBody,
  UpdateDraftBody,
} from '../../schemas/applications';
import type { RouteContract } from './types';

const none = z.strictObject({});
const tag = 'Applications';

export const submitApplicationRoute = {
  method: 'POST',
  path: '/v1/applications',
  operationId: 'submitApplication',
  summary:
    'Apply for a service (or save a draft). Needs an Idempotency-Key header: a retry with the same key returns the same application; the same key with another body gets 422; a retry while the first request with that key is still being processed gets 409 submission_in_progress (retry in a moment)',
  tag,
  access: ['citizen', 'frontline'],
  principal: 'linked',
  query: none,
  body: SubmitApplicationBody,
  response: Application,
  successStatus: 201,
  idempotent: true,
  errorCodes: ['application_not_found', 'assisted_channel', 'business_by_representative', 'consent_required', 'file_answer_invalid', 'file_infected', 'file_not_scanned', 'idempotency_key_required', 'idempotency_key_reused', 'no_registry_record', 'on_behalf_of_required', 'on_behalf_of_staff_only', 'phase_not_open', 'service_not_found', 'service_not_launched', 'stale_version', 'submission_in_progress'],
  errors: [404, 409, 422],
  maxBodyBytes: 65_536, // 64 KiB
} as const satisfies RouteContract;

export const updateDraftRoute = {
  method: 'PUT',
  path: '/v1/applications/{applicationId}',
  operationId: 'updateDraft',
  summary: 'Change the answers of a draft (optimistic concurrency on expectedVersion)',
  tag,
  access: ['citizen'],
  principal: 'linked',
  params: ApplicationIdParams,
  query: none,
  body: UpdateDraftBody,
  response: Application,
  successStatus: 200,
  errorCodes: ['application_not_found', 'consent_required', 'no_registry_record', 'not_a_draft', 'service_withdrawn', 'stale_version'],
  errors: [404, 409],
  maxBodyBytes: 65_536, // 64 KiB
} as const satisfies RouteContract;

export const submitDraftRoute = {
  method: 'POST',
  path: '/v1/applications/{applicationId}/submit',
  operationId: 'submitDraft',
  summary: 'Submit a draft, from the channel the citizen is on now',
  tag,
  access: ['citizen'],
  principal: 'linked',
  params: ApplicationIdParams,
  query: none,
  body: SubmitDraftBody,
  response: Application,
  successStatus: 200,
  errorCodes: ['application_not_found', 'consent_required', 'file_answer_invalid', 'file_infected', 'file_not_scanned', 'no_registry_record', 'not_a_draft', 'phase_not_open', 'service_not_launched', 'service_withdrawn', 'stale_version'],
  errors: [404, 409, 422],
} as const satisfies RouteContract;

export const getApplicationRoute = {
  method: 'GET',
  path: '/v1/applications/{applicationId}',
  operationId: 'getApplication',
  summary: 'An application with its steps, expected completion date and timeline (applicant, agencies involved, auditors)',
  tag,
  access: ['citizen', 'officer', 'frontline', 'auditor'],
  principal: 'linked',
  params: ApplicationIdOrReferenceParams,
  query: none,
  response: Application,
  successStatus: 200,
  errorCodes: ['application_not_found', 'consent_required', 'no_registry_record'],
  errors: [404],
} as const satisfies RouteContract;

export const listMyApplicationsRoute = {
  method: 'GET',
  path: '/v1/me/applications',
  operationId: 'listMyApplications',
  summary: 'Your applications, newest first, with cursor pagination',
  tag,
  access: ['citizen'],
  principal: 'linked',
  query: MyApplicationsQuery,
  response: ApplicationPage,
  successStatus: 200,
  errorCodes: ['consent_required', 'invalid_cursor', 'no_registry_record'],
} as const satisfies RouteContract;

export const cancelApplicationRoute = {
  method: 'POST',
  path: '/v1/applications/{applicationId}/cancel',
  operationId: 'cancelApplication',
  summary: 'Cancel an application until it is decided',
  tag,
  access: ['citizen', 'frontline'],
  principal: 'linked',
  params: ApplicationIdParams,
  query: none,
  body: CancelBody,
  response: Application,
  successStatus: 200,
  errorCodes: ['already_decided', 'application_not_found', 'consent_required', 'no_registry_record', 'stale_version'],
  errors: [404, 409],
} as const satisfies RouteContract;

export const provideInformationRoute = {
  method: 'POST',
  path: '/v1/applications/{applicationId}/information',
  operationId: 'provideInformation',
  summary: "Answer the officers' request for more information; the waiting steps reopen in their agencies' inboxes",
  tag,
  access: ['citizen'],
  principal: 'linked',
  params: ApplicationIdParams,
  query: none,
  body: InformationBody,
  response: Application,
  successStatus: 200,
  errorCodes: ['application_not_found', 'consent_required', 'no_information_requested', 'no_registry_record'],
  errors: [404, 409],
} as const satisfies RouteContract;

export const agencyInboxRoute = {
  method: 'GET',
  path: '/v1/agencies/{agencyId}/tasks',
  operationId: 'agencyInbox',
  summary: "An agency's task inbox, oldest due first (its officers only)",
  tag: 'Agency tasks',
  access: ['officer'],
  principal: 'linked',
  params: InboxParams,
  query: InboxQuery,
  response: TaskPage,
  successStatus: 200,
  errorCodes: ['invalid_cursor'],
} as const satisfies RouteContract;

export const decideTaskRoute = {
  method: 'POST',
  path: '/v1/tasks/{taskId}/decision',
  operationId: 'decideTask',
  summary: 'Approve, reject or ask the applicant for more information on a task of your agency; of two officers deciding one task, the second gets 409',
  tag: 'Agency tasks',
  access: ['officer'],
  principal: 'linked',
  params: TaskIdParams,
  query: none,
  body: DecisionBody,
  response: AgencyTask,
  successStatus: 200,
  errorCodes: ['application_closed', 'awaiting_applicant', 'awaiting_payment', 'question_required', 'reason_required', 'step_not_open', 'task_already_decided', 'task_not_found'],
  errors: [404, 409],
} as const satisfies RouteContract;
