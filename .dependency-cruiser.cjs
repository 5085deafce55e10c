/** Dependencies point inward: core ← app ← adapters ← interfaces; only main.ts wires everything. */
module.exports = {
  forbidden: [
    { name: 'core-is-pure', severity: 'error', comment: 'core imports nothing of ours outside core, and no I/O modules',
      from: { path: '^src/core/' }, to: { path: '^src/(?!core/)|^(fs|node:fs|net|node:net|http|node:http|child_process|node:child_process|pg|@electric-sql)' } },
    { name: 'app-imports-only-core', severity: 'error', comment: 'use cases see ports, not adapters',
      from: { path: '^src/app/' }, to: { path: '^src/(db|jobs|documents|delivery|http|cli|main)' } },
    { name: 'adapters-never-import-interfaces', severity: 'error',
      from: { path: '^src/(db|jobs|documents|delivery)/' }, to: { path: '^src/(http|cli|main)' } },
    { name: 'adapters-stay-apart', severity: 'error', comment: "adapters do not reach into each other's internals",
      from: { path: '^src/(db)/' }, to: { path: '^src/(jobs|documents|delivery)/' } },
    { name: 'adapters-stay-apart-2', severity: 'error',
      from: { path: '^src/(jobs|documents|delivery)/' }, to: { path: '^src/db/' } },
    { name: 'http-and-cli-do-not-import-db', severity: 'error', comment: 'interfaces call use cases; main.ts wires adapters',
      from: { path: '^src/(http|cli)/' }, to: { path: '^src/(db|jobs|documents|delivery)/' } },
    { name: 'system-is-a-leaf', severity: 'error', comment: 'operating-system facts know only the port they implement',
      from: { path: '^src/system/' }, to: { path: '^src/(?!system/|app/ports/)' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
