// Stylesheets are imported for their side effect; Vite emits them as a .css file.
declare module '*.css';
