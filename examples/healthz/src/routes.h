/* routes.h: what healthz-demo answers to each request. */
#ifndef HEALTHZ_ROUTES_H
#define HEALTHZ_ROUTES_H

struct response {
    int status;
    char content_type[64];
    char body[1024];
};

/* Fills `out` with the answer to `method` on `path` (the path without its query string):
 * the route's answer, 405 for another method on a known path, 404 for an unknown path. */
void route(const char *method, const char *path, struct response *out);

#endif
