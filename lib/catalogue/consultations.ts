// Capabilities of e-participation: public consultations and e-surveys, their route contracts and tables.
import {
  AnswersBody,
  CommentBody,
  CommentPage,
  CommentParams,
  CommentsQuery,
  Consultation,
  ConsultationBody,
  ConsultationPage,
  ConsultationParams,
  ConsultationsQuery,
  HideBody,
  PublicComment,
  Receipt,
  ResponseBody,
} from '../../schemas/consultations';
import type { Capability, RouteContract } from './types';

const tag = 'Consultations';

export const createConsultationRoute = {
  method: 'POST',
  path: '/v1/consultations',
  operationId: 'createConsultation',
  summary: "Publish a consultation (law, policy, strategy, service redesign) or, with questions, an e-survey: officers for their own agency, operators for any",
  tag,
  access: ['officer', 'operator'],
  principal: 'linked',
  body: ConsultationBody,
  response: Consultation,
  successStatus: 201,
  errors: [422],
  errorCodes: ['consultation_dates', 'survey_questions', 'unknown_agency'],
} as const satisfies RouteContract;

export const listConsultationsRoute = {
  method: 'GET',
  path: '/v1/consultations',
  operationId: 'listConsultations',
  summary: 'Consultations and e-surveys, newest first: upcoming, open or closed (by their Amman dates)',
  tag,
  access: 'public',
  query: ConsultationsQuery,
  response: ConsultationPage,
  successStatus: 200,
  errorCodes: ['invalid_cursor'],
} as const satisfies RouteContract;

export const getConsultationRoute = {
  method: 'GET',
  path: '/v1/consultations/{consultationId}',
  operationId: 'getConsultation',
  summary: "A consultation with its comment count and the agency's response; a survey's results once it has closed",
  tag,
  access: 'public',
  params: ConsultationParams,
  response: Consultation,
  successStatus: 200,
  errors: [404],
  errorCodes: ['consultation_not_found'],
} as const satisfies RouteContract;

export const listCommentsRoute = {
  method: 'GET',
  path: '/v1/consultations/{consultationId}/comments',
  operationId: 'listConsultationComments',
  summary: 'The published comments (anonymous; a hidden one shows only the moderation reason)',
  tag,
  access: 'public',
  params: ConsultationParams,
  query: CommentsQuery,
  response: CommentPage,
  successStatus: 200,
  errors: [404],
  errorCodes: ['consultation_not_found', 'invalid_cursor'],
} as const satisfies RouteContract;

export const putMyCommentRoute = {
  method: 'PUT',
  path: '/v1/consultations/{consultationId}/my-comment',
  operationId: 'putMyConsultationComment',
  summary: 'Comment on an open consultation (one comment per person; sending again revises it until the close)',
  tag,
  access: ['citizen'],
  principal: 'linked',
  params: ConsultationParams,
  body: CommentBody,
  response: PublicComment,
  successStatus: 200,
  alsoSucceeds: { status: 201, when: 'the comment is new' },
  errors: [404, 409],
  errorCodes: ['consultation_not_found', 'consultation_closed', 'consultation_not_open', 'comment_hidden', 'comment_changed'],
} as const satisfies RouteContract;

export const hideCommentRoute = {
  method: 'POST',
  path: '/v1/consultations/{consultationId}/comments/{commentId}/hide',
  operationId: 'hideConsultationComment',
  summary: "Moderation: hide a comment with a reason shown in its place (never deleted; audited): the consultation's agency or operators",
  tag,
  access: ['officer', 'operator'],
  principal: 'linked',
  params: CommentParams,
  body: HideBody,
  response: PublicComment,
  successStatus: 200,
  errors: [404],
  errorCodes: ['consultation_not_found', 'comment_not_found'],
} as const satisfies RouteContract;

export const publishResponseRoute = {
  method: 'POST',
  path: '/v1/consultations/{consultationId}/response',
  operationId: 'publishConsultationResponse',
  summary: "The agency's response, once the consultation has closed (once)",
  tag,
  access: ['officer', 'operator'],
  principal: 'linked',
  params: ConsultationParams,
  body: ResponseBody,
  response: Consultation,
  successStatus: 200,
  errors: [404, 409],
  errorCodes: ['consultation_not_found', 'consultation_not_closed', 'response_published'],
} as const satisfies RouteContract;

export const answerSurveyRoute = {
  method: 'POST',
  path: '/v1/consultations/{consultationId}/answers',
  operationId: 'answerSurvey',
  summary: 'Answer an open e-survey, every question, once per person',
  tag,
  access: ['citizen'],
  principal: 'linked',
  params: ConsultationParams,
  body: AnswersBody,
  response: Receipt,
  successStatus: 201,
  errors: [404, 409],
  errorCodes: ['consultation_not_found', 'invalid_answers', 'not_a_survey', 'consultation_closed', 'consultation_not_open', 'already_answered'],
} as const satisfies RouteContract;

const entry = (name: string) => `functions/consultations/${name}.ts`;

export const consultationCapabilities: readonly Capability[] = [
  { id: 'create-consultation', entry: entry('create-consultation'), route: createConsultationRoute, tables: { engagement: 'readwrite', catalogue: 'read', registry: 'read' } },
  { id: 'list-consultations', entry: entry('list-consultations'), route: listConsultationsRoute, tables: { engagement: 'read' } },
  { id: 'get-consultation', entry: entry('get-consultation'), route: getConsultationRoute, tables: { engagement: 'read' } },
  { id: 'list-consultation-comments', entry: entry('list-comments'), route: listCommentsRoute, tables: { engagement: 'read' } },
  { id: 'put-my-consultation-comment', entry: entry('put-my-comment'), route: putMyCommentRoute, tables: { engagement: 'readwrite', registry: 'read' } },
  { id: 'hide-consultation-comment', entry: entry('hide-comment'), route: hideCommentRoute, tables: { engagement: 'readwrite', registry: 'read', audit: 'append' } },
  { id: 'publish-consultation-response', entry: entry('publish-response'), route: publishResponseRoute, tables: { engagement: 'readwrite', registry: 'read' } },
  { id: 'answer-survey', entry: entry('answer-survey'), route: answerSurveyRoute, tables: { engagement: 'readwrite', registry: 'read' } },
];
