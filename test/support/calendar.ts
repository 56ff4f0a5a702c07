// The local cloud's working calendar (the catalogue table's current version), for domain calls in tests.
import { calendarSource } from '../../functions/services/calendar-source';
import { dynamoCatalogue } from '../../functions/services/dynamo-catalogue';
import { tableName } from '../../lib/platform/tables';
import { tables } from './api';

export const localCalendar = calendarSource(() => dynamoCatalogue(tables(), tableName('local', 'catalogue')), 0);
