import { ServiceSetDefinition } from '../../src/definitions/service-set';

/**
 * The demo set: a public web front end, an API (public under /api and at its own host for gRPC
 * clients) and a private worker, calling each other through their Envoy sidecars. Each env has its
 * own PostgreSQL database, migrated by the API's image before the services roll, and one secret of
 * its own (`env secrets set <env> --set demo session-signing-key`).
 * Images: <tier registry>/demo/<service>, tagged per branch.
 */
const demo: ServiceSetDefinition = {
  name: 'demo',
  tier: 'stage',
  backends: { bucket: true, table: { partitionKey: 'pk', sortKey: 'sk' } },
  database: { migrate: { service: 'api', command: ['/app/api', 'migrate'] } },
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
      secrets: {
        PAYMENT_API_KEY: { secretsManager: 'demo/stage/payment', jsonKey: 'api-key' },
        SESSION_SIGNING_KEY: { envSecret: 'session-signing-key' },
      },
      healthCheck: { path: '/healthz' },
      autoscaling: { min: 1, max: 3, cpuTarget: 60 },
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
      secrets: { QUEUE_TOKEN: { ssmParameter: '/demo/stage/queue-token' } },
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
