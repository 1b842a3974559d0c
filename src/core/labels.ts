import { problem } from './errors';
import { labelValue, qualifiedName } from './syntax';

/** Checks label keys and values (rule S10) and pushes what is wrong. */
export function checkLabels(field: string, labels: Record<string, string>, errors: string[]): void {
  for (const [key, value] of Object.entries(labels)) {
    const badKey = qualifiedName(key);
    if (badKey) errors.push(problem('S10', `${field} key`, key, `a label key: ${badKey}`));
    const badValue = typeof value === 'string' ? labelValue(value) : 'a string';
    if (badValue) errors.push(problem('S10', `${field}[${JSON.stringify(key)}]`, value, badValue));
  }
}
