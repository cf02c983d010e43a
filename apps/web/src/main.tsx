import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { isApiError } from './api/client';
import { meQueryKey } from './features/auth/hooks';
import { i18n } from './i18n';
import './styles.css';

const queryClient = new QueryClient({
  mutationCache: new MutationCache({
    // A session that expired meanwhile: re-check it, and the route guard sends the user to log in.
    onError: (error) => {
      if (isApiError(error, 'unauthenticated'))
        void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  }),
  defaultOptions: {
    // Retry only what may heal by itself: a dropped connection, once.
    queries: { retry: (failures, error) => failures < 1 && isApiError(error, 'network_error') },
    mutations: { retry: false },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
