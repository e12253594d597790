/** This package's version (stamped at build time). */
export const VERSION: string = __PACKAGE_VERSION__;
