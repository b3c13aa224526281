from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One searchable object, as index terms per weighted field.

    The full-text structures live beside this table and are kept in step by the
    database: an FTS5 table with triggers on SQLite, a generated tsvector column with a
    GIN index on PostgreSQL (migration 0001).
    """

    kind = models.CharField(_("kind"), max_length=30)
    object_id = models.PositiveBigIntegerField(_("object id"))
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("address"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    territory_code = models.CharField(_("TERC code"), max_length=7, blank=True)
    area_codes = models.CharField(
        _("public benefit areas"),
        max_length=1000,
        blank=True,
        help_text="|code|code| for substring filtering",
    )
    name_terms = models.TextField(blank=True)
    short_terms = models.TextField(blank=True)
    area_terms = models.TextField(blank=True)
    description_terms = models.TextField(blank=True)
    resources_terms = models.TextField(blank=True)
    # Filters as index terms (kind, every level of the territory, areas, the kind's own
    # facets), so the full-text index answers filtered searches on its own.
    facet_terms = models.TextField(blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="search_doc_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "territory_code"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"
