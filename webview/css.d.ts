// Lets TypeScript accept `import css from './x.css'`: esbuild's text loader turns the file into a string.
declare module '*.css' {
  const text: string;
  export default text;
}
