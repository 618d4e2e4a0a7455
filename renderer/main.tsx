import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installApi } from './api';
import { App } from './App';
import { setupI18n } from './i18n';
import './styles.css';

installApi();
await setupI18n();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
