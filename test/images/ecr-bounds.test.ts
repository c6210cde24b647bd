import { ECRClient } from '@aws-sdk/client-ecr';
import { EcrSource } from '../../src/images/sources/ecr';
import { silentServer } from '../helpers/http-stub';

// No aws-sdk-client-mock here: the real SDK talks to a local endpoint that never answers.
const repository = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/demo/api';

describe('ECR tag source bounds', () => {
  it('names the registry when the ECR endpoint accepts the connection and never answers', async () => {
    const silent = await silentServer();
    try {
      const source = new EcrSource(
        (region, config) => new ECRClient({ region, ...config, endpoint: `http://${silent.host}`, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } }),
        { requestTimeoutMs: 300 },
      );
      await expect(source.listTags(repository, AbortSignal.timeout(10000))).rejects.toThrow(
        'registry 123456789012.dkr.ecr.eu-west-1.amazonaws.com did not answer within 0.3 s',
      );
    } finally {
      await silent.close();
    }
  });
});
