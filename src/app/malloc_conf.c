/* malloc_conf.c — jemalloc's options, read by jemalloc at start-up (linked
 * into the sheaf binary only when jemalloc is its malloc, meson.build).
 *
 * retain:false: by default jemalloc on 64-bit Linux keeps every extent it
 * ever mapped, to reuse the addresses, and grows them geometrically; a
 * post of 8 MiB of headings then reserved 2.2 times the memory it touched
 * (1430 MB of address space for 640 MB at 4 MiB), and failed under a
 * `ulimit -v` its memory fitted. Unused extents are unmapped instead: the
 * address space stays near what is used, at no cost measured in a book's
 * time. */
const char *malloc_conf = "retain:false";
