/** Replaces every `{result}` in a message template (seed 002). */
export function fillTemplate(template: string, result: string): string {
  return template.split('{result}').join(result);
}
