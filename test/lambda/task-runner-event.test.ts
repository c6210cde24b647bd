/** The task runner's event validation (src/lambda/task-runner/event.ts): each refusal names its field. */
import { eventProblems, parseEvent } from '../../src/lambda/task-runner/event';
import { event } from './task-runner-fixture';

const valid = event;

describe('parseEvent', () => {
  it('accepts the contract event as it is, on either capacity provider', () => {
    expect(parseEvent(valid)).toEqual(valid);
    expect(parseEvent({ ...valid, capacityProvider: 'FARGATE' }).capacityProvider).toBe('FARGATE');
  });

  it.each([
    ['cluster', undefined, 'cluster must be a non-empty string, got nothing'],
    ['taskDefinition', 42, 'taskDefinition must be a non-empty string, got 42'],
    ['container', ' ', 'container must be a non-empty string, got " "'],
    ['logGroup', null, 'logGroup must be a non-empty string, got null'],
    ['logStreamPrefix', undefined, 'logStreamPrefix must be a non-empty string'],
    ['label', '', 'label must be a non-empty string, got ""'],
    ['command', 'npm run migrate', 'command must be a non-empty list of non-empty strings, got "npm run migrate"'],
    ['command', [], 'command must be a non-empty list of non-empty strings, got []'],
    ['subnets', ['subnet-1', 3], 'subnets must be a non-empty list of non-empty strings, got ["subnet-1",3]'],
    ['securityGroups', undefined, 'securityGroups must be a non-empty list of non-empty strings, got nothing'],
    ['capacityProvider', 'EC2', 'capacityProvider must be one of FARGATE, FARGATE_SPOT, got "EC2"'],
    ['capacityProvider', 'fargate', 'capacityProvider must be one of FARGATE, FARGATE_SPOT, got "fargate"'],
    ['timeoutSeconds', '600', 'timeoutSeconds must be a whole number of seconds, at least 1, got "600"'],
    ['timeoutSeconds', 0, 'timeoutSeconds must be a whole number of seconds, at least 1, got 0'],
    ['timeoutSeconds', 1.5, 'timeoutSeconds must be a whole number of seconds, at least 1, got 1.5'],
  ])('refuses %s = %j, naming the field', (field, value, expected) => {
    expect(() => parseEvent({ ...valid, [field]: value })).toThrow(`invalid task-runner event: ${expected}`);
  });

  it('refuses a non-object event', () => {
    expect(() => parseEvent('{"cluster":"stage-main"}')).toThrow('the event must be a JSON object with cluster, taskDefinition');
    expect(() => parseEvent([valid])).toThrow('the event must be a JSON object');
  });

  it('refuses unknown fields and a CRUD lifecycle "tf" field', () => {
    expect(() => parseEvent({ ...valid, timeout: 600 })).toThrow('unknown fields timeout: send only cluster');
    expect(() => parseEvent({ ...valid, tf: { action: 'delete' } })).toThrow('the event has a "tf" field: leave lifecycle_scope at its default (CREATE_ONLY)');
  });

  it('lists every problem at once', () => {
    expect(eventProblems({ ...valid, cluster: '', subnets: [], timeoutSeconds: -1 })).toEqual([
      'cluster must be a non-empty string, got ""',
      'subnets must be a non-empty list of non-empty strings, got []',
      'timeoutSeconds must be a whole number of seconds, at least 1, got -1',
    ]);
  });
});
