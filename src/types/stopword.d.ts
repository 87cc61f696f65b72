/** Minimal typing of the `stopword` package (its lists are arrays of lower-case words). */
declare module 'stopword' {
  export const fra: string[];
  export const eng: string[];
}
