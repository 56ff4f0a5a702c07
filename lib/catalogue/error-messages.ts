// Every error code's message in Arabic and English. The `code` a client branches on never changes; the
// `message` a person reads follows the request's Accept-Language (Arabic when absent: the platform's
// default language). English answers keep the handler's own sentence, which names the thing refused;
// Arabic answers use the sentence below, filled from the error's `details` ({name} placeholders).
// tsc fails if a code in the registry has no messages here; test/unit/error-messages.test.ts checks that
// every Arabic sentence is Arabic and every placeholder is one the code's details can carry.
import type { ErrorCode } from './error-codes';

export type Language = 'ar' | 'en';
export interface Localized {
  readonly ar: string;
  readonly en: string;
}

export const errorMessages = {
  validation_failed: { ar: 'بعض المدخلات غير صحيحة؛ راجع التفاصيل', en: 'Some input is not valid; see the details' },
  missing_body: { ar: 'يجب إرسال محتوى الطلب بصيغة JSON', en: 'A JSON request body is required' },
  invalid_json: { ar: 'محتوى الطلب ليس بصيغة JSON صحيحة', en: 'The request body is not valid JSON' },
  unauthorized: { ar: 'يلزم تسجيل الدخول برمز وصول صالح', en: 'A valid bearer token is required' },
  forbidden: { ar: 'لا تملك صلاحية تنفيذ هذه العملية', en: 'You are not allowed to do this' },
  payload_too_large: { ar: 'حجم الطلب يتجاوز الحد المسموح ({limitBytes} بايت)', en: 'The request body is too large' },
  unsupported_media_type: { ar: 'يجب أن يكون محتوى الطلب بصيغة application/json', en: 'The request body must be application/json' },
  internal_error: { ar: 'حدث خطأ لدينا وتم تسجيله؛ حاول مرة أخرى لاحقاً', en: 'Something went wrong on our side; it has been logged' },
  too_many_requests: { ar: 'طلبات كثيرة من شبكتك؛ حاول مرة أخرى بعد {retryAfterSeconds} ثانية', en: 'Too many requests; try again later' },
  route_not_found: { ar: 'لا توجد عملية بهذا المسار؛ راجع ‎/openapi.json', en: 'No operation has this path; see /openapi.json' },
  method_not_allowed: { ar: 'هذه الطريقة غير مسموحة على هذا المسار', en: 'This method is not allowed on this path' },
  invalid_cursor: { ar: 'مؤشر الصفحة غير صالح أو يخص استعلاماً آخر؛ ابدأ من جديد دونه', en: 'The cursor is malformed or belongs to another query' },
  idempotency_key_required: {
    ar: 'أرسل الترويسة Idempotency-Key: من 8 إلى 64 حرفاً أو رقماً أو - أو _',
    en: 'Send an Idempotency-Key header: 8 to 64 letters, digits, - or _',
  },
  idempotency_key_reused: { ar: 'استُخدم مفتاح Idempotency-Key هذا لطلب مختلف؛ استخدم مفتاحاً جديداً', en: 'This Idempotency-Key was used for a different request' },
  submission_in_progress: { ar: 'طلب بهذا المفتاح ما زال قيد المعالجة؛ أعد المحاولة بعد قليل', en: 'A request with this Idempotency-Key is still being processed' },
  invalid_service_card: { ar: 'بطاقة الخدمة غير متسقة؛ راجع التفاصيل', en: 'The service card is inconsistent' },
  service_not_found: { ar: 'الخدمة غير موجودة', en: 'No such service' },
  version_not_found: { ar: 'هذه النسخة غير موجودة', en: 'No such version' },
  stale_version: {
    ar: 'تم تعديل السجل بعد قراءتك له (النسخة الحالية {currentVersion})؛ أعد تحميله ثم كرر التعديل',
    en: 'Someone changed it since you read it; reload and apply your change again',
  },
  calendar_not_found: { ar: 'لم يُحمَّل تقويم العمل الحكومي بعد', en: 'No working calendar has been loaded' },
  duplicate_holiday: { ar: 'تاريخ مكرر في جدول العطل: {dates}', en: 'A date appears twice in the holiday table' },
  invalid_period: { ar: 'فترة رمضان تنتهي قبل أن تبدأ', en: 'A Ramadan period ends before it starts' },
  stage_transition_not_allowed: { ar: 'لا يمكن نقل الخدمة إلى هذه المرحلة من مرحلتها الحالية', en: 'The service cannot move to that lifecycle stage from its current one' },
  agency_required: { ar: 'المعامل agencyRole يتطلب المعامل agency أيضاً', en: 'agencyRole narrows agency=: give both' },
  identifier_required: { ar: 'أدخل الرقم الوطني (للمواطنين) أو رقم الإقامة (للمقيمين)، وليس كليهما', en: 'Give exactly one of nationalNumber or permitNumber' },
  business_link_for_citizens: { ar: 'يسجّل ممثلو المنشآت باستخدام الرقم الوطني', en: 'Business representatives sign up with their national number' },
  invalid_code: { ar: 'الرمز غير صحيح أو انتهت صلاحيته', en: 'The code is wrong or has expired' },
  too_many_attempts: { ar: 'محاولات كثيرة؛ انتظر {retryAfterSeconds} ثانية ثم حاول مرة أخرى', en: 'Too many attempts; wait, then try again' },
  agency_scope: { ar: 'الموظفون في الجهات الحكومية فقط يُسند إليهم رمز جهة', en: 'Officers, and only officers, carry an agencyId' },
  service_centre_scope: { ar: 'موظفو مراكز الخدمة فقط يُسند إليهم رمز مركز خدمة', en: 'Frontline staff, and only they, carry a serviceCentreId' },
  key_field_immutable: { ar: 'الحقل {field} يعرّف السجل ولا يمكن تغييره', en: 'The identifying field cannot change' },
  grantee_required: { ar: 'حدد جهة حكومية أو مركز خدمة واحداً فقط', en: 'Give exactly one of agencyId or serviceCentreId' },
  unknown_fields: { ar: 'حقول غير موجودة في السجل: {unknownFields}', en: 'The record has no such field' },
  internal_fields: { ar: 'هذه الحقول داخلية ولا تُشارك بموافقة: {fields}', en: 'Internal fields cannot be shared by consent' },
  invalid_expiry: { ar: 'تاريخ الانتهاء يجب أن يكون تاريخاً صحيحاً بين {earliest} و{latest}', en: 'expiresAt must be a real date within the allowed range' },
  owner_needs_no_consent: { ar: 'الجهة المالكة للسجل لا تحتاج إلى موافقة', en: 'The agency that keeps this record needs no consent' },
  account_not_linked: {
    ar: 'هذا الحساب غير مرتبط بالسجل الوطني؛ سجّل عبر خدمة أو راجع مشغّل المنصة',
    en: 'This account is not linked to the national registry',
  },
  mfa_enrolment_required: { ar: 'يجب على حسابات الموظفين تفعيل تطبيق المصادقة أولاً', en: 'Staff accounts must enrol an authenticator app first' },
  consent_required: { ar: 'لا توجد موافقة سارية من المواطن تغطي هذه الحقول لهذا الغرض', en: 'No active consent of the citizen covers these fields for this purpose' },
  no_registry_profile: { ar: 'حسابات الموظفين ليس لها ملف في السجل الوطني', en: 'Staff accounts have no registry profile' },
  record_not_found: { ar: 'السجل غير موجود', en: 'No such record' },
  consent_not_found: { ar: 'الموافقة غير موجودة', en: 'No such consent' },
  already_registered: { ar: 'يوجد حساب لهذا الشخص؛ سجّل الدخول أو أعد تعيين كلمة المرور', en: 'An account already exists for this person' },
  username_taken: { ar: 'اسم المستخدم محجوز', en: 'The username is taken' },
  mfa_already_enrolled: { ar: 'تطبيق المصادقة مفعّل لهذا الحساب مسبقاً', en: 'An authenticator app is already enrolled for this account' },
  record_exists: { ar: 'يوجد سجل بهذا الرقم مسبقاً: {recordId}', en: 'A record with this number already exists' },
  identity_not_verified: { ar: 'تعذّر التحقق من الهوية: البيانات لا تطابق السجل الوطني', en: 'The identity could not be verified against the registry' },
  permit_expired: { ar: 'انتهت صلاحية الإقامة؛ جدّدها قبل التسجيل', en: 'The residence permit has expired' },
  not_a_representative: { ar: 'السجل لا يُدرجك مالكاً أو ممثلاً لهذه المنشأة', en: 'The registry does not list you as an owner or representative of that business' },
  unknown_agency: { ar: 'الجهة غير معروفة: {agencyId}', en: 'No such agency' },
  no_registry_record: { ar: 'لا يوجد لمقدم الطلب سجل وطني تُعبأ منه البيانات', en: 'The applicant has no registry record to prefill from' },
  on_behalf_of_staff_only: { ar: 'موظفو مراكز الخدمة وحدهم يقدمون الطلبات نيابة عن غيرهم', en: 'Only service-centre staff apply on behalf of someone' },
  on_behalf_of_required: { ar: 'حدد الرقم الوطني للمواطن الذي تخدمه (onBehalfOf.nationalNumber)', en: 'Service-centre staff name the citizen they serve' },
  assisted_channel: { ar: 'الطلبات التي يقدمها موظفو مراكز الخدمة تستخدم قناة مركز الخدمة', en: 'Applications made by service-centre staff use the service-centre channel' },
  reason_required: { ar: 'يجب ذكر سبب القرار', en: 'A reason is required' },
  question_required: { ar: 'يجب كتابة السؤال الموجّه لمقدم الطلب', en: 'A question for the applicant is required' },
  application_not_found: { ar: 'الطلب غير موجود أو لا يحق لك الاطلاع عليه', en: 'No such application that you may see' },
  task_not_found: { ar: 'المهمة غير موجودة في صندوق جهتك', en: "No such task in your agency's inbox" },
  step_not_open: { ar: 'هذه الخطوة تصل إلى صندوقك بعد اعتماد الخطوات السابقة', en: 'This step opens once the steps before it are approved' },
  life_event_not_found: { ar: 'مناسبة الحياة غير موجودة', en: 'No such life event' },
  bundle_not_found: { ar: 'حزمة الخدمات غير موجودة', en: 'No such bundle' },
  service_withdrawn: { ar: 'الخدمة لم تعد متاحة', en: 'The service no longer exists' },
  service_not_launched: { ar: 'الخدمة غير متاحة لتقديم الطلبات بعد (المرحلة الحالية: {lifecycleStage})', en: 'The service is not open for applications yet' },
  phase_not_open: {
    ar: 'تُتاح الخدمة مع مرحلة الإطلاق {rolloutPhase}{opensOn? بتاريخ {opensOn}|، ولم يُحدد موعدها بعد}',
    en: 'The service opens with a later rollout phase',
  },
  not_a_draft: { ar: 'الطلب لم يعد مسودة (حالته: {status})؛ لا تُعدَّل إلا المسودات', en: 'Only drafts change' },
  already_decided: { ar: 'صدر القرار في الطلب مسبقاً (حالته: {status})', en: 'The application is already decided' },
  application_closed: { ar: 'أُغلق الطلب؛ لا يوجد ما يُقرَّر', en: 'The application was closed; there is nothing to decide' },
  awaiting_applicant: { ar: 'لم يُجب مقدم الطلب على طلب المعلومات بعد', en: 'The applicant has not answered the request for information yet' },
  task_already_decided: { ar: 'صدر القرار في هذه المهمة مسبقاً', en: 'The task was already decided' },
  no_information_requested: { ar: 'لا توجد معلومات مطلوبة على هذا الطلب', en: 'Nobody is waiting for information on this application' },
  member_unavailable: { ar: 'إحدى خدمات هذه المناسبة غير متاحة في الدليل', en: 'A service of this life event is not in the catalogue' },
  quarter_range: { ar: 'يجب ألا يسبق تاريخ البداية تاريخ النهاية، وبحد أقصى ثمانية أرباع', en: 'from must not be after to, within the allowed number of quarters' },
  notification_not_found: { ar: 'الإشعار غير موجود في صندوقك', en: 'No such notification in your inbox' },
  complaint_not_found: { ar: 'الشكوى غير موجودة أو لا يحق لك الاطلاع عليها', en: 'No such complaint that you may see' },
  application_not_ended: { ar: 'يُقيَّم الطلب بعد الموافقة عليه أو رفضه أو إلغائه', en: 'Rate an application once it is approved, rejected or cancelled' },
  already_rated: { ar: 'قيّمت هذا مسبقاً؛ يُقيَّم مرة واحدة', en: 'You have rated this already' },
  complaint_changed: { ar: 'تغيّرت الشكوى أثناء ردّك؛ أعد تحميلها وحاول مجدداً', en: 'The complaint changed while you answered; reload it and try again' },
  complaint_not_open: { ar: 'الشكوى ليست مفتوحة (حالتها: {status})', en: 'The complaint is not open' },
  complaint_not_resolved: { ar: 'تُقيَّم الشكوى بعد حلّها (حالتها: {status})', en: 'Rate a complaint once it is resolved' },
  too_many_responses: { ar: 'بلغت الشكوى الحد الأقصى لعدد الردود', en: 'The complaint has the most answers it may take' },
  agency_not_involved: { ar: 'الجهة {agencyId} ليست طرفاً في هذا الطلب', en: 'That agency has no part in the application' },
} as const satisfies Record<ErrorCode, Localized>;

/** The Arabic sentence for a refusal (403 forbidden) names why, from the `reason` in its details. */
export const forbiddenReasons: Readonly<Record<string, Localized>> = {
  role: { ar: 'هذه العملية ليست متاحة لدورك', en: 'This operation is not for your role' },
  no_scope: { ar: 'الاطلاع على السجل الوطني لموظفي الجهات ومراكز الخدمة ضمن نطاقهم فقط', en: 'Only staff with a scope read the registry' },
  internal_fields: { ar: 'هذه الحقول تحتفظ بها الجهة المالكة وحدها: {fields}', en: 'Those fields are kept by the owning agency only' },
  consent_required: { ar: 'لا توجد موافقة سارية من المواطن تغطي هذه الحقول لهذا الغرض', en: 'No active consent covers these fields for this purpose' },
  not_your_agency: { ar: 'يطّلع الموظف على ما يخص جهته فقط', en: "Officers see their own agency's work only" },
  not_owning_agency: { ar: 'موظفو الجهة المالكة وحدهم ينشئون هذه السجلات ويعدلونها', en: 'Only officers of the owning agency change these records' },
  no_inbox: { ar: 'صناديق الإشعارات للمواطنين والموظفين والمشغّلين', en: 'Citizens, officers and operators have notification inboxes' },
  channel_not_offered: { ar: 'الخدمة غير متاحة عبر هذه القناة', en: 'The service is not offered on this channel' },
  not_eligible: { ar: 'الخدمة مخصصة لفئة أخرى من المستفيدين', en: 'The service is for other beneficiaries' },
  no_subject: { ar: 'ليس لحسابك سجل في السجل الوطني', en: 'Your account has no registry record' },
  not_applicant: { ar: 'مقدم الطلب وحده يملك هذه العملية', en: 'Only the applicant may do this' },
  not_handler: { ar: 'تتولى جهة أخرى معالجة هذه الشكوى ({handler})', en: 'Another party handles this complaint' },
  not_a_data_subject: { ar: 'يدير المواطنون والمقيمون الموافقات على بياناتهم فقط', en: 'Only citizens and residents manage consents to their own data' },
  not_your_record: { ar: 'يطّلع المواطن على سجلاته فقط', en: 'Citizens read only their own records' },
};

/**
 * The Arabic of each custom validation sentence the schemas give (the second argument of a regex or refine check); zod's own
 * sentences come from its Arabic locale. test/unit/error-messages.test.ts finds every custom sentence in
 * the source and fails when one has no Arabic here.
 */
export const validationMessages: Readonly<Record<string, string>> = {
  'from and to must differ': 'يجب أن تختلف بداية الفترة عن نهايتها',
  'from must be before to, within one day': 'يجب أن تسبق البداية النهاية ضمن اليوم نفسه',
  'must be 3-64 lowercase letters, digits, dots or hyphens': 'يجب أن يتكون من 3 إلى 64 حرفاً لاتينياً صغيراً أو رقماً أو نقطة أو شرطة',
  'must be 6 digits': 'يجب أن يتكون من 6 أرقام',
  'must be 6 to 10 digits': 'يجب أن يتكون من 6 إلى 10 أرقام',
  'must be 6 to 12 capital letters or digits': 'يجب أن يتكون من 6 إلى 12 حرفاً لاتينياً كبيراً أو رقماً',
  'must be <kind>:<recordId>, e.g. persons:9861012345': 'يجب أن يكون بالصيغة <النوع>:<الرقم>، مثل persons:9861012345',
  'must be HH:MM, 24-hour, Amman time': 'يجب أن يكون وقتاً بالصيغة HH:MM بنظام 24 ساعة بتوقيت عمّان',
  'must be a 10-digit Jordanian national number starting with 9 or 2': 'يجب أن يكون رقماً وطنياً أردنياً من 10 خانات يبدأ بـ 9 أو 2',
  'must be a 9-digit commercial registration number': 'يجب أن يكون رقم سجل تجاري من 9 خانات',
  'must be a Jordanian mobile number (077, 078 or 079), e.g. 0791234567 or +962791234567':
    'يجب أن يكون رقم هاتف متنقل أردنياً (077 أو 078 أو 079)، مثل 0791234567 أو ‎+962791234567',
  'must be a Jordanian plate number: a 1-2 digit code, a hyphen and up to 5 digits, e.g. 12-34567':
    'يجب أن يكون رقم لوحة أردنية: رمز من خانة أو خانتين ثم شرطة ثم حتى 5 أرقام، مثل 12-34567',
  'must be a bundle id': 'يجب أن يكون رقم حزمة خدمات صحيحاً',
  'must be a consent id': 'يجب أن يكون رقم موافقة صحيحاً',
  'must be a date YYYY-MM-DD': 'يجب أن يكون تاريخاً بالصيغة YYYY-MM-DD',
  'must be a field name': 'يجب أن يكون اسم حقل صحيحاً',
  'must be a kebab-case key': 'يجب أن يكون مفتاحاً من حروف لاتينية صغيرة وشرطات',
  'must be a national, permit or registration number': 'يجب أن يكون رقماً وطنياً أو رقم إقامة أو رقم سجل تجاري',
  'must be a quarter, e.g. 2026-Q2': 'يجب أن يكون ربعاً سنوياً، مثل 2026-Q2',
  'must be a real date YYYY-MM-DD': 'يجب أن يكون تاريخاً موجوداً بالصيغة YYYY-MM-DD',
  'must be a task id': 'يجب أن يكون رقم مهمة صحيحاً',
  'must be a time HH:mm': 'يجب أن يكون وقتاً بالصيغة HH:mm',
  'must be an ISO 3166 alpha-3 country code': 'يجب أن يكون رمز دولة من ثلاثة أحرف وفق ISO 3166',
  'must be an agency id': 'يجب أن يكون رمز جهة صحيحاً',
  'must be an application id': 'يجب أن يكون رقم طلب صحيحاً',
  'must be Arabic letters': 'يجب أن يتكون من حروف عربية',
  'must be Latin letters, spaces, hyphens or apostrophes': 'يجب أن يتكون من حروف لاتينية ومسافات وشرطات أو فواصل عليا',
  'must be an application id or its reference': 'يجب أن يكون رقم الطلب أو رمزه المرجعي',
  'must be an email address': 'يجب أن يكون عنوان بريد إلكتروني',
  'must be an opaque cursor': 'يجب أن يكون مؤشر صفحة صحيحاً',
  'must be lowercase letters, digits and single hyphens': 'يجب أن يتكون من حروف لاتينية صغيرة وأرقام وشرطات مفردة',
  'must be three capital letters and seven digits': 'يجب أن يتكون من ثلاثة أحرف لاتينية كبيرة وسبعة أرقام',
};
