#!/usr/bin/env python3
"""Synthetic music library generator for the MySpotify benchmarks.

Makes a handful of short template files with ffmpeg once (cached in --templates), then
builds a library of N tracks in the `Artist/Album/NN - Title.ext` layout:

  mode "mixed" (the N-track library): mostly mp3, some flac/m4a/ogg; about 70 % of the
      albums get distinct tags written with mutagen (title, artist, album, album artist,
      genre, year, track and disc numbers), the rest are hard links of untagged templates
      so the scanner falls back to the folder layout; ~45 % of the album folders hold a
      cover.jpg (or folder.jpg).
  mode "links" (the big library): hard links of untagged templates only, to keep disk and
      time low at 100,000 tracks.

Names come from a seeded generated vocabulary with a Zipf-like word frequency (a few
words are very common, most are rare), as in real libraries, so full-text search sees
both selective and unselective terms. Also writes queries.txt (URL-encoded query strings,
one a line) for the search benchmark.

Usage:
  make_library.py templates --templates DIR
  make_library.py library --templates DIR --root LIBRARY --count N --mode mixed|links
                          [--seed S] [--queries FILE] [--stream-file PATH]

--stream-file adds the 52 MB streaming test file, and medium.wav (4.8 MB) of the same
templates folder when it is there, as an album of their own.
"""

import argparse
import errno
import os
import random
import shutil
import subprocess
import sys
import time
import urllib.parse

# --------------------------------------------------------------------------- vocabulary

TITLE_WORDS = """
love night heart fire rain summer dream light dance blue time girl baby world sun moon
star home road river city sky ocean soul gold wild young heaven angel shadow storm
winter silver midnight morning tears kiss memory stranger highway desert thunder
paradise freedom lonely forever sweet broken electric crystal velvet neon golden
echo ghost diamond mirror window garden island mountain valley harbor station train
letter promise secret lullaby anthem ballad blues waltz serenade rhapsody symphony
fever hunger whisper silence thunderbird satellite horizon sunrise sunset twilight
avenue boulevard bridge tower castle kingdom empire revolution rebel outlaw cowboy
sailor soldier dreamer lover hunter runner drifter wanderer gambler prophet preacher
butterfly sparrow raven eagle wolf tiger lion horse dragon phoenix serpent
rose lily violet jasmine orchid cherry honey sugar whiskey wine coffee cigarette
radio television telephone camera engine motor rocket airplane bicycle carousel
paper glass stone iron steel cotton leather satin lace feather smoke ashes dust
north south east west yesterday tomorrow tonight today always never sometimes
running falling flying burning shining crying dancing dreaming waiting calling
holding breaking turning fading rising drifting sinking floating shaking walking
blood bones skin eyes hands lips voice name face breath spirit mind body
california texas memphis chicago paris london berlin tokyo havana brooklyn harlem
mississippi carolina georgia virginia montana dakota nevada alabama kentucky
""".split()

TITLE_SMALL = "the a my your our of in on for and to with me you we all no".split()

ADJECTIVES = """
black white red green purple crimson scarlet amber electric cosmic atomic velvet
silent hollow bitter tender savage gentle restless endless hidden frozen burning
golden silver broken lonely wicked holy sacred blind lucky strange quiet loud
mighty little big northern southern eastern western modern ancient lost last first
""".split()

NOUNS = """
keys kings queens wolves ravens lions tigers horses foxes sparrows crows owls
stones roses thorns rivers mountains oceans waves tides winds storms clouds skies
machines engines radios satellites rockets signals echoes shadows ghosts spirits
hearts souls dreams lovers strangers sinners saints angels devils prophets rebels
brothers sisters daughters sons fathers mothers children believers drifters
""".split()

FIRST_NAMES = """
john paul george ringo bob joni neil emmylou dolly willie johnny june patsy loretta
aretha otis marvin stevie diana smokey etta nina billie ella louis miles ornette
david iggy lou patti debbie chrissie kate tori bjork sinead dolores shirley annie
kurt layne chris eddie jeff thom jonny damon noel liam jarvis brett morrissey
beyonce rihanna adele amy lorde taylor billie ariana dua lana florence regina
jose maria carlos lucia pedro ana miguel sofia rafael elena joao caetano gilberto
amadou mariam fela youssou salif oumou ali tinariwen angelique cesaria manu
""".split()

LAST_NAMES = """
smith jones taylor brown williams wilson johnson davies robinson wright thompson
evans walker white roberts green hall wood jackson clarke harris martin cooper king
lee baker hill ward morris moore clark turner parker collins edwards stewart
garcia martinez rodriguez lopez gonzalez perez sanchez ramirez torres flores rivera
muller schmidt schneider fischer weber meyer wagner becker schulz hoffmann
dupont durand moreau laurent simon michel lefebvre leroy roux fontaine
cash nelson parton harris lynn franklin redding gaye wonder ross robinson
""".split()

# Words with diacritics, searched without them (the catalog folds diacritics).
ACCENTED = "café señorita mötley naïve déjà vu jalapeño résumé fiancée crème brûlée zoë açaí über".split()

GENRES = """
rock pop jazz blues country folk soul funk reggae punk metal indie electronic house
techno ambient classical hiphop rnb gospel bluegrass latin samba bossa afrobeat
""".split()


class Vocabulary:
    """Seeded name maker with Zipf-like word frequencies."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        # Zipf-like weights: word k has weight 1/(k+1)^0.6 in a seeded shuffled order, so
        # the commonest word is in roughly one track in seven (title, artist or album), as
        # "love" is in big real libraries, and most words are rare.
        words = TITLE_WORDS[:]
        random.Random(seed + 1).shuffle(words)
        self.title_words = words
        self.title_weights = [1.0 / (k + 1) ** 0.6 for k in range(len(words))]

    def _word(self):
        return self.rng.choices(self.title_words, self.title_weights)[0]

    def title(self):
        r = self.rng.random()
        if r < 0.35:
            words = [self._word()]
        elif r < 0.75:
            words = [self._word(), self._word()]
        elif r < 0.92:
            words = [self._word(), self.rng.choice(TITLE_SMALL), self._word()]
        else:
            words = [self.rng.choice(["the", "my", "a"]), self._word(), self._word(), self._word()]
        if self.rng.random() < 0.02:
            words.append(self.rng.choice(ACCENTED))
        text = " ".join(words)
        if self.rng.random() < 0.05:
            text += self.rng.choice([" (live)", " (remastered)", " (demo)", " (radio edit)", " part ii"])
        return smart_title(text)

    def artist(self):
        r = self.rng.random()
        if r < 0.40:
            return smart_title(f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}")
        if r < 0.70:
            return smart_title(f"the {self.rng.choice(ADJECTIVES)} {self.rng.choice(NOUNS)}")
        if r < 0.85:
            return smart_title(f"{self.rng.choice(ADJECTIVES)} {self.rng.choice(NOUNS)}")
        if r < 0.95:
            return smart_title(f"{self.rng.choice(FIRST_NAMES)} & the {self.rng.choice(NOUNS)}")
        return smart_title(f"{self.rng.choice(ACCENTED)} {self.rng.choice(NOUNS)}")

    def album(self):
        r = self.rng.random()
        if r < 0.40:
            return smart_title(f"{self.rng.choice(ADJECTIVES)} {self._word()}")
        if r < 0.46:
            return smart_title(f"songs of {self._word()}")
        if r < 0.60:
            return smart_title(f"{self._word()} and {self._word()}")
        if r < 0.66:
            return smart_title(f"the {self._word()} sessions")
        if r < 0.70:
            return smart_title(f"live at the {self._word()}")
        if r < 0.80:
            return smart_title(f"{self.rng.choice(ADJECTIVES)} {self.rng.choice(NOUNS)}")
        return smart_title(self._word())

    def genre(self):
        return self.rng.choice(GENRES)


def smart_title(text):
    return " ".join(w if w in ("&",) else w[:1].upper() + w[1:] for w in text.split(" "))


def safe_name(text):
    return text.replace("/", "-").strip() or "Unknown"


# --------------------------------------------------------------------------- templates

TEMPLATE_SPECS = {
    # name: ffmpeg output arguments (input is a short sine tone, mono)
    "tone.mp3": ["-c:a", "libmp3lame", "-b:a", "32k", "-id3v2_version", "0", "-write_xing", "1"],
    "tone.flac": ["-c:a", "flac", "-sample_fmt", "s16"],
    "tone.m4a": ["-c:a", "aac", "-b:a", "32k", "-movflags", "+faststart"],
    "tone.ogg": ["-c:a", "libvorbis", "-q:a", "0"],
}
FREQUENCIES = [330, 440, 523]


def ffmpeg(args):
    subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def make_templates(folder):
    os.makedirs(folder, exist_ok=True)
    made = 0
    for freq in FREQUENCIES:
        for name, codec in TEMPLATE_SPECS.items():
            stem, ext = name.split(".")
            path = os.path.join(folder, f"{stem}{freq}.{ext}")
            if os.path.exists(path):
                continue
            tmp = path + ".tmp." + ext
            ffmpeg(["-f", "lavfi", "-i", f"sine=frequency={freq}:duration=0.8:sample_rate=22050",
                    "-ac", "1", "-map_metadata", "-1", "-fflags", "+bitexact", *codec, tmp])
            os.replace(tmp, path)
            made += 1
    for index, color in enumerate(["0x3366aa", "0xaa5533", "0x228844"]):
        path = os.path.join(folder, f"cover{index}.jpg")
        if not os.path.exists(path):
            tmp = path + ".tmp.jpg"
            ffmpeg(["-f", "lavfi", "-i", f"color=c={color}:s=300x300", "-frames:v", "1", "-q:v", "5", tmp])
            os.replace(tmp, path)
            made += 1
    # The ~50 MB file for the streaming benchmark: 16-bit stereo 44.1 kHz noise, WAV.
    stream = os.path.join(folder, "stream.wav")
    if not os.path.exists(stream):
        tmp = stream + ".tmp.wav"
        ffmpeg(["-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:sample_rate=44100:duration=297",
                "-ac", "2", "-c:a", "pcm_s16le", "-map_metadata", "-1", "-fflags", "+bitexact", tmp])
        os.replace(tmp, stream)
        made += 1
    # A track of a typical length and size (4.8 MB, 27 s of the same noise) for the
    # whole-file row of the streams phase.
    medium = os.path.join(folder, "medium.wav")
    if not os.path.exists(medium):
        tmp = medium + ".tmp.wav"
        ffmpeg(["-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:sample_rate=44100:duration=27.2",
                "-ac", "2", "-c:a", "pcm_s16le", "-map_metadata", "-1", "-fflags", "+bitexact", tmp])
        os.replace(tmp, medium)
        made += 1
    print(f"templates: {made} made, in {folder}")


def template_path(folder, ext, rng):
    return os.path.join(folder, f"tone{rng.choice(FREQUENCIES)}.{ext}")


# --------------------------------------------------------------------------- tagging

def write_tags(path, ext, tags):
    """Writes tags to a fresh copy of a template with mutagen."""
    if ext == "mp3":
        from mutagen.easyid3 import EasyID3
        audio = EasyID3()
        for key in ("title", "artist", "album", "albumartist", "genre", "date", "tracknumber", "discnumber"):
            if key in tags:
                audio[key] = tags[key]
        audio.save(path, v2_version=4)
    elif ext == "flac":
        from mutagen.flac import FLAC
        audio = FLAC(path)
        for key, value in tags.items():
            audio[key] = value
        audio.save()
    elif ext == "ogg":
        from mutagen.oggvorbis import OggVorbis
        audio = OggVorbis(path)
        for key, value in tags.items():
            audio[key] = value
        audio.save()
    elif ext == "m4a":
        from mutagen.mp4 import MP4
        audio = MP4(path)
        mapping = {"title": "\xa9nam", "artist": "\xa9ART", "album": "\xa9alb", "albumartist": "aART",
                   "genre": "\xa9gen", "date": "\xa9day"}
        for key, atom in mapping.items():
            if key in tags:
                audio[atom] = [tags[key]]
        if "tracknumber" in tags:
            number, _, total = tags["tracknumber"].partition("/")
            audio["trkn"] = [(int(number), int(total or 0))]
        if "discnumber" in tags:
            audio["disk"] = [(int(tags["discnumber"]), 0)]
        audio.save()
    else:
        raise ValueError(ext)


# --------------------------------------------------------------------------- library

FORMATS_MIXED = [("mp3", 0.75), ("flac", 0.10), ("m4a", 0.08), ("ogg", 0.07)]
FORMATS_LINKS = [("mp3", 0.85), ("flac", 0.05), ("m4a", 0.05), ("ogg", 0.05)]


def plan_library(count, seed):
    """Yields (artist, album, album_artist, year, genre, [(disc, number, title)]) until `count` tracks."""
    vocab = Vocabulary(seed)
    rng = vocab.rng
    planned = 0
    artists = []
    used_albums = set()
    while planned < count:
        # Reuse an existing artist 55 % of the time: artists have several albums.
        if artists and rng.random() < 0.55:
            artist = rng.choice(artists[-400:])
        else:
            artist = vocab.artist()
            artists.append(artist)
        compilation = rng.random() < 0.04
        folder_artist = "Various Artists" if compilation else artist
        album = vocab.album()
        # Unique by folder (case-insensitively, for case-insensitive file systems too).
        while (folder_artist.lower(), album.lower()) in used_albums:
            album = vocab.album() + f" {rng.choice(['II', 'III', 'Vol. 2', 'Deluxe', 'Revisited', 'Redux'])}"
        used_albums.add((folder_artist.lower(), album.lower()))
        size = min(rng.randint(6, 16), count - planned)
        discs = 2 if size >= 14 and rng.random() < 0.3 else 1
        tracks = []
        titles = set()
        for n in range(size):
            title = vocab.title()
            while title.lower() in titles:
                title = vocab.title() + " " + rng.choice(["Reprise", "Interlude", "Again", "Outro"])
            titles.add(title.lower())
            disc = 1 if discs == 1 else (1 if n < size // 2 else 2)
            number = n + 1 if discs == 1 else (n + 1 if disc == 1 else n + 1 - size // 2)
            track_artist = vocab.artist() if compilation else artist
            tracks.append((disc, number, title, track_artist))
        planned += size
        yield {
            "artist": folder_artist,
            "album": album,
            "compilation": compilation,
            "year": rng.randint(1958, 2024),
            "genre": vocab.genre(),
            "tracks": tracks,
        }


def pick(rng, weighted):
    r = rng.random()
    acc = 0.0
    for value, weight in weighted:
        acc += weight
        if r < acc:
            return value
    return weighted[-1][0]


_link_sources = {}


def link(source, target):
    """Hard-links source at target; past the file system's link limit (65,000 on ext4),
    continues from a fresh copy of the source."""
    current = _link_sources.get(source, source)
    try:
        os.link(current, target)
    except OSError as error:
        if error.errno != errno.EMLINK:
            raise
        shutil.copyfile(source, target)
        _link_sources[source] = target


def build_library(templates, root, count, mode, seed, stream_file):
    start = time.time()
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(root)
    rng = random.Random(seed + 7)
    template_bytes = {}
    covers = [os.path.join(templates, f"cover{i}.jpg") for i in range(3)]
    counts = {"tagged": 0, "untagged": 0, "covers": 0, "albums": 0}
    by_ext = {}
    made = 0
    for album in plan_library(count, seed):
        counts["albums"] += 1
        formats = FORMATS_MIXED if mode == "mixed" else FORMATS_LINKS
        ext = pick(rng, formats)
        tagged = mode == "mixed" and rng.random() < 0.70
        folder = os.path.join(root, safe_name(album["artist"]), safe_name(album["album"]))
        os.makedirs(folder, exist_ok=True)
        cover_roll = rng.random()
        if cover_roll < 0.45:
            name = "cover.jpg" if cover_roll < 0.38 else "folder.jpg"
            link(rng.choice(covers), os.path.join(folder, name))
            counts["covers"] += 1
        total = len(album["tracks"])
        multi_disc = any(disc == 2 for disc, *_ in album["tracks"])
        for disc, number, title, track_artist in album["tracks"]:
            prefix = f"{disc}-{number:02d}" if multi_disc else f"{number:02d}"
            path = os.path.join(folder, f"{prefix} - {safe_name(title)}.{ext}")
            template = template_path(templates, ext, rng)
            if tagged:
                data = template_bytes.get(template)
                if data is None:
                    with open(template, "rb") as handle:
                        data = template_bytes[template] = handle.read()
                with open(path, "wb") as handle:
                    handle.write(data)
                tags = {
                    "title": title, "artist": track_artist, "album": album["album"],
                    "genre": album["genre"].title(), "date": str(album["year"]),
                    "tracknumber": f"{number}/{total}",
                }
                if album["compilation"] or rng.random() < 0.2:
                    tags["albumartist"] = album["artist"]
                if multi_disc:
                    tags["discnumber"] = str(disc)
                write_tags(path, ext, tags)
                counts["tagged"] += 1
            else:
                link(template, path)
                counts["untagged"] += 1
            by_ext[ext] = by_ext.get(ext, 0) + 1
            made += 1
            if made % 10000 == 0:
                print(f"  {made}/{count} tracks ({time.time() - start:.1f} s)", flush=True)
    if stream_file:
        folder = os.path.join(root, "Loopback Bench", "Throughput Tests")
        os.makedirs(folder, exist_ok=True)
        link(stream_file, os.path.join(folder, "01 - Loopback Stream Tone.wav"))
        by_ext["wav"] = by_ext.get("wav", 0) + 1
        made += 1
        medium = os.path.join(os.path.dirname(stream_file), "medium.wav")
        if os.path.exists(medium):
            link(medium, os.path.join(folder, "02 - Loopback Medium Tone.wav"))
            by_ext["wav"] += 1
            made += 1
    formats = ", ".join(f"{k} {v}" for k, v in sorted(by_ext.items(), key=lambda kv: -kv[1]))
    print(f"library: {made} tracks in {counts['albums']} albums ({counts['tagged']} tagged, "
          f"{counts['untagged']} untagged, {counts['covers']} album folders with a cover image; {formats}) "
          f"in {time.time() - start:.1f} s -> {root}")


def write_queries(path, seed):
    """A rotating list of realistic queries: common and rare words, artist names, prefixes, pairs."""
    vocab = Vocabulary(seed)
    rng = random.Random(seed + 99)
    words = vocab.title_words
    queries = []
    queries += words[:12]                                   # the most common title words
    queries += rng.sample(words[12:80], 12)                 # mid-frequency words
    queries += rng.sample(words[80:], 10)                   # rare words
    queries += [w[:3] for w in rng.sample(words[:60], 6)]   # 3-letter prefixes (typing)
    queries += [w[:4] for w in rng.sample(words, 6)]        # 4-letter prefixes
    queries += [w[:2] for w in rng.sample(words[:40], 3)]   # 2-letter prefixes (first keystrokes)
    queries += [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(5)]
    queries += [f"the {rng.choice(NOUNS)}" for _ in range(3)]
    queries += rng.sample(GENRES, 3)
    queries += [f"{rng.choice(words[:30])} {rng.choice(words[:150])}" for _ in range(6)]
    queries += ["cafe", "motley", "senorita", "live at", "songs of"]
    queries += ["zzyzx", "qwerty"]                          # no hits
    with open(path, "w") as handle:
        for query in queries:
            handle.write(urllib.parse.quote(query) + "\n")
    print(f"queries: {len(queries)} -> {path}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["templates", "library", "queries"])
    parser.add_argument("--templates", required=True)
    parser.add_argument("--root")
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--mode", choices=["mixed", "links"], default="mixed")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--queries")
    parser.add_argument("--stream-file")
    args = parser.parse_args()
    if args.command == "templates":
        make_templates(args.templates)
    elif args.command == "queries":
        write_queries(args.queries, args.seed)
    else:
        if not args.root:
            sys.exit("--root is required")
        build_library(args.templates, args.root, args.count, args.mode, args.seed, args.stream_file)
        if args.queries:
            write_queries(args.queries, args.seed)


if __name__ == "__main__":
    main()
