import { defineMessages } from '../../i18n';

export const useShellMessages = defineMessages({
  en: {
    tagline: 'See what each hyperparameter does',
    pages: 'Pages',
    language: 'Language',
    presentation: 'Presentation mode',
    presentationHint: 'Large text for a projector',
    loadingPage: 'Loading…',
    pageFailed: 'This page failed to load. Reload to try again.',
  },
  zh: {
    tagline: '亲眼看看每个超参数的作用',
    pages: '页面',
    language: '语言',
    presentation: '演示模式',
    presentationHint: '投影用的大字号',
    loadingPage: '加载中…',
    pageFailed: '页面加载失败，请刷新重试。',
  },
});
