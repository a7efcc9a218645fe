/* version.h: the version of healthz-demo. */
#ifndef HEALTHZ_VERSION_H
#define HEALTHZ_VERSION_H

#define HEALTHZ_VERSION "1.4.0"

#endif
