// Wiring of the payments' adapters (module scope: once per cold start).
import { dynamoApplications } from '../applications/dynamo-applications';
import { VersionConflict } from '../shared/errors';
import { releaseAwaitingPayment } from '../applications/domain/tasks';
import { taskDeps } from '../applications/task-deps';
import { dynamo, requireTable } from '../shared/dynamo';
import type { PaymentDeps } from './domain/payments';
import { dynamoPayments } from './dynamo-payments';
import { billProvider, notificationSecret } from './provider';

const applications = dynamoApplications(dynamo, {
  applications: requireTable('applications'),
  get idempotency() {
    return requireTable('idempotency');
  },
});

export const paymentDeps: PaymentDeps = {
  payments: dynamoPayments(dynamo, requireTable('applications')),
  provider: billProvider,
  applications: {
    get: (applicationId) => applications.get(applicationId),
    async update(applicationId, change) {
      for (let attempt = 0; attempt < 10; attempt++) {
        const current = await applications.get(applicationId);
        const result = current && change(current);
        if (!current || !result) {
          return;
        }
        try {
          await applications.save({ ...result.next, updatedAt: new Date().toISOString(), version: current.version + 1 }, current.version, result.events);
          return;
        } catch (error) {
          if (!(error instanceof VersionConflict)) {
            throw error;
          }
        }
      }
      throw new Error(`application ${applicationId} kept changing; giving up after 10 attempts`);
    },
    releaseAwaitingPayment: (applicationId) => releaseAwaitingPayment(taskDeps, applicationId),
  },
  secret: notificationSecret,
  now: () => new Date(),
};
