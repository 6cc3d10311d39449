// Operations typed from the committed supergraph: `nx run web:codegen` rewrites src/gql (committed).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'apps/gateway/supergraph.graphql',
  documents: ['apps/web/src/**/*.tsx', '!apps/web/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'apps/web/src/gql/': {
      preset: 'client',
      // persisted-documents.json (hash -> operation): the gateway's list of trusted operations, and the
      // console sends each operation's hash (embedded in its document) instead of its text.
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string' },
        skipTypename: true,
      },
    },
  },
};

export default config;
