/**
 * The layering of `src/` (issue 12), checked by `npm run lint:deps` and in `.ci/run`.
 *
 *   controllers -> services -> repositories -> database
 *
 * Vocabulary, by file name (so a rule can be read off a path):
 * - a *feature* is a folder directly under `src/` other than `common/`, `config/` and `database/`;
 * - a *repository* is `*.repository.ts`: the only feature files that may import `src/database/**`
 *   (at run time) or a driver; `*.module.ts` files may import `src/database/**` too, to wire it;
 * - a feature's *public surface*, the only files another feature may import: its `*.module.ts`,
 *   its `*.service.ts` (Nest refuses to inject a service its module does not export, so importing
 *   one that is not exported fails at boot), its `entities/**` and its `dto/**`.
 *
 * Named imports (`Sql`, `DataSource`, `Repository`, `InjectRepository`) are checked by ESLint's
 * `no-restricted-imports` in eslint.config.mjs: dependency-cruiser sees modules, not names.
 * Unit specs (`*.spec.ts`) are not part of any layer and are not cruised.
 */
const FEATURE = '^src/(?!(?:common|config|database)/)([^/]+)/';
const REPOSITORY = '\\.repository\\.ts$';
const MODULE = '\\.module\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: the modules below import each other, directly or through others.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'common-imports-no-feature',
      severity: 'error',
      comment: 'src/common/ is shared by every feature and imports none of them.',
      from: { path: '^src/common/' },
      to: { path: FEATURE },
    },
    {
      name: 'common-imports-no-database',
      severity: 'error',
      comment:
        'src/common/ imports nothing from src/database/ (not even a type), except a repository of its own ' +
        '(src/common/**/*.repository.ts): the shared kernel sits below the features, not above the database.',
      from: { path: '^src/common/', pathNot: REPOSITORY },
      to: { path: '^src/database/' },
    },
    {
      name: 'database-imports-no-feature',
      severity: 'error',
      comment:
        'src/database/ (the database owner) imports no feature: each feature registers its own entities ' +
        '(TypeOrmModule.forFeature + autoLoadEntities).',
      from: { path: '^src/database/' },
      to: { path: FEATURE },
    },
    {
      name: 'config-imports-no-feature',
      severity: 'error',
      comment: 'src/config/ imports no feature.',
      from: { path: '^src/config/' },
      to: { path: FEATURE },
    },
    {
      name: 'feature-only-through-public-surface',
      severity: 'error',
      comment:
        "A feature imports another feature only through its public surface: that feature's *.module.ts, " +
        '*.service.ts (exported by its module), entities/** or dto/**. Ask the owning service; never import ' +
        "another feature's repository, controller, mapper or helper file.",
      from: { path: FEATURE },
      to: {
        path: FEATURE,
        pathNot: [
          '^src/$1/',
          '\\.module\\.ts$',
          '\\.service\\.ts$',
          '^src/[^/]+/entities/',
          '^src/[^/]+/dto/',
        ],
      },
    },
    {
      name: 'controller-reaches-no-data-layer',
      severity: 'error',
      comment: 'A controller calls services only: no repository, nothing from src/database/.',
      from: { path: '\\.controller\\.ts$' },
      to: { path: [REPOSITORY, '^src/database/'] },
    },
    {
      name: 'database-only-through-repositories',
      severity: 'error',
      comment:
        'Only repositories (*.repository.ts), module files and the composition root (src/app.setup.ts, which ' +
        'installs the socket.io adapter) as wiring, and src/database/ itself import src/database/ ' +
        'at run time; services and everything else reach the database through a repository. Type-only ' +
        'imports (`import type { SqlValue }`, or a name used only as a type) are allowed outside src/common/.',
      from: { path: '^src/', pathNot: [REPOSITORY, MODULE, '^src/database/', '^src/app\\.setup\\.ts$'] },
      to: { path: '^src/database/', dependencyTypesNot: ['type-only', 'pre-compilation-only'] },
    },
    {
      name: 'driver-only-in-database-layer',
      severity: 'error',
      comment:
        'Only repositories and src/database/ import a database driver (better-sqlite3, pg), even as a type.',
      from: { path: '^src/', pathNot: [REPOSITORY, '^src/database/'] },
      to: { path: '^node_modules/(?:@types/)?(?:better-sqlite3|pg)/' },
    },
    {
      name: 'no-upward-import-from-repository',
      severity: 'error',
      comment: 'A repository imports no service and no controller (the layers point down).',
      from: { path: REPOSITORY },
      to: { path: ['\\.service\\.ts$', '\\.controller\\.ts$'] },
    },
    {
      name: 'no-upward-import-from-service',
      severity: 'error',
      comment: 'A service imports no controller.',
      from: { path: '\\.service\\.ts$' },
      to: { path: '\\.controller\\.ts$' },
    },
    {
      name: 'service-knows-no-http',
      severity: 'error',
      comment:
        'Services and repositories never see Express (not even its types): a list answers `Page<T>` ' +
        '({items, count}) and the controller builds the links (`toDrfPage(req, pr, page)`).',
      from: { path: ['\\.service\\.ts$', REPOSITORY] },
      to: { path: '^node_modules/(?:@types/)?express/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing (a typo, or a package missing from package.json).',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: 'specify',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
