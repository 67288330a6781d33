/** Entry point: mounts the app, or says why it cannot run outside Parley. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasBridge } from './api';
import { App } from './app/App';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>{hasBridge() ? <App /> : <p className="no-bridge">This page runs inside the Parley app.</p>}</StrictMode>,
);
