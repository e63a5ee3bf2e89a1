// A local ESLint rule that keeps the arrows between the source folders one way (see CONTRIBUTING.md, "Layers").
// Each file belongs to the layer whose folder holds it; an import is allowed only into the same layer or into a
// layer listed in its `mayImport`. `vscode` is allowed at runtime only where `vscode: 'runtime'`, as a type-only
// import where `vscode: 'types'`; Node's built-in modules only where `node` is true. Tests, benchmarks and the
// simulator are never imported from product code.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** @param {string} file absolute path; @param {{root: string, layers: {name: string, path: string}[]}} options */
function layerOf(file, { root, layers }) {
  const rel = relative(root, file).split(sep).join('/');
  // An import names `./api` for `api.ts`; a layer may be one file.
  const names = [rel, `${rel}.ts`];
  // Longest matching path wins, so `src/extension.ts` can be a layer of its own inside `src`.
  let best;
  for (const layer of layers) {
    if ((names.includes(layer.path) || rel.startsWith(`${layer.path}/`)) && (!best || layer.path.length > best.path.length)) best = layer;
  }
  return best;
}

/** True when every binding of the import is type-only (`import type {…}` or `import {type A}`). */
function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  return node.type === 'ImportDeclaration' && node.specifiers.length > 0
    && node.specifiers.every((s) => s.importKind === 'type');
}

export default {
  rules: {
    layers: {
      meta: {
        type: 'problem',
        docs: { description: 'Imports between source folders run one way (layers).' },
        schema: [{ type: 'object', additionalProperties: true }],
        messages: {
          wrongWay: '{{from}} may not import from {{to}} ({{target}}): imports run {{allowed}}.',
          outside: '{{from}} may not import {{target}}: product code never imports tests, benchmarks or the simulator.',
          vscodeRuntime: '{{from}} may not import `vscode` at runtime (use `import type`, or move this code to an adapter).',
          vscode: '{{from}} may not import `vscode` at all.',
          node: '{{from}} runs in the browser and may not import the Node module `{{target}}`.',
        },
      },
      create(context) {
        const options = context.options[0];
        const from = layerOf(context.filename, options);
        if (!from) return {};
        const check = (node, source) => {
          if (!source || typeof source.value !== 'string') return;
          const spec = source.value;
          if (spec === 'vscode') {
            if (from.vscode === 'runtime') return;
            if (from.vscode === 'types' && isTypeOnly(node)) return;
            context.report({ node: source, messageId: from.vscode === 'types' ? 'vscodeRuntime' : 'vscode', data: { from: from.name } });
            return;
          }
          if (NODE_BUILTINS.has(spec)) {
            if (from.node === false) context.report({ node: source, messageId: 'node', data: { from: from.name, target: spec } });
            return;
          }
          if (!spec.startsWith('.')) return; // an npm package
          const to = layerOf(resolve(dirname(context.filename), spec), options);
          const target = relative(options.root, resolve(dirname(context.filename), spec)).split(sep).join('/');
          if (!to) {
            context.report({ node: source, messageId: 'outside', data: { from: from.name, target } });
            return;
          }
          if (to === from || from.mayImport.includes(to.name)) return;
          context.report({
            node: source, messageId: 'wrongWay',
            data: { from: from.name, to: to.name, target, allowed: `from ${from.name} into ${[from.name, ...from.mayImport].join(', ')} only` },
          });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source),
          ExportNamedDeclaration: (node) => check(node, node.source),
          ExportAllDeclaration: (node) => check(node, node.source),
          ImportExpression: (node) => check(node, node.source),
          TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression),
          CallExpression: (node) => {
            if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
          },
        };
      },
    },
  },
};
