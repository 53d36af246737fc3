"""References: the works the site relies on, cited from any page with ``{{ cite <key> }}``.

A :class:`Reference` is a module-level object of ``scripts/topics/references/`` (the
references page's topic), named by its citation key. A citation shows the authors and year and
links to the entry on the references page; the entry gives the full citation and a stable
identifier (a DOI or an arXiv number).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitebuild import BuildError

TOPIC = "references"  # the topic that holds every Reference, and the page that lists them


@dataclass(frozen=True)
class Reference:
    name: str  # the citation key: first author's surname and year, lower case (glorot2010)
    authors: tuple[str, ...]  # "Xavier Glorot", in the order of the paper
    title: str
    venue: str
    year: int  # 0 for an undated work (shown "n.d.")
    doi: str = ""
    arxiv: str = ""
    url: str = ""  # only for a work with neither DOI nor arXiv number

    def __post_init__(self):
        if not (self.doi or self.arxiv or self.url):
            raise BuildError(f"reference '{self.name}' has no DOI, arXiv number or address")

    @staticmethod
    def _surname(author: str) -> str:
        return author.split()[-1]

    @property
    def when(self) -> str:
        return str(self.year) if self.year else "n.d."

    def short(self) -> str:
        """How the prose cites it: "Glorot and Bengio (2010)", "He et al. (2015)"."""
        surnames = [self._surname(author) for author in self.authors]
        if len(surnames) == 1:
            who = surnames[0]
        elif len(surnames) == 2:
            who = f"{surnames[0]} and {surnames[1]}"
        else:
            who = f"{surnames[0]} et al."
        return f"{who} ({self.when})"

    def sort_key(self) -> tuple:
        return (self._surname(self.authors[0]).lower(), self.year, self.title)

    def entry(self) -> str:
        """The full citation as a list item (Markdown inside), with its anchor."""
        authors = ", ".join(self.authors[:-1]) + (" and " if len(self.authors) > 1 else "")
        authors += self.authors[-1]
        links = []
        if self.doi:
            links.append(f"[doi:{self.doi}](https://doi.org/{self.doi})")
        if self.arxiv:
            links.append(f"[arXiv:{self.arxiv}](https://arxiv.org/abs/{self.arxiv})")
        if self.url and not links:
            links.append(f"<{self.url}>")
        return (
            f'<li id="{self.name}" markdown="span">{authors} ({self.when}). {self.title}. '
            f"*{self.venue}*. " + " ".join(links) + "</li>"
        )
