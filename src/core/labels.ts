import { problem } from './errors';
import { labelValue, qualifiedName } from './syntax';

// Apps repeat the same few label keys and values thousands of times: remember the verdicts.
const MAX_REMEMBERED = 50_000;
const keyVerdicts = new Map<string, string | undefined>();
const valueVerdicts = new Map<string, string | undefined>();

function remembered(cache: Map<string, string | undefined>, text: string, check: (t: string) => string | undefined): string | undefined {
  if (cache.has(text)) return cache.get(text);
  if (cache.size >= MAX_REMEMBERED) cache.clear();
  const verdict = check(text);
  cache.set(text, verdict);
  return verdict;
}

/** Checks label keys and values (rule S10) and pushes what is wrong. */
/** `qualifiedName(key)`, remembered: label keys and annotation keys repeat across an app. */
export function qualifiedNameRemembered(key: string): string | undefined {
  return remembered(keyVerdicts, key, qualifiedName);
}

export function checkLabels(field: string, labels: Record<string, string>, errors: string[]): void {
  for (const key in labels) {
    const value = labels[key];
    const badKey = remembered(keyVerdicts, key, qualifiedName);
    if (badKey) errors.push(problem('S10', `${field} key`, key, `a label key: ${badKey}`));
    const badValue = typeof value === 'string' ? remembered(valueVerdicts, value, labelValue) : 'a string';
    if (badValue) errors.push(problem('S10', `${field}[${JSON.stringify(key)}]`, value, badValue));
  }
}
