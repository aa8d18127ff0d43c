// ava's configuration for the cluster suite (test/cluster/), which `npm run cluster:test`
// runs with `--config dist/test/cluster/ava.config.js` against the local standalone
// cluster; package.json's ava configuration leaves these files out of `npm test`.
// One file at a time and one test at a time: the cluster has two executor cores, and the
// check of the executors' task counts follows the query it is about.
export default {
  files: ["dist/test/cluster/**/*.test.js"],
  concurrency: 1,
  serial: true,
  workerThreads: false,
  // ava's timeout is the longest wait for any test to finish, on a slow shared machine.
  timeout: "15m",
};
