// Capabilities of notifications, feedback and complaints: their route contracts and the tables each may touch.
import * as z from 'zod/mini';
import { ApplicationIdParams } from '../../schemas/applications';
import {
  ApplicationFeedback,
  Complaint,
  ComplaintIdParams,
  ComplaintPage,
  ComplaintQueuePage,
  ComplaintQueueQuery,
  ComplaintResponseBody,
  DeliveriesQuery,
  DeliveryPage,
  FeedbackSummary,
  FeedbackSummaryQuery,
  FileComplaintBody,
  MyComplaintsQuery,
  Notification,
  NotificationIdParams,
  NotificationPage,
  NotificationPreferences,
  NotificationsQuery,
  PutNotificationPreferencesBody,
  RatingBody,
} from '../../schemas/engagement';
import type { Capability, RouteContract } from './types';

const none = z.strictObject({});

export const listMyNotificationsRoute = {
  method: 'GET',
  path: '/v1/me/notifications',
  operationId: 'listMyNotifications',
  summary: "Your in-app inbox, newest first: citizens their own, officers their agency's, operators the e-Government Unit's",
  tag: 'Notifications',
  access: ['citizen', 'officer', 'operator'],
  principal: 'linked',
  query: NotificationsQuery,
  response: NotificationPage,
  successStatus: 200,
  errorCodes: ['invalid_cursor'],
} as const satisfies RouteContract;

export const markNotificationReadRoute = {
  method: 'POST',
  path: '/v1/me/notifications/{notificationId}/read',
  operationId: 'markNotificationRead',
  summary: 'Mark a notification of your inbox as read (again is fine; shared inboxes keep each reader’s marks)',
  tag: 'Notifications',
  access: ['citizen', 'officer', 'operator'],
  principal: 'linked',
  params: NotificationIdParams,
  query: none,
  response: Notification,
  successStatus: 200,
  errorCodes: ['notification_not_found'],
  errors: [404],
} as const satisfies RouteContract;

export const getNotificationPreferencesRoute = {
  method: 'GET',
  path: '/v1/me/notification-preferences',
  operationId: 'getNotificationPreferences',
  summary: 'How you are notified: language, email and SMS per category, SMS quiet hours (defaults until you choose)',
  tag: 'Notifications',
  access: ['citizen'],
  principal: 'linked',
  query: none,
  response: NotificationPreferences,
  successStatus: 200,
} as const satisfies RouteContract;

export const putNotificationPreferencesRoute = {
  method: 'PUT',
  path: '/v1/me/notification-preferences',
  operationId: 'putNotificationPreferences',
  summary: 'Choose how you are notified; urgent messages (a request for information) are sent by SMS even in quiet hours',
  tag: 'Notifications',
  access: ['citizen'],
  principal: 'linked',
  query: none,
  body: PutNotificationPreferencesBody,
  response: NotificationPreferences,
  successStatus: 200,
} as const satisfies RouteContract;

export const listNotificationDeliveriesRoute = {
  method: 'GET',
  path: '/v1/notifications/deliveries',
  operationId: 'listNotificationDeliveries',
  summary: 'Emails and SMS that were dead-lettered after their last attempt (default), are being retried, or wait for quiet hours to end',
  tag: 'Notifications',
  access: ['operator'],
  principal: 'linked',
  query: DeliveriesQuery,
  response: DeliveryPage,
  successStatus: 200,
  errorCodes: ['invalid_cursor'],
} as const satisfies RouteContract;

export const rateApplicationRoute = {
  method: 'POST',
  path: '/v1/applications/{applicationId}/feedback',
  operationId: 'rateApplication',
  summary: 'Rate your experience (1 to 5, with an optional comment) once the application is approved, rejected or cancelled; once',
  tag: 'Feedback',
  access: ['citizen'],
  principal: 'linked',
  params: ApplicationIdParams,
  query: none,
  body: RatingBody,
  response: ApplicationFeedback,
  successStatus: 201,
  errorCodes: ['already_rated', 'application_not_ended', 'application_not_found'],
  errors: [404, 409],
} as const satisfies RouteContract;

export const feedbackSummaryRoute = {
  method: 'GET',
  path: '/v1/feedback/summary',
  operationId: 'feedbackSummary',
  summary: 'Satisfaction ratings per quarter (from, to: e.g. 2026-Q1; default the current quarter; at most 8), per service and owning agency',
  tag: 'Feedback',
  access: ['operator'],
  principal: 'linked',
  query: FeedbackSummaryQuery,
  response: FeedbackSummary,
  successStatus: 200,
  errorCodes: ['quarter_range'],
} as const satisfies RouteContract;

export const fileComplaintRoute = {
  method: 'POST',
  path: '/v1/complaints',
  operationId: 'fileComplaint',
  summary:
    'File a complaint. Its category sets how long the agency has to resolve it before the e-Government Unit takes it over: digital services 48 h; delay, fees 72 h; quality, conduct 120 h; other 168 h',
  tag: 'Complaints',
  access: ['citizen'],
  principal: 'linked',
  query: none,
  body: FileComplaintBody,
  response: Complaint,
  successStatus: 201,
  errorCodes: ['agency_not_involved', 'application_not_found', 'unknown_agency'],
  errors: [404, 422],
} as const satisfies RouteContract;

export const listMyComplaintsRoute = {
  method: 'GET',
  path: '/v1/me/complaints',
  operationId: 'listMyComplaints',
  summary: 'Your complaints, newest first, with the answers',
  tag: 'Complaints',
  access: ['citizen'],
  principal: 'linked',
  query: MyComplaintsQuery,
  response: ComplaintPage,
  successStatus: 200,
  errorCodes: ['invalid_cursor'],
} as const satisfies RouteContract;

export const complaintQueueRoute = {
  method: 'GET',
  path: '/v1/complaints',
  operationId: 'complaintQueue',
  summary: "Complaints to answer, newest first: officers their agency's; operators the e-Government Unit's, or an agency's",
  tag: 'Complaints',
  access: ['officer', 'operator'],
  principal: 'linked',
  query: ComplaintQueueQuery,
  response: ComplaintQueuePage,
  successStatus: 200,
  errorCodes: ['invalid_cursor'],
} as const satisfies RouteContract;

export const getComplaintRoute = {
  method: 'GET',
  path: '/v1/complaints/{complaintId}',
  operationId: 'getComplaint',
  summary: "A complaint with its answers (the complainant, the agency's officers, operators); staff reads go on the complainant's audit trail",
  tag: 'Complaints',
  access: ['citizen', 'officer', 'operator'],
  principal: 'linked',
  params: ComplaintIdParams,
  query: none,
  response: Complaint,
  successStatus: 200,
  errorCodes: ['complaint_not_found'],
  errors: [404],
} as const satisfies RouteContract;

export const respondToComplaintRoute = {
  method: 'POST',
  path: '/v1/complaints/{complaintId}/responses',
  operationId: 'respondToComplaint',
  summary: "Answer a complaint your agency handles (operators: one the e-Government Unit handles), moving it to in-progress or resolved",
  tag: 'Complaints',
  access: ['officer', 'operator'],
  principal: 'linked',
  params: ComplaintIdParams,
  query: none,
  body: ComplaintResponseBody,
  response: Complaint,
  successStatus: 200,
  errorCodes: ['complaint_changed', 'complaint_not_found', 'complaint_not_open', 'too_many_responses'],
  errors: [404, 409],
} as const satisfies RouteContract;

export const rateComplaintRoute = {
  method: 'POST',
  path: '/v1/complaints/{complaintId}/rating',
  operationId: 'rateComplaintResolution',
  summary: 'Rate how your resolved complaint was handled (1 to 5); this closes it',
  tag: 'Complaints',
  access: ['citizen'],
  principal: 'linked',
  params: ComplaintIdParams,
  query: none,
  body: RatingBody,
  response: Complaint,
  successStatus: 200,
  errorCodes: ['already_rated', 'complaint_changed', 'complaint_not_found', 'complaint_not_resolved'],
  errors: [404, 409],
} as const satisfies RouteContract;

export const engagementCapabilities: readonly Capability[] = [
  {
    id: 'list-my-notifications',
    entry: 'functions/notifications/list-my-notifications.ts',
    route: listMyNotificationsRoute,
    tables: { engagement: 'read', registry: 'read' },
  },
  {
    id: 'mark-notification-read',
    entry: 'functions/notifications/mark-notification-read.ts',
    route: markNotificationReadRoute,
    tables: { engagement: 'readwrite', registry: 'read' },
  },
  {
    id: 'get-notification-preferences',
    entry: 'functions/notifications/get-preferences.ts',
    route: getNotificationPreferencesRoute,
    tables: { engagement: 'read', registry: 'read' },
  },
  {
    id: 'put-notification-preferences',
    entry: 'functions/notifications/put-preferences.ts',
    route: putNotificationPreferencesRoute,
    tables: { engagement: 'readwrite', registry: 'read' },
  },
  {
    id: 'list-notification-deliveries',
    entry: 'functions/notifications/list-deliveries.ts',
    route: listNotificationDeliveriesRoute,
    tables: { engagement: 'read', registry: 'read' },
  },
  {
    id: 'rate-application',
    entry: 'functions/feedback/rate-application.ts',
    route: rateApplicationRoute,
    tables: { engagement: 'readwrite', applications: 'read', catalogue: 'read', registry: 'read' },
  },
  {
    id: 'feedback-summary',
    entry: 'functions/feedback/feedback-summary.ts',
    route: feedbackSummaryRoute,
    tables: { engagement: 'read', registry: 'read' },
  },
  {
    id: 'file-complaint',
    entry: 'functions/complaints/file-complaint.ts',
    route: fileComplaintRoute,
    tables: { engagement: 'readwrite', applications: 'read', catalogue: 'read', registry: 'read' },
  },
  {
    id: 'list-my-complaints',
    entry: 'functions/complaints/list-my-complaints.ts',
    route: listMyComplaintsRoute,
    tables: { engagement: 'read', registry: 'read' },
  },
  {
    id: 'complaint-queue',
    entry: 'functions/complaints/complaint-queue.ts',
    route: complaintQueueRoute,
    tables: { engagement: 'read', registry: 'read' },
  },
  {
    id: 'get-complaint',
    entry: 'functions/complaints/get-complaint.ts',
    route: getComplaintRoute,
    tables: { engagement: 'read', registry: 'read', audit: 'append' },
  },
  {
    id: 'respond-to-complaint',
    entry: 'functions/complaints/respond-to-complaint.ts',
    route: respondToComplaintRoute,
    tables: { engagement: 'readwrite', registry: 'read', audit: 'append' },
  },
  {
    id: 'rate-complaint-resolution',
    entry: 'functions/complaints/rate-complaint.ts',
    route: rateComplaintRoute,
    tables: { engagement: 'readwrite', registry: 'read' },
  },
];
