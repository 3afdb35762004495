// acorn-globals ships no types; this is the part the layout engine uses.
declare module 'acorn-globals' {
  interface GlobalReference {
    name: string;
  }
  /** The names a script reads or writes without declaring them, in name order. */
  export default function findGlobals(source: string): GlobalReference[];
}
