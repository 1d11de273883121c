// ESLint for every TypeScript file of the repo: typescript-eslint's strict set on top of ESLint's
// recommended rules. Type checking itself is tsc's job (npm run typecheck).
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/**', '.wp-stack/**', 'support-provisioning-portal/build/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // `_`-prefixed names are deliberately unused (callback positions, destructuring).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Off for now, each with findings in existing code that a mechanical edit cannot fix well:
      // `!` after a lookup that the surrounding code or a fixture guarantees (38 places, with
      // noUncheckedIndexedAccess on), and `delete obj[key]` in the Proxmox simulator, whose state
      // mirrors Proxmox's keyed config (3 places). Turn back on once those are reworked.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
);
