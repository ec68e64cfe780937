"""Platform administration of the knowledge bank: look, never read originals, never edit.

Stories change only through their author's services (consent, review, withdrawal), so
the admin is read-only. It never shows private originals: the encrypted title and story,
the versions, the suggestions (each holds an original span) and a narrator's name are
not in it at all. Opening a story here is a read of someone's data: it is written to the
author's inzage-log (`services.experience_admin_read_record`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from kwartier.accounts.models import Domain
from kwartier.knowledge import services
from kwartier.knowledge.models import ConsentRecord, Experience

#: Fields that hold original (not de-identified) text; never shown in the admin.
ORIGINAL_FIELDS = ("title_original", "text_original", "given_by_name")


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "is_active")
    prepopulated_fields = {"slug": ("name",)}


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Experience)
class ExperienceAdmin(ReadOnlyAdmin):
    list_display = ("pk", "organisation", "state", "visibility", "shared_at", "updated_at")
    list_filter = ("state", "visibility")
    exclude = (
        "title_original",
        "text_original",
        "source_hash",
        "surrogate_seed",
        "deid_job",
    )
    fields = readonly_fields = (
        "public_id",
        "organisation",
        "author",
        "recorded_by",
        "state",
        "visibility",
        "shared_title",
        "shared_text",
        "shared_tags",
        "shared_at",
        "published_at",
        "withdrawn_at",
        "life_phase",
        "language",
        "revision",
    )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        experience = (
            Experience.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        )
        if experience is not None and response.status_code == 200:
            services.experience_admin_read_record(experience=experience, administrator=request.user)
        return response


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = ("experience_ref", "kind", "scope", "consent_date", "created_at")
    list_filter = ("kind", "scope")
    exclude = ("given_by_name",)
    fields = readonly_fields = (
        "experience",
        "experience_ref",
        "organisation",
        "kind",
        "given_by",
        "consent_date",
        "scope",
        "purposes",
        "text_hash",
        "preview_hash",
        "text_version",
    )
