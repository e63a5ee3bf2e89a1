/**
 * A translated sentence with elements in it (a name in bold, a model's name that changes): the translation keeps
 * `{0}`, `{1}`, … where the elements go, so each language puts them where its word order needs them.
 */

/** `template` (from `t`, its placeholders unfilled) split at `{n}`, with `nodes[n]` in each place. */
export function sentence(template: string, ...nodes: Node[]): Array<Node | string> {
  return template.split(/(\{\d+\})/).map((part) => {
    const match = /^\{(\d+)\}$/.exec(part);
    return match ? nodes[Number(match[1])] ?? part : part;
  }).filter((part) => part !== '');
}
