// Powertools logger singleton; personal data never goes into log attributes.
import { Logger } from '@aws-lambda-powertools/logger';
import { environment } from './environment';

export const logger = new Logger({ serviceName: environment().POWERTOOLS_SERVICE_NAME });
