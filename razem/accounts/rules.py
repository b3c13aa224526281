"""Who may do what with accounts: a person manages their own account only.

`is_platform_admin` is shared with other apps' rules (a platform administrator is a
superuser; Django grants active superusers every permission anyway).
"""

import rules


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


is_signed_in = rules.is_authenticated & rules.is_active

rules.add_perm("accounts.export_own_data", is_signed_in)
rules.add_perm("accounts.manage_own_tokens", is_signed_in)
rules.add_perm("accounts.delete_own_account", is_signed_in)
