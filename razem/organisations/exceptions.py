from razem.core.exceptions import DomainError


class OrganisationError(DomainError):
    """A rule of the NGO registry refused the operation.

    `status_code` is 400 for bad input (the default) and 403 when the person may not
    do it, so the API can answer with the right status.
    """

    def __init__(
        self,
        message,
        *,
        field: str | None = None,
        code: str = "invalid",
        status_code: int = 400,
    ):
        super().__init__(message, field=field, code=code)
        self.status_code = status_code
