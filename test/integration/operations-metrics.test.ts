// Business metrics end to end on the local cloud: a submission's outbox event, once published, is an EMF line in
// <data>/metrics/<Amman date>.jsonl, and GET /v1/operations/metrics counts it for operators.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ammanDate } from '../../functions/shared/amman-time';
import { api, tokenFor } from '../support/api';
import { cancel, submitVehicleRenewal, VEHICLE } from '../support/engagement';
import { until } from '../support/wait';

interface Count {
  metric: string;
  dimensions: Record<string, string>;
  count: number;
}

const submittedViaVehicle = (counts: Count[]) =>
  counts.filter((entry) => entry.metric === 'ApplicationSubmitted' && entry.dimensions.serviceId === VEHICLE.serviceId).reduce((sum, entry) => sum + entry.count, 0);

test("a submission is counted by service and channel, in EMF, and shown in today's metrics", async () => {
  const operator = await tokenFor('operator');
  const before = await api('/v1/operations/metrics', { token: operator });
  expect(before.status).toBe(200);
  expect(before.body.date).toBe(ammanDate(new Date()));
  const already = submittedViaVehicle(before.body.counts);

  await submitVehicleRenewal(await tokenFor('citizen'));
  const after = await until('the submission counted', async () => {
    const response = await api('/v1/operations/metrics', { token: operator });
    return submittedViaVehicle(response.body.counts) > already && response.body;
  });
  expect(after.totals.ApplicationSubmitted).toBeGreaterThanOrEqual(submittedViaVehicle(after.counts));
  expect(after.counts).toEqual(expect.arrayContaining([expect.objectContaining({ metric: 'ApplicationSubmitted', dimensions: { channel: expect.any(String), serviceId: VEHICLE.serviceId } })]));

  const file = path.join(process.env.KHIDMA_CLOUD_DIR!, 'metrics', `${after.date}.jsonl`);
  const records = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const submitted = records.filter((record) => record.ApplicationSubmitted === 1 && record.serviceId === VEHICLE.serviceId);
  expect(submitted.length).toBeGreaterThan(0);
  expect(submitted[0]._aws.CloudWatchMetrics).toEqual([
    { Namespace: 'Khidma', Dimensions: [['service'], ['service', 'serviceId', 'channel']], Metrics: [{ Name: 'ApplicationSubmitted', Unit: 'Count' }] },
  ]);
});

const countOf = (counts: Count[], metric: string, dimensions: Record<string, string>) =>
  counts.filter((entry) => entry.metric === metric && Object.entries(dimensions).every(([name, value]) => entry.dimensions[name] === value)).reduce((sum, entry) => sum + entry.count, 0);

test('outcomes are counted by service and channel, complaints filed by category and handler', async () => {
  const operator = await tokenFor('operator');
  const citizen = await tokenFor('citizen');
  const before = (await api('/v1/operations/metrics', { token: operator })).body.counts as Count[];
  const cancelled = { serviceId: VEHICLE.serviceId, channel: VEHICLE.channel };
  const filed = { category: 'staff-conduct', handler: 'dvld' };

  await cancel(citizen, await submitVehicleRenewal(citizen));
  const complaint = await api('/v1/complaints', { method: 'POST', token: citizen, body: { category: 'staff-conduct', agencyId: 'dvld', text: 'The clerk at the counter refused to take my file.' } });
  expect(complaint.status).toBe(201);

  await until('the cancellation and the complaint counted', async () => {
    const { counts } = (await api('/v1/operations/metrics', { token: operator })).body as { counts: Count[] };
    return countOf(counts, 'ApplicationCancelled', cancelled) > countOf(before, 'ApplicationCancelled', cancelled) && countOf(counts, 'ComplaintFiled', filed) > countOf(before, 'ComplaintFiled', filed);
  });
});
