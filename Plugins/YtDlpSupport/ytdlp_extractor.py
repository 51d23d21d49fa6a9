#!/usr/bin/env python3
"""MySpotify's resident yt-dlp extractor: one JSON object per line on stdin and stdout.

Starting Python and importing yt-dlp is most of a yt-dlp run's half second, so the remote
providers keep this process running and ask it to resolve each item page. It is started
with the very options the provider's yt-dlp command gets, parsed by yt-dlp's own option
parser, so that it selects the same format with the same extractor arguments as the command
would; the provider downloads the selected format itself, or runs the command when that
format is not a plain HTTP download.

Start:    ytdlp_extractor.py [--yt-dlp PATH] [--warm-url URL] -- YT-DLP OPTIONS...
          (PATH: the yt-dlp the command runs, put on the module path when it is a zipapp;
          URL, or MYSPOTIFY_EXTRACTOR_WARM_URL: an item page whose extractor is loaded
          before the process says it is ready)
First:    {"ready": true, "version": "2026.10.26"}
          {"ready": false, "error": "..."}              then it exits
Request:  {"id": 1, "url": "https://..."}
Reply:    {"id": 1, "ok": true, "info": {...}, "media": {"url", "headers", "chunk_size", "filesize"} or null}
          {"id": 1, "ok": false, "error": {"type": "DownloadError", "message": "..."}}

Standard output carries the protocol only: anything else that would be printed there
(yt-dlp's own output, a library's) goes to standard error.
"""
import json
import os
import sys

# The fields of an item MySpotify reads (YtDlpInfo), and those of the selected format.
INFO_FIELDS = (
    "id", "title", "track", "artist", "artists", "creator", "uploader", "channel", "album", "duration", "thumbnail",
    "webpage_url", "release_year", "genre", "format_id", "ext", "protocol",
)
DIRECT_PROTOCOLS = ("http", "https")
# A fresh YoutubeDL now and then, so that what one keeps between requests (cookies a site
# set, caches) stays bounded; it is rebuilt after a reply, never while someone waits.
REQUESTS_PER_INSTANCE = 64


class QuietLogger:
    """yt-dlp's messages, off standard output. Errors are kept for the reply: with the
    command's options (`ignoreerrors` is "only_download") yt-dlp reports a failed extraction
    here and returns nothing, as the command prints it and exits 1."""

    def __init__(self):
        self.errors = []

    def debug(self, message):
        pass

    info = warning = debug

    def error(self, message):
        if len(self.errors) < 8:
            self.errors.append(message)


def parse_arguments(argv):
    executable = warm_url = None
    options = []
    rest = list(argv)
    while rest:
        argument = rest.pop(0)
        if argument == "--":
            options = rest
            break
        if argument == "--yt-dlp" and rest:
            executable = rest.pop(0)
        elif argument == "--warm-url" and rest:
            warm_url = rest.pop(0)
        else:
            raise ValueError(f"unknown argument {argument!r}")
    return executable, warm_url, options


def import_yt_dlp(executable):
    try:
        import yt_dlp
        return yt_dlp
    except ImportError:
        # The release binary of yt-dlp is a zipapp: its modules import from the file itself.
        if not executable or not os.path.isfile(executable):
            raise
        sys.path.insert(0, executable)
        import yt_dlp
        return yt_dlp


def media_of(ydl, info):
    """The selected format when it is one plain HTTP file, as yt-dlp's HTTP downloader would
    fetch it; None when the command must download it (merged formats, fragments, HLS...)."""
    url = info.get("url")
    if not url or info.get("requested_formats") or info.get("fragments"):
        return None
    if info.get("protocol") not in DIRECT_PROTOCOLS or ydl.params.get("external_downloader"):
        return None
    headers = {"Accept-Encoding": "identity"}
    headers.update(info.get("http_headers") or {})
    cookie = ydl.cookiejar.get_cookie_header(url)
    if cookie:
        headers["Cookie"] = cookie
    chunk = ydl.params.get("http_chunk_size") or (info.get("downloader_options") or {}).get("http_chunk_size")
    size = info.get("filesize")
    return {"url": url, "headers": headers, "chunk_size": int(chunk) if chunk else None,
            "filesize": int(size) if size else None}


def resolve(ydl, url, logger):
    """The reply to one request, without its id."""
    try:
        info = ydl.extract_info(url, download=False)
    except Exception as error:
        return {"ok": False, "error": {"type": type(error).__name__, "message": str(error)}}
    if info is None:
        message = "\n".join(logger.errors) or "yt-dlp returned nothing and reported no error"
        return {"ok": False, "error": {"type": "DownloadError", "message": message}}
    info = ydl.sanitize_info(info)
    return {"ok": True, "info": {key: info.get(key) for key in INFO_FIELDS}, "media": media_of(ydl, info)}


def warm_up(yt_dlp, ydl, url):
    """Compiles every extractor's URL pattern and loads the one for `url`, so that the
    first request costs what the others do."""
    from yt_dlp.extractor import gen_extractor_classes
    for extractor in gen_extractor_classes():
        if extractor.suitable(url) and extractor.ie_key() != "Generic":
            ydl.get_info_extractor(extractor.ie_key())
            break


def main():
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def send(message):
        # ASCII only: the reader splits lines on U+2028 and U+2029 too, which a title may hold.
        protocol.write(json.dumps(message) + "\n")
        protocol.flush()

    try:
        executable, warm_url, options = parse_arguments(sys.argv[1:])
        warm_url = warm_url or os.environ.get("MYSPOTIFY_EXTRACTOR_WARM_URL")
        yt_dlp = import_yt_dlp(executable)
        parsed = yt_dlp.parse_options(options)
        if parsed.urls:
            raise ValueError("the options name a URL; URLs come in requests")
        logger = QuietLogger()
        settings = dict(parsed.ydl_opts, logger=logger)

        def fresh():
            return yt_dlp.YoutubeDL(settings)

        ydl = fresh()
        if warm_url:
            try:
                warm_up(yt_dlp, ydl, warm_url)
            except Exception as error:  # a slower first request, nothing worse
                print(f"warm-up failed: {error}", file=sys.stderr)
    except (Exception, SystemExit) as error:  # argparse exits on bad options
        send({"ready": False, "error": f"{type(error).__name__}: {error}"})
        return
    send({"ready": True, "version": yt_dlp.version.__version__})

    answered = 0
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            request = json.loads(line)
            request_id = request.get("id")
            url = request["url"]
            if not isinstance(url, str) or url.startswith("-"):
                raise ValueError("url must be a string that is not an option")
        except (ValueError, KeyError, AttributeError) as error:
            send({"id": None, "ok": False, "error": {"type": "BadRequest", "message": f"{error}"}})
            continue
        logger.errors.clear()
        send(dict(resolve(ydl, url, logger), id=request_id))
        answered += 1
        if answered % REQUESTS_PER_INSTANCE == 0:
            ydl.close()
            ydl = fresh()

if __name__ == "__main__":
    main()
