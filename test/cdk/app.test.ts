import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { AssetManifestArtifact } from 'aws-cdk-lib/cx-api';
import cdkJson from '../../cdk.json';
import { identityTriggers } from '../../lib/catalogue/identity-triggers';
import { workers } from '../../lib/catalogue/workers';
import { capabilities } from '../../lib/capabilities';
import { stageConfig, stages } from '../../lib/config/stages';
import { buildApp } from '../../lib/stacks/app';

describe.each(Object.keys(stages))('the %s stage', (stage) => {
  const config = stageConfig(stage);
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildApp(app, config);
  const dependenciesOf = (stackName: string) =>
    app.synth().getStackByName(stackName).dependencies.map((artifact) => artifact.id);

  test('has its stacks named after the stage, in the primary and DR regions', () => {
    const placement = Object.values(stacks).map((stack) => [stack.stackName, stack.region]);
    expect(placement).toEqual([
      [`Khidma-${stage}-Identity`, config.primaryRegion],
      [`Khidma-${stage}-DrIdentity`, config.drRegion],
      [`Khidma-${stage}-Data`, config.primaryRegion],
      [`Khidma-${stage}-Api`, config.primaryRegion],
      [`Khidma-${stage}-DrKeys`, config.drRegion],
      [`Khidma-${stage}-DrApi`, config.drRegion],
      [`Khidma-${stage}-Portal`, config.primaryRegion],
    ]);
  });

  test('protects its stateful stacks from termination', () => {
    for (const stack of [stacks.identity, stacks.drIdentity, stacks.data, stacks.drKeys]) {
      expect(stack.terminationProtection).toBe(config.protectData);
    }
  });

  test('deploys each API after the stacks it reads from', () => {
    const { identity, drIdentity, data, drKeys } = stacks;
    expect(dependenciesOf(stacks.api.stackName)).toEqual(expect.arrayContaining([identity.artifactId, drIdentity.artifactId, data.artifactId]));
    expect(dependenciesOf(stacks.drApi.stackName)).toEqual(
      expect.arrayContaining([identity.artifactId, drIdentity.artifactId, data.artifactId, drKeys.artifactId]),
    );
    expect(dependenciesOf(data.stackName)).toContain(drKeys.artifactId);
  });
});

test('unit tests stub bundling: every function asset is the unbundled repository root', () => {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  buildApp(app, stageConfig('dev'));
  const manifests = app.synth().artifacts.filter((artifact) => artifact instanceof AssetManifestArtifact);
  const sources = manifests.flatMap((manifest) => {
    const files = JSON.parse(fs.readFileSync(manifest.file, 'utf8')).files as Record<string, { source: { path: string } }>;
    return Object.values(files).map((file) => file.source.path);
  });
  const repositoryRoot = path.resolve(__dirname, '../..');
  // Each region's capabilities, workers and user-pool triggers; in the primary region the reference loader and (dev)
  // the demo loader.
  expect(sources.filter((source) => source === repositoryRoot)).toHaveLength(2 * (capabilities.length + workers.length + identityTriggers.length) + 2);
  expect(sources.filter((source) => source.startsWith('asset.') && fs.existsSync(path.join(app.outdir, source, 'index.mjs')))).toEqual([]);
});
