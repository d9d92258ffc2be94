"""What every handoff test asserts (docs/notices.md): who is told, the words and the link in
their "Việc cần làm", the e-mail, that nobody else is told, and that the notice closes."""

from django.urls import reverse

from tests.conftest import login
from thidua.notices.models import Notification


def give_email(*users) -> None:
    for user in users:
        user.email = f"{user.username}@thidua.test"
        user.save(update_fields=["email"])


def handoff_notices(user):
    return Notification.objects.filter(user=user, key__startswith="handoff:")


def assert_told(told, not_told, words: str, url: str, mailoutbox) -> None:
    """Every user of TOLD has one open notice reading WORDS, linking URL, and got it by
    e-mail; no user of NOT_TOLD has any notice."""
    for user in told:
        notes = list(handoff_notices(user).filter(closed_at__isnull=True))
        assert [(n.title, n.url) for n in notes] == [(words, url)], (user.username, [(n.title, n.url) for n in notes])
        mails = [m for m in mailoutbox if m.to == [user.email]]
        assert len(mails) == 1 and words in mails[0].subject and url in mails[0].body, user.username
    for user in not_told:
        assert not handoff_notices(user).exists(), user.username
        assert not [m for m in mailoutbox if m.to == [user.email]], user.username


def assert_on_todo_page(client, user, words: str) -> None:
    login(client, user)
    assert words in client.get(reverse("notices:todo")).content.decode()
    client.logout()


def assert_closed(told, words: str) -> None:
    """The notices reading WORDS are closed (the history keeps them)."""
    for user in told:
        notes = handoff_notices(user).filter(title=words)
        assert notes.exists() and not notes.filter(closed_at__isnull=True).exists(), user.username
