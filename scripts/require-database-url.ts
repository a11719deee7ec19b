// Guard for `npm run test:pg`: the server suites would otherwise run on PGlite again and pass
// without ever touching PostgreSQL, which is worse than failing.
const url = process.env.DATABASE_URL?.trim();
if (!url) {
  console.error(
    [
      'test:pg needs DATABASE_URL: the server suites create and drop a throwaway database on that server.',
      'For example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run test:pg',
    ].join('\n'),
  );
  process.exit(1);
}
if (!/^postgres(ql)?:\/\//.test(url)) {
  console.error(`test:pg: DATABASE_URL must be a postgres:// URL (got "${url.split('://')[0]}://…").`);
  process.exit(1);
}
