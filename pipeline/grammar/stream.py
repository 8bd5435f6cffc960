"""The tokens of one text for one language, with the look-ups every rule of the grammar uses.

A :class:`TokenStream` answers the questions the rules ask: is token ``i`` on the same line
as the one before, glued to it, which phrase starts at ``i``.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.grammar.lexicon import Lexicon
from pipeline.grammar.tokens import Phrases, Tok, tokenize


class TokenStream:
    """The tokens of one text in one language, with the look-ups the rules need."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.toks = tokenize(text, lex)
        if lex.spaced_decimals:
            self.toks = self._join_spaced_decimals(self.toks)
        self.n = len(self.toks)

    def _join_spaced_decimals(self, toks: list[Tok]) -> list[Tok]:
        """``2 , 5 мың`` → one number token ``2 , 5`` (digits ``2.5``) before a multiplier
        or a unit word; a list (``14 , 8``) is left alone."""
        out: list[Tok] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            if i + 3 < len(toks) and self._spaced_decimal(toks[i : i + 4]):
                frac = toks[i + 2]
                text = self.text[t.start : frac.end]
                out.append(
                    Tok(
                        t.start,
                        frac.end,
                        text,
                        "num",
                        text.lower(),
                        f"{t.num}.{frac.num}",
                        frac.suf,
                        frac.hyph,
                    )
                )
                i += 3
                continue
            out.append(t)
            i += 1
        return out

    def _spaced_decimal(self, four: list[Tok]) -> bool:
        whole, comma, frac, nxt = four
        if whole.kind != "num" or comma.text != "," or frac.kind != "num" or whole.suf:
            return False
        if not whole.num.isdigit() or not frac.num.isdigit() or len(frac.num) > 2:
            return False
        gaps = (self.text[whole.end : comma.start], self.text[comma.end : frac.start])
        if gaps != (" ", " "):
            return False
        follower = (
            frac.suf if frac.suf else (nxt.low if self.text[frac.end : nxt.start] == " " else "")
        )
        if not follower:
            return False
        if follower in ("%", "‰") or follower in self.lex.not_count_after_table:
            return True
        hit = self.lex.number_word(follower)
        if hit is not None and hit.kind == "mult":
            return True
        return any(follower.startswith(w) for w in self.lex.not_count_after if len(w) >= 4)

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < self.n else None

    def joined(self, i: int) -> bool:
        """Token ``i`` follows token ``i-1`` on the same line (only spaces between)."""
        if i <= 0 or i >= self.n:
            return False
        gap = self.text[self.toks[i - 1].end : self.toks[i].start]
        return "\n" not in gap and "\r" not in gap and not gap.strip()

    def glued(self, i: int) -> bool:
        """Token ``i`` touches token ``i-1`` (no space between)."""
        return 0 < i < self.n and self.toks[i - 1].end == self.toks[i].start

    def ok(self, j: int) -> bool:
        """Token ``j`` exists and follows its predecessor on the same line."""
        return j < self.n and self.joined(j)

    def word(self, i: int) -> str | None:
        t = self.tok(i)
        return t.low if t is not None and t.kind == "word" else None

    def skip_comma(self, j: int) -> int:
        """The index after a comma glued to the previous token at ``j`` (else ``j``)."""
        t = self.tok(j)
        if t is not None and t.text == "," and self.glued(j):
            return j + 1
        return j

    def phrase_at(self, i: int, phrases: Iterable[tuple[str, ...]]) -> int | None:
        """End index of the first (longest) phrase matching at ``i``."""
        if i >= self.n:
            return None
        if isinstance(phrases, Phrases):
            phrases = phrases.by_first.get(self.toks[i].low, ())
        for ph in phrases:
            k = len(ph)
            if i + k > self.n:
                continue
            ok = True
            for m, w in enumerate(ph):
                t = self.toks[i + m]
                if t.low != w or (m and not self.joined(i + m)):
                    ok = False
                    break
            if ok:
                return i + k
        return None

    def phrase_before(self, i: int, phrases: Iterable[tuple[str, ...]]) -> bool:
        """Some phrase ends right before token ``i`` (on the same line)."""
        for ph in phrases:
            k = len(ph)
            s = i - k
            if s < 0 or not self.joined(i):
                continue
            if all(self.toks[s + m].low == w for m, w in enumerate(ph)) and all(
                self.joined(s + m) for m in range(1, k)
            ):
                return True
        return False

    def sentence_initial(self, i: int) -> bool:
        if i == 0:
            return True
        if not self.joined(i):
            return True
        prev = self.toks[i - 1]
        return prev.kind == "punct" and prev.text in ".!?:;\"“”«»'()[]-–—•"

    def prev_text(self, i: int) -> str:
        """The lower-cased text before token ``i`` on its line (at most 40 characters)."""
        s = self.toks[i].start
        line_start = max(self.text.rfind("\n", max(0, s - 40), s) + 1, s - 40)
        return self.text[line_start:s].lower()
