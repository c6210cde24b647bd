import { ResourceBody } from '../synth/terraform-json';

/** The container definitions of a task definition resource, parsed (empty when not literal JSON). */
export function containersOf(task: ResourceBody): Record<string, unknown>[] {
  try {
    const parsed = JSON.parse(String(task.container_definitions ?? '[]')) as unknown;
    return Array.isArray(parsed) ? (parsed as Record<string, unknown>[]) : [];
  } catch {
    return [];
  }
}
