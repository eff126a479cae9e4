"""What a WordPress import did, as the command prints it, and the error that stops one."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from muhabir.wordpress.wxr import Item


class WordPressImportError(Exception):
    """The import cannot go ahead; the message says why."""


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    dry_run: bool = False
    site_url: str = ""
    wxr_version: str = ""
    total: int = 0
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    ignored_types: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    redirects: int = 0
    images_created: int = 0
    images_reused: int = 0
    # Posts with a password on the old site: imported behind the same password here.
    protected: int = 0
    sections_created: list[str] = field(default_factory=list)
    shortcodes: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def warn(self, item: Item | None, message: str) -> None:
        prefix = f"{item.post_type} {item.wp_id}: " if item is not None else ""
        self.warnings.append(prefix + message)

    def summary(self) -> list[str]:
        """The report as lines of plain text."""
        verb = "would be " if self.dry_run else ""
        lines = [
            f"{'Dry run: ' if self.dry_run else ''}WordPress export {self.site_url} "
            f"(WXR {self.wxr_version}), {self.total} posts and pages",
            f"created: {self._counts(self.created)}",
            f"updated: {self._counts(self.updated)}",
            f"unchanged: {self.unchanged}",
            f"skipped: {len(self.skipped)}",
            f"redirects: {self.redirects}",
            f"images: {self.images_created} {verb}imported, {self.images_reused} reused",
            f"with a password: {self.protected} {verb}imported behind their password",
            f"languages: {self._counts(self.languages)}",
        ]
        if self.sections_created:
            lines.append(f"sections {verb}created: {', '.join(self.sections_created)}")
        if self.ignored_types:
            lines.append(f"ignored item types: {self._counts(self.ignored_types)}")
        if self.shortcodes:
            lines.append(f"shortcodes kept as text: {self._counts(self.shortcodes)}")
        lines += [f"skipped {line}" for line in self.skipped]
        lines.append(f"warnings: {len(self.warnings)}")
        lines += [f"warning {line}" for line in self.warnings]
        return lines

    @staticmethod
    def _counts(counter: Counter) -> str:
        return ", ".join(f"{key} {value}" for key, value in sorted(counter.items())) or "0"
