// Public consultations and e-surveys: staff of the agency (or the e-Government Unit's operators) publish them;
// signed-in people comment once each and revise until the close, or answer a survey once; moderation hides a
// comment with a reason (never deletes it) and is audited; after the close the agency publishes its response
// and a survey's results become public. Dates are Amman calendar days, both ends included. No AWS types.
import { ulid } from 'ulid';
import type { AnswersBody, Consultation, ConsultationBody, PublicComment, SurveyQuestion } from '../../../schemas/consultations';
import { ammanDate } from '../../shared/amman-time';
import { BadRequest, Conflict, Forbidden, HttpError, NotFound } from '../../shared/errors';
import type { Principal } from '../../shared/identity';

export interface StoredConsultation extends ConsultationBody {
  readonly consultationId: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly response?: Consultation['response'];
}

export interface StoredComment extends PublicComment {
  readonly author: string;
}

export interface ConsultationStore {
  create(consultation: StoredConsultation): Promise<void>;
  get(consultationId: string): Promise<{ consultation: StoredConsultation; comments: number; results: Record<string, number> } | undefined>;
  list(limit: number, after?: string): Promise<{ items: StoredConsultation[]; last?: string }>;
  comment(consultationId: string, author: string): Promise<StoredComment | undefined>;
  /** Writes a new comment (false if the author has one) or replaces the text of theirs. */
  putComment(consultationId: string, comment: StoredComment, isNew: boolean): Promise<boolean>;
  comments(consultationId: string, limit: number, after?: string): Promise<{ items: StoredComment[]; last?: string }>;
  commentById(consultationId: string, commentId: string): Promise<StoredComment | undefined>;
  hide(consultationId: string, author: string, hidden: NonNullable<PublicComment['hidden']>): Promise<void>;
  /** Sets the response unless one exists (false then). */
  respond(consultationId: string, response: NonNullable<Consultation['response']>): Promise<boolean>;
  /** Records one person's answers and adds them to the results, once (false if they answered before). */
  answer(consultationId: string, author: string, counters: Record<string, number>, at: string): Promise<boolean>;
}

export interface ConsultationDeps {
  readonly store: ConsultationStore;
  agencyExists(agencyId: string): Promise<boolean>;
  readonly audit: { append(entry: { subject: string; action: 'consultation.moderate'; at: string; actor: { id: string; role: string; agencyId?: string }; fields: string[]; purpose: string }): Promise<void> };
  readonly now: () => Date;
}

export function statusOf(consultation: Pick<StoredConsultation, 'opensOn' | 'closesOn'>, now: Date): Consultation['status'] {
  const today = ammanDate(now);
  return today < consultation.opensOn ? 'upcoming' : today > consultation.closesOn ? 'closed' : 'open';
}

const authorOf = (principal: Principal) => `${principal.subject!.kind}:${principal.subject!.recordId}`;

function mayManage(principal: Principal, agencyId: string): boolean {
  return principal.role === 'operator' || (principal.role === 'officer' && principal.agencyId === agencyId);
}

async function found(deps: ConsultationDeps, consultationId: string) {
  const stored = await deps.store.get(consultationId);
  if (!stored) {
    throw new NotFound('consultation_not_found', `No consultation ${consultationId}`);
  }
  return stored;
}

export async function createConsultation(deps: ConsultationDeps, principal: Principal, body: ConsultationBody): Promise<Consultation> {
  if (!mayManage(principal, body.agencyId)) {
    throw new Forbidden('Officers publish consultations of their own agency');
  }
  if (body.closesOn < body.opensOn || body.closesOn < ammanDate(deps.now())) {
    throw new BadRequest('consultation_dates', 'closesOn must not be before opensOn, nor in the past', { opensOn: body.opensOn, closesOn: body.closesOn });
  }
  if ((body.kind === 'survey') !== (body.questions !== undefined) || new Set(body.questions?.map((question) => question.questionId)).size !== (body.questions?.length ?? 0)) {
    throw new BadRequest('survey_questions', 'A survey has questions (with distinct ids), and only a survey has them', { kind: body.kind });
  }
  if (!(await deps.agencyExists(body.agencyId))) {
    throw new HttpError(422, 'unknown_agency', `No agency ${body.agencyId}`, { agencyId: body.agencyId });
  }
  const consultation: StoredConsultation = { ...body, consultationId: ulid(), createdAt: deps.now().toISOString(), createdBy: principal.sub };
  await deps.store.create(consultation);
  return view(consultation, 0, {}, deps.now());
}

/** The public view; a survey's results once it has closed. */
export function view(consultation: StoredConsultation, comments: number, results: Record<string, number>, now: Date): Consultation {
  const { createdBy: _createdBy, ...rest } = consultation;
  const status = statusOf(consultation, now);
  return {
    ...rest,
    status,
    comments,
    ...(consultation.questions ? { respondents: results.respondents ?? 0 } : {}),
    ...(consultation.questions && status === 'closed' ? { results: consultation.questions.map((question) => resultOf(question, results)) } : {}),
  };
}

function resultOf(question: SurveyQuestion, results: Record<string, number>) {
  const count = (key: string) => results[`${question.questionId}#${key}`] ?? 0;
  const answers = count('answers');
  if (question.type === 'free-text') {
    return { questionId: question.questionId, answers };
  }
  const values = question.type === 'scale' ? ['1', '2', '3', '4', '5'] : question.options.map((option) => option.value);
  const counts = Object.fromEntries(values.map((value) => [value, count(value)]));
  return {
    questionId: question.questionId,
    answers,
    counts,
    ...(question.type === 'scale' ? { mean: answers > 0 ? Math.round((count('sum') / answers) * 100) / 100 : null } : {}),
  };
}

export async function getConsultation(deps: ConsultationDeps, consultationId: string): Promise<Consultation> {
  const { consultation, comments, results } = await found(deps, consultationId);
  return view(consultation, comments, results, deps.now());
}

function requireOpen(consultation: StoredConsultation, now: Date): void {
  const status = statusOf(consultation, now);
  if (status === 'closed') {
    throw new Conflict('consultation_closed', `The consultation closed on ${consultation.closesOn}`, { closesOn: consultation.closesOn });
  }
  if (status === 'upcoming') {
    throw new Conflict('consultation_not_open', `The consultation opens on ${consultation.opensOn}`, { opensOn: consultation.opensOn });
  }
}

/** Comments once, or revises their comment, while the consultation is open. */
export async function putMyComment(deps: ConsultationDeps, principal: Principal, consultationId: string, text: string): Promise<{ comment: PublicComment; created: boolean }> {
  const { consultation } = await found(deps, consultationId);
  requireOpen(consultation, deps.now());
  const author = authorOf(principal);
  const existing = await deps.store.comment(consultationId, author);
  if (existing?.hidden) {
    throw new Conflict('comment_hidden', 'Your comment was hidden by moderation and can no longer be revised', { reason: existing.hidden.reason });
  }
  const at = deps.now().toISOString();
  const comment: StoredComment = existing
    ? { ...existing, text, updatedAt: at, revisions: existing.revisions + 1 }
    : { commentId: ulid(), author, text, createdAt: at, updatedAt: at, revisions: 0 };
  if (!(await deps.store.putComment(consultationId, comment, !existing))) {
    throw new Conflict('comment_changed', 'Your comment was written meanwhile: send it again');
  }
  return { comment: publicComment(comment), created: !existing };
}

export function publicComment(comment: StoredComment): PublicComment {
  const { author: _author, text, ...rest } = comment;
  return comment.hidden ? rest : { ...rest, text };
}

export async function listComments(deps: ConsultationDeps, consultationId: string, limit: number, after?: string) {
  await found(deps, consultationId);
  const page = await deps.store.comments(consultationId, limit, after);
  return { items: page.items.map(publicComment), last: page.last };
}

export async function hideComment(deps: ConsultationDeps, principal: Principal, consultationId: string, commentId: string, reason: string): Promise<PublicComment> {
  const { consultation } = await found(deps, consultationId);
  if (!mayManage(principal, consultation.agencyId)) {
    throw new Forbidden('Only the agency that published the consultation, or operators, moderate it');
  }
  const comment = await deps.store.commentById(consultationId, commentId);
  if (!comment) {
    throw new NotFound('comment_not_found', `No comment ${commentId} on consultation ${consultationId}`);
  }
  if (comment.hidden) {
    return publicComment(comment);
  }
  const hidden = { reason, at: deps.now().toISOString() };
  await deps.audit.append({
    subject: `consultation:${consultationId}`,
    action: 'consultation.moderate',
    at: hidden.at,
    actor: { id: principal.sub, role: principal.role, ...(principal.agencyId ? { agencyId: principal.agencyId } : {}) },
    fields: [`comment:${commentId}`],
    purpose: reason,
  });
  await deps.store.hide(consultationId, comment.author, hidden);
  return publicComment({ ...comment, hidden });
}

export async function publishResponse(deps: ConsultationDeps, principal: Principal, consultationId: string, text: { ar: string; en: string }): Promise<Consultation> {
  const { consultation, comments, results } = await found(deps, consultationId);
  if (!mayManage(principal, consultation.agencyId)) {
    throw new Forbidden('Only the agency that published the consultation, or operators, respond to it');
  }
  if (statusOf(consultation, deps.now()) !== 'closed') {
    throw new Conflict('consultation_not_closed', `The response is published once the consultation has closed (${consultation.closesOn})`, { closesOn: consultation.closesOn });
  }
  const response = { text, publishedAt: deps.now().toISOString() };
  if (!(await deps.store.respond(consultationId, response))) {
    throw new Conflict('response_published', 'The agency has already published its response');
  }
  return view({ ...consultation, response }, comments, results, deps.now());
}

/** The result counters one person's answers add: every question answered, each answer valid for its question. */
export function answerCounters(questions: readonly SurveyQuestion[], answers: AnswersBody['answers']): Record<string, number> {
  const invalid = (questionId: string, why: string) => new BadRequest('invalid_answers', `${questionId}: ${why}`, { questionId });
  const unknown = Object.keys(answers).filter((questionId) => !questions.some((question) => question.questionId === questionId));
  if (unknown.length) {
    throw invalid(unknown[0]!, 'no such question');
  }
  const counters: Record<string, number> = { respondents: 1 };
  for (const question of questions) {
    const answer = answers[question.questionId];
    if (answer === undefined) {
      throw invalid(question.questionId, 'every question needs an answer');
    }
    const id = question.questionId;
    if (question.type === 'free-text') {
      if (typeof answer !== 'string') throw invalid(id, 'must be text');
    } else if (question.type === 'scale') {
      if (typeof answer !== 'number' || answer < 1 || answer > 5) throw invalid(id, 'must be a whole number from 1 to 5');
      Object.assign(counters, { [`${id}#${answer}`]: 1, [`${id}#sum`]: answer });
    } else {
      if (typeof answer !== 'string' || !question.options.some((option) => option.value === answer)) throw invalid(id, 'must be one of the options');
      counters[`${id}#${answer}`] = 1;
    }
    counters[`${id}#answers`] = 1;
  }
  return counters;
}

export async function answerSurvey(deps: ConsultationDeps, principal: Principal, consultationId: string, body: AnswersBody) {
  const { consultation } = await found(deps, consultationId);
  if (!consultation.questions) {
    throw new Conflict('not_a_survey', 'This consultation takes comments, not answers');
  }
  requireOpen(consultation, deps.now());
  const at = deps.now().toISOString();
  if (!(await deps.store.answer(consultationId, authorOf(principal), answerCounters(consultation.questions, body.answers), at))) {
    throw new Conflict('already_answered', 'You have already answered this survey');
  }
  return { consultationId, at };
}
