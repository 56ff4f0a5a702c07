// Reads every policy statement of a synthesized app, with its resources resolved across stacks, nested stacks and regions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';

type Json = any;

interface StackTemplate {
  readonly name: string;
  readonly region: string;
  readonly resources: Record<string, { Type: string; Properties?: Json }>;
  readonly outputs: Record<string, { Value: Json; Export?: { Name: Json } }>;
  readonly parameters: Record<string, unknown>;
  /** A nested stack: its parent and the parameter values the parent passes. */
  readonly parent?: { readonly stack: StackTemplate; readonly parameters: Record<string, Json> };
}

export interface LocatedStatement {
  /** stack/logicalId/path-to-statement */
  readonly at: string;
  readonly allow: boolean;
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  /**
   * IAM resource patterns with CloudFormation values rendered: `*` for pseudo parameters and template
   * parameters (any value), `{stack/logicalId}` or `{stack/logicalId.Attribute}` for a resource's Ref or GetAtt,
   * wherever it was read from (outputs, exports, weak or cross-region references).
   */
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
}

/** What "the audit table" looks like in a rendered resource. */
export interface Target {
  /** `{stack/logicalId` prefixes of the resources that are the target. */
  readonly tokens: readonly string[];
  /** Names that appear literally in ARNs (e.g. replicas imported by name). */
  readonly names: readonly string[];
  /** Concrete ARNs a wildcard pattern must not match. */
  readonly arns: readonly string[];
}

const pseudoParameters = new Set(['AWS::AccountId', 'AWS::Partition', 'AWS::Region', 'AWS::URLSuffix', 'AWS::StackName', 'AWS::StackId']);
const resourcePolicyOwners = /^AWS::(DynamoDB|KMS|S3|SQS|SNS|Lambda|SecretsManager)::/;

export class SynthesizedApp {
  private readonly stacks: readonly StackTemplate[];

  constructor(assembly: CloudAssembly) {
    const top: StackTemplate[] = assembly.stacks.map((artifact) => ({
      name: artifact.stackName,
      region: artifact.environment.region,
      resources: artifact.template.Resources ?? {},
      outputs: artifact.template.Outputs ?? {},
      parameters: artifact.template.Parameters ?? {},
    }));
    const templateFiles = nestedTemplateFiles(assembly.directory);
    const withNested = (stack: StackTemplate): StackTemplate[] => [
      stack,
      ...Object.entries(stack.resources)
        .filter(([, resource]) => resource.Type === 'AWS::CloudFormation::Stack')
        .flatMap(([id, resource]) => {
          const key = /[0-9a-f]{64}\.json/.exec(JSON.stringify(resource.Properties?.TemplateURL))?.[0];
          const file = key && templateFiles.get(key);
          if (!file) {
            throw new Error(`no template for nested stack ${stack.name}/${id}`);
          }
          const template = JSON.parse(fs.readFileSync(path.join(assembly.directory, file), 'utf8'));
          return withNested({
            name: `${stack.name}/${id}`,
            region: stack.region,
            resources: template.Resources ?? {},
            outputs: template.Outputs ?? {},
            parameters: template.Parameters ?? {},
            parent: { stack, parameters: resource.Properties?.Parameters ?? {} },
          });
        }),
    ];
    this.stacks = top.flatMap(withNested);
  }

  public get stackNames(): string[] {
    return this.stacks.map((stack) => stack.name);
  }

  /** The resources of a stack and of each stack nested in it, by (nested) stack name. */
  public resourcesUnder(stackName: string): { stackName: string; resources: Record<string, Json> }[] {
    return this.stacks
      .filter((stack) => stack.name === stackName || stack.name.startsWith(`${stackName}/`))
      .map((stack) => ({ stackName: stack.name, resources: stack.resources }));
  }

  /** The `{stack/logicalId` token prefix of each resource of `type` whose property `key` equals `value`. */
  public tokensOf(type: string, key: string, value: string): string[] {
    return this.stacks.flatMap((stack) =>
      Object.entries(stack.resources)
        .filter(([, resource]) => resource.Type === type && resource.Properties?.[key] === value)
        .map(([id]) => `{${stack.name}/${id}`),
    );
  }

  /** Renders a CloudFormation value of a stack to a string, following references; throws on what it cannot read. */
  public render(stackName: string, value: Json): string {
    return this.renderIn(this.stack(stackName), value);
  }

  /** Every statement of every policy document in the app: identity policies, inline role policies, resource policies. */
  public statements(): LocatedStatement[] {
    return this.stacks.flatMap((stack) =>
      Object.entries(stack.resources).flatMap(([id, resource]) => {
        const owner = resourcePolicyOwners.test(resource.Type) ? `{${stack.name}/${id}}` : undefined;
        return documentsIn(resource.Properties, `${stack.name}/${id}`).flatMap(([at, statements]) =>
          statements.map((statement, index) => this.locate(stack, `${at}/${index}`, statement, owner)),
        );
      }),
    );
  }

  private locate(stack: StackTemplate, at: string, statement: Json, owner?: string): LocatedStatement {
    const list = (value: Json) => (value === undefined ? undefined : [value].flat().map((item) => this.renderIn(stack, item)));
    const isResourcePolicy = statement.Principal !== undefined || statement.NotPrincipal !== undefined;
    // In a resource policy `*` (or no Resource at all, as in trust policies) means the resource that holds it.
    const self = (resources: string[] | undefined) =>
      isResourcePolicy && owner ? (resources ?? ['*']).map((resource) => (resource === '*' ? owner : resource)) : resources;
    return {
      at,
      allow: statement.Effect === 'Allow',
      actions: list(statement.Action),
      notActions: list(statement.NotAction),
      resources: self(list(statement.Resource)),
      notResources: list(statement.NotResource),
    };
  }

  private stack(name: string, region?: string): StackTemplate {
    const found = this.stacks.filter((stack) => stack.name === name && (!region || stack.region === region));
    if (found.length !== 1) {
      throw new Error(`expected one stack ${name} ${region ?? ''}, found ${found.length}`);
    }
    return found[0]!;
  }

  private renderIn(stack: StackTemplate, value: Json): string {
    if (typeof value === 'string') {
      if (value.includes('{{resolve:')) {
        throw new Error(`cannot resolve dynamic reference ${value} in ${stack.name}`);
      }
      return value;
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    }
    const [intrinsic, ...others] = Object.keys(value ?? {});
    if (!intrinsic || others.length > 0) {
      throw new Error(`not a CloudFormation value: ${JSON.stringify(value)} in ${stack.name}`);
    }
    const argument = value[intrinsic];
    switch (intrinsic) {
      case 'Ref':
        return this.ref(stack, argument);
      case 'Fn::GetAtt':
        return this.getAtt(stack, argument[0], argument[1]);
      case 'Fn::Join':
        return argument[1].map((part: Json) => this.renderIn(stack, part)).join(argument[0]);
      case 'Fn::Sub':
        return this.sub(stack, argument);
      case 'Fn::GetStackOutput':
        return this.stackOutput(argument.StackName, argument.OutputName, argument.Region);
      case 'Fn::Select': {
        const [index, list] = argument as [number, Json];
        const items = (list as Record<string, Json>)['Fn::Split'] as [string, Json] | undefined;
        if (!items) {
          throw new Error(`cannot resolve Fn::Select over ${JSON.stringify(list)} in ${stack.name}`);
        }
        const parts = this.renderIn(stack, items[1]).split(items[0]);
        return parts[index] ?? '*';
      }
      case 'Fn::ImportValue':
        return this.importValue(this.renderIn(stack, argument));
      default:
        throw new Error(`cannot resolve ${intrinsic} in ${stack.name}: ${JSON.stringify(value)}`);
    }
  }

  private ref(stack: StackTemplate, name: string): string {
    const passed = stack.parent?.parameters[name];
    if (passed !== undefined) {
      return this.renderIn(stack.parent!.stack, passed);
    }
    if (pseudoParameters.has(name) || name in stack.parameters) {
      return '*';
    }
    if (!(name in stack.resources)) {
      throw new Error(`Ref to unknown ${name} in ${stack.name}`);
    }
    return `{${stack.name}/${name}}`;
  }

  private getAtt(stack: StackTemplate, id: string, attribute: string): string {
    const resource = stack.resources[id];
    if (!resource) {
      throw new Error(`GetAtt of unknown ${id} in ${stack.name}`);
    }
    // A strong cross-region reference: the attribute is the SSM parameter a writer in another region fills.
    if (resource.Type === 'Custom::CrossRegionExportReader') {
      return this.crossRegionExport(attribute);
    }
    if (resource.Type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) {
      const nested = this.stack(`${stack.name}/${id}`);
      const output = nested.outputs[attribute.slice('Outputs.'.length)];
      if (!output) {
        throw new Error(`no output ${attribute} in ${nested.name}`);
      }
      return this.renderIn(nested, output.Value);
    }
    return `{${stack.name}/${id}.${attribute}}`;
  }

  private sub(stack: StackTemplate, argument: Json): string {
    const [text, variables] = typeof argument === 'string' ? [argument, {}] : argument;
    return (text as string).replace(/\$\{([^}!]+)\}/g, (_match, name: string) => {
      if (name in variables) {
        return this.renderIn(stack, variables[name]);
      }
      const [id, attribute] = name.split(/\.(.*)/);
      return attribute ? this.getAtt(stack, id!, attribute) : this.ref(stack, id!);
    });
  }

  private stackOutput(stackName: string, outputName: string, region?: string): string {
    const stack = this.stack(stackName, region);
    const output = stack.outputs[outputName];
    if (!output) {
      throw new Error(`no output ${outputName} in ${stackName}`);
    }
    return this.renderIn(stack, output.Value);
  }

  private importValue(exportName: string): string {
    const found = this.stacks.flatMap((stack) =>
      Object.values(stack.outputs)
        .filter((output) => output.Export && this.renderIn(stack, output.Export.Name) === exportName)
        .map((output) => this.renderIn(stack, output.Value)),
    );
    if (found.length !== 1) {
      throw new Error(`expected one export ${exportName}, found ${found.length}`);
    }
    return found[0]!;
  }

  private crossRegionExport(parameterName: string): string {
    const found = this.stacks.flatMap((stack) =>
      Object.values(stack.resources)
        .filter((resource) => resource.Type === 'Custom::CrossRegionExportWriter')
        .map((writer) => writer.Properties?.WriterProps?.exports?.[parameterName])
        .filter((value) => value !== undefined)
        .map((value) => this.renderIn(stack, value)),
    );
    if (found.length !== 1) {
      throw new Error(`expected one cross-region export ${parameterName}, found ${found.length}`);
    }
    return found[0]!;
  }
}

/** Nested stack templates by the object key the parents' TemplateURLs name (from the asset manifests). */
function nestedTemplateFiles(directory: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const manifest of fs.readdirSync(directory).filter((name) => name.endsWith('.assets.json'))) {
    const assets = JSON.parse(fs.readFileSync(path.join(directory, manifest), 'utf8')).files ?? {};
    for (const asset of Object.values(assets) as Json[]) {
      if (String(asset.source?.path).endsWith('.nested.template.json')) {
        for (const destination of Object.values(asset.destinations ?? {}) as Json[]) {
          files.set(destination.objectKey, asset.source.path);
        }
      }
    }
  }
  return files;
}

/** [path, statements] of every policy document (anything with a Statement) under a resource's properties. */
function documentsIn(node: Json, at: string): [string, Json[]][] {
  if (node === null || typeof node !== 'object') {
    return [];
  }
  const own: [string, Json[]][] = node.Statement === undefined ? [] : [[`${at}/Statement`, [node.Statement].flat()]];
  const children = Object.entries(node)
    .filter(([key]) => key !== 'Statement')
    .flatMap(([key, child]) => documentsIn(child, `${at}/${key}`));
  return [...own, ...children];
}

/** IAM wildcard matching: `*` any run of characters, `?` one; case-insensitive like IAM actions. */
export function wildcardMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split('')
    .map((character) => (character === '*' ? '.*' : character === '?' ? '.' : character.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(value);
}

/** Whether the statement allows `action` (through Action, or through a NotAction that leaves it out). */
export function allows(statement: LocatedStatement, action: string): boolean {
  if (!statement.allow) {
    return false;
  }
  if (statement.notActions) {
    return !statement.notActions.some((pattern) => wildcardMatches(pattern, action));
  }
  return (statement.actions ?? []).some((pattern) => wildcardMatches(pattern, action));
}

/** Whether one rendered resource pattern can name the target: by token, by name, or as a wildcard over its ARNs. */
export function namesTarget(resource: string, target: Target): boolean {
  return (
    target.tokens.some((token) => resource.includes(`${token}}`) || resource.includes(`${token}.`)) ||
    target.names.some((name) => resource.includes(name)) ||
    target.arns.some((arn) => wildcardMatches(resource, arn))
  );
}

/** Whether the statement's resources reach the target (a NotResource reaches it unless it excludes all its ARNs). */
export function reaches(statement: LocatedStatement, target: Target): boolean {
  if (statement.notResources) {
    return !target.arns.every((arn) => statement.notResources!.some((pattern) => wildcardMatches(pattern, arn)));
  }
  return (statement.resources ?? []).some((resource) => namesTarget(resource, target));
}
