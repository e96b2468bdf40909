/** Replaces every `{result}` in a job's success or failure message with what the run returned. */
export function fillTemplate(template: string, result: string): string {
  return template.split('{result}').join(result);
}
