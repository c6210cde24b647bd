import { loadBase } from '../../src/definitions/tiers';
import { loadServiceSet } from '../../src/definitions/service-sets';
import { checkPins, chooseImages, parseImageFlags } from '../../src/images/image-overrides';

const set = loadServiceSet('stage', 'demo').definition;
const registry = loadBase('stage').registry;
const service = set.services[0].name;

describe('--image and --tag follow the image reference grammar', () => {
  it('accepts pins by the grammar, with or without a tag', () => {
    expect(parseImageFlags([`${service}=localhost:5000/demo/web:main-1-abc`, 'other=nginx'])).toEqual({ [service]: 'localhost:5000/demo/web:main-1-abc', other: 'nginx' });
  });

  it.each([
    ['nginx:${var.tag}', /--image web=nginx:\$\{var.tag\}: contains "\$"/],
    ['%{if true}x%{endif}', /contains "%"/],
    ['demo/Web:1', /repository path "demo\/Web" must be lower case: write demo\/web/],
    ['nginx:', /empty tag/],
    ['nginx:1 2', /contains " "/],
  ])('refuses --image web=%s, naming the flag and what is wrong', (ref, message) => {
    expect(() => parseImageFlags([`web=${ref}`])).toThrow(message);
  });

  it.each(['main-${x}', 'not a tag', '-x', ''])('refuses --tag %j', (tag) => {
    expect(() => checkPins(set, {}, tag)).toThrow(/--tag ".*" is not a valid image tag: /);
  });

  it('gives every service an image that follows the grammar from a valid --tag', () => {
    const images = chooseImages(set, registry, {}, 'feature-login-28bb00-12-abc1234');
    expect(images.map((i) => i.image).every((image) => !/[${}%\s]/.test(image))).toBe(true);
  });
});
