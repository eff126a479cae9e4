"""Fetch the press-release feeds and file their new items as draft articles (run from cron)."""

from django.core.management.base import BaseCommand, CommandError

from muhabir.ingest.fetching import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from muhabir.ingest.models import FeedSource
from muhabir.ingest.services import feed_sources_ingest
from muhabir.operations.jobs import record_job_run


class Command(BaseCommand):
    help = (
        "Fetch every active feed source and make a draft article of each new item. "
        "A failing source is reported on stderr; the exit code stays 0."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            type=int,
            action="append",
            metavar="ID",
            help="Fetch only the source with this ID, active or not (repeatable).",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=DEFAULT_TIMEOUT,
            metavar="SECONDS",
            help=f"Give up on a feed or image after this long (default: {DEFAULT_TIMEOUT:g}).",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=DEFAULT_MAX_BYTES,
            metavar="N",
            help=f"Refuse a feed or image larger than this (default: {DEFAULT_MAX_BYTES}).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Fetch and count the new items, but create nothing and record nothing.",
        )

    @record_job_run("ingest_feeds")
    def handle(self, *args, source, timeout, max_bytes, dry_run, **options):
        if timeout <= 0:
            raise CommandError("--timeout must be more than 0 seconds.")
        if max_bytes < 1:
            raise CommandError("--max-bytes must be at least 1.")
        sources = None
        if source:
            sources = FeedSource.objects.filter(pk__in=source)
            missing = sorted(set(source) - set(sources.values_list("pk", flat=True)))
            if missing:
                raise CommandError(
                    "No feed source with ID " + ", ".join(str(pk) for pk in missing) + "."
                )
        reports = feed_sources_ingest(
            sources=sources, timeout=timeout, max_bytes=max_bytes, dry_run=dry_run
        )
        verbose = options["verbosity"] > 0
        prefix = "[dry run] " if dry_run else ""
        for report in reports:
            if report.failed:
                self.stderr.write(prefix + report.line())
            elif verbose:
                self.stdout.write(prefix + report.line())
            for warning in report.warnings:
                self.stderr.write(f"{prefix}{report.source.name} (#{report.source.pk}): {warning}")
        if verbose:
            failed = sum(report.failed for report in reports)
            created = sum(report.created for report in reports)
            self.stdout.write(
                f"{prefix}{len(reports)} sources fetched, {created} articles created, "
                f"{failed} with errors."
            )
