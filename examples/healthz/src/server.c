/* server.c: a tiny HTTP/1.1 server on 127.0.0.1; one request per connection, one connection
 * at a time. Usage: healthz-server [--port N] (default 8080). */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "routes.h"

static const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    default: return "Internal Server Error";
    }
}

/* Reads the request head (up to the blank line, or as much as fits) into buf. */
static int read_head(int fd, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    while (len + 1 < size && !strstr(buf, "\r\n\r\n") && !strstr(buf, "\n\n")) {
        ssize_t n = read(fd, buf + len, size - 1 - len);
        if (n <= 0)
            break;
        len += (size_t)n;
        buf[len] = '\0';
    }
    return strchr(buf, '\n') ? 0 : -1;
}

static void write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n <= 0)
            return;
        data += n;
        len -= (size_t)n;
    }
}

static void serve(int fd)
{
    char head[4096], method[16], path[1024], out[256];
    struct response res;

    if (read_head(fd, head, sizeof head) == 0 &&
        sscanf(head, "%15s %1023s", method, path) == 2) {
        path[strcspn(path, "?")] = '\0';
        route(method, path, &res);
    } else {
        res.status = 400;
        strcpy(res.content_type, "text/plain");
        strcpy(res.body, "bad request\n");
    }

    size_t body_len = strlen(res.body);
    int n = snprintf(out, sizeof out,
                     "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                     "Connection: close\r\n\r\n",
                     res.status, reason(res.status), res.content_type, body_len);
    write_all(fd, out, (size_t)n);
    write_all(fd, res.body, body_len);
}

int main(int argc, char **argv)
{
    long port = 8080;
    for (int i = 1; i < argc; i++) {
        char *end = NULL;
        if (strcmp(argv[i], "--port") == 0 && i + 1 < argc)
            port = strtol(argv[++i], &end, 10);
        if (!end || *end != '\0' || port < 1 || port > 65535) {
            fprintf(stderr, "usage: %s [--port N]\n", argv[0]);
            return 2;
        }
    }

    signal(SIGPIPE, SIG_IGN);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof addr) != 0 ||
        listen(listener, 16) != 0) {
        perror("healthz-server");
        return 1;
    }
    printf("healthz-server listening on http://127.0.0.1:%ld\n", port);
    fflush(stdout);

    for (;;) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0)
            continue;
        serve(fd);
        close(fd);
    }
}
