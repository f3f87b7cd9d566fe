// What the playground imports dynamically, so the texts' own module, which Compare and Sequences
// import statically, needs no namespace object: one made at run time took the bundler's helpers
// out of the app's entry into a chunk of their own that every page then waited for.
export { PARAMETER_HELP } from './parameterHelp';
