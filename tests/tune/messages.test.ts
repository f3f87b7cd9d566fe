import { expect, test } from 'vitest';
import { CONTINUE_ISSUE_CODES } from '../../src/core/tune/continue';
import { useTuneMessages } from '../../src/ui/tune/messages';

test('every reason a study can only be viewed reads in English and in Chinese, never as its code', () => {
  const en = useTuneMessages.in('en');
  const zh = useTuneMessages.in('zh');
  for (const code of CONTINUE_ISSUE_CODES) {
    expect(en.importViewOnly(code, 'x1, x2')).not.toContain(code);
    expect(zh.importViewOnly(code, 'x1, x2')).not.toContain(code);
    expect(zh.importViewOnly(code, 'x1, x2')).toMatch(/\p{Script=Han}/u);
  }
});
