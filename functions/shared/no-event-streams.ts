// What the bundles get in place of @smithy/core/event-streams (an esbuild alias set in CapabilityFunction). The SDK's
// HTTP protocol imports it lazily, only for an operation with an event stream; none of the services the functions
// call (DynamoDB, SQS, Step Functions, EventBridge, SNS, SES, KMS, Cognito, CloudWatch, Secrets Manager) has one,
// so its 14 KB would sit unused in every bundle and its cold start. Local runs are not bundled and keep the real one.
export class EventStreamSerde {
  constructor() {
    throw new Error('Event streams are not bundled in Khidma functions (functions/shared/no-event-streams.ts)');
  }
}

export const eventStreamSerdeProvider = (): never => {
  throw new Error('Event streams are not bundled in Khidma functions (functions/shared/no-event-streams.ts)');
};
