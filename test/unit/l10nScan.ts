/**
 * Finds user-facing text that does not go through translation, and the translation keys the code uses, by reading
 * the TypeScript of `src` (the compiler's parser, no type-checking). User-facing text is what ends up on screen:
 * arguments of `show…Message` (buttons too, also when held in a `const` of the file), of `setStatusBarMessage` and of a
 * chat response's `markdown`/`progress`, what `validateInput` returns, what formatting functions return or push
 * (`format…`, `…Text`, `…Label`, `…Notice`, `…Reason`, `…Line`, `…Title`, `…Detail`), the `title`/`placeHolder`/`prompt`/`label`/`detail`/`description`/`message`/
 * `tooltip`/`text` of an object (quick picks, input boxes, banners, buttons, error descriptions), `aria-label`,
 * `title` and `placeholder` attributes, `textContent`/`placeholder`/`title` assigned in the webview, and text
 * children of the webview's `h(tag, options, …children)`.
 * Text is hard-coded when a string or template literal with a letter in it reaches one of those places without
 * passing through `t(…)` (src/shared/l10n.ts) or `vscode.l10n.t(…)`. A literal that is a name rather than words
 * (a language id, a mention's name the user types) is marked with an `l10n-ignore` comment on its line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts = require('typescript');

/** A place in a file: `src/commands/x.ts:12`. */
export interface Finding {
  where: string;
  text: string;
}

/** A translation key used by the code, with where it is used. */
export interface KeyUse extends Finding {
  key: string;
}

const SHOW_MESSAGE = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
const TEXT_PROPERTIES = new Set(['title', 'placeHolder', 'placeholder', 'prompt', 'label', 'detail', 'description', 'message', 'tooltip', 'text', 'aria-label']);
const TEXT_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder']);
const ASSIGNED_TEXT = new Set(['textContent', 'placeholder', 'title', 'text', 'tooltip']);
/**
 * Calls whose arguments are shown as they are: chat responses and their progress, the status bar; errors that carry
 * user words (after their kind).
 */
const SHOWN_ARGUMENTS = new Map([['markdown', 0], ['progress', 0], ['setStatusBarMessage', 0], ['ChatError', 1]]);
/** Functions whose result is text for the screen: what they return, and what they push into the lines they join. */
const TEXT_FUNCTION = /^(?:format[A-Z]\w*|\w+(?:Text|Label|Notice|Reason|Line|Title|Detail))$/;
/** Properties whose function's return value is shown: an input box's validation message. */
const TEXT_FUNCTION_PROPERTIES = new Set(['validateInput']);

/** Every `.ts` file under `dir`, recursively. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Whether a literal's text holds words (codicons such as `$(add)` or `$(loading~spin)` and punctuation are not words). */
function hasWords(text: string): boolean {
  return /[A-Za-z]/.test(text.replace(/\$\([a-z-]+(?:~[a-z]+)?\)/g, ''));
}

/** The hard-coded text in `expr`, if it puts any on screen without translating it. */
function hardCoded(expr: ts.Expression): string | undefined {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return hasWords(expr.text) ? expr.text : undefined;
  if (ts.isTemplateExpression(expr)) {
    const parts = [expr.head.text, ...expr.templateSpans.map((s) => s.literal.text)];
    if (parts.some(hasWords)) return expr.getText();
    // Words chosen inside a placeholder (`${n === 1 ? 'token' : 'tokens'}`) are hard-coded too.
    return expr.templateSpans.some((s) => hardCoded(s.expression) !== undefined) ? expr.getText() : undefined;
  }
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr)) return hardCoded(expr.expression);
  if (ts.isArrayLiteralExpression(expr)) {
    for (const element of expr.elements) {
      const text = ts.isSpreadElement(element) ? undefined : hardCoded(element);
      if (text !== undefined) return text;
    }
    return undefined;
  }
  if (ts.isConditionalExpression(expr)) return hardCoded(expr.whenTrue) ?? hardCoded(expr.whenFalse);
  if (ts.isBinaryExpression(expr) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(expr.operatorToken.kind)) {
    return hardCoded(expr.left) ?? hardCoded(expr.right);
  }
  return undefined;
}

/** Whether `call` is `t(…)` or `vscode.l10n.t(…)`. */
function isTranslation(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text === 't';
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === 'l10n';
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** The name of a function declaration, or of the `const` an arrow function or function expression is assigned to. */
function functionName(fn: ts.FunctionLikeDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  return parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
}

/**
 * What `fn` returns (its expression body, or its `return`s), and what it pushes into an array (`lines.push(…)`),
 * not counting the functions nested in it.
 */
function resultsOf(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const results: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) results.push(node.expression);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'push') results.push(...node.arguments);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return results;
}

/** The hard-coded user-facing text of one file, and the translation keys it uses. */
export function scanFile(path: string, root: string): { hardCoded: Finding[]; keys: KeyUse[]; badKeys: Finding[] } {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = { hardCoded: [] as Finding[], keys: [] as KeyUse[], badKeys: [] as Finding[] };
  const where = (node: ts.Node): string => `${relative(root, path)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const lines = source.text.split('\n');
  /** The `const`s of the file initialised with a literal, so a button held in one is checked where it is shown. */
  const constants = new Map<string, ts.Expression>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isVariableDeclarationList(node.parent)
      && node.parent.flags & ts.NodeFlags.Const) constants.set(node.name.text, node.initializer);
    ts.forEachChild(node, collect);
  };
  collect(source);
  const checkShown = (expr: ts.Expression): void => check(ts.isIdentifier(expr) ? constants.get(expr.text) ?? expr : expr);
  const checkResults = (fn: ts.Expression | ts.FunctionLikeDeclaration): void => {
    if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) resultsOf(fn).forEach(check);
  };
  const check = (expr: ts.Expression | undefined): void => {
    const text = expr && hardCoded(expr);
    if (!expr || text === undefined) return;
    if (lines[source.getLineAndCharacterOfPosition(expr.getStart()).line]?.includes('l10n-ignore')) return;
    found.hardCoded.push({ where: where(expr), text });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      if (isTranslation(node)) {
        const key = node.arguments[0];
        if (key && (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key))) found.keys.push({ where: where(key), text: key.text, key: key.text });
        else found.badKeys.push({ where: where(node), text: node.getText() });
      } else if (SHOW_MESSAGE.has(name)) {
        node.arguments.forEach(checkShown);
      } else if (SHOWN_ARGUMENTS.has(name)) {
        node.arguments.slice(SHOWN_ARGUMENTS.get(name)).forEach(check);
      } else if (name === 'h') {
        node.arguments.slice(2).forEach(check);
      } else if (name === 'setAttribute' && node.arguments.length === 2) {
        const [attribute, value] = node.arguments;
        if (ts.isStringLiteral(attribute) && TEXT_ATTRIBUTES.has(attribute.text)) check(value);
      }
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && SHOWN_ARGUMENTS.has(node.expression.text)) {
      node.arguments?.slice(SHOWN_ARGUMENTS.get(node.expression.text)).forEach(check);
    } else if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node.name);
      if (name && TEXT_PROPERTIES.has(name)) check(node.initializer);
      if (name && TEXT_FUNCTION_PROPERTIES.has(name)) checkResults(node.initializer);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      if (ts.isPropertyAccessExpression(node.left) && ASSIGNED_TEXT.has(node.left.name.text)) check(node.right);
    }
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      const name = functionName(node);
      if (name && TEXT_FUNCTION.test(name)) checkResults(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The `{0}`, `{1}`, … of a message, sorted, to compare a key with its translation. */
export function placeholders(message: string): string[] {
  return [...new Set(message.match(/\{\d+\}/g) ?? [])].sort();
}
