from razem.core.exceptions import DomainError


class TerritoryError(DomainError):
    """Raised when a territory is asked for by a code that is not in the register."""
