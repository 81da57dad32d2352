/**
 * The interface between the firmware (the shells and their drivers) and the terminal application it
 * boots, built in or loaded from a software package (docs/TMS.md §1). A package declares the `abi` it
 * needs in its manifest; the firmware refuses any other. Kept free of imports: the engine reads it too.
 */
export const TERMINAL_APP_ABI = 1;
