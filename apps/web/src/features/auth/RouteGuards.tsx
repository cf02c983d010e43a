import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadingScreen } from '../../components/LoadingScreen';
import { takeDeliberateLogOut, useMe } from './hooks';

function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const { from } = state;
    // Only same-site paths; never "//evil.example".
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//')) return from;
  }
  return '/';
}

/** Private pages: logged-out visitors go to /login and come back afterwards. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingScreen />;
  if (!me.data) {
    const from = takeDeliberateLogOut() ? undefined : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={from} />;
  }
  return <Outlet />;
}

/** Log-in and sign-up: signed-in users have nothing to do there. */
export function RequireGuest() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingScreen />;
  if (me.data) return <Navigate to={returnPath(location.state)} replace />;
  return <Outlet />;
}
