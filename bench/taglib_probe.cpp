// Diagnostic for the scan benchmark: what TagLib alone costs. Walks DIR single-threaded and,
// for every audio file, does what the provider's ms_read_tags does (FileRef with average
// audio properties, then the property map). Prints "files N ok M".
// Built by bench/run with g++ -O2 ... -ltag when g++ and the TagLib headers are present.
#include <dirent.h>
#include <strings.h>
#include <sys/stat.h>
#include <cstdio>
#include <cstring>
#include <string>
#include <taglib/fileref.h>
#include <taglib/tpropertymap.h>

static long files = 0, ok = 0;

static bool isAudio(const char *name) {
    const char *dot = strrchr(name, '.');
    if (!dot) return false;
    for (const char *ext : {"mp3", "flac", "m4a", "ogg", "oga", "opus", "wav"})
        if (strcasecmp(dot + 1, ext) == 0) return true;
    return false;
}

static void walk(const std::string &path) {
    DIR *dir = opendir(path.c_str());
    if (!dir) return;
    while (dirent *item = readdir(dir)) {
        if (item->d_name[0] == '.') continue;
        std::string child = path + "/" + item->d_name;
        struct stat info;
        if (stat(child.c_str(), &info) != 0) continue;
        if (S_ISDIR(info.st_mode)) { walk(child); continue; }
        if (!S_ISREG(info.st_mode) || !isAudio(item->d_name)) continue;
        files++;
        TagLib::FileRef ref(child.c_str(), true, TagLib::AudioProperties::Average);
        if (ref.isNull() || !ref.file() || !ref.file()->isValid() || !ref.audioProperties()) continue;
        TagLib::PropertyMap map = ref.file()->properties();
        if (ref.audioProperties()->lengthInMilliseconds() > 0 && map.size() >= 0) ok++;
    }
    closedir(dir);
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: taglib_probe DIR\n"); return 2; }
    walk(argv[1]);
    printf("files %ld ok %ld\n", files, ok);
    return 0;
}
