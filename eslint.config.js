// Lint rules for Parley: type-checked TypeScript, React hooks, and the import boundaries that
// keep core free of Electron, Node and the DOM, and keep the renderer away from main's internals.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noElectron = {
  name: 'electron',
  message: 'Only main/index.ts, window.ts, menu.ts, ipc.ts and preload.ts may import electron.',
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/require-await': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name="innerHTML"]', message: 'Never build HTML from text.' },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['tests/e2e/**/*.ts'],
    // Playwright reads a fixture's dependencies from its destructuring pattern, even an empty one.
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['main/core/**/*.ts', 'main/api/contract.ts', 'main/api/bridge.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'react', '../service/*', '../../renderer/*'],
              message: 'core and the contract run anywhere: no Node, Electron, React or service imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/service/**/*.ts', 'main/api/schemas.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [{ group: ['**/renderer/**'], message: 'Nothing imports the renderer.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['node:*', '**/main/**', '@api/schemas', '@api/bridge'],
              message:
                'The renderer reaches main only through window.parley (renderer/api.ts), the contract (@api/contract) and core (@core/*).',
            },
          ],
        },
      ],
    },
  },
);
