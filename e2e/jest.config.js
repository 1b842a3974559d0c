// `npm run test:e2e`: the library against a real kube-apiserver (built by e2e/apiserver/build.sh).
module.exports = {
  rootDir: '..',
  testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
  testTimeout: 30 * 60 * 1000,
  maxWorkers: 1,
};
