"""The base for each app's domain exception: a translated message, optionally per field."""


class DomainError(Exception):
    """Raised by services when a rule of the domain refuses an operation.

    `field` names the input at fault (for forms and the API's error shape).
    """

    status_code = 400

    def __init__(self, message, *, field: str | None = None, code: str = "invalid"):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return str(self.message)


class NotFound(DomainError):
    """Not found or not allowed: the two look the same to an outsider."""

    status_code = 404


class PermissionDenied(DomainError):
    status_code = 403
