"""Stand-in for ytmusicapi, for bench/run (after Tests/TestSupport/RemoteFixtures.swift).

YTMusic().search(query, filter, limit) answers from the JSON file named by the environment
variable BENCH_YTMUSIC_RESULTS: {"query": [result, ...], ...}, each result shaped like
ytmusicapi's (videoId, title, artists: [{name}], album, duration_seconds, resultType).
Unknown queries get no results. Nothing here touches the network.
"""
import json
import os


class YTMusic:
    def __init__(self, *args, **kwargs):
        self._path = os.environ.get("BENCH_YTMUSIC_RESULTS", "")

    def search(self, query, filter=None, limit=20, **kwargs):
        with open(self._path) as results:
            answers = json.load(results)
        if filter == "videos":
            return []
        return answers.get(query, [])[:limit]
