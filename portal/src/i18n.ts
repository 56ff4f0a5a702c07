// Every text of the portal in Arabic (the default) and English; dates and numbers formatted for the language.
export type Lang = 'ar' | 'en';
export type Localized = { readonly ar: string; readonly en: string };

const texts = {
  appName: ['خدمة', 'Khidma'],
  tagline: ['بوابة الخدمات الحكومية الإلكترونية', 'Government e-services portal'],
  skip: ['انتقل إلى المحتوى', 'Skip to content'],
  switchLang: ['English', 'العربية'],
  switchLangLabel: ['Switch to English', 'التبديل إلى العربية'],
  navServices: ['الخدمات', 'Services'],
  navLifeEvents: ['مناسبات الحياة', 'Life events'],
  applyLifeEvent: ['قدّم لكل خدمات «{event}» بطلب واحد', 'Apply for all the services of "{event}" in one request'],
  partOfBundle: ['هذا الطلب جزء من طلب مناسبة حياة: تابع خدماته كلها', 'This application is part of a life-event request: follow all its services'],
  navMyApplications: ['طلباتي', 'My applications'],
  navNotifications: ['الإشعارات', 'Notifications'],
  navConsents: ['الموافقات', 'Consents'],
  navAccessLog: ['من اطّلع على بياناتي', 'Who read my data'],
  navInbox: ['صندوق المهام', 'Task inbox'],
  navOperator: ['إدارة الخدمات', 'Manage services'],
  navSignIn: ['تسجيل الدخول', 'Sign in'],
  navSignUp: ['إنشاء حساب', 'Sign up'],
  navSignOut: ['تسجيل الخروج', 'Sign out'],
  mainNav: ['القائمة الرئيسية', 'Main menu'],
  signedInAs: ['مسجّل الدخول باسم {name}', 'Signed in as {name}'],
  loading: ['جارٍ التحميل…', 'Loading…'],
  searchTitle: ['ابحث عن خدمة', 'Find a service'],
  searchLabel: ['كلمات البحث', 'Search words'],
  searchButton: ['بحث', 'Search'],
  agencyFilter: ['الجهة', 'Agency'],
  lifeEventFilter: ['مناسبة الحياة', 'Life event'],
  any: ['الكل', 'All'],
  results: ['{count} خدمة', '{count} services'],
  noResults: ['لا توجد خدمات مطابقة.', 'No service matches.'],
  fees: ['الرسوم', 'Fees'],
  feesLine: ['{amount} د.أ، خصم {discount} عند الدفع الإلكتروني: {payable} د.أ', '{amount} JOD; {discount} off when paid online: {payable} JOD'],
  free: ['مجانية', 'Free'],
  documents: ['الوثائق المطلوبة', 'Required documents'],
  noDocuments: ['لا وثائق مطلوبة.', 'No documents needed.'],
  optional: ['اختيارية', 'optional'],
  steps: ['خطوات الإنجاز', 'Steps'],
  expectedTime: ['مدة الإنجاز المتوقعة', 'Expected time'],
  feeOnly: ['{amount} د.أ', '{amount} JOD'],
  channels: ['قنوات التقديم', 'Channels'],
  prefillConsent: ['بيانات من السجلات الرسمية، بموافقتك رقم {ids}', 'Data from official registries, under your consent {ids}'],
  registryData: ['بيانات تُعبّأ من السجلات الرسمية بموافقتك', 'Data filled in from official registries, with your consent'],
  apply: ['قدّم الطلب', 'Apply'],
  signInToApply: ['سجّل الدخول للتقديم', 'Sign in to apply'],
  notOpen: ['هذه الخدمة غير متاحة للتقديم الإلكتروني بعد.', 'This service is not open for online applications yet.'],
  applyTitle: ['طلب: {service}', 'Application: {service}'],
  required: ['مطلوب', 'required'],
  submit: ['إرسال الطلب', 'Submit application'],
  saveDraft: ['حفظ كمسودة', 'Save as draft'],
  draftSaved: ['حُفظت المسودة. يمكنك إكمالها لاحقاً من أي جهاز.', 'Draft saved. You can finish it later from any device.'],
  resumeDraft: ['أكمل المسودة', 'Resume draft'],
  errorsTitle: ['يرجى تصحيح ما يلي:', 'Please correct the following:'],
  errRequired: ['حقل «{field}» مطلوب.', '"{field}" is required.'],
  errMaxLength: ['حقل «{field}» يجب ألا يتجاوز {max} حرفاً.', '"{field}" must be at most {max} characters.'],
  errNumber: ['حقل «{field}» يجب أن يكون رقماً.', '"{field}" must be a number.'],
  errDate: ['حقل «{field}» يجب أن يكون تاريخاً.', '"{field}" must be a date.'],
  yes: ['نعم', 'Yes'],
  no: ['لا', 'No'],
  choose: ['اختر…', 'Choose…'],
  submitted: ['أُرسل طلبك. رقم الطلب {id}.', 'Your application was submitted. Reference {id}.'],
  myApplications: ['طلباتي', 'My applications'],
  noApplications: ['لا طلبات بعد.', 'No applications yet.'],
  status: ['الحالة', 'Status'],
  created: ['تاريخ الإنشاء', 'Created'],
  expectedCompletion: ['الإنجاز المتوقع', 'Expected completion'],
  timeline: ['مسار الطلب', 'Timeline'],
  application: ['الطلب', 'Application'],
  reference: ['رقم الطلب', 'Reference'],
  cancel: ['إلغاء الطلب', 'Cancel application'],
  cancelReason: ['سبب الإلغاء (اختياري)', 'Reason for cancelling (optional)'],
  cancelled: ['أُلغي الطلب.', 'The application was cancelled.'],
  rate: ['قيّم الخدمة', 'Rate the service'],
  rating: ['التقييم من 1 إلى 5', 'Rating from 1 to 5'],
  comment: ['ملاحظة (اختيارية)', 'Comment (optional)'],
  sendRating: ['إرسال التقييم', 'Send rating'],
  thanksRating: ['شكراً لتقييمك.', 'Thank you for your rating.'],
  infoRequested: ['طلبت الجهة معلومات إضافية', 'The agency asked for more information'],
  yourAnswer: ['إجابتك', 'Your answer'],
  sendAnswer: ['إرسال الإجابة', 'Send answer'],
  answerSent: ['أُرسلت إجابتك.', 'Your answer was sent.'],
  outcome: ['النتيجة', 'Outcome'],
  document: ['الوثيقة الصادرة', 'Issued document'],
  signInTitle: ['تسجيل الدخول', 'Sign in'],
  username: ['اسم المستخدم أو الرقم الوطني', 'Username or national number'],
  password: ['كلمة المرور', 'Password'],
  mfaCode: ['رمز التحقق من تطبيق المصادقة', 'Code from your authenticator app'],
  continue: ['متابعة', 'Continue'],
  badCredentials: ['اسم المستخدم أو كلمة المرور غير صحيحة.', 'Wrong username or password.'],
  signUpTitle: ['إنشاء حساب', 'Create an account'],
  nationalNumber: ['الرقم الوطني', 'National number'],
  email: ['البريد الإلكتروني', 'Email'],
  phone: ['رقم الهاتف المحمول', 'Mobile number'],
  givenName: ['الاسم الأول', 'First name'],
  familyName: ['اسم العائلة', 'Family name'],
  signUpDone: ['أرسلنا رمز تأكيد إلى {to}. أدخله هنا.', 'We sent a confirmation code to {to}. Enter it here.'],
  confirmCode: ['رمز التأكيد', 'Confirmation code'],
  confirm: ['تأكيد', 'Confirm'],
  confirmed: ['تم تأكيد حسابك. سجّل الدخول الآن.', 'Your account is confirmed. Sign in now.'],
  notifications: ['الإشعارات', 'Notifications'],
  noNotifications: ['لا إشعارات.', 'No notifications.'],
  markRead: ['تعليم كمقروء', 'Mark as read'],
  consents: ['موافقاتي على مشاركة البيانات', 'My data-sharing consents'],
  noConsents: ['لا موافقات.', 'No consents.'],
  revoke: ['سحب الموافقة', 'Revoke consent'],
  revoked: ['سُحبت', 'revoked'],
  grantedTo: ['الجهة: {who}، الغرض: {purpose}', 'To: {who}; purpose: {purpose}'],
  until: ['حتى {date}', 'until {date}'],
  accessLog: ['من اطّلع على بياناتي', 'Who read my data'],
  noAccess: ['لم يطّلع أحد على بياناتك.', 'Nobody has read your data.'],
  readBy: ['{who} — {purpose}', '{who} — {purpose}'],
  inbox: ['صندوق مهام {agency}', 'Task inbox of {agency}'],
  noTasks: ['لا مهام.', 'No tasks.'],
  filterOpen: ['مفتوحة', 'Open'],
  filterInfo: ['بانتظار معلومات', 'Waiting for information'],
  filterDecided: ['مقررة', 'Decided'],
  due: ['تاريخ الاستحقاق', 'Due'],
  overdue: ['متأخرة', 'Overdue'],
  openTask: ['فتح المهمة', 'Open task'],
  task: ['المهمة', 'Task'],
  answers: ['إجابات مقدّم الطلب', "The applicant's answers"],
  prefill: ['بيانات السجل', 'Registry data'],
  note: ['ملاحظة', 'Note'],
  approve: ['موافقة', 'Approve'],
  reject: ['رفض', 'Reject'],
  requestInfo: ['طلب معلومات', 'Request information'],
  decided: ['سُجّل القرار.', 'The decision was recorded.'],
  noteRequired: ['الرفض وطلب المعلومات يحتاجان إلى ملاحظة.', 'A rejection or a request for information needs a note.'],
  operatorTitle: ['إدارة الخدمات', 'Manage services'],
  edit: ['تعديل', 'Edit'],
  editCard: ['تعديل بطاقة الخدمة: {service}', 'Edit service card: {service}'],
  nameAr: ['الاسم بالعربية', 'Name in Arabic'],
  nameEn: ['الاسم بالإنجليزية', 'Name in English'],
  descriptionAr: ['الوصف بالعربية', 'Description in Arabic'],
  descriptionEn: ['الوصف بالإنجليزية', 'Description in English'],
  feeAmount: ['الرسوم (د.أ)', 'Fee (JOD)'],
  save: ['حفظ نسخة جديدة', 'Save a new version'],
  savedVersion: ['حُفظت النسخة {version}.', 'Version {version} saved.'],
  conflict: ['حفظ شخص آخر نسخة أحدث ({version}) قبلك. أعد تحميل البطاقة وطبّق تعديلك عليها.', 'Someone else saved a newer version ({version}) first. Reload the card and apply your change to it.'],
  reload: ['إعادة التحميل', 'Reload'],
  stage: ['مرحلة دورة الحياة', 'Lifecycle stage'],
  changeStage: ['نقل إلى المرحلة', 'Move to stage'],
  stageChanged: ['نُقلت الخدمة إلى «{stage}».', 'The service moved to "{stage}".'],
  stageNotAllowed: ['لا يمكن الانتقال إلى هذه المرحلة الآن. المراحل التالية الممكنة: {stages}', 'The service cannot move to that stage now. Possible next stages: {stages}'],
  version: ['النسخة', 'Version'],
  feedback: ['ملخص التقييمات', 'Feedback summary'],
  taskNotYours: ['هذه المهمة ليست في صندوق مهام جهتك.', "This task is not in your agency's inbox."],
  forbidden: ['لا تملك صلاحية الوصول إلى هذه الصفحة.', 'You are not allowed to see this page.'],
  notFound: ['الصفحة غير موجودة.', 'Page not found.'],
  needSignIn: ['سجّل الدخول أولاً.', 'Sign in first.'],
  genericError: ['تعذّر إتمام العملية: {message}', 'Could not complete the action: {message}'],
  navComplaints: ['الشكاوى', 'Complaints'],
  complaints: ['شكاواي', 'My complaints'],
  agencyComplaints: ['الشكاوى الموجّهة إلى {agency}', 'Complaints addressed to {agency}'],
  noComplaints: ['لا شكاوى.', 'No complaints.'],
  fileComplaint: ['تقديم شكوى', 'File a complaint'],
  category: ['نوع الشكوى', 'Kind of complaint'],
  complaintText: ['نص الشكوى (10 أحرف على الأقل)', 'What happened (at least 10 characters)'],
  errComplaintShort: ['اكتب نص الشكوى في 10 أحرف على الأقل.', 'Write at least 10 characters about what happened.'],
  complaintFiled: ['استلمنا شكواك.', 'We received your complaint.'],
  complaint: ['شكوى', 'Complaint'],
  responses: ['الردود', 'Responses'],
  noResponses: ['لا ردود بعد.', 'No response yet.'],
  respond: ['إرسال الرد', 'Send response'],
  responseText: ['الرد', 'Response'],
  newStatus: ['الحالة بعد الرد', 'Status after the response'],
  responded: ['أُرسل الرد.', 'The response was sent.'],
  rateResolution: ['قيّم معالجة الشكوى', 'Rate how the complaint was handled'],
  back: ['رجوع', 'Back'],
  navPreferences: ['تفضيلات الإشعارات', 'Notification preferences'],
  prefLanguage: ['لغة الرسائل', 'Language of messages'],
  langArabic: ['العربية', 'Arabic'],
  langEnglish: ['الإنجليزية', 'English'],
  prefChannels: ['كيف نبلغك بكل نوع من الرسائل (تصلك كلها في صندوق الإشعارات أيضاً)', 'How each kind of message reaches you (all of them also reach your inbox)'],
  prefKind: ['نوع الرسالة', 'Kind of message'],
  sms: ['رسالة نصية', 'SMS'],
  catApplicationStatus: ['حالة طلباتي', 'Status of my applications'],
  catApplicationProgress: ['تقدّم طلباتي', 'Progress of my applications'],
  catActionRequired: ['مطلوب مني إجراء', 'Action needed from me'],
  catComplaints: ['شكاواي', 'My complaints'],
  quietHours: ['لا رسائل نصية ليلاً (إلا العاجلة)', 'No SMS at night (except urgent ones)'],
  quietFrom: ['من الساعة', 'From'],
  quietTo: ['حتى الساعة', 'Until'],
  savePreferences: ['حفظ التفضيلات', 'Save preferences'],
  preferencesSaved: ['حُفظت تفضيلاتك.', 'Your preferences are saved.'],
  grantTitle: ['منح جهة حكومية الاطلاع على بياناتي', 'Let a government agency read my data'],
  grantAgency: ['الجهة', 'Agency'],
  grantFields: ['البيانات التي تطّلع عليها', 'The data it may read'],
  grantPurpose: ['الغرض (تطّلع الجهة لهذا الغرض وحده)', 'Purpose (the agency reads it for this purpose only)'],
  grantUntil: ['حتى تاريخ (سنة على الأكثر)', 'Until (at most a year ahead)'],
  grantButton: ['منح الموافقة', 'Grant consent'],
  granted: ['مُنحت الموافقة.', 'Consent granted.'],
  navDocuments: ['وثائقي', 'My documents'],
  noDocumentsIssued: ['لا وثائق صادرة بعد.', 'No documents issued yet.'],
  documentHolder: ['صاحب الوثيقة: {name}', 'Holder: {name}'],
  documentValidity: ['صدرت {from}، صالحة حتى {until}', 'Issued {from}, valid until {until}'],
  documentStatusValid: ['سارية', 'Valid'],
  documentStatusRevoked: ['ملغاة', 'Revoked'],
  documentStatusExpired: ['منتهية', 'Expired'],
  downloadPdf: ['تنزيل نسخة PDF', 'Download PDF'],
  verifyLink: ['رابط التحقق العام', 'Public verification link'],
  applyingFor: ['مقدّم الطلب', 'Applying for'],
  applyingForMyself: ['نفسي', 'Myself'],
  applyingForBusiness: ['المنشأة: {name}', 'The business: {name}'],
  businessOnlyNone: ['هذه الخدمة للمنشآت، ولا يُدرجك السجل مالكاً أو مفوّضاً لأي منشأة.', 'This service is for businesses, and the registry lists you as the owner or representative of none.'],
  paymentDue: ['الرسوم المستحقة', 'Fee due'],
  billNumber: ['رقم الفاتورة', 'Bill number'],
  amountDue: ['المبلغ المستحق', 'Amount due'],
  payAtSubmission: ['لا تبدأ أي جهة العمل على طلبك قبل دفع الرسوم.', 'No agency starts work on your application until the fee is paid.'],
  payBeforeIssue: ['تُدفع الرسوم قبل إصدار الوثيقة.', 'The fee is paid before the document is issued.'],
  payNow: ['ادفع {amount} إلكترونياً', 'Pay {amount} online'],
  payAtBank: ['ادفع الفاتورة رقم {bill} عبر إي فواتيركم من أي بنك أو محفظة إلكترونية.', 'Pay bill {bill} through eFAWATEERcom at any bank or e-wallet.'],
  paymentConfirming: ['لم يصل إشعار الدفع بعد. حدّث الصفحة بعد لحظات.', 'The payment has not been confirmed yet. Refresh the page in a moment.'],
  paymentDone: ['تم الدفع. هذا إيصالك.', 'Paid. Here is your receipt.'],
  receipt: ['إيصال الدفع', 'Payment receipt'],
  receiptNumber: ['رقم الإيصال', 'Receipt number'],
  amountPaid: ['المبلغ المدفوع', 'Amount paid'],
  paidAt: ['تاريخ الدفع', 'Paid on'],
  transaction: ['رقم العملية', 'Transaction'],
  refundedAt: ['أُعيد المبلغ في', 'Refunded on'],
  printReceipt: ['طباعة الإيصال', 'Print receipt'],
  fileLimits: ['الأنواع المقبولة: {types}، بحجم {size} ميغابايت على الأكثر.', 'Accepted: {types}, at most {size} MB.'],
  fileKept: ['الملف المرفوع سابقاً محفوظ. اختر ملفاً آخر لاستبداله.', 'The file uploaded before is kept. Choose another to replace it.'],
  fileWrongType: ['نوع الملف غير مقبول لهذه الوثيقة.', 'This type of file is not accepted for this document.'],
  fileTooBig: ['الملف أكبر من الحجم المسموح.', 'The file is larger than allowed.'],
  fileUploading: ['جارٍ رفع الملف وفحصه…', 'Uploading and scanning the file…'],
  fileClean: ['رُفع الملف وفُحص: سليم.', 'File uploaded and scanned: clean.'],
  fileInfected: ['وجد الفحص برمجية خبيثة في الملف، فلن يُقبل. اختر ملفاً آخر.', 'The scan found malware in the file: it will not be accepted. Choose another file.'],
  fileScanSlow: ['لم ينتهِ فحص الملف بعد. أعد اختياره بعد قليل.', 'The scan has not finished yet. Choose the file again in a moment.'],
  fileFailed: ['تعذّر رفع الملف. أعد المحاولة.', 'The file could not be uploaded. Try again.'],
  smsCode: ['الرمز المرسل برسالة نصية إلى {to}', 'Code sent by SMS to {to}'],
  smsWrongCode: ['الرمز غير صحيح. أدخل الرمز الذي وصلك برسالة نصية.', 'The code is wrong. Enter the code we sent you by SMS.'],
  signInTimedOut: ['انتهت مهلة تسجيل الدخول. أدخل كلمة المرور مرة أخرى.', 'The sign-in timed out. Enter your password again.'],
  navSecurity: ['الأمان', 'Security'],
  mfaTitle: ['تطبيق المصادقة', 'Authenticator app'],
  mfaRequired: ['على الموظفين إعداد تطبيق مصادقة قبل استخدام البوابة.', 'Staff must set up an authenticator app before using the portal.'],
  mfaIntro: ['بعد الإعداد يطلب تسجيل الدخول رمزاً من التطبيق مع كلمة المرور.', 'Once set up, signing in asks for a code from the app as well as your password.'],
  mfaStart: ['إعداد تطبيق المصادقة', 'Set up an authenticator app'],
  mfaAlready: ['تطبيق المصادقة مُعدّ لحسابك.', 'An authenticator app is already set up for your account.'],
  mfaScan: ['أضف الحساب إلى تطبيق المصادقة بالرابط أو بالمفتاح، ثم أدخل الرمز الذي يعرضه.', 'Add the account to your authenticator app with the link or the key, then enter the code it shows.'],
  mfaOpenApp: ['فتح في تطبيق المصادقة', 'Open in the authenticator app'],
  mfaKey: ['المفتاح:', 'Key:'],
  mfaVerify: ['تأكيد الرمز', 'Verify code'],
  mfaWrongCode: ['الرمز غير صحيح أو انتهت صلاحيته. أدخل الرمز الحالي.', 'The code is wrong or has expired. Enter the current one.'],
  mfaEnabled: ['فُعّل تطبيق المصادقة. سيُطلب رمز منه عند كل تسجيل دخول.', 'The authenticator app is on. Every sign-in will ask for a code from it.'],
  navFeedback: ['رضا المتعاملين', 'Satisfaction'],
  navRollout: ['خطة الإطلاق', 'Rollout'],
  navKpis: ['مؤشرات الأداء', 'KPIs'],
  ratings: ['عدد التقييمات', 'Ratings'],
  average: ['المتوسط من 5', 'Average of 5'],
  noRatings: ['لا تقييمات.', 'No ratings.'],
  moveService: ['نقل خدمة إلى مرحلة أخرى', 'Move a service to another phase'],
  phase: ['المرحلة', 'Phase'],
  move: ['نقل', 'Move'],
  moved: ['نُقلت «{service}» إلى المرحلة {phase}.', '"{service}" moved to phase {phase}.'],
  phaseLine: ['المرحلة {phase}: تبدأ {date}', 'Phase {phase}: opens {date}'],
  phaseOpen: ['مفتوحة', 'open'],
  phaseReady: ['جاهزة', 'ready'],
  phaseNotReady: ['غير جاهزة', 'not ready'],
  annualTransactions: ['المعاملات السنوية', 'Annual transactions'],
  show: ['عرض', 'Show'],
  kpi: ['المؤشر', 'KPI'],
  total: ['المجموع', 'Total'],
  kpiSubmitted: ['الطلبات المقدّمة', 'Applications submitted'],
  kpiApproved: ['الطلبات المقبولة', 'Applications approved'],
  kpiWithinSla: ['المنجزة ضمن المدة', 'Completed within SLA'],
  kpiMedianMinutes: ['وسيط مدة الإنجاز (دقائق)', 'Median completion (minutes)'],
  kpiSelfService: ['نسبة الخدمة الذاتية', 'Self-service share'],
  kpiComplaints: ['شكاوى لكل 1000 طلب', 'Complaints per 1000 applications'],
  kpiVisitsAvoided: ['زيارات وُفّرت', 'Visits avoided'],
  kpiCostSaved: ['وفر حكومي (د.أ)', 'Government cost saved (JOD)'],
  targets: ['المستهدفات', 'Targets'],
  noTargets: ['لا مستهدفات.', 'No targets.'],
  target: ['المستهدف', 'Target'],
  actual: ['الفعلي', 'Actual'],
  targetMet: ['تحقق', 'Met'],
  targetBy: ['بحلول', 'By'],
  comparison: ['المقارنة', 'Comparison'],
  atLeast: ['على الأقل', 'At least'],
  atMost: ['على الأكثر', 'At most'],
  responsible: ['المسؤول', 'Responsible'],
  setTarget: ['حفظ المستهدف', 'Save target'],
  targetSaved: ['حُفظ المستهدف.', 'The target was saved.'],
  egovUnit: ['وحدة الحكومة الإلكترونية', 'the e-Government Unit'],
} as const satisfies Record<string, readonly [string, string]>;

export type TextKey = keyof typeof texts;

export const statusNames: Record<string, Localized> = {
  draft: { ar: 'مسودة', en: 'Draft' },
  submitted: { ar: 'مُرسل', en: 'Submitted' },
  'in-progress': { ar: 'قيد الإنجاز', en: 'In progress' },
  'info-requested': { ar: 'بانتظار معلومات منك', en: 'Waiting for your information' },
  approved: { ar: 'مقبول', en: 'Approved' },
  rejected: { ar: 'مرفوض', en: 'Rejected' },
  cancelled: { ar: 'ملغى', en: 'Cancelled' },
  pending: { ar: 'لم تبدأ', en: 'Pending' },
  open: { ar: 'مفتوحة', en: 'Open' },
  decided: { ar: 'مقررة', en: 'Decided' },
  closed: { ar: 'مغلقة', en: 'Closed' },
  received: { ar: 'مستلمة', en: 'Received' },
  resolved: { ar: 'تمت المعالجة', en: 'Resolved' },
  escalated: { ar: 'مصعّدة', en: 'Escalated' },
};

export const stageNames: Record<string, Localized> = {
  're-engineering': { ar: 'إعادة هندسة الإجراءات', en: 'Re-engineering' },
  'feasibility-study': { ar: 'دراسة الجدوى', en: 'Feasibility study' },
  digitization: { ar: 'الرقمنة', en: 'Digitization' },
  'quality-check': { ar: 'فحص الجودة', en: 'Quality check' },
  launched: { ar: 'مُطلقة', en: 'Launched' },
  'post-launch-evaluation': { ar: 'تقييم ما بعد الإطلاق', en: 'Post-launch evaluation' },
};

export const eventNames: Record<string, Localized> = {
  ApplicationSubmitted: { ar: 'أُرسل الطلب', en: 'Application submitted' },
  DraftSaved: { ar: 'حُفظت المسودة', en: 'Draft saved' },
  TaskAssigned: { ar: 'أُسندت مهمة إلى الجهة', en: 'Task assigned to the agency' },
  TaskDecided: { ar: 'قررت الجهة', en: 'The agency decided' },
  InformationRequested: { ar: 'طُلبت معلومات إضافية', en: 'More information requested' },
  InformationProvided: { ar: 'قُدّمت المعلومات', en: 'Information provided' },
  ApplicationApproved: { ar: 'قُبل الطلب', en: 'Application approved' },
  ApplicationRejected: { ar: 'رُفض الطلب', en: 'Application rejected' },
  ApplicationCancelled: { ar: 'أُلغي الطلب', en: 'Application cancelled' },
  SlaBreached: { ar: 'تجاوزت المهمة موعدها', en: 'Task overdue' },
  PaymentReceived: { ar: 'دُفعت الرسوم', en: 'Fee paid' },
  PaymentRefunded: { ar: 'أُعيدت الرسوم', en: 'Fee refunded' },
};

/** The KPIs an operator sets targets for (PUT /v1/kpis/targets). */
export const targetKpiNames: Record<string, Localized> = {
  selfServiceShare: { ar: 'نسبة الخدمة الذاتية', en: 'Self-service share' },
  completionWithinSlaShare: { ar: 'نسبة الطلبات المنجزة ضمن المدة', en: 'Applications completed within SLA' },
  stepsWithinSlaShare: { ar: 'نسبة الخطوات المنجزة ضمن المدة', en: 'Steps decided within SLA' },
  completionMedianMinutes: { ar: 'وسيط مدة الإنجاز (دقائق)', en: 'Median completion (minutes)' },
  complaintsPer1000: { ar: 'شكاوى لكل 1000 طلب', en: 'Complaints per 1000 applications' },
  satisfaction: { ar: 'رضا المتعاملين (من 5)', en: 'Satisfaction (of 5)' },
};

export const registryFieldNames: Record<string, Localized> = {
  'person.nationalNumber': { ar: 'الرقم الوطني', en: 'National number' },
  'person.fullName': { ar: 'الاسم الكامل', en: 'Full name' },
  'person.dateOfBirth': { ar: 'تاريخ الميلاد', en: 'Date of birth' },
  'person.sex': { ar: 'الجنس', en: 'Sex' },
  'person.familyBookNumber': { ar: 'رقم دفتر العائلة', en: 'Family book number' },
  'person.address': { ar: 'العنوان', en: 'Address' },
  'person.phone': { ar: 'الهاتف', en: 'Phone' },
  'person.email': { ar: 'البريد الإلكتروني', en: 'Email' },
  'person.maritalStatus': { ar: 'الحالة الاجتماعية', en: 'Marital status' },
  'resident.permitNumber': { ar: 'رقم تصريح الإقامة', en: 'Residence permit number' },
  'resident.nationality': { ar: 'الجنسية', en: 'Nationality' },
  'resident.permitValidUntil': { ar: 'صلاحية تصريح الإقامة', en: 'Permit valid until' },
  'business.registrationNumber': { ar: 'رقم السجل التجاري', en: 'Business registration number' },
  'business.name': { ar: 'اسم المنشأة', en: 'Business name' },
  'business.legalType': { ar: 'الشكل القانوني', en: 'Legal type' },
  'business.owners': { ar: 'المالكون', en: 'Owners' },
};

export const complaintCategoryNames: Record<string, Localized> = {
  'service-delay': { ar: 'تأخر الخدمة', en: 'Service delay' },
  'service-quality': { ar: 'جودة الخدمة', en: 'Service quality' },
  'staff-conduct': { ar: 'سلوك الموظفين', en: 'Staff conduct' },
  'fees-and-payment': { ar: 'الرسوم والدفع', en: 'Fees and payment' },
  'digital-services': { ar: 'الخدمات الإلكترونية', en: 'Digital services' },
  other: { ar: 'أخرى', en: 'Other' },
};

let current: Lang = 'ar';

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  document.documentElement.dir = next === 'ar' ? 'rtl' : 'ltr';
  try {
    localStorage.setItem('khidma.lang', next);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export function initialLang(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'ar' || asked === 'en') {
    return asked;
  }
  try {
    const saved = localStorage.getItem('khidma.lang');
    if (saved === 'ar' || saved === 'en') {
      return saved;
    }
  } catch {
    // no storage
  }
  return 'ar';
}

/** The text in the current language, with {name} placeholders filled in. */
export function t(key: TextKey, vars: Record<string, string | number> = {}): string {
  const text = texts[key][current === 'ar' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? fmt(vars[name]!) : `{${name}}`));
}

function fmt(value: string | number): string {
  return typeof value === 'number' ? number(value) : value;
}

/** "N working days" with each language's plural forms (Arabic: one, two, 3-10, 11 and more). */
export function workingDays(days: number): string {
  const n = number(days);
  if (current === 'en') return days === 1 ? '1 working day' : `${n} working days`;
  if (days === 1) return 'يوم عمل واحد';
  if (days === 2) return 'يوما عمل';
  return days >= 3 && days <= 10 ? `${n} أيام عمل` : `${n} يوم عمل`;
}

/** A bilingual value from the API, in the current language. */
export function loc(value: Localized | undefined): string {
  return value ? value[current] : '';
}

const locales: Record<Lang, string> = { ar: 'ar-JO-u-nu-arab', en: 'en-GB' };

export function number(value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locales[current], options).format(value);
}

export function percent(value: number): string {
  return number(value / 100, { style: 'percent', maximumFractionDigits: 1 });
}

/** A calendar date (YYYY-MM-DD) or an instant, as people read it in the current language (Amman time). */
export function date(value: string, withTime = false): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locales[current], {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'Asia/Amman',
  }).format(instant);
}
