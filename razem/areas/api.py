"""GET /api/v1/areas: the public benefit areas (art. 4 of the Act)."""

from ninja import Router, Schema

from razem.areas.selectors import area_list

router = Router(tags=["areas"])


class AreaOut(Schema):
    code: str
    name: str
    name_pl: str
    name_en: str


@router.get("", response=list[AreaOut], summary="List public benefit areas")
def areas(request):
    """All areas; `name` is in the language of the request (Accept-Language)."""
    return list(area_list())
