/* routes.c: the routes of healthz-demo, one handler per path. */
#include "routes.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static void set_response(struct response *out, int status, const char *content_type,
                         const char *body)
{
    out->status = status;
    snprintf(out->content_type, sizeof out->content_type, "%s", content_type);
    snprintf(out->body, sizeof out->body, "%s", body);
}

static void handle_root(struct response *out)
{
    set_response(out, 200, "text/plain", "hello from healthz-demo\n");
}

/* The known paths; every one answers GET only. */
static const struct {
    const char *path;
    void (*handle)(struct response *out);
} routes[] = {
    {"/", handle_root},
};

void route(const char *method, const char *path, struct response *out)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (strcmp(path, routes[i].path) != 0)
            continue;
        if (strcmp(method, "GET") != 0)
            set_response(out, 405, "text/plain", "method not allowed\n");
        else
            routes[i].handle(out);
        return;
    }
    set_response(out, 404, "text/plain", "not found\n");
}
