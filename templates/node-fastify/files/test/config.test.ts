import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { declaredDependencies } from '../src/dependencies.js';

const dependencyUrls = Object.fromEntries(
  declaredDependencies.map((dependency) => [dependency.envName, `http://127.0.0.1:9/${dependency.name}`]),
);

describe('configuration', () => {
  it('fills defaults for everything optional', () => {
    const config = loadConfig({ ...dependencyUrls });
    expect(config).toMatchObject({ NODE_ENV: 'development', LOG_LEVEL: 'info', HOST: '127.0.0.1' });
    expect(config.PORT).toBeGreaterThan(0);
  });

  it('reads numbers from their text', () => {
    const config = loadConfig({ ...dependencyUrls, PORT: '8081', SHUTDOWN_TIMEOUT_MS: '2500' });
    expect(config.PORT).toBe(8081);
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(2500);
  });

  it('names every invalid variable at once', () => {
    let thrown: unknown;
    try {
      loadConfig({ ...dependencyUrls, PORT: '70000', LOG_LEVEL: 'loud' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const problems = (thrown as ConfigError).problems;
    expect(problems.some((problem) => problem.startsWith('PORT:'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('LOG_LEVEL:'))).toBe(true);
    expect((thrown as ConfigError).message).toContain('Invalid configuration');
  });

  it('requires the URL of every declared dependency', () => {
    for (const dependency of declaredDependencies) {
      const environment: NodeJS.ProcessEnv = { ...dependencyUrls };
      delete environment[dependency.envName];
      expect(() => loadConfig(environment)).toThrow(dependency.envName);
    }
  });
});
