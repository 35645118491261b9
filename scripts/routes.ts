/**
 * `npm run routes`: writes docs/routes.md, the table of every route: method, path (as on the wire and in
 * the OpenAPI document), operationId, who may call it (from `@Public()` / `@Auth()` metadata) and the
 * `file:line` of its handler. It boots the application without listening (as scripts/openapi.ts does),
 * reads Nest's own route metadata (test/utils/routes.ts, the walk the route-inventory test uses), takes
 * each operationId from the generated OpenAPI document, and finds each handler's line with the TypeScript
 * compiler API (class name + method name). The output is sorted by path, then method, so CI regenerates it
 * and fails when the committed file differs.
 */
import 'reflect-metadata';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { format, resolveConfig } from 'prettier';
import * as ts from 'typescript';
import { AUTH_KEY } from '../src/common/decorators/auth.decorator';
import { createGenerationApp } from './generation-app';
import { buildOpenApiDocument } from '../src/swagger';
import { listRoutes } from '../test/utils/routes';

const ROOT = join(__dirname, '..');
const OUTPUT = join(ROOT, 'docs', 'routes.md');
const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ALL'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** `ClassName.methodName` → `src/…/file.ts:line` for every method of every class under src/. */
function handlerLocations(): Map<string, string> {
  const locations = new Map<string, string>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node) && node.name) {
        for (const member of node.members) {
          if (!ts.isMethodDeclaration(member) || !member.name || !ts.isIdentifier(member.name)) continue;
          const key = `${node.name.text}.${member.name.text}`;
          const line = source.getLineAndCharacterOfPosition(member.name.getStart(source)).line + 1;
          const where = `${relative(ROOT, file)}:${line}`;
          if (locations.has(key) && locations.get(key) !== where)
            throw new Error(`${key} is defined twice (${locations.get(key)} and ${where})`);
          locations.set(key, where);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return locations;
}

/** `GET /users/:id` for a spec path `/users/{id}/` as Nest writes it (no trailing slash, `:param`). */
function nestKey(method: string, specPath: string): string {
  const path = `/${specPath
    .replace(/\{([^}]+)\}/g, ':$1')
    .split('/')
    .filter(Boolean)
    .join('/')}`;
  return `${method.toUpperCase()} ${path}`;
}

function callers(isPublic: boolean, auth: Record<string, unknown> | undefined): string {
  if (isPublic) return 'public';
  if (!auth) return '**undeclared**';
  const roles = (auth.roles as string[] | undefined) ?? [];
  const extras = Object.entries(auth)
    .filter(([key, value]) => key !== 'roles' && value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}: ${String(value)}`);
  return [roles.length ? roles.join(', ') : 'any authenticated', ...extras].join('; ');
}

async function main(): Promise<void> {
  const app = await createGenerationApp();
  try {
    const document = buildOpenApiDocument(app);
    const spec = new Map<string, { path: string; operationId: string | undefined }>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item as Record<string, { operationId?: string }>))
        spec.set(nestKey(method, path), { path, operationId: operation.operationId });
    }
    const locations = handlerLocations();
    const reflector = app.get(Reflector);
    const controllers = new Map<string, any>();
    for (const { metatype } of app.get(DiscoveryService).getControllers()) {
      if (!metatype) continue;
      if (controllers.has(metatype.name)) throw new Error(`two controllers named ${metatype.name}`);
      controllers.set(metatype.name, metatype);
    }
    const rows = listRoutes(app).map((route) => {
      const key = `${route.method} ${route.path}`;
      const documented = spec.get(key);
      const metatype = controllers.get(route.controller);
      if (!metatype) throw new Error(`controller ${route.controller} not found`);
      const auth = reflector.getAllAndOverride<Record<string, unknown> | undefined>(AUTH_KEY, [
        metatype.prototype[route.handler],
        metatype,
      ]);
      // a controller class made by a factory once per version (Guidebook) is declared under another name
      const declaredAs = (metatype as { declaredAs?: string }).declaredAs ?? route.controller;
      const where = locations.get(`${declaredAs}.${route.handler}`);
      if (!where) throw new Error(`no source found for ${route.controller}.${route.handler} (${key})`);
      return {
        method: route.method,
        path: documented?.path ?? route.path,
        operationId: documented ? (documented.operationId ?? '') : '(not in the OpenAPI document)',
        callers: callers(route.isPublic, auth),
        where,
      };
    });
    rows.sort(
      (a, b) =>
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
        METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
    );
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    const lines = [
      '# Routes',
      '',
      '<!-- Generated by `npm run routes` (scripts/routes.ts) from Nest route metadata; do not edit. CI fails when stale. -->',
      '',
      `${rows.length} routes, sorted by path then method. Callers come from \`@Public()\` / \`@Auth({ roles })\`;`,
      "the handler is the controller method that answers (the controller's file is named after its surface).",
      '',
      '| Method | Path | operationId | Callers | Handler |',
      '| --- | --- | --- | --- | --- |',
      ...rows.map(
        (r) =>
          `| ${r.method} | \`${cell(r.path)}\` | ${cell(r.operationId)} | ${cell(r.callers)} | [${r.where}](../${r.where.replace(/:(\d+)$/, '#L$1')}) |`,
      ),
      '',
    ];
    // Formatted as `npm run format:check` expects, so the CI format step and the drift step agree.
    const options = (await resolveConfig(OUTPUT)) ?? {};
    writeFileSync(OUTPUT, await format(lines.join('\n'), { ...options, filepath: OUTPUT }));
    process.stdout.write(`routes: wrote docs/routes.md (${rows.length} routes)\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `routes: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
