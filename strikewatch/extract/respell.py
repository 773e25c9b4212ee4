"""Russian spellings of Ukrainian place names, turned into the Ukrainian spelling GeoNames uses.

News copy, Russian agencies above all, spells towns of Ukraine as transliterated from Russian:
Gorlovka, Lugansk, Zaitsevo, Zolotoye, Popasnaya, Avdeyevka; GeoNames names them from Ukrainian:
Horlivka, Luhansk, Zaitseve, Zolote, Popasna, Avdiivka. The two differ regularly: Russian g is
Ukrainian h, and the endings of place names change (-ovo/-evo -> -ove/-eve, -oye -> -e, -skoye ->
-ske, -aya -> -a, -ovka/-evka -> -ivka, -eyevka -> -iivka, -ino -> -yne, -pol -> -pil). `ukrainian` applies
these to a spelling key (gazetteer.norm); the gazetteer tries the result only for an article about
Ukraine, and only where the spelling as written names no place there.

    >>> ukrainian("gorlovka"), ukrainian("zaitsevo"), ukrainian("stanitsa luganskaya")
    ('horlivka', 'zaitseve', 'stanitsa luhanska')
"""

from __future__ import annotations

import re

# word endings, longest first: (Russian, Ukrainian)
_ENDINGS = (("ovskoye", "ivske"), ("evskoye", "ivske"), ("skoye", "ske"), ("skoe", "ske"), ("tskiy", "tskyi"),
            ("skiy", "skyi"), ("eyevka", "iivka"), ("iyevka", "iivka"), ("yevka", "iivka"), ("eevka", "iivka"),
            ("ovka", "ivka"), ("evka", "ivka"), ("iyevo", "iieve"), ("yevo", "ieve"), ("ovo", "ove"), ("evo", "eve"),
            ("oye", "e"), ("oe", "e"), ("aya", "a"), ("ino", "yne"),
            ("pol", "pil"))  # Borispol, Boryspil; Mariupol keeps -pol, found as written before any rule
_WORD = re.compile(r"[a-z]+")


def ukrainian(key: str) -> str | None:
    """The Ukrainian spelling of a Russian-spelled name key, or None when the rules change nothing."""
    def word(m: re.Match[str]) -> str:
        w = m.group(0).replace("g", "h")
        for ru, uk in _ENDINGS:
            if w.endswith(ru) and len(w) > len(ru) + 2:
                return w[: -len(ru)] + uk
        return w

    out = _WORD.sub(word, key)
    return out if out != key else None
