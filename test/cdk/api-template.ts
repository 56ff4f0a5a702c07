// One region's API as a single template: the API stack's resources and those of its nested stacks, with the
// parameters the parent passes written in place (so a grant reads as it would in one stack).
import { App, Stack } from 'aws-cdk-lib';
import cdkJson from '../../cdk.json';
import { stageConfig } from '../../lib/config/stages';
import { buildApp } from '../../lib/stacks/app';
import { Template } from 'aws-cdk-lib/assertions';
import type { ApiStack } from '../../lib/stacks/api-stack';

type Json = any;

function substitute(value: Json, replace: (node: Json) => Json | undefined): Json {
  if (Array.isArray(value)) {
    return value.map((item) => substitute(item, replace));
  }
  if (value !== null && typeof value === 'object') {
    const replaced = replace(value);
    if (replaced !== undefined) {
      return replaced;
    }
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, substitute(child, replace)]));
  }
  return value;
}

export function apiTemplate(stack: ApiStack): Template {
  const parent = Template.fromStack(stack).toJSON();
  const nestedStacks = stack.node.findAll().filter((construct): construct is Stack => construct instanceof Stack && construct !== stack);
  const nested = nestedStacks.map((child) => {
    const resourceId = stack.resolve((child.nestedStackResource as Json).logicalId) as string;
    return { resourceId, template: Template.fromStack(child).toJSON() };
  });
  const outputsOf = new Map(nested.map(({ resourceId, template }) => [resourceId, template.Outputs ?? {}]));
  const fromParent = (node: Json) => {
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt) && outputsOf.has(getAtt[0]) && String(getAtt[1]).startsWith('Outputs.')) {
      return outputsOf.get(getAtt[0])[getAtt[1].slice('Outputs.'.length)].Value;
    }
    return undefined;
  };
  const resources = { ...parent.Resources };
  for (const { resourceId, template } of nested) {
    const passed: Record<string, Json> = substitute(parent.Resources[resourceId].Properties.Parameters ?? {}, fromParent);
    const inline = (node: Json) => (typeof node.Ref === 'string' && node.Ref in passed ? passed[node.Ref] : undefined);
    Object.assign(resources, substitute(template.Resources, inline));
  }
  return Template.fromJSON({ ...parent, Resources: resources });
}

/** A stage's app synthesized without bundling, and its API in each region as one template. */
export function regionTemplates(stage: string): { name: 'primary' | 'DR'; template: Template }[] {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildApp(app, stageConfig(stage));
  return [
    { name: 'primary', template: apiTemplate(stacks.api) },
    { name: 'DR', template: apiTemplate(stacks.drApi) },
  ];
}
