from django.apps import apps


def home_summary() -> dict:
    Organisation = apps.get_model("organisations", "Organisation")
    Institution = apps.get_model("institutions", "Institution")
    return {
        "organisation_count": Organisation.objects.count(),
        "institution_count": Institution.objects.count(),
        "latest_organisations": Organisation.objects.select_related("seat").order_by(
            "-created_at"
        )[:6],
    }
