// Every machine-readable error code the API answers with, and its HTTP status. Handlers can only throw
// codes listed here (functions/shared/errors.ts is typed on it); each route declares the codes of its own
// domain in the catalogue (`errorCodes`), the HTTP pipeline's codes are added from the route's shape, and
// OpenAPI lists the result per operation. test/unit/error-codes.test.ts derives each capability's codes
// from its handler's code and fails when a declaration drifts from them.

export const errorCodes = {
  // The HTTP pipeline (functions/shared/http.ts, auth.ts): see pipelineErrorCodes.
  validation_failed: 400,
  missing_body: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal_error: 500,
  too_many_requests: 429,
  // The function ran out of time (overload): the client retries after Retry-After, with the same Idempotency-Key.
  service_unavailable: 503,
  // The local gateway, for a path no route has and a method the path has no route for.
  route_not_found: 404,
  method_not_allowed: 405,
  // Shared helpers
  invalid_cursor: 400,
  idempotency_key_required: 400,
  idempotency_key_reused: 422,
  submission_in_progress: 409,
  // Service catalogue
  invalid_service_card: 400,
  service_not_found: 404,
  version_not_found: 404,
  stale_version: 409,
  // Working calendar
  calendar_not_found: 404,
  duplicate_holiday: 400,
  invalid_period: 400,
  synonyms_not_found: 404,
  duplicate_synonym: 400,
  invalid_synonym: 400,
  stage_transition_not_allowed: 409,
  agency_required: 400,
  // Identity and registry
  identifier_required: 400,
  business_link_for_citizens: 400,
  invalid_code: 400,
  too_many_attempts: 429,
  agency_scope: 400,
  service_centre_scope: 400,
  key_field_immutable: 400,
  grantee_required: 400,
  unknown_fields: 400,
  internal_fields: 400,
  invalid_expiry: 400,
  owner_needs_no_consent: 400,
  account_not_linked: 403,
  mfa_enrolment_required: 403,
  consent_required: 403,
  no_registry_profile: 404,
  record_not_found: 404,
  consent_not_found: 404,
  already_registered: 409,
  username_taken: 409,
  mfa_already_enrolled: 409,
  record_exists: 409,
  identity_not_verified: 422,
  permit_expired: 422,
  not_a_representative: 422,
  unknown_agency: 422,
  no_registry_record: 422,
  // Applications, tasks and life-event bundles
  on_behalf_of_staff_only: 400,
  on_behalf_of_required: 400,
  business_by_representative: 400,
  assisted_channel: 400,
  reason_required: 400,
  question_required: 400,
  application_not_found: 404,
  task_not_found: 404,
  step_not_open: 409,
  life_event_not_found: 404,
  bundle_not_found: 404,
  service_withdrawn: 409,
  service_not_launched: 409,
  phase_not_open: 409,
  not_a_draft: 409,
  already_decided: 409,
  application_closed: 409,
  awaiting_applicant: 409,
  task_already_decided: 409,
  no_information_requested: 409,
  member_unavailable: 409,
  // Notifications, feedback and complaints
  quarter_range: 400,
  // KPIs
  kpi_filters: 400,
  month_range: 400,
  target_scope: 400,
  target_range: 400,
  // Consultations and e-surveys
  consultation_not_found: 404,
  comment_not_found: 404,
  consultation_dates: 400,
  survey_questions: 400,
  invalid_answers: 400,
  consultation_closed: 409,
  consultation_not_open: 409,
  consultation_not_closed: 409,
  comment_hidden: 409,
  comment_changed: 409,
  response_published: 409,
  not_a_survey: 409,
  already_answered: 409,
  notification_not_found: 404,
  complaint_not_found: 404,
  application_not_ended: 409,
  already_rated: 409,
  complaint_changed: 409,
  complaint_not_open: 409,
  complaint_not_resolved: 409,
  too_many_responses: 409,
  agency_not_involved: 422,
  // Issued documents, payments, uploads
  document_not_found: 404,
  document_already_revoked: 409,
  awaiting_payment: 409,
  invalid_signature: 401,
  stale_notification: 401,
  bill_not_found: 404,
  bill_not_due: 409,
  amount_mismatch: 422,
  document_not_on_card: 400,
  upload_type_not_allowed: 400,
  upload_too_large: 400,
  upload_not_found: 404,
  file_not_scanned: 409,
  file_answer_invalid: 422,
  file_infected: 422,
  // Operations: queues, rollout
  queue_not_found: 404,
  queue_not_redrivable: 409,
  phase_not_ready: 409,
} as const satisfies Record<string, 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503>;

export type ErrorCode = keyof typeof errorCodes;
export type ErrorStatus = (typeof errorCodes)[ErrorCode];
/** The codes answered with HTTP status S. */
export type ErrorCodeWithStatus<S extends ErrorStatus> = { [K in ErrorCode]: (typeof errorCodes)[K] extends S ? K : never }[ErrorCode];

/** Codes the HTTP pipeline itself answers for a route of this shape, whatever its handler does. */
/** What of a route contract (types.ts) decides its codes; structural, so types.ts can import ErrorCode without a cycle. */
interface RouteShape {
  readonly access: 'public' | readonly string[];
  readonly principal?: 'linked' | 'enrolling';
  readonly params?: unknown;
  readonly query?: unknown;
  readonly body?: unknown;
  readonly perClientLimit?: unknown;
  readonly errorCodes?: readonly ErrorCode[];
}

export function pipelineErrorCodes(route: RouteShape): ErrorCode[] {
  return [
    ...(route.principal ? (['account_not_linked'] as const) : []),
    ...(route.principal === 'linked' ? (['mfa_enrolment_required'] as const) : []),
    ...(route.perClientLimit ? (['too_many_requests'] as const) : []),
    ...(route.params || route.query || route.body ? (['validation_failed'] as const) : []),
    ...(route.body ? (['missing_body', 'invalid_json', 'payload_too_large', 'unsupported_media_type'] as const) : []),
    ...(route.access === 'public' ? [] : (['unauthorized', 'forbidden'] as const)),
    'internal_error',
    'service_unavailable',
  ];
}

/** Every code a route can answer with: the pipeline's and those its handler declares, in registry order. */
export function routeErrorCodes(route: RouteShape): ErrorCode[] {
  const codes = new Set<ErrorCode>([...pipelineErrorCodes(route), ...(route.errorCodes ?? [])]);
  return (Object.keys(errorCodes) as ErrorCode[]).filter((code) => codes.has(code));
}
