import { isLeft } from 'fp-ts/Either';
import { fail, ok } from './result';

test('fail builds a Left and ok a Right', () => {
  expect(isLeft(fail('x'))).toBe(true);
  expect(isLeft(ok(1))).toBe(false);
});
