/** The kinds of base-level stack the tool builds (branch envs are built per set and env). */
export const STACK_KINDS = ['base', 'state-bucket'] as const;
export type StackKind = (typeof STACK_KINDS)[number];
