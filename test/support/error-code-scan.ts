// Derives, from the source, the error codes a handler can answer with: starting at its entry module it
// follows every function, class and constant it refers to (across relative imports) and collects the
// codes of the typed errors constructed on the way (new NotFound('x'), new HttpError(422, 'y'), ...).
// Calls through ports (deps.applications.get) are not followed: adapters do not throw HTTP errors.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The typed error classes and where their code is: an argument position, or a fixed code. */
const ERROR_CLASSES: Record<string, number | string> = {
  HttpError: 1,
  BadRequest: 0,
  NotFound: 0,
  Conflict: 0,
  Forbidden: 'forbidden',
  Unauthorized: 'unauthorized',
  PayloadTooLarge: 'payload_too_large',
  TooManyRequests: 0,
};

interface Module {
  readonly declarations: Map<string, ts.Node>;
  /** Local name -> [module file, exported name or '*'] */
  readonly imports: Map<string, readonly [string, string]>;
  readonly statements: readonly ts.Node[];
}

export class ErrorCodeScanner {
  private readonly modules = new Map<string, Module>();

  /** @param opaque files not followed (the HTTP pipeline, whose codes come from the route's shape) */
  constructor(private readonly opaque: ReadonlySet<string> = new Set()) {}

  codesOf(entry: string): Set<string> {
    const codes = new Set<string>();
    const seen = new Set<ts.Node>();
    const queue: Array<[string, ts.Node]> = this.module(entry).statements.map((statement) => [entry, statement]);
    while (queue.length > 0) {
      const [file, node] = queue.pop()!;
      if (seen.has(node)) {
        continue;
      }
      seen.add(node);
      const visit = (child: ts.Node): void => {
        if (ts.isImportDeclaration(child) || ts.isExportDeclaration(child)) {
          return;
        }
        if (ts.isNewExpression(child) && ts.isIdentifier(child.expression) && child.expression.text in ERROR_CLASSES) {
          const where = ERROR_CLASSES[child.expression.text]!;
          for (const code of typeof where === 'string' ? [where] : literals(child.arguments?.[where])) {
            codes.add(code);
          }
        }
        if (ts.isPropertyAccessExpression(child)) {
          // ns.member through `import * as ns`; other member names are not followed
          if (ts.isIdentifier(child.expression)) {
            const target = this.module(file).imports.get(child.expression.text);
            if (target?.[1] === '*') {
              this.enqueue(queue, target[0], child.name.text);
              return;
            }
          }
          visit(child.expression);
          return;
        }
        if (ts.isIdentifier(child)) {
          this.enqueue(queue, file, child.text);
          return;
        }
        ts.forEachChild(child, visit);
      };
      visit(node);
    }
    return codes;
  }

  private enqueue(queue: Array<[string, ts.Node]>, file: string, name: string): void {
    const module = this.module(file);
    const local = module.declarations.get(name);
    if (local) {
      queue.push([file, local]);
      return;
    }
    const imported = module.imports.get(name);
    if (imported && imported[1] !== '*' && !this.opaque.has(imported[0])) {
      this.enqueue(queue, imported[0], imported[1]);
    }
  }

  private module(file: string): Module {
    let module = this.modules.get(file);
    if (module) {
      return module;
    }
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const declarations = new Map<string, ts.Node>();
    const imports = new Map<string, readonly [string, string]>();
    const statements: ts.Node[] = [];
    for (const statement of source.statements) {
      if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) {
        // `export { a, b }` of local names has no module specifier: nothing to follow.
        const specifier = statement.moduleSpecifier;
        const target = specifier && ts.isStringLiteral(specifier) ? resolve(file, specifier.text) : undefined;
        if (!target) {
          continue;
        }
        if (ts.isImportDeclaration(statement)) {
          const bindings = statement.importClause?.namedBindings;
          if (bindings && ts.isNamespaceImport(bindings)) {
            imports.set(bindings.name.text, [target, '*']);
          } else if (bindings) {
            for (const element of bindings.elements) {
              imports.set(element.name.text, [target, (element.propertyName ?? element.name).text]);
            }
          }
        } else if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
          for (const element of statement.exportClause.elements) {
            imports.set(element.name.text, [target, (element.propertyName ?? element.name).text]);
          }
        }
        continue;
      }
      statements.push(statement);
      if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
        declarations.set(statement.name.text, statement);
      } else if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name)) {
            declarations.set(declaration.name.text, declaration);
          }
        }
      }
    }
    module = { declarations, imports, statements };
    this.modules.set(file, module);
    return module;
  }
}

function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) {
    return undefined;
  }
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // try the next
    }
  }
  return undefined;
}

/** The string literals an error-code argument can evaluate to ('a', cond ? 'a' : 'b'); none when computed. */
function literals(node: ts.Expression | undefined): string[] {
  if (!node) {
    return [];
  }
  if (ts.isStringLiteralLike(node)) {
    return [node.text];
  }
  if (ts.isConditionalExpression(node)) {
    return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  }
  if (ts.isParenthesizedExpression(node)) {
    return literals(node.expression);
  }
  return [];
}
