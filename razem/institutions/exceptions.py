from razem.core.exceptions import DomainError


class InstitutionError(DomainError):
    """Raised when a rule about institutions, their units, groups or staff refuses."""
