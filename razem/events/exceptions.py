from razem.core.exceptions import DomainError


class EventError(DomainError):
    """A rule about events or registrations refused the operation.

    `status_code`: 400 for bad input (the default), 403 when the person may not do it,
    409 when the event or registration is no longer in a state that allows it.
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
