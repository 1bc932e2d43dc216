"""Write copydesk/core/stopwords_more.py: stopword lists for the languages py3langid names and copydesk has
no curated list for (copydesk/core/lang.py's _SW), taken from jusText's lists (BSD 2-Clause; the notice is
copied into the module). jusText's files are ordered by frequency in Wikipedia; the first TOP distinct
lower-cased words of each (copydesk's tokens) are kept (on the news dev set's text dumps jusText's English list, whole or cut to
its first 200 words, scored F1 0.952, as copydesk's curated English list does: the lists and the classifier's
stopword-ratio threshold go together).

  pip install justext   # a dev-time source only: copydesk does not depend on it
  python scripts/vendor_stopwords.py [--stoplists DIR] [--out copydesk/core/stopwords_more.py]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from copydesk.core.classify import _TOKEN

TOP = 200
# ISO 639-1 (as py3langid answers) -> jusText's file name. Left out: the languages with a curated list in
# lang._SW, CJK (the classifier's character rule stands in), and codes whose script differs from the list's
# (py3langid's "pa" is Gurmukhi, jusText's Western Panjabi is Shahmukhi).
NAMES = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "an": "Aragonese", "hy": "Armenian",
    "az": "Azerbaijani", "eu": "Basque", "be": "Belarusian", "bn": "Bengali", "bs": "Bosnian", "br": "Breton",
    "bg": "Bulgarian", "ca": "Catalan", "hr": "Croatian", "cs": "Czech", "da": "Danish", "eo": "Esperanto",
    "et": "Estonian", "fi": "Finnish", "gl": "Galician", "ka": "Georgian", "el": "Greek", "gu": "Gujarati",
    "ht": "Haitian", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "is": "Icelandic", "ig": "Igbo",
    "ga": "Irish", "jv": "Javanese", "kn": "Kannada", "kk": "Kazakh", "ku": "Kurdish", "ky": "Kyrgyz",
    "la": "Latin", "lv": "Latvian", "lt": "Lithuanian", "lb": "Luxembourgish", "mk": "Macedonian",
    "ms": "Malay", "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi", "ne": "Nepali", "no": "Norwegian_Bokmal",
    "nn": "Norwegian_Nynorsk", "oc": "Occitan", "fa": "Persian", "qu": "Quechua", "ro": "Romanian",
    "sr": "Serbian", "sk": "Slovak", "sl": "Slovenian", "sw": "Swahili", "tl": "Tagalog", "ta": "Tamil",
    "te": "Telugu", "tk": "Turkmen", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "vo": "Volapuk", "wa": "Walloon", "cy": "Welsh", "fy": "West_Frisian", "yo": "Yoruba",
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stoplists", help="jusText's stoplists folder (default: the installed justext's)")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "copydesk" / "core" / "stopwords_more.py"))
    a = ap.parse_args()
    if a.stoplists:
        folder = Path(a.stoplists)
    else:
        import importlib.util
        folder = Path(importlib.util.find_spec("justext").submodule_search_locations[0]) / "stoplists"
    lines = []
    for code, name in sorted(NAMES.items()):
        words: list[str] = []
        for w in (folder / f"{name}.txt").read_text(encoding="utf-8").split("\n"):
            w = w.strip().lower()
            # an entry that is not one of copydesk's tokens (classify._TOKEN), "है।" say, could never match
            if _TOKEN.fullmatch(w) and w not in words:
                words.append(w)
            if len(words) == TOP:
                break
        lines.append(f"    {code!r}: {' '.join(words)!r},")
    Path(a.out).write_text(
        '"""Stopword lists for languages without a curated list in lang.py: the first %d distinct words of\n'
        "jusText's frequency-ordered lists, written by scripts/vendor_stopwords.py (do not edit by hand).\n\n"
        "The lists come from jusText (https://github.com/miso-belica/jusText), under its licence:\n\n"
        "Copyright (c) 2011, Jan Pomikalek <jan.pomikalek@gmail.com>\n"
        "Copyright (c) 2013, Michal Belica\n"
        "All rights reserved.\n\n"
        "Redistribution and use in source and binary forms, with or without modification, are permitted provided\n"
        "that the following conditions are met: redistributions of source code must retain the above copyright\n"
        "notice, this list of conditions and the following disclaimer; redistributions in binary form must\n"
        "reproduce the above copyright notice, this list of conditions and the following disclaimer in the\n"
        "documentation and/or other materials provided with the distribution.\n\n"
        "THIS SOFTWARE IS PROVIDED BY THE REGENTS AND CONTRIBUTORS ''AS IS'' AND ANY EXPRESS OR IMPLIED WARRANTIES,\n"
        "INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR\n"
        "PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE REGENTS OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT,\n"
        "INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF\n"
        "SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND\n"
        "ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR\n"
        "OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH\n"
        'DAMAGE.\n"""\n' % TOP
        + "MORE: dict[str, str] = {\n" + "\n".join(lines) + "\n}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
