"""Who is acting for whom: an applicant for themself, or a family helper for a linked person."""
from dataclasses import dataclass

from ...models import User


@dataclass(frozen=True)
class Acting:
    actor: User
    person: User

    @property
    def on_behalf(self) -> bool:
        return self.actor.id != self.person.id
