/* watch.h - `planpress watch`: build, then build again on every change to the
 * content or templates folder. */
#ifndef PLANPRESS_WATCH_H
#define PLANPRESS_WATCH_H

#include "build.h"

/* Builds as build_site does, then after every change, each build in a child
 * process, until SIGINT or SIGTERM: 0 then, 3 when changes cannot be
 * watched at all (inotify refused). Never returns for a failed build. */
int watch_site(const struct build_options *o);

#endif
