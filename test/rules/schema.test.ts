import rule from '../../scripts/rules/schema.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

ruleTester.run('schema', rule, {
  valid: [HEAD + STEPS],
  invalid: [
    {
      name: 'an unknown key (with a did-you-mean), so the required key is missing',
      code: HEAD.replace('title:', 'titel:') + STEPS,
      errors: [{ messageId: 'schema.required', line: 1, column: 1 }, { messageId: 'schema.unknownKey', line: 2, column: 1 }],
    },
    {
      name: 'invalid YAML',
      code: `${HEAD}steps:\n  - { id: submit, name: 提交\n`,
      errors: [{ messageId: 'yaml.invalid' }],
    },
    {
      name: 'a wrong type',
      code: HEAD.replace('version: 1.0.0', 'version: 1') + STEPS,
      errors: [{ messageId: 'schema.type', line: 6, column: 10 }],
    },
    {
      name: 'no front matter',
      code: '---\n',
      errors: [{ messageId: 'source.unclosedFrontMatter', line: 1, column: 1 }],
    },
  ],
});
