import { block, blocks, resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** Plain-HTTP listeners only redirect to HTTPS. */
export const httpRedirectsToHttps: PolicyRule = {
  id: 'CKV2_AWS_20',
  title: 'HTTP listeners redirect to HTTPS',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_lb_listener', 'aws_alb_listener')
      .filter(({ body }) => body.protocol === 'HTTP')
      .map(({ address, body }) => {
        const actions = blocks(body.default_action);
        const redirects = actions.length > 0 && actions.every((a) => a.type === 'redirect' && block(a.redirect)?.protocol === 'HTTPS');
        return redirects ? compliant(address) : nonCompliant(address, 'the default action must redirect to HTTPS');
      }),
};
