/**
 * The longest name a run or experiment keeps, the same from import to storage to the name box:
 * two limits would let an import accept a name the storage then refuses on reload. A module of its
 * own: the page's storage needs the number on every page, the experiment file's code only on import
 * and export.
 */
export const MAX_NAME_CHARACTERS = 200;
