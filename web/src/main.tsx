import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminApp } from './admin/AdminApp.tsx';
import { PortalApp } from './portal/PortalApp.tsx';

// One bundle, two apps: staff at /, customers at /portal (the server serves the same page at both).
const portal = window.location.pathname.startsWith('/portal');
createRoot(document.getElementById('root')!).render(<StrictMode>{portal ? <PortalApp /> : <AdminApp />}</StrictMode>);
