import { ServiceSetDefinition } from '../../src/definitions/service-set';

/**
 * The demo set: a public web front end, an API (public under /api and at its own host for gRPC
 * clients) and a private worker, calling each other through their Envoy sidecars, with a database of
 * its own per env, migrated by the API's image before the services roll.
 * Images: <tier registry>/demo/<service>, tagged per branch.
 */
const demo: ServiceSetDefinition = {
  name: 'demo',
  tier: 'prod',
  backends: { bucket: true, table: { partitionKey: 'pk', sortKey: 'sk' } },
  database: { migrate: { service: 'api', command: ['/app/api', 'migrate'], timeoutSeconds: 840 } },
  services: [
    {
      name: 'web',
      image: { repository: 'demo/web' },
      port: 8080,
      protocol: 'http',
      cpu: 256,
      memory: 512,
      environment: { LOG_LEVEL: 'info' },
      healthCheck: { path: '/healthz' },
      desiredCount: 2,
      autoscaling: { min: 2, max: 6, cpuTarget: 60 },
      calls: ['api', 'worker'],
      routes: [{ path: '/*' }, { hostPrefix: 'web' }],
    },
    {
      name: 'api',
      image: { repository: 'demo/api' },
      port: 9090,
      protocol: 'http2',
      cpu: 512,
      memory: 1024,
      environment: { LOG_LEVEL: 'info' },
      secrets: { PAYMENT_API_KEY: { secretsManager: 'demo/prod/payment', jsonKey: 'api-key' } },
      healthCheck: { path: '/healthz' },
      desiredCount: 2,
      autoscaling: { min: 2, max: 10, cpuTarget: 60 },
      calls: ['worker'],
      routes: [{ path: '/api/*' }, { hostPrefix: 'api' }],
      uses: ['table', 'database'],
    },
    {
      name: 'worker',
      image: { repository: 'demo/worker' },
      port: 8081,
      cpu: 512,
      memory: 1024,
      secrets: { QUEUE_TOKEN: { ssmParameter: '/demo/prod/queue-token' } },
      healthCheck: { command: ['/app/worker', 'health'] },
      uses: ['bucket', 'table', 'database'],
      extraContainers: [
        {
          name: 'log-router',
          image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4',
          essential: false,
          memory: 128,
        },
        {
          name: 'cache',
          image: 'public.ecr.aws/docker/library/redis:7.4-alpine',
          command: ['redis-server', '--save', '', '--appendonly', 'no'],
          memory: 256,
          writableRootFilesystem: { reason: 'redis writes its working files under /data even with persistence off' },
        },
      ],
    },
  ],
};

export default demo;
