from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.RAZEM_SITE_NAME}
