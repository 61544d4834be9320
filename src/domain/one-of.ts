/** Whether a string is one of a constant list's values, narrowing it to their type. */
export const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);
