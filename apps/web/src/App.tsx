import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppLayout, PublicLayout } from './components/Layouts';
import { RequireAuth, RequireGuest } from './features/auth/RouteGuards';
import { useLocaleSync } from './features/auth/useLocaleSync';
import { CalendarPage } from './pages/CalendarPage';
import { CouplePage } from './pages/CouplePage';
import { DrawerPage } from './pages/DrawerPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { InvitePage } from './pages/InvitePage';
import { LogInPage } from './pages/LogInPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { QuestionsPage } from './pages/QuestionsPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { SettingsPage } from './pages/SettingsPage';
import { SignUpPage } from './pages/SignUpPage';
import { WordsPage } from './pages/WordsPage';
import { RealtimeProvider } from './realtime/RealtimeProvider';

const router = createBrowserRouter([
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'couple', element: <CouplePage /> },
          { path: 'words', element: <WordsPage /> },
          { path: 'questions', element: <QuestionsPage /> },
          { path: 'calendar', element: <CalendarPage /> },
          { path: 'drawer', element: <DrawerPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: 'invite/:code', element: <InvitePage /> },
        ],
      },
    ],
  },
  {
    element: <PublicLayout />,
    children: [
      {
        element: <RequireGuest />,
        children: [
          { path: 'login', element: <LogInPage /> },
          { path: 'signup', element: <SignUpPage /> },
        ],
      },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  useLocaleSync();
  return (
    <RealtimeProvider>
      <RouterProvider router={router} />
    </RealtimeProvider>
  );
}
