import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { selectApi } from './api/select-api';
import { App } from './App';
import { createAppStore } from './store/app-store';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const store = createAppStore(selectApi());

createRoot(root).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
