/*
 * The I/O floor for the scan benchmarks: a single-threaded walk of a library folder.
 *
 *   floor read DIR   opendir/readdir every folder, stat every entry, and open + read the
 *                    first 64 KiB of every audio file (what any tag reader must at least do)
 *   floor stat DIR   the same walk with stat only, no file opened (what a rescan of an
 *                    unchanged library must at least do)
 *
 * Prints "files N bytes B" on stdout. Built by bench/run with cc -O2.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *audio_ext[] = {"mp3", "flac", "m4a", "ogg", "oga", "opus", "wav", NULL};
static int read_files = 1;
static long long files = 0, bytes = 0;
static char buffer[64 * 1024];

static int is_audio(const char *name) {
    const char *dot = strrchr(name, '.');
    if (!dot) return 0;
    for (int i = 0; audio_ext[i]; i++)
        if (strcasecmp(dot + 1, audio_ext[i]) == 0) return 1;
    return 0;
}

static void walk(const char *path) {
    DIR *dir = opendir(path);
    if (!dir) {
        fprintf(stderr, "floor: cannot open %s: %s\n", path, strerror(errno));
        return;
    }
    struct dirent *item;
    char child[4096];
    while ((item = readdir(dir)) != NULL) {
        if (item->d_name[0] == '.') continue;
        snprintf(child, sizeof child, "%s/%s", path, item->d_name);
        struct stat info;
        if (stat(child, &info) != 0) continue;
        if (S_ISDIR(info.st_mode)) {
            walk(child);
        } else if (S_ISREG(info.st_mode) && is_audio(item->d_name)) {
            files++;
            if (!read_files) continue;
            int fd = open(child, O_RDONLY | O_CLOEXEC);
            if (fd < 0) continue;
            ssize_t got = read(fd, buffer, sizeof buffer);
            if (got > 0) bytes += got;
            close(fd);
        }
    }
    closedir(dir);
}

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[1], "read") != 0 && strcmp(argv[1], "stat") != 0)) {
        fprintf(stderr, "usage: floor read|stat DIR\n");
        return 2;
    }
    read_files = strcmp(argv[1], "read") == 0;
    walk(argv[2]);
    printf("files %lld bytes %lld\n", files, bytes);
    return 0;
}
