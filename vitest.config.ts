import { defineConfig } from 'vitest/config';

// Two projects: fast unit and contract tests, and end-to-end tests that drive real engines (Docker, npm),
// which run one file at a time with long timeouts.
const slow = ['test/**/*.e2e.test.ts', 'test/templates/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: slow,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: slow,
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
