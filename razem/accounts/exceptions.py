from razem.core.exceptions import DomainError


class AccountError(DomainError):
    """An operation on a person's own account was refused (wrong password, last
    representative of an organisation, ...)."""
