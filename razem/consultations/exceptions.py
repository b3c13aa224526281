from razem.core.exceptions import DomainError


class ConsultationError(DomainError):
    """A rule about consultations refused the operation.

    `status_code`: 400 for bad input (the default), 403 when the person may not do it,
    409 when the consultation is not in a phase that allows it.
    """

    def __init__(
        self,
        message,
        *,
        field: str | None = None,
        code: str = "invalid",
        status_code: int = 400,
        details: list | None = None,
    ):
        super().__init__(message, field=field, code=code)
        self.status_code = status_code
        self.details = details or []
