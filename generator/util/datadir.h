/*
 * datadir.h -- where lantian's own data is: the default templates and the
 * font configuration that `lantian init` copies into a new publication.
 * Installed, that is PREFIX/share/lantian (`make install`), found from
 * where the binary is (PREFIX/bin/lantian), so an installed tree can be
 * moved or staged (DESTDIR) as a whole; run from the source tree, the
 * repository the binary was built in.
 */
#ifndef LANTIAN_DATADIR_H
#define LANTIAN_DATADIR_H

/* The data folder (holding templates/site and fonts/fonts.lock), or NULL
 * when there is none. In order: $LANTIAN_DATADIR, ../share/lantian from
 * the binary's folder, the source tree two levels above the binary's
 * folder (build/release/lantian). The string is static. */
const char *datadir_find(void);

#endif
