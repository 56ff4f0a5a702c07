// E-participation: public consultations on laws, policies, strategies and service redesigns, and e-surveys.
import * as z from 'zod/mini';
import { Cursor, freeText, localizedText, PageLimit, Slug } from './common';
import { AgencyId } from './services';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

export const consultationKinds = ['law', 'policy', 'strategy', 'service-redesign', 'survey'] as const;
export const consultationStatuses = ['upcoming', 'open', 'closed'] as const;
const CalendarDate = schema(() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')));
export const ConsultationId = schema(() => z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a consultation id')));

export const SurveyQuestion = schema(() => z.discriminatedUnion('type', [
  z.strictObject({
    questionId: Slug,
    type: z.literal('single-choice'),
    text: localizedText(500),
    options: z.array(z.strictObject({ value: Slug, label: localizedText(200) })).check(z.minLength(2), z.maxLength(10)),
  }),
  /** 1 (strongly disagree, very dissatisfied) to 5. */
  z.strictObject({ questionId: Slug, type: z.literal('scale'), text: localizedText(500) }),
  z.strictObject({ questionId: Slug, type: z.literal('free-text'), text: localizedText(500) }),
]));
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

export const ConsultationBody = schema(() => z
  .strictObject({
    kind: z.enum(consultationKinds),
    agencyId: AgencyId,
    title: localizedText(200),
    description: localizedText(8000),
    /** Amman dates, both included. */
    opensOn: CalendarDate,
    closesOn: CalendarDate,
    /** A survey's questions (and only a survey's). */
    questions: z.optional(z.array(SurveyQuestion).check(z.minLength(1), z.maxLength(20))),
  })
  .register(z.globalRegistry, { id: 'ConsultationBody', description: 'A consultation (or, with questions, an e-survey) an agency puts to the public' }));
export type ConsultationBody = z.infer<typeof ConsultationBody>;

const QuestionResult = schema(() => z.strictObject({
  questionId: z.string(),
  answers: z.number(),
  /** single-choice: answers per option; scale: answers per value 1-5. */
  counts: z.optional(z.record(z.string(), z.number())),
  mean: z.optional(z.nullable(z.number())),
}));

export const Consultation = schema(() => z
  .extend(ConsultationBody, {
    consultationId: z.string(),
    status: z.enum(consultationStatuses),
    createdAt: z.string(),
    comments: z.number(),
    respondents: z.optional(z.number()),
    response: z.optional(z.strictObject({ text: localizedText(8000), publishedAt: z.string() })),
    /** A survey's results, public once it has closed. */
    results: z.optional(z.array(QuestionResult)),
  })
  .register(z.globalRegistry, { id: 'Consultation' }));
export type Consultation = z.infer<typeof Consultation>;

export const ConsultationPage = schema(() => z.strictObject({ items: z.array(Consultation), nextCursor: z.optional(z.string()) }).register(z.globalRegistry, { id: 'ConsultationPage' }));
export const ConsultationsQuery = schema(() => z.strictObject({ status: z.optional(z.enum(consultationStatuses)), cursor: z.optional(Cursor), limit: z.optional(PageLimit) }));
export const ConsultationParams = schema(() => z.strictObject({ consultationId: ConsultationId }));
export const CommentParams = schema(() => z.strictObject({ consultationId: ConsultationId, commentId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a comment id')) }));

export const CommentBody = schema(() => z.strictObject({ text: freeText(1, 4000) }).register(z.globalRegistry, { id: 'CommentBody', description: 'Your comment; sent again, it replaces your earlier one until the consultation closes' }));
export const PublicComment = schema(() => z
  .strictObject({
    commentId: z.string(),
    /** Absent when hidden by moderation. */
    text: z.optional(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    revisions: z.number(),
    hidden: z.optional(z.strictObject({ reason: z.string(), at: z.string() })),
  })
  .register(z.globalRegistry, { id: 'PublicComment' }));
export type PublicComment = z.infer<typeof PublicComment>;
export const CommentPage = schema(() => z.strictObject({ items: z.array(PublicComment), nextCursor: z.optional(z.string()) }).register(z.globalRegistry, { id: 'CommentPage' }));
export const CommentsQuery = schema(() => z.strictObject({ cursor: z.optional(Cursor), limit: z.optional(PageLimit) }));
export const HideBody = schema(() => z.strictObject({ reason: freeText(3, 500) }).register(z.globalRegistry, { id: 'HideBody', description: 'Why the comment is hidden: shown in its place' }));
export const ResponseBody = schema(() => z
  .strictObject({ text: localizedText(8000) })
  .register(z.globalRegistry, { id: 'ConsultationResponse', description: "The agency's response to what it heard, once the consultation has closed" }));
export const AnswersBody = schema(() => z
  .strictObject({ answers: z.record(Slug, z.union([z.string().check(z.minLength(1), z.maxLength(2000)), z.int()])) })
  .register(z.globalRegistry, { id: 'SurveyAnswers', description: 'One answer per question id: an option value, a scale value 1-5, or free text' }));
export type AnswersBody = z.infer<typeof AnswersBody>;
export const Receipt = schema(() => z.strictObject({ consultationId: z.string(), at: z.string() }).register(z.globalRegistry, { id: 'SurveyReceipt' }));
